import datetime
from types import SimpleNamespace

from django.utils import timezone

import pytest

from portal.demo import ensure_child_page, translit_slug
from tests.search.helpers import publish_child


class QuietCommand:
    def created(self, what):
        pass


@pytest.fixture(autouse=True)
def database_search(request, settings):
    """The database backend unless a test is about Elasticsearch (even when ELASTICSEARCH_URL is set)."""
    if request.node.get_closest_marker("elasticsearch") is None:
        settings.SEARCH_BACKEND = "database"


@pytest.fixture
def tree(db):
    """The home page, the site and the section index pages, without demo content."""
    from communities.models import CommunityIndexPage
    from events.models import EventIndexPage
    from home import demo
    from practices.models import PracticeIndexPage

    home = demo.load(QuietCommand())
    practices, _ = ensure_child_page(home, PracticeIndexPage, "praktiki", title="Банк практик")
    communities, _ = ensure_child_page(
        home, CommunityIndexPage, "soobshchestva", title="Сообщества"
    )
    events, _ = ensure_child_page(home, EventIndexPage, "meropriyatiya", title="Мероприятия")
    return SimpleNamespace(home=home, practices=practices, communities=communities, events=events)


@pytest.fixture
def make_practice(tree):
    from practices.models import MentoringForm, PracticePage

    def make(title, summary="Описание практики.", form=None, publish=True, parent=None):
        # The bank's required fields, in words no test searches for.
        page = PracticePage(
            title=title,
            slug=translit_slug(title),
            summary=summary,
            problem="Трудность, которую решает.",
            participants="пары",
            duration="год",
            results="<p>Итоги.</p>",
            mentoring_form=MentoringForm.objects.get(slug=form or "gruppovoe"),
            live=publish,
        )
        if publish:
            return publish_child(parent or tree.practices, page)
        (parent or tree.practices).add_child(instance=page)
        page.save_revision()
        return page

    return make


@pytest.fixture
def make_community(tree):
    from communities.models import CommunityPage

    def make(title, purpose="Цель сообщества."):
        return publish_child(
            tree.communities, CommunityPage(title=title, slug=translit_slug(title), purpose=purpose)
        )

    return make


@pytest.fixture
def make_event(tree):
    from events.models import EventFormat, EventPage, EventType

    def make(title, summary="О мероприятии.", event_type="seminar", event_format=None):
        starts = timezone.now() + datetime.timedelta(days=10)
        return publish_child(
            tree.events,
            EventPage(
                title=title,
                slug=translit_slug(title),
                summary=summary,
                event_type=EventType.objects.get(slug=event_type),
                format=event_format or EventFormat.IN_PERSON,
                starts_at=starts,
                ends_at=starts + datetime.timedelta(hours=3),
                venue="ИМЦ Московского района",
                online_url="https://meet.example.org/seminar",
            ),
        )

    return make


@pytest.fixture
def make_mentor(db):
    from mentoring.models import MentorProfile, Municipality, Organisation

    def make(last, first, middle="", position="", organisation=None):
        org = None
        if organisation:
            municipality, _ = Municipality.objects.get_or_create(
                name="Московский район", defaults={"slug": "moskovskiy-rayon"}
            )
            org, _ = Organisation.objects.get_or_create(
                short_name=organisation,
                municipality=municipality,
                defaults={"name": organisation},
            )
        return MentorProfile.objects.create(
            last_name=last,
            first_name=first,
            middle_name=middle,
            slug=translit_slug(f"{last} {first} {middle}"),
            position=position,
            organisation=org,
        )

    return make
