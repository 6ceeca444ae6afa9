"""The Elasticsearch backend against a real cluster.

Run with a server: ``ELASTICSEARCH_URL=http://127.0.0.1:9200 .venv/bin/pytest -m elasticsearch``.
Each test works in its own index prefix (``test-<random>``) and drops it afterwards.
Without ELASTICSEARCH_URL every test here is skipped, with that reason.
"""

import os
import uuid

from django.core.management import call_command

import pytest

from search import service
from search.query import parse_query
from tests.search.helpers import facet_counts, synthetic_record, titles

pytestmark = [
    pytest.mark.elasticsearch,
    pytest.mark.django_db,
    pytest.mark.skipif(
        not os.environ.get("ELASTICSEARCH_URL"),
        reason="ELASTICSEARCH_URL не задан: эти тесты идут только против настоящего "
        "сервера Elasticsearch (см. README, раздел о поиске)",
    ),
]


@pytest.fixture
def es(settings):
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = os.environ["ELASTICSEARCH_URL"]
    settings.SEARCH_INDEX_PREFIX = f"test-{uuid.uuid4().hex[:10]}"
    service._elasticsearch.clear()
    backend = service.elasticsearch_backend()
    yield backend
    backend.drop()
    service._elasticsearch.clear()


def fill(backend, *records):
    backend.rebuild([list(records)])


def test_rebuild_command_and_russian_word_forms(es, make_practice, make_event):
    make_practice("Наставничество ученик–ученик в пятых классах", form="uchenik-uchenik")
    make_practice("Наставник и молодой специалист")
    make_practice("Педагог-исследователь: проектная неделя")
    make_event("Форум наставников", event_type="forum")
    call_command("search_index", rebuild=True, backend="elasticsearch", verbosity=0)

    results = service.search("наставничества")
    assert results.backend == "elasticsearch"
    assert titles(results) == ["Наставничество ученик–ученик в пятых классах"]
    assert "Наставник и молодой специалист" in titles(service.search("наставнику"))
    assert titles(service.search("педагогов")) == ["Педагог-исследователь: проектная неделя"]
    assert titles(service.search("нaставник", section="events")) == ["Форум наставников"]


def test_title_above_body_and_recommended_boost(es):
    fill(
        es,
        synthetic_record(1, "Методическая копилка", body="Аукцион педагогических идей района."),
        synthetic_record(2, "Аукцион педагогических идей", body="Формат обмена опытом."),
        synthetic_record(3, "Аукцион педагогических идей: итоги", body="Итоги.", recommended=True),
    )
    assert titles(es.search(parse_query("аукцион педагогических идей"))) == [
        "Аукцион педагогических идей: итоги",
        "Аукцион педагогических идей",
        "Методическая копилка",
    ]


def test_facets_from_aggregations(es):
    fill(
        es,
        synthetic_record(
            1, "Наставник ученика", facets={"mentoring_form": [("uu", "ученик – ученик")]}
        ),
        synthetic_record(
            2, "Наставник учителя", facets={"mentoring_form": [("tt", "учитель – учитель")]}
        ),
        synthetic_record(
            3, "Наставник в паре", facets={"mentoring_form": [("tt", "учитель – учитель")]}
        ),
        synthetic_record(4, "Семинар наставников", section="events"),
    )
    everything = es.search(parse_query("наставник"))
    assert everything.total == 4
    assert facet_counts(everything, "type") == {"practices": 3, "events": 1}
    assert facet_counts(everything, "mentoring_form") == {"uu": 1, "tt": 2}
    narrowed = es.search(parse_query("наставник", filters={"mentoring_form": ["tt"]}))
    assert narrowed.total == 2
    assert facet_counts(narrowed, "mentoring_form") == {"uu": 1, "tt": 2}
    assert facet_counts(narrowed, "type") == {"practices": 2}
    assert es.count(parse_query("наставник", filters={"type": ["events"]})) == 1


def test_highlights_are_escaped_and_marked(es):
    fill(
        es,
        synthetic_record(
            1, "<b>Клуб</b> молодых педагогов", body="Встречи педагогов & наставников."
        ),
    )
    [hit] = es.search(parse_query("педагог")).hits
    assert hit.title_html == "&lt;b&gt;Клуб&lt;/b&gt; молодых <mark>педагогов</mark>"
    assert "<mark>педагогов</mark> &amp; наставников" in hit.snippet_html


def test_completion_suggester(es):
    fill(
        es,
        synthetic_record(1, "Клуб молодых педагогов", section="communities"),
        synthetic_record(2, "Наставничество в начальной школе"),
    )
    assert [c.title for c in es.suggest("педаг")] == ["Клуб молодых педагогов"]
    assert [c.title for c in es.suggest("настав", section="practices")] == [
        "Наставничество в начальной школе"
    ]
    assert es.suggest("настав", section="communities") == []


def test_spelling_suggestions(es):
    fill(es, synthetic_record(1, "Наставничество в начальной школе"))
    assert es.spelling(["наставнечество"]) == {"наставнечество": "наставничество"}
    results = service.search("наставнечество")
    assert [(s.kind, s.text) for s in results.suggestions] == [("spelling", "наставничество")]


def test_incremental_updates_and_deletes(es):
    fill(es, synthetic_record(1, "Наставник года"))
    es.index([synthetic_record(2, "Наставник месяца")])
    assert sorted(titles(es.search(parse_query("наставник")))) == [
        "Наставник года",
        "Наставник месяца",
    ]
    record = synthetic_record(1, "Наставник года")
    es.delete([(record.content_type_id, record.object_id)])
    assert titles(es.search(parse_query("наставник"))) == ["Наставник месяца"]


@pytest.mark.parametrize("text", ["", '"*:()[]{}~^', "наставник " * 200, "нaставник", "\\"])
def test_bad_input_never_raises(es, text):
    fill(es, synthetic_record(1, "Наставник года"))
    assert service.search(text).total >= 0
    assert service.suggest(text) is not None
