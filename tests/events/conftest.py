from django.core.cache import cache

import pytest

from portal.roles import TEACHER
from tests.events.factories import EventIndexPageFactory, EventPageFactory


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """django-ratelimit counts in the cache; each test starts with a clean slate."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def site_root(db):
    """The home page of the default site (created by the foundation's demo loader)."""
    from wagtail.models import Page, Site

    from home.models import HomePage

    root = Page.get_first_root_node()
    home = HomePage(title="Наставник.Портал", slug="glavnaya")
    root.add_child(instance=home)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Портал"},
    )
    return home


@pytest.fixture
def event_index(site_root):
    return EventIndexPageFactory(parent=site_root)


@pytest.fixture
def make_event(event_index):
    def make(**fields):
        return EventPageFactory(parent=event_index, **fields)

    return make


@pytest.fixture
def teacher(make_user):
    return make_user(
        "pedagog",
        roles=[TEACHER],
        last_name="Орлова",
        first_name="Анна",
        middle_name="Дмитриевна",
        email="orlova@example.org",
    )


@pytest.fixture
def teachers(make_user):
    def make(count, prefix="uchitel"):
        return [
            make_user(
                f"{prefix}{n}",
                roles=[TEACHER],
                email=f"{prefix}{n}@example.org",
                last_name=f"Учитель{n}",
            )
            for n in range(1, count + 1)
        ]

    return make
