"""The index: filters combined and reflected in the URL, counts per value, sorting, pages, queries."""

import re
from urllib.parse import quote

from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

import pytest

from practices import facets
from practices.bank import PAGE_SIZE
from practices.filters import PracticeFilterSet
from practices.listings import published_practices
from tests.practices.factories import (
    MunicipalityFactory,
    OrganisationFactory,
    PracticePageFactory,
    now_minus,
)


@pytest.fixture
def bank(index):
    """Six practices with known forms, levels, tags, places and marks."""
    north = OrganisationFactory(
        municipality=MunicipalityFactory(name="Северный район", slug="severnyj")
    )
    south = OrganisationFactory(
        municipality=MunicipalityFactory(name="Южный район", slug="yuzhnyj")
    )
    make = PracticePageFactory
    return {
        "ipr": make(
            parent=index,
            title="ИПР молодого педагога",
            levels=["ooo", "soo"],
            competencies=["refleksiya"],
            tags=["молодой педагог", "ИПР"],
            organisation=north,
            recommended=True,
            applications_count=5,
            published_at=now_minus(30),
        ),
        "klub": make(
            parent=index,
            title="Кейс-клуб",
            levels=["ooo"],
            competencies=["upravlenie-klassom"],
            tags=["молодой педагог"],
            organisation=south,
            applications_count=9,
            published_at=now_minus(20),
        ),
        "konsultanty": make(
            parent=index,
            title="Консультанты по математике",
            levels=["ooo"],
            mentoring_form=_form("uchenik-uchenik"),
            subjects=["matematika"],
            tags=["математика"],
            organisation=north,
            published_at=now_minus(10),
        ),
        "sad": make(
            parent=index,
            title="Мастерская в детском саду",
            levels=["dou"],
            subjects=["doshkolnoe"],
            tags=["детский сад", "молодой педагог"],
            organisation=south,
            recommended=True,
            published_at=now_minus(5),
        ),
        "praktika": make(
            parent=index,
            title="Стажировка на производстве",
            levels=["spo"],
            mentoring_form=_form("rabotodatel-student"),
            organisation=north,
            published_at=now_minus(1),
        ),
        "draft": make(parent=index, title="Черновик не виден", levels=["ooo"], live=False),
    }


def _form(slug):
    from practices.models import MentoringForm

    return MentoringForm.objects.get(slug=slug)


def titles(response):
    return [practice.title for practice in response.context["practices"]]


def option(facet, value):
    return next(item for item in facet.options if item.value == value)


@pytest.mark.django_db
def test_the_bank_lists_published_practices_newest_first(client, index, bank):
    response = client.get(index.url)
    assert response.status_code == 200
    assert titles(response) == [
        "Стажировка на производстве",
        "Мастерская в детском саду",
        "Консультанты по математике",
        "Кейс-клуб",
        "ИПР молодого педагога",
    ]
    html = response.content.decode()
    assert "Найдено практик: 5" in html
    assert "Черновик не виден" not in html


@pytest.mark.django_db
def test_filters_combine(client, index, bank):
    # Tag slugs keep Cyrillic: taggit slugifies with allow_unicode.
    tag_slug = bank["klub"].tags.get(name="молодой педагог").slug
    response = client.get(index.url, {"form": "uchitel-uchitel", "level": "ooo", "tag": tag_slug})
    assert titles(response) == ["Кейс-клуб", "ИПР молодого педагога"]
    response = client.get(
        index.url, {"form": "uchitel-uchitel", "level": "ooo", "tag": tag_slug, "recommended": "1"}
    )
    assert titles(response) == ["ИПР молодого педагога"]
    response = client.get(
        index.url, {"municipality": "yuzhnyj", "competency": "upravlenie-klassom"}
    )
    assert titles(response) == ["Кейс-клуб"]
    response = client.get(index.url, {"subject": "matematika", "level": "dou"})
    assert titles(response) == []
    assert "С такими фильтрами практик не нашлось" in response.content.decode()


