from django.urls import reverse

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

import pytest

from communities.models import CommunityIndexPage
from events.models import EventIndexPage
from home.models import HomePage, StandardPage
from mentoring.models import HonourBoardPage
from practices.models import PracticeIndexPage


@pytest.mark.django_db
def test_every_demo_page_answers_200_with_its_template(client, demo_site):
    pages = Page.objects.live().descendant_of(demo_site, inclusive=True).specific()
    assert pages.count() > 10
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        used = {template.name for template in response.templates}
        assert page.get_template(response.wsgi_request) in used, page.url
        assert "base.html" in used, page.url


@pytest.mark.django_db
def test_home_page_shows_every_section(client, demo_site):
    html = client.get("/").content.decode()
    for heading in [
        "Новые практики",
        "Ближайшие мероприятия",
        "Профессиональные сообщества",
        "Доска почёта",
    ]:
        assert heading in html
    # Navigation reaches every section and search.
    for label in ["Практики", "Сообщества", "Мероприятия", "Поиск"]:
        assert f">{label}</a>" in html


@pytest.mark.django_db
def test_home_page_empty_states(client, demo_site):
    Page.objects.live().not_type(HomePage).filter(depth__gt=3).delete()
    html = client.get("/").content.decode()
    assert "В банке пока нет опубликованных практик" in html
    assert "Ближайших мероприятий пока нет" in html


@pytest.mark.django_db
def test_load_demo_is_idempotent(demo_site):
    from django.core.management import call_command

    before = Page.objects.count()
    revisions = demo_site.revisions.count()
    call_command("load_demo", verbosity=0)
    assert Page.objects.count() == before
    assert demo_site.revisions.count() == revisions


@pytest.mark.django_db
def test_home_page_queries_stay_constant(client, demo_site, django_assert_max_num_queries):
    client.get("/")  # warm caches (site root paths, content types)
    with django_assert_max_num_queries(20):
        client.get("/")


@pytest.mark.django_db
def test_unknown_url_gets_a_russian_404_in_the_layout(client, demo_site):
    response = client.get("/net-takoj-stranicy/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Страница не найдена" in html
    assert 'class="site-header"' in html
    assert "SECRET_KEY" not in html


def test_server_error_page_is_plain_and_leaks_nothing(rf):
    from portal.views import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "Что-то пошло не так" in html
    assert "Traceback" not in html and "SECRET_KEY" not in html


@pytest.mark.django_db
def test_search_page_answers(client, demo_site):
    response = client.get(reverse("search"), {"q": "наставник"})
    assert response.status_code == 200


class TestPageTree(WagtailPageTestCase):
    def test_where_pages_may_be_created(self):
        for index in [
            PracticeIndexPage,
            CommunityIndexPage,
            EventIndexPage,
            HonourBoardPage,
            StandardPage,
        ]:
            self.assertCanCreateAt(HomePage, index)
        self.assertCanNotCreateAt(Page, PracticeIndexPage)
        self.assertCanNotCreateAt(PracticeIndexPage, StandardPage)
