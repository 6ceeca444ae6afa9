"""The search page and the suggestions endpoint."""

from django.urls import reverse

import pytest

from search import service
from tests.search.helpers import synthetic_record

pytestmark = pytest.mark.django_db


def get(client, **params):
    response = client.get(reverse("search"), params)
    assert response.status_code == 200
    return response, response.content.decode()


def test_empty_search_page_invites_a_query(client, tree):
    response, html = get(client)
    assert "<h1>Поиск</h1>" in html
    assert response.context["results"] is None
    assert 'data-suggest-url="/search/suggest/"' in html


def test_results_with_highlights_facets_and_counts(client, make_practice, make_event):
    make_practice("Наставник молодого учителя", summary="Разбор уроков.", form="uchitel-uchitel")
    make_event("Семинар наставников", summary="Для наставников района.")
    _response, html = get(client, q="наставникам")
    assert "Найдено: 2" in html
    assert (
        '<a href="/praktiki/nastavnik-molodogo-uchitelya/"><mark>Наставник</mark> молодого учителя</a>'
        in html
    )
    assert "Для <mark>наставников</mark> района." in html
    # Facets as checkboxes with counts.
    assert 'name="type" value="practices"' in html
    assert 'name="mentoring_form" value="uchitel-uchitel"' in html
    assert '<span class="search-facet__count">1</span>' in html
    assert 'value="наставникам"' in html  # the header and page boxes keep the query


def test_ticked_facets_narrow_and_can_be_removed(client, make_practice, make_event):
    make_practice("Наставник молодого учителя", form="uchitel-uchitel")
    make_event("Семинар наставников")
    response, html = get(client, q="наставник", type="events")
    assert [hit.title for hit in response.context["results"].hits] == ["Семинар наставников"]
    assert 'name="type" value="events" checked' in html
    [chip] = response.context["chips"]
    assert chip["label"] == "Мероприятия"
    assert chip["url"] == "?q=%D0%BD%D0%B0%D1%81%D1%82%D0%B0%D0%B2%D0%BD%D0%B8%D0%BA"


def test_section_search_from_the_practice_bank(client, make_practice, make_event):
    make_practice("Форум идей наставников")
    make_event("Форум наставников", event_type="forum")
    response, html = get(client, q="форум", section="practices")
    assert [hit.title for hit in response.context["results"].hits] == ["Форум идей наставников"]
    assert "<h1>Поиск: Практики</h1>" in html
    assert "Найдено в разделе «Практики»: 1" in html
    assert 'data-facet="type"' not in html  # the section fixes the content type
    assert '<option value="practices" selected>' in html


def test_nothing_found_with_suggestions(client, make_practice):
    make_practice("Наставничество в начальной школе")
    _response, html = get(client, q="наставнечество")
    assert "По запросу «наставнечество» ничего не найдено" in html
    assert "Возможно, вы имели в виду:" in html
    assert (
        'href="?q=%D0%BD%D0%B0%D1%81%D1%82%D0%B0%D0%B2%D0%BD%D0%B8%D1%87%D0%B5%D1%81%D1%82%D0%B2%D0%BE">наставничество</a>'
        in html
    )


def test_user_text_is_escaped_everywhere(client, make_practice):
    make_practice(
        "<script>alert(1)</script> Наставник",
        summary='"><img src=x onerror=alert(1)> наставник',
    )
    _response, html = get(client, q="наставник")
    assert "<script>alert(1)</script>" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; <mark>Наставник</mark>" in html
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt; <mark>наставник</mark>" in html
    _response, html = get(client, q='<script>x</script>"наставник')
    assert "<script>x</script>" not in html
    assert 'value="&lt;script&gt;x&lt;/script&gt;&quot;наставник"' in html


