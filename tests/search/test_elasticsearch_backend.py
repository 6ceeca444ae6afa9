"""The Elasticsearch backend without a server: mappings, queries, parsing, fallback.

Against a real cluster: test_elasticsearch_integration.py (needs ELASTICSEARCH_URL).
"""

import logging
from types import SimpleNamespace

import pytest

from search import service
from search.backends import BackendUnavailable
from search.backends.elasticsearch import (
    PAIR_SEP,
    ElasticsearchBackend,
    build_count,
    build_search,
    build_spelling,
    build_suggest,
    completion_inputs,
    delete_actions,
    document_source,
    index_actions,
    index_alias,
    new_index,
    parse_search,
    parse_spelling,
    parse_suggest,
)
from search.highlight import MARK_END, MARK_START
from search.query import parse_query
from tests.search.helpers import synthetic_record, titles

pytestmark = pytest.mark.django_db

CLOSED_PORT_URL = "http://127.0.0.1:8549"  # nothing listens there (the helper's own port range)


def test_index_name_carries_the_prefix():
    assert index_alias("nastavnik") == "nastavnik-content"
    assert index_alias("school-42") == "school-42-content"


def test_mapping_uses_the_russian_analyzer():
    body = new_index("nastavnik-content-1").to_dict()
    analysis = body["settings"]["analysis"]
    assert analysis["analyzer"]["russian_morphology"] == {
        "type": "custom",
        "tokenizer": "standard",
        "char_filter": ["yo_folding"],
        "filter": ["lowercase", "russian_stop", "russian_stemmer"],
    }
    assert analysis["filter"]["russian_stemmer"] == {"type": "stemmer", "language": "russian"}
    assert analysis["filter"]["russian_stop"] == {"type": "stop", "stopwords": "_russian_"}
    assert analysis["char_filter"]["yo_folding"]["mappings"] == ["ё => е", "Ё => Е"]
    properties = body["mappings"]["properties"]
    for field in ("title", "body", "keywords"):
        assert properties[field]["analyzer"] == "russian_morphology"
    assert properties["suggest"]["type"] == "completion"
    assert properties["suggest"]["contexts"] == [
        {"name": "section", "type": "category", "path": "section"}
    ]
    for facet in ("type", "mentoring_form", "education_level", "subject", "event_type", "tag"):
        assert properties["facets"]["properties"][facet] == {"type": "keyword"}
        assert properties["facet_pairs"]["properties"][facet] == {"type": "keyword"}


def test_documents_carry_facets_completion_inputs_and_boost():
    record = synthetic_record(
        7,
        "Клуб молодых педагогов",
        body="Встречи раз в месяц.",
        facets={"tag": [("igry", "игры")]},
        recommended=True,
    )
    source = document_source(record)
    assert source["facets"] == {"type": ["practices"], "tag": ["igry"]}
    assert source["facet_pairs"]["tag"] == [f"igry{PAIR_SEP}игры"]
    assert source["suggest"] == {
        "input": ["Клуб молодых педагогов", "молодых педагогов", "педагогов"],
        "weight": 15,
    }
    [action] = index_actions([record], "nastavnik-content")
    assert action["_id"] == record.key and action["_index"] == "nastavnik-content"
    [delete] = delete_actions([(3, 7)], "nastavnik-content")
    assert delete == {"_op_type": "delete", "_index": "nastavnik-content", "_id": "3:7"}
    assert len(completion_inputs("слово " * 30)) == 10


