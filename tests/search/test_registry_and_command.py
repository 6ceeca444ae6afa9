"""The registry the apps fill, and `manage.py search_index`."""

from io import StringIO

from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command

import pytest

from search import service
from search.models import IndexEntry, IndexFacetSet, IndexTerm, IndexWord
from search.registry import SearchDocument, facet_values, plain_text, registry, rich_text

pytestmark = pytest.mark.django_db


def test_every_app_registers_its_content():
    from communities.models import CommunityPage
    from events.models import EventPage
    from mentoring.models import MentorProfile
    from practices.models import PracticePage

    assert {r.model: r.section for r in registry} == {
        PracticePage: "practices",
        CommunityPage: "communities",
        EventPage: "events",
        MentorProfile: "mentors",
    }
    assert registry.for_model(PracticePage).label == "Практика"
    assert registry.for_section("mentors").model is MentorProfile


def test_documents_say_what_a_practice_is(make_practice):
    page = make_practice("Наставник и ученик", summary="Консультации.", form="uchenik-uchenik")
    record = registry.record(registry.for_model(type(page)), page)
    assert (record.title, record.url, record.section) == (
        "Наставник и ученик",
        "/praktiki/nastavnik-i-uchenik/",
        "practices",
    )
    assert record.body.split("\n")[:2] == ["Консультации.", "Трудность, которую решает."]
    assert record.facets == {
        "type": (("practices", "Практики"),),
        "mentoring_form": (("uchenik-uchenik", "ученик – ученик"),),
    }


def test_events_and_mentors_documents(make_event, make_mentor):
    event = make_event("Семинар наставников", event_type="seminar", event_format="online")
    record = registry.record(registry.for_model(type(event)), event)
    assert record.facets["event_type"] == (("seminar", "Семинар"),)
    assert record.facets["event_format"] == (("online", "онлайн"),)
    assert record.keywords == "Семинар" and record.date == event.starts_at
    mentor = make_mentor(
        "Иванова",
        "Ольга",
        "Сергеевна",
        position="старший воспитатель",
        organisation="Детский сад № 41",
    )
    record = registry.record(registry.for_model(type(mentor)), mentor)
    assert record.title == "Иванова Ольга Сергеевна"
    assert record.url == "/mentoring/nastavniki/ivanova-olga-sergeevna/"
    assert record.facets["municipality"] == (("moskovskiy-rayon", "Московский район"),)
    assert record.badges == ("старший воспитатель", "Детский сад № 41")


def test_an_unknown_facet_is_a_configuration_error(make_practice):
    page = make_practice("Наставник и ученик")
    registration = registry.for_model(type(page))
    broken = type(registration)(
        **{
            **registration.__dict__,
            "document": lambda p: SearchDocument(title=p.title, facets={"colour": []}),
        }
    )
    with pytest.raises(ImproperlyConfigured, match="colour"):
        registry.record(broken, page)


def test_text_helpers():
    assert facet_values(None) == []
    assert rich_text("<p>Первый</p><p>второй &amp; третий</p>") == "Первый второй & третий"
    assert plain_text("a < b > c") == "a < b > c"  # plain text is taken as written
    assert plain_text(None) == ""


def test_rebuild_command_rebuilds_with_a_progress_bar(make_practice, make_mentor):
    make_practice("Наставник и ученик")
    make_practice("Черновик практики", publish=False)
    make_mentor("Смирнова", "Елена")
    data = "type\x1fpractices\x1fСтарые практики"
    stale = IndexFacetSet.objects.create(pk=IndexFacetSet.key(data), data=data)
    IndexEntry.objects.create(
        content_type_id=1,
        object_id=999,
        section="practices",
        title="Устаревшая запись",
        url="/old/",
        facet_set=stale,
    )
    IndexEntry.objects.filter(title="Наставник и ученик").delete()

    out, err = StringIO(), StringIO()
    call_command("search_index", rebuild=True, stdout=out, stderr=err)
    assert sorted(IndexEntry.objects.values_list("title", flat=True)) == [
        "Наставник и ученик",
        "Смирнова Елена",
    ]
    assert "Индекс (database)" in err.getvalue() and "2/2" in err.getvalue()
    assert "Индекс database: 2 объектов" in out.getvalue()
    assert IndexWord.objects.get(word="наставник").entries == 1
    if IndexTerm.objects.exists():  # SQLite: the stems' inverted index is rebuilt too
        assert IndexTerm.objects.filter(stem="наставник").count() == 1


def test_status_command(make_practice):
    make_practice("Наставник и ученик")
    out = StringIO()
    call_command("search_index", stdout=out)
    assert "Поиск отвечает из: database" in out.getvalue()
    assert "Практики: 1 в индексе базы данных" in out.getvalue()


def test_elasticsearch_rebuild_needs_a_url(settings):
    settings.ELASTICSEARCH_URL = ""
    with pytest.raises(CommandError, match="ELASTICSEARCH_URL"):
        call_command("search_index", rebuild=True, backend="elasticsearch")


def test_unreachable_elasticsearch_does_not_stop_the_demo_loader(settings, tree):
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:8549"
    service._elasticsearch.clear()
    try:
        err = StringIO()
        call_command("search_index", rebuild=True, verbosity=0, stderr=err)
        assert "Индекс elasticsearch не пересобран" in err.getvalue()
        with pytest.raises(CommandError, match="Elasticsearch недоступен"):
            call_command("search_index", rebuild=True, backend="elasticsearch", verbosity=0)
    finally:
        service._elasticsearch.clear()


def test_demo_content_is_searchable_after_load_demo(demo_site):
    results = service.search("наставничества")
    assert results.total >= 2
    assert {hit.section for hit in service.search("наставник").hits} >= {"practices", "events"}
    assert (
        service.search("Смирнова").hits[0].url == "/mentoring/nastavniki/smirnova-elena-viktorovna/"
    )


def test_practice_documents_carry_the_bank_taxonomies_authors_and_mark(tree):
    from search import service
    from tests.practices.factories import MentorProfileFactory, PracticePageFactory

    author = MentorProfileFactory(last_name="Голубева", first_name="Ирина", middle_name="")
    page = PracticePageFactory(
        parent=tree.practices,
        title="Формирующее оценивание в паре",
        levels=["ooo", "soo"],
        subjects=["matematika"],
        competencies=["ocenivanie"],
        tags=["молодой педагог"],
        authors=[author],
        recommended=True,
    )
    registration = registry.for_model(type(page))
    record = registry.record(registration, registration.queryset().get(pk=page.pk))
    assert [slug for slug, _name in record.facets["education_level"]] == ["ooo", "soo"]
    assert record.facets["subject"] == (("matematika", "Математика"),)
    assert [slug for slug, _name in record.facets["competency"]] == ["ocenivanie"]
    assert [name for _slug, name in record.facets["tag"]] == ["молодой педагог"]
    assert record.recommended
    assert "Голубева Ирина" in record.keywords
    # An author's surname finds the practice; a facet value narrows to it.
    found = service.search("Голубевой", filters={"subject": ["matematika"]})
    assert [hit.title for hit in found.hits] == ["Формирующее оценивание в паре"]
