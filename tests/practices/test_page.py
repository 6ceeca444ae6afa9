"""A practice page: authors, related practices, print version, constant queries."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from practices.bank import related_practices
from practices.models import MentoringForm, PracticePage
from tests.practices.factories import MentorProfileFactory, PracticePageFactory


@pytest.mark.django_db
def test_the_page_shows_what_a_colleague_needs(client, index, mentor):
    profile = mentor.mentor_profile
    practice = PracticePageFactory(
        parent=index,
        title="Кейс-клуб",
        authors=[profile],
        levels=["ooo", "soo"],
        subjects=["vospitanie"],
        competencies=["upravlenie-klassom"],
        tags=["дисциплина"],
        organisation=profile.organisation,
        recommended=True,
    )
    html = client.get(practice.url).content.decode()
    for text in [
        "Кейс-клуб",
        "Проблема и профессиональный дефицит",
        "Как реализовать: шаги",
        "Установочная встреча",
        "Основное общее образование; Среднее общее образование",
        "Воспитательная работа и классное руководство",
        "Управление классом и дисциплина",
        "Рекомендована к тиражированию",
        "пары «наставник — молодой педагог»",
        "Все молодые педагоги остались в школе.",
    ]:
        assert text in html, text
    assert f'<a href="{profile.get_absolute_url()}">Смирнова Елена Викторовна</a>' in html
    assert f'href="{index.url}?tag=' in html
    assert f'href="{index.url}?form=uchitel-uchitel"' in html
    # Printing: a button for people with JavaScript, the source address for the paper.
    assert "data-print hidden" in html
    assert 'class="print-only print-source"' in html


@pytest.mark.django_db
def test_related_practices_share_tags_first_then_the_form(index):
    practice = PracticePageFactory(parent=index, title="Основная", tags=["адаптация", "ИПР"])
    both = PracticePageFactory(parent=index, title="Две общие метки", tags=["адаптация", "ИПР"])
    one = PracticePageFactory(
        parent=index,
        title="Одна общая метка",
        tags=["ИПР"],
        mentoring_form=MentoringForm.objects.get(slug="gruppovoe"),
    )
    PracticePageFactory(
        parent=index,
        title="Другая форма, без меток",
        mentoring_form=MentoringForm.objects.get(slug="gruppovoe"),
    )
    same_form = PracticePageFactory(parent=index, title="Та же форма")
    PracticePageFactory(parent=index, title="Черновик", tags=["ИПР"], live=False)
    related = related_practices(practice, list(practice.tags.all()))
    assert [item.title for item in related] == [both.title, one.title, same_form.title]


@pytest.mark.django_db
def test_the_page_has_no_related_section_when_nothing_is_related(client, index):
    practice = PracticePageFactory(
        parent=index, mentoring_form=MentoringForm.objects.get(slug="gruppovoe")
    )
    assert "Похожие практики" not in client.get(practice.url).content.decode()


@pytest.mark.django_db
def test_a_proposed_draft_previews_from_its_revision(index, mentor):
    from practices import publishing
    from tests.practices.factories import draft_practice

    page = draft_practice(title="Черновик для предпросмотра")
    page.tags.set(["адаптация"])
    publishing.propose(index, page, mentor)
    draft = PracticePage.objects.get(pk=page.pk).get_latest_revision_as_object()
    response = draft.make_preview_request()
    assert response.status_code == 200
    html = response.content.decode()
    assert "Черновик для предпросмотра" in html
    assert "адаптация" in html
    # A draft cannot be marked as applied yet.
    assert "Применил(а) в своей работе" not in html


@pytest.mark.django_db
def test_queries_do_not_grow_with_the_bank(client, index, django_assert_max_num_queries):
    authors = [MentorProfileFactory(), MentorProfileFactory()]
    practice = PracticePageFactory(
        parent=index, authors=authors, tags=["адаптация", "ИПР"], levels=["ooo", "soo"]
    )
    PracticePageFactory(parent=index, tags=["ИПР"])
    client.get(practice.url)
    with CaptureQueriesContext(connection) as few:
        client.get(practice.url)
    for number in range(25):
        PracticePageFactory(
            parent=index, tags=["ИПР", "адаптация"], authors=authors, title=f"Практика {number}"
        )
    with CaptureQueriesContext(connection) as many:
        client.get(practice.url)
    # Fewer when enough related practices share tags (no top-up by form).
    assert len(many) <= len(few)
    with django_assert_max_num_queries(30):
        client.get(practice.url)
