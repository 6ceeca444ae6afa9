from wagtail.models import Page, Site

import pytest

from home.models import HomePage
from mentoring.models import HonourBoardPage
from portal.roles import MENTOR, METHODIST, TEACHER
from tests.mentoring.programme_fixtures import people  # noqa: F401 - a fixture


@pytest.fixture(autouse=True)
def fresh_cache():
    """The honour board is cached; each test starts from an empty cache."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def site_home(db):
    """A minimal site: the home page as the default site's root (no demo content)."""
    root = Page.get_first_root_node()
    for page in root.get_children():
        page.delete()  # Wagtail's «Welcome» page
    home = HomePage(title="Наставник.Портал", slug="home")
    root.add_child(instance=home)
    home.save_revision().publish()
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    return home


@pytest.fixture
def board(site_home):
    page = HonourBoardPage(
        title="Доска почёта", slug="doska-pochyota", intro="<p>Лучшие наставники.</p>"
    )
    site_home.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def mentor_user(make_user):
    return make_user(
        "mentor", roles=[MENTOR], last_name="Смирнова", first_name="Елена", middle_name="Викторовна"
    )


@pytest.fixture
def methodist(make_user):
    return make_user("methodist", roles=[METHODIST])


@pytest.fixture
def teacher(make_user):
    return make_user("teacher", roles=[TEACHER])