@pytest.mark.django_db
def test_a_link_and_the_form_read_the_same_query(client, index, bank):
    """The form sends empty values for untouched selects; a link carries only the chosen ones."""
    from_link = client.get(index.url, {"level": "ooo", "recommended": "1"})
    from_form = client.get(
        index.url,
        {
            "form": "",
            "level": "ooo",
            "subject": "",
            "competency": "",
            "municipality": "",
            "recommended": "1",
        },
    )
    assert titles(from_link) == titles(from_form) == ["ИПР молодого педагога"]
    assert from_link.context["facets"]["form"] == from_form.context["facets"]["form"]
    # The checkbox of the form sends its value; "on" is read the same way.
    assert titles(client.get(index.url, {"level": "ooo", "recommended": "on"})) == [
        "ИПР молодого педагога"
    ]


@pytest.mark.django_db
def test_unknown_values_are_ignored_not_fatal(client, index, bank):
    response = client.get(
        index.url, {"form": "net-takoj", "level": "ooo", "page": "999", "sort": "zzz"}
    )
    assert response.status_code == 200
    assert len(titles(response)) == 3  # only the level filter applies
    assert response.context["sort"] == "new"


@pytest.mark.django_db
def test_counts_per_value_predict_what_choosing_it_gives(client, index, bank):
    response = client.get(index.url, {"level": "ooo"})
    facets = response.context["facets"]
    # Form counts respect the chosen level...
    assert option(facets["form"], "uchitel-uchitel").count == 2
    assert option(facets["form"], "uchenik-uchenik").count == 1
    assert option(facets["form"], "rabotodatel-student").count == 0
    # ...while the level facet ignores its own choice (choosing another level replaces it).
    assert option(facets["level"], "ooo").count == 3
    assert option(facets["level"], "ooo").selected
    assert option(facets["level"], "dou").count == 1
    assert option(facets["level"], "spo").count == 1
    assert facets["recommended_count"] == 1
    assert {item.value: item.count for item in facets["municipality"].options} == {
        "severnyj": 2,
        "yuzhnyj": 1,
    }
    tags = {item.label: item.count for item in facets["tag"].options}
    assert tags["молодой педагог"] == 2 and tags["математика"] == 1
    assert "детский сад" not in tags
    html = response.content.decode()
    assert "учитель – учитель (2)" in html
    assert re.search(r'<option value="rabotodatel-student"[^>]*disabled', html)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "chosen",
    [
        {},
        {"recommended": "1"},
        {"form": "uchitel-uchitel", "municipality": "severnyj"},
        {"level": "ooo", "recommended": "1", "municipality": "yuzhnyj"},
        {"competency": "refleksiya", "form": "uchenik-uchenik"},
    ],
)
def test_every_count_equals_the_result_of_choosing_it(index, bank, chosen):
    from practices.bank import browse_bank

    request = RequestFactory().get("/", chosen)
    request.user = AnonymousUser()
    context = browse_bank(request)
    facets_found = context["facets"]

    def results(query):
        return PracticeFilterSet(query, queryset=published_practices()).qs.count()

    assert facets_found["total"] == results(chosen) == context["result_count"]
    assert facets_found["recommended_count"] == results({**chosen, "recommended": "1"})
    for param in ["form", "level", "subject", "competency", "municipality", "tag"]:
        for item in facets_found[param].options:
            assert item.count == results({**chosen, param: item.value}), (param, item.value)


@pytest.mark.django_db
def test_sort_by_most_applied_and_pagination(client, index, bank):
    response = client.get(index.url, {"sort": "applied"})
    assert titles(response)[:2] == ["Кейс-клуб", "ИПР молодого педагога"]
    html = response.content.decode()
    assert '<span class="sort-links__current" aria-current="true">Чаще применяют</span>' in html
    for number in range(PAGE_SIZE + 1):
        PracticePageFactory(parent=index, title=f"Ещё практика {number}", levels=["noo"])
    first = client.get(index.url, {"level": "noo"})
    assert len(titles(first)) == PAGE_SIZE
    assert "?level=noo&amp;page=2" in first.content.decode()
    second = client.get(index.url, {"level": "noo", "page": "2"})
    assert second.context["page_obj"].number == 2