def test_search_query_words_filters_facets_and_highlights():
    request = parse_query(
        'Как "адаптировать" молодого педагога?*',
        filters={"mentoring_form": ["uchitel-uchitel"], "type": ["practices"]},
        section="practices",
        page=3,
        page_size=10,
    )
    body = build_search(request, index="nastavnik-content").to_dict()
    function_score = body["query"]["function_score"]
    assert function_score["functions"] == [{"field_value_factor": {"field": "boost", "missing": 1}}]
    assert function_score["boost_mode"] == "multiply"
    bool_query = function_score["query"]["bool"]
    assert bool_query["must"] == [
        {
            "multi_match": {
                # Query syntax and stop words are gone before the text leaves the portal.
                "query": "адаптировать молодого педагога",
                "fields": ["title^3", "body", "keywords"],
                "type": "cross_fields",
                "operator": "or",
                "minimum_should_match": "2<75%",
            }
        }
    ]
    assert bool_query["filter"] == [{"term": {"section": "practices"}}]
    # Selected facet values narrow the hits after aggregating …
    assert body["post_filter"] == {
        "bool": {
            "filter": [
                {"terms": {"facets.mentoring_form": ["uchitel-uchitel"]}},
                {"terms": {"facets.type": ["practices"]}},
            ]
        }
    }
    # … and each facet's aggregation ignores only its own selection.
    assert body["aggs"]["facet_mentoring_form"]["filter"] == {
        "bool": {"filter": [{"terms": {"facets.type": ["practices"]}}]}
    }
    assert body["aggs"]["facet_tag"]["filter"]["bool"]["filter"] == [
        {"terms": {"facets.mentoring_form": ["uchitel-uchitel"]}},
        {"terms": {"facets.type": ["practices"]}},
    ]
    assert body["aggs"]["facet_tag"]["aggs"]["values"]["terms"] == {
        "field": "facet_pairs.tag",
        "size": 50,
    }
    assert body["highlight"]["pre_tags"] == [MARK_START]
    assert body["highlight"]["fields"]["title"] == {"number_of_fragments": 0}
    assert body["highlight"]["fields"]["body"]["no_match_size"] == 220
    assert (body["from"], body["size"], body["track_total_hits"]) == (20, 10, True)


def test_count_query_filters_instead_of_post_filtering():
    request = parse_query("наставник", filters={"tag": ["igry"]})
    body = build_count(request).to_dict()
    assert body["size"] == 0 and "aggs" not in body and "post_filter" not in body
    assert body["query"]["bool"]["filter"] == [
        {"bool": {"filter": [{"terms": {"facets.tag": ["igry"]}}]}}
    ]


def test_suggest_and_spelling_requests():
    body = build_suggest("Настав", section="events", limit=5).to_dict()
    assert body["suggest"]["titles"] == {
        "prefix": "настав",
        "completion": {
            "field": "suggest",
            "size": 5,
            "skip_duplicates": True,
            "contexts": {"section": ["events"]},
        },
    }
    assert "contexts" not in build_suggest("настав").to_dict()["suggest"]["titles"]["completion"]
    spelling = build_spelling(["наставнечество"]).to_dict()["suggest"]["spelling"]
    assert spelling == {
        "text": "наставнечество",
        "term": {"field": "spelling", "suggest_mode": "missing", "min_word_length": 3},
    }


RESPONSE = {
    "hits": {
        "total": {"value": 2, "relation": "eq"},
        "hits": [
            {
                "_id": "40:1",
                "_score": 4.2,
                "_source": {
                    "section": "practices",
                    "title": "Школа <молодого> педагога",
                    "url": "/praktiki/shkola/",
                    "recommended": True,
                    "date": None,
                    "badges": ["учитель – учитель"],
                },
                "highlight": {
                    "title": [f"Школа <молодого> {MARK_START}педагога{MARK_END}"],
                    "body": [f"Разбор уроков & {MARK_START}педагогов{MARK_END}"],
                },
            },
            {
                "_id": "41:2",
                "_score": 1.0,
                "_source": {
                    "section": "events",
                    "title": "Форум",
                    "url": "/meropriyatiya/forum/",
                    "date": "2026-12-01T10:00:00+03:00",
                },
            },
        ],
    },
    "aggregations": {
        "facet_type": {
            "values": {
                "buckets": [
                    {"key": f"practices{PAIR_SEP}Практики", "doc_count": 1},
                    {"key": f"events{PAIR_SEP}Мероприятия", "doc_count": 1},
                ]
            }
        },
        "facet_tag": {"values": {"buckets": []}},
    },
}


def test_parsing_a_search_response():
    request = parse_query("педагог", filters={"tag": ["igry"]})
    results = parse_search(RESPONSE, request)
    assert results.total == 2
    first, second = results.hits
    assert first.title_html == "Школа &lt;молодого&gt; <mark>педагога</mark>"
    assert first.snippet_html == "Разбор уроков &amp; <mark>педагогов</mark>"
    assert (first.type_label, first.recommended, first.badges) == (
        "Практика",
        True,
        ("учитель – учитель",),
    )
    assert second.title_html == "Форум" and second.date.isoformat() == "2026-12-01T10:00:00+03:00"
    assert [(f.name, [(o.value, o.label, o.count) for o in f.options]) for f in results.facets] == [
        ("type", [("events", "Мероприятия", 1), ("practices", "Практики", 1)]),
        # A ticked value no document carries stays visible, so it can be unticked.
        ("tag", [("igry", "igry", 0)]),
    ]