@pytest.mark.parametrize(
    "params",
    [
        {"q": ""},
        {"q": "наставник " * 200},
        {"q": '"*:()[]{}~^'},
        {"q": "нaставник пeдагог"},
        {"q": "наставник", "page": "abc"},
        {"q": "наставник", "page": "-5"},
        {"q": "наставник", "page": "99999999999999999999"},
        {"q": "наставник", "page": "²"},
        {"q": "наставник", "section": "<script>"},
        {"q": "наставник", "type": ["practices", "x" * 500, "'; DROP TABLE"]},
        {"q": "\x00наставник"},
    ],
)
def test_bad_input_answers_with_results_or_a_message(client, make_practice, params):
    make_practice("Наставник и молодой педагог")
    get(client, **params)
    response = client.get(reverse("search_suggest"), params)
    assert response.status_code == 200


def test_long_query_shows_a_notice(client, make_practice):
    make_practice("Наставник и молодой педагог")
    _response, html = get(client, q="наставник " * 200)
    assert "Запрос длиннее 200 символов: искали по его началу." in html
    assert "Найдено: 1" in html


def test_pagination_keeps_the_query_and_filters(client, tree, settings):
    settings.SEARCH_PAGE_SIZE = 10
    service.DATABASE.index(
        [synthetic_record(i, f"Практика наставника № {i}") for i in range(1, 26)]
    )
    response, html = get(client, q="наставник", type="practices", page="2")
    assert response.context["page_obj"].number == 2
    assert "Страница 2 из 3" in html
    assert (
        'href="?q=%D0%BD%D0%B0%D1%81%D1%82%D0%B0%D0%B2%D0%BD%D0%B8%D0%BA&amp;type=practices&amp;page=3"'
        in html
    )


def test_queries_per_page_do_not_grow_with_the_content(client, tree, django_assert_max_num_queries):
    def queries_for(count):
        service.DATABASE.index(
            [
                synthetic_record(1000 * count + i, f"Наставник № {i}", body="Наставничество.")
                for i in range(count)
            ]
        )
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            get(client, q="наставник", type="practices")
        return len(captured)

    get(client, q="наставник")  # warm the per-process caches (site, content types)
    few = queries_for(3)
    many = queries_for(60)
    assert few == many
    with django_assert_max_num_queries(8):
        get(client, q="наставник")


def test_suggestions_endpoint(client, make_practice, make_event):
    make_practice("Наставничество в начальной школе")
    make_event("Форум наставников", event_type="forum")
    data = client.get(reverse("search_suggest"), {"q": "настав"}).json()
    assert {r["title"] for r in data["results"]} == {
        "Наставничество в начальной школе",
        "Форум наставников",
    }
    forum = next(r for r in data["results"] if r["section"] == "events")
    assert forum == {
        "title": "Форум наставников",
        "url": "/meropriyatiya/forum-nastavnikov/",
        "section": "events",
        "type": "Мероприятие",
        "parts": [["Форум ", False], ["наставников", True]],
    }
    assert data["status"].startswith("Подсказок: 2.")
    only_events = client.get(reverse("search_suggest"), {"q": "настав", "section": "events"}).json()
    assert [r["title"] for r in only_events["results"]] == ["Форум наставников"]
    assert client.get(reverse("search_suggest"), {"q": "н"}).json()["results"] == []


def test_suggestions_are_rate_limited(client, tree, settings):
    settings.PORTAL_RATE_LIMITS = {**settings.PORTAL_RATE_LIMITS, "suggest": "3/h"}
    statuses = [
        client.get(reverse("search_suggest"), {"q": "настав"}).status_code for _ in range(4)
    ]
    assert statuses == [200, 200, 200, 429]
    response = client.get(reverse("search_suggest"), {"q": "настав"})
    assert response.status_code == 429
    assert response["Retry-After"] == "3600"
    assert "Слишком много запросов" in response.json()["error"]


def test_search_only_answers_get(client, tree):
    assert client.post(reverse("search"), {"q": "наставник"}).status_code == 405