@pytest.mark.django_db
def test_chips_and_tag_links_keep_the_other_filters(client, index, bank):
    tag_slug = bank["klub"].tags.get(name="молодой педагог").slug
    response = client.get(index.url, {"level": "ooo", "tag": tag_slug, "page": "1"})
    chips = {chip.param: chip for chip in response.context["active_filters"]}
    assert chips["level"].value == "Основное общее образование"
    assert chips["level"].remove_url == f"?tag={quote(tag_slug)}"
    assert chips["tag"].remove_url == "?level=ooo"
    html = response.content.decode()
    assert "Убрать фильтр «Уровень образования: Основное общее образование»" in html
    # The form carries the chosen tag, so submitting other filters keeps it.
    assert f'<input type="hidden" name="tag" value="{tag_slug}">' in html


@pytest.mark.django_db
def test_the_index_offers_the_site_search_for_practices(client, index, bank):
    html = client.get(index.url).content.decode()
    assert 'action="/search/"' in html
    assert '<input type="hidden" name="section" value="practices">' in html
    assert "Искать в банке практик" in html


@pytest.mark.django_db
def test_mentors_see_the_proposal_button(client, index, bank, mentor, teacher):
    html = client.get(index.url).content.decode()
    assert "Войдите, чтобы предложить практику" in html
    assert 'class="button" href="/practices/predlozhit/"' not in html
    client.force_login(teacher)
    assert "/practices/predlozhit/" not in client.get(index.url).content.decode()
    client.force_login(mentor)
    assert "/practices/predlozhit/" in client.get(index.url).content.decode()


def counted_request(client, url, query):
    """Queries of one request with no cached counts (the worst case)."""
    facets.bank_changed()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, query)
    return response, len(queries)


@pytest.mark.django_db
def test_queries_do_not_grow_with_the_number_of_practices(client, index, bank):
    tag = bank["klub"].tags.get(name="молодой педагог").slug
    query = {"level": "ooo", "sort": "applied", "tag": tag}
    client.get(index.url, query)  # warm Wagtail's caches (site root paths, content types)
    _response, few = counted_request(client, index.url, query)
    for number in range(30):
        PracticePageFactory(
            parent=index,
            title=f"Практика {number}",
            levels=["ooo"],
            tags=["молодой педагог", f"метка {number}"],
            competencies=["refleksiya"],
        )
    response, many = counted_request(client, index.url, query)
    assert len(response.context["practices"]) == PAGE_SIZE
    assert many == few
    assert many <= 22
    # With the counts cached, the same page costs the list alone.
    with CaptureQueriesContext(connection) as cached:
        client.get(index.url, query)
    assert len(cached) == many - 5  # the five aggregate queries


@pytest.mark.django_db
def test_counts_are_renewed_when_the_bank_changes(client, index, bank):
    response = client.get(index.url, {"level": "ooo"})
    assert response.context["facets"]["total"] == 3
    PracticePageFactory(parent=index, title="Новая", levels=["ooo"])
    response = client.get(index.url, {"level": "ooo"})
    assert response.context["facets"]["total"] == 4
    bank["klub"].unpublish()
    response = client.get(index.url, {"level": "ooo"})
    assert response.context["facets"]["total"] == 3
    assert option(response.context["facets"]["form"], "uchitel-uchitel").count == 2


@pytest.mark.django_db
def test_a_renamed_taxonomy_value_shows_at_once(client, index, bank):
    from practices.models import MentoringForm

    client.get(index.url)
    form = MentoringForm.objects.get(slug="gruppovoe")
    form.name = "групповое наставничество (команда наставников)"
    form.save()
    html = client.get(index.url).content.decode()
    assert "групповое наставничество (команда наставников) (0)" in html