def test_parsing_suggestions_and_spelling():
    raw = {
        "suggest": {
            "titles": [
                {
                    "text": "пед",
                    "options": [
                        {
                            "_id": "1",
                            "_source": {
                                "title": "Клуб педагогов",
                                "url": "/k/",
                                "section": "communities",
                            },
                        },
                        {
                            "_id": "1",
                            "_source": {
                                "title": "Клуб педагогов",
                                "url": "/k/",
                                "section": "communities",
                            },
                        },
                    ],
                }
            ],
            "spelling": [
                {"text": "наставнечество", "options": [{"text": "наставничество", "freq": 3}]},
                {"text": "педагог", "options": []},
            ],
        }
    }
    [completion] = parse_suggest(raw, "пед")
    assert completion.type_label == "Сообщество"
    assert completion.parts == (("Клуб ", False), ("педагогов", True))
    assert parse_spelling(raw) == {"наставнечество": "наставничество"}


class StubClient:
    """Answers ``search`` like a cluster would; records the bodies it was sent."""

    def __init__(self, body):
        self.body = body
        self.sent = []

    def search(self, index, body):
        self.sent.append((index, body))
        return SimpleNamespace(body=self.body)


def test_backend_sends_the_built_query_to_the_alias():
    client = StubClient(RESPONSE)
    backend = ElasticsearchBackend("http://es:9200", prefix="district", client=client)
    results = backend.search(parse_query("педагог"))
    assert titles(results) == ["Школа <молодого> педагога", "Форум"]
    [(index, body)] = client.sent
    assert index == "district-content"
    assert body["query"]["function_score"]["query"]["bool"]["must"][0]["multi_match"]["query"] == (
        "педагог"
    )
    assert backend.count(parse_query("педагог")) == 2


def test_unreachable_elasticsearch_falls_back_to_the_database(settings, make_practice, caplog):
    make_practice("Наставничество в начальной школе")
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = CLOSED_PORT_URL
    settings.SEARCH_ELASTICSEARCH_TIMEOUT = 1
    service._elasticsearch.clear()
    try:
        with caplog.at_level(logging.WARNING, logger="search.service"):
            results = service.search("наставничества")
            completions = service.suggest("настав")
        assert titles(results) == ["Наставничество в начальной школе"]
        assert results.backend == "database"
        assert [c.title for c in completions] == ["Наставничество в начальной школе"]
        warnings = [
            r for r in caplog.records if r.levelno == logging.WARNING and r.name == "search.service"
        ]
        # One warning for the outage; the next calls skip the dead server quietly.
        assert len(warnings) == 1
        assert "Elasticsearch недоступен" in warnings[0].getMessage()
    finally:
        service._elasticsearch.clear()


def test_an_outage_is_retried_after_a_pause(monkeypatch):
    calls = []

    def failing():
        calls.append(1)
        from elasticsearch import ConnectionError as EsConnectionError

        raise EsConnectionError("refused")

    clock = [1000.0]
    monkeypatch.setattr("search.backends.elasticsearch.time.monotonic", lambda: clock[0])
    backend = ElasticsearchBackend(CLOSED_PORT_URL, prefix="t", retry_after=30)
    with pytest.raises(BackendUnavailable) as first:
        backend._call(failing)
    assert first.value.fresh
    with pytest.raises(BackendUnavailable) as second:
        backend._call(failing)
    assert not second.value.fresh and len(calls) == 1
    clock[0] += 31
    with pytest.raises(BackendUnavailable):
        backend._call(failing)
    assert len(calls) == 2


def test_failed_remote_writes_are_logged_not_raised(caplog):
    class Down:
        name = "elasticsearch"

        def index(self, records):
            raise BackendUnavailable("refused")

    with caplog.at_level(logging.WARNING, logger="search.service"):
        service._write_remote(Down(), "index", ["record"])
    assert "search_index --rebuild" in caplog.records[0].getMessage()
