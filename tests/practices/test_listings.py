"""The practice bank's interface to other apps (mentor profiles, communities, the home page)."""

from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext

import pytest

from practices.listings import (
    latest_practices,
    practices_by_author,
    practices_by_users,
    published_practices,
)
from tests.practices.factories import MentorProfileFactory, PracticePageFactory, now_minus


@pytest.mark.django_db
def test_practices_by_author_and_by_users(index, mentor, teacher):
    profile = mentor.mentor_profile
    other = MentorProfileFactory()
    mine = PracticePageFactory(
        parent=index, title="Моя", authors=[profile], published_at=now_minus(3)
    )
    shared = PracticePageFactory(
        parent=index, title="Общая", authors=[other, profile], published_at=now_minus(1)
    )
    PracticePageFactory(parent=index, title="Чужая", authors=[other])
    PracticePageFactory(parent=index, title="Мой черновик", authors=[profile], live=False)

    assert list(practices_by_author(profile)) == [shared, mine]
    assert list(practices_by_users([mentor.pk])) == [shared, mine]
    assert list(practices_by_users([teacher.pk])) == []
    assert practices_by_users([mentor.pk, other.pk + 1000]).count() == 2


@pytest.mark.django_db
def test_latest_practices_newest_first_and_cards_cost_no_queries(index):
    for number in range(8):
        PracticePageFactory(
            parent=index,
            title=f"Практика {number}",
            published_at=now_minus(number),
            authors=[MentorProfileFactory()],
            levels=["ooo", "soo"],
        )
    practices = list(latest_practices(limit=6))
    assert [practice.title for practice in practices] == [
        f"Практика {number}" for number in range(6)
    ]
    with CaptureQueriesContext(connection) as queries:
        for practice in practices:
            render_to_string("practices/includes/practice_card.html", {"practice": practice})
    # Only the page URL machinery may ask once for the site's root paths.
    assert len(queries) <= 1


@pytest.mark.django_db
def test_only_live_public_practices(index):
    from wagtail.models import PageViewRestriction

    live = PracticePageFactory(parent=index, title="Видна")
    hidden = PracticePageFactory(parent=index, title="Закрыта паролем")
    PageViewRestriction.objects.create(page=hidden, restriction_type="password", password="x")
    PracticePageFactory(parent=index, title="Черновик", live=False)
    assert list(published_practices()) == [live]
