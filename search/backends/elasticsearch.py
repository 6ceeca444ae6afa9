"""The Elasticsearch backend, through ``elasticsearch-dsl``.

One index for all content, a ``section`` field telling the types apart (so
facets and ranking span the whole portal). Its name starts with
``SEARCH_INDEX_PREFIX``: several sites share a cluster without meeting.
Visitors search the alias ``<prefix>-content``; a rebuild fills a new index
``<prefix>-content-<time>`` and swaps the alias in one step, so search never
sees a half-built index.

- Text: ``title`` and ``body`` analysed by the ``russian`` analyzer, rebuilt
  as the Elasticsearch documentation shows (standard tokenizer, lowercase,
  ``_russian_`` stop words, Snowball ``russian`` stemmer) with «ё» read as «е».
- Ranking: ``cross_fields`` over ``title^3`` and ``body`` with the same
  ``minimum_should_match`` as the database backend (``2<75%``), multiplied by
  the document's boost («рекомендована»).
- Facets: one ``filter`` + ``terms`` aggregation per facet; selected values
  narrow the hits through ``post_filter``, so each facet counts as if its own
  selection were not made (checkbox facets).
- Highlighting: the server marks words with private-use characters; they
  become ``<mark>`` after the text is escaped.
- Suggestions as one types: a ``completion`` field with a ``section`` context.
- Spelling: a ``term`` suggester over the un-stemmed words.
"""

import datetime
import logging
import time

from django.utils.html import escape

from elasticsearch import ApiError, Elasticsearch, TransportError, helpers
from elasticsearch_dsl import (
    A,
    Boolean,
    Completion,
    Date,
    Document,
    Float,
    Index,
    Keyword,
    Object,
    Q,
    Search,
    Text,
    analyzer,
    char_filter,
    token_filter,
)

from search.backends import BackendUnavailable, SearchBackend
from search.facets import FACETS
from search.highlight import MARK_END, MARK_START, from_markers, parts
from search.registry import registry
from search.results import Completion as CompletionResult
from search.results import Hit, SearchResults, facet_results
from search.text import STOP_WORDS, tokens

logger = logging.getLogger(__name__)

PAIR_SEP = "\x1f"  # "slug␟label" in the aggregated facet field
FACET_BUCKETS = 50
SNIPPET_LENGTH = 220
MINIMUM_SHOULD_MATCH = "2<75%"  # see SearchRequest.minimum_should_match

yo_folding = char_filter("yo_folding", type="mapping", mappings=["ё => е", "Ё => Е"])
russian_stop = token_filter("russian_stop", type="stop", stopwords="_russian_")
russian_stemmer = token_filter("russian_stemmer", type="stemmer", language="russian")
RUSSIAN = analyzer(
    "russian_morphology",
    tokenizer="standard",
    char_filter=[yo_folding],
    filter=["lowercase", russian_stop, russian_stemmer],
)
# Whole words, lower-cased: what suggestions complete and spelling proposes.
WORDS = analyzer(
    "russian_words", tokenizer="standard", char_filter=[yo_folding], filter=["lowercase"]
)


class ContentDocument(Document):
    """One searchable object of the portal (practice, community, event, mentor …)."""

    section = Keyword()
    title = Text(analyzer=RUSSIAN, copy_to="spelling")
    body = Text(analyzer=RUSSIAN, copy_to="spelling")
    keywords = Text(analyzer=RUSSIAN)
    spelling = Text(analyzer=WORDS)
    url = Keyword(index=False)
    boost = Float()
    recommended = Boolean()
    date = Date()
    badges = Keyword(index=False)
    # Slugs, for filtering …
    facets = Object(properties={facet.name: Keyword() for facet in FACETS})
    # … and "slug␟label" pairs, so the aggregations carry the labels too.
    facet_pairs = Object(properties={facet.name: Keyword() for facet in FACETS})
    suggest = Completion(
        analyzer=WORDS,
        contexts=[{"name": "section", "type": "category", "path": "section"}],
    )


def index_alias(prefix):
    return f"{prefix}-content"


def new_index(name):
    index = Index(name)
    index.settings(number_of_shards=1, number_of_replicas=0)
    index.document(ContentDocument)
    return index


def completion_inputs(title):
    """The title and its tails from each word on: «…педагогов» completes from «педаг» too."""
    words = title.split()
    return [" ".join(words[i:]) for i in range(min(len(words), 10))]


def document_source(record):
    return {
        "section": record.section,
        "title": record.title,
        "body": record.body,
        "keywords": record.keywords,
        "url": record.url,
        "boost": record.boost,
        "recommended": record.recommended,
        "date": record.date.isoformat() if record.date else None,
        "badges": list(record.badges),
        "facets": {
            name: [slug for slug, _label in values] for name, values in record.facets.items()
        },
        "facet_pairs": {
            name: [f"{slug}{PAIR_SEP}{label}" for slug, label in values]
            for name, values in record.facets.items()
        },
        "suggest": {
            "input": completion_inputs(record.title),
            "weight": max(1, round(record.boost * 10)),
        },
    }


def index_actions(records, index):
    for record in records:
        yield {"_op_type": "index", "_index": index, "_id": record.key, **document_source(record)}


def delete_actions(keys, index):
    for content_type_id, object_id in keys:
        yield {"_op_type": "delete", "_index": index, "_id": f"{content_type_id}:{object_id}"}


def query_text(request):
    """The words of the request (syntax and stop words already gone) for ``multi_match``."""
    return " ".join(request.words)


def facet_filters(request):
    return {
        name: Q("terms", **{f"facets.{name}": list(values)})
        for name, values in request.filters.items()
    }


def build_query(request):
    """The ranked match of ``request``: words over title and body, section, boost."""
    match = Q(
        "multi_match",
        query=query_text(request),
        fields=["title^3", "body", "keywords"],
        type="cross_fields",
        operator="or",
        minimum_should_match=MINIMUM_SHOULD_MATCH,
    )
    scope = [Q("term", section=request.section)] if request.section else []
    return Q(
        "function_score",
        query=Q("bool", must=[match], filter=scope),
        functions=[{"field_value_factor": {"field": "boost", "missing": 1}}],
        boost_mode="multiply",
    )


def build_search(request, using=None, index="content"):
    """The ``Search`` of one page of ``request``: query, facet aggregations, highlights."""
    search = Search(using=using, index=index).query(build_query(request))
    filters = facet_filters(request)
    if filters:
        search = search.post_filter(Q("bool", filter=list(filters.values())))
    for facet in FACETS:
        others = [f for name, f in filters.items() if name != facet.name]
        aggregation = A("filter", Q("bool", filter=others) if others else Q("match_all"))
        aggregation.bucket("values", "terms", field=f"facet_pairs.{facet.name}", size=FACET_BUCKETS)
        search.aggs.bucket(f"facet_{facet.name}", aggregation)
    search = (
        search.highlight_options(pre_tags=[MARK_START], post_tags=[MARK_END], order="score")
        .highlight("title", number_of_fragments=0)
        .highlight(
            "body",
            fragment_size=SNIPPET_LENGTH,
            number_of_fragments=1,
            no_match_size=SNIPPET_LENGTH,
        )
    )
    search = search.source(["section", "title", "url", "recommended", "date", "badges"]).extra(
        track_total_hits=True
    )
    return search[request.offset : request.offset + request.page_size]


def build_count(request, using=None, index="content"):
    search = Search(using=using, index=index).query(build_query(request))
    filters = list(facet_filters(request).values())
    if filters:
        search = search.filter(Q("bool", filter=filters))
    return search.extra(track_total_hits=True, size=0)


def build_suggest(text, section=None, limit=8, using=None, index="content"):
    completion = {"field": "suggest", "size": limit, "skip_duplicates": True}
    if section:
        completion["contexts"] = {"section": [section]}
    return (
        Search(using=using, index=index)
        .source(["section", "title", "url"])
        .suggest("titles", text.lower().replace("ё", "е"), completion=completion)
    )


def build_spelling(words, using=None, index="content"):
    return (
        Search(using=using, index=index)
        .extra(size=0)
        .suggest(
            "spelling",
            " ".join(words),
            term={"field": "spelling", "suggest_mode": "missing", "min_word_length": 3},
        )
    )


def _date(value):
    if not value:
        return None
    try:
        return datetime.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return None


def _label(section):
    registration = registry.for_section(section)
    return str(registration.label) if registration else section


def parse_search(raw, request, backend_name="elasticsearch"):
    """``SearchResults`` from the JSON body of a search response."""
    hits = []
    for hit in raw.get("hits", {}).get("hits", []):
        source = hit.get("_source", {})
        highlights = hit.get("highlight", {})
        title = source.get("title", "")
        title_html = (
            from_markers(highlights["title"][0]) if highlights.get("title") else escape(title)
        )
        snippet = highlights.get("body") or [""]
        hits.append(
            Hit(
                key=hit.get("_id", ""),
                section=source.get("section", ""),
                type_label=_label(source.get("section", "")),
                title=title,
                title_html=title_html,
                snippet_html=from_markers(snippet[0]),
                url=source.get("url", ""),
                recommended=bool(source.get("recommended")),
                date=_date(source.get("date")),
                badges=tuple(source.get("badges") or ()),
                score=float(hit.get("_score") or 0.0),
            )
        )
    total = raw.get("hits", {}).get("total", {})
    total = total.get("value", 0) if isinstance(total, dict) else int(total or 0)
    counts, labels = {}, {}
    for facet in FACETS:
        buckets = (
            raw.get("aggregations", {})
            .get(f"facet_{facet.name}", {})
            .get("values", {})
            .get("buckets", [])
        )
        for bucket in buckets:
            slug, _sep, label = str(bucket["key"]).partition(PAIR_SEP)
            counts[(facet.name, slug)] = bucket["doc_count"]
            labels[(facet.name, slug)] = label or slug
    return SearchResults(
        request=request,
        hits=hits,
        total=total,
        facets=facet_results(counts, labels, request),
        backend=backend_name,
    )


def parse_suggest(raw, text):
    words = tokens(text, keep_stop_words=True)
    stems = {token.stem for token in words if token.word not in STOP_WORDS}
    prefix = words[-1].word if words else None
    completions, seen = [], set()
    for entry in raw.get("suggest", {}).get("titles", []):
        for option in entry.get("options", []):
            source = option.get("_source", {})
            title = source.get("title", "")
            # A title has several completion inputs (its tails): offer it once.
            if option.get("_id") in seen:
                continue
            seen.add(option.get("_id"))
            completions.append(
                CompletionResult(
                    title=title,
                    url=source.get("url", ""),
                    section=source.get("section", ""),
                    type_label=_label(source.get("section", "")),
                    parts=parts(title, stems, prefix=prefix),
                )
            )
    return completions


def parse_spelling(raw):
    corrections = {}
    for entry in raw.get("suggest", {}).get("spelling", []):
        options = entry.get("options") or []
        if options:
            corrections[entry["text"]] = options[0]["text"]
    return corrections


class ElasticsearchBackend(SearchBackend):
    name = "elasticsearch"

    def __init__(self, url, prefix, timeout=3.0, retry_after=30, client=None):
        self.url = url
        self.prefix = prefix
        self.alias = index_alias(prefix)
        self.timeout = timeout
        self.retry_after = retry_after
        self._client = client
        self._down_until = 0.0

    @property
    def client(self):
        if self._client is None:
            self._client = Elasticsearch(
                self.url, request_timeout=self.timeout, max_retries=0, retry_on_timeout=False
            )
        return self._client

    def _call(self, operation):
        """Run ``operation`` against the cluster; turn its failures into ``BackendUnavailable``."""
        if time.monotonic() < self._down_until:
            raise BackendUnavailable("нет связи с сервером, повторная попытка позже", fresh=False)
        try:
            return operation()
        except (TransportError, ApiError, helpers.BulkIndexError) as error:
            self._down_until = time.monotonic() + self.retry_after
            raise BackendUnavailable(f"{type(error).__name__}: {error}") from error

    def cluster_health(self):
        """The cluster's status ("green", "yellow" or "red"), asked even during a back-off.

        For the health endpoint: it must see the cluster come back. A failure
        starts (or extends) the back-off like any other call; an answer ends it.
        """
        try:
            health = self.client.cluster.health(timeout=f"{max(1, int(self.timeout))}s").body
        except (TransportError, ApiError) as error:
            fresh = time.monotonic() >= self._down_until
            self._down_until = time.monotonic() + self.retry_after
            raise BackendUnavailable(f"{type(error).__name__}: {error}", fresh=fresh) from error
        self._down_until = 0.0
        return health.get("status", "red")

    # --- writing -----------------------------------------------------------

    def ensure_index(self):
        """Create the index behind the alias when there is none (first incremental write)."""
        if not self.client.indices.exists_alias(name=self.alias):
            name = f"{self.alias}-{time.strftime('%Y%m%d%H%M%S')}"
            new_index(name).create(using=self.client)
            self.client.indices.put_alias(index=name, name=self.alias)

    def index(self, records):
        records = list(records)
        if records:
            self._call(lambda: self._bulk(index_actions(records, self.alias)))

    def delete(self, keys):
        keys = list(keys)
        if keys:
            self._call(lambda: self._bulk(delete_actions(keys, self.alias), missing_ok=True))

    def _bulk(self, actions, missing_ok=False):
        self.ensure_index()
        _done, errors = helpers.bulk(self.client, actions, refresh="wait_for", raise_on_error=False)
        errors = [
            e for e in errors if not (missing_ok and e.get("delete", {}).get("status") == 404)
        ]
        if errors:
            raise helpers.BulkIndexError(f"{len(errors)} document(s) failed to index", errors)

    def rebuild(self, batches):
        def run():
            name = f"{self.alias}-{time.strftime('%Y%m%d%H%M%S')}-{time.monotonic_ns() % 1000}"
            new_index(name).create(using=self.client)
            for batch in batches:
                helpers.bulk(self.client, index_actions(batch, name), refresh=False)
            self.client.indices.refresh(index=name)
            old = []
            if self.client.indices.exists_alias(name=self.alias):
                old = list(self.client.indices.get_alias(name=self.alias).body)
            elif self.client.indices.exists(index=self.alias):
                # An index (not an alias) squats the name: make room for the alias.
                self.client.indices.delete(index=self.alias)
            actions = [{"remove": {"index": o, "alias": self.alias}} for o in old]
            actions.append({"add": {"index": name, "alias": self.alias}})
            self.client.indices.update_aliases(actions=actions)
            for o in old:
                self.client.indices.delete(index=o)

        self._call(run)

    def drop(self):
        """Delete this prefix's indexes (tests, decommissioning)."""

        def run():
            if self.client.indices.exists_alias(name=self.alias):
                for name in self.client.indices.get_alias(name=self.alias).body:
                    self.client.indices.delete(index=name)

        self._call(run)

    # --- reading -----------------------------------------------------------

    def search(self, request):
        search = build_search(request, using=self.client, index=self.alias)
        raw = self._call(lambda: self.client.search(index=self.alias, body=search.to_dict()).body)
        return parse_search(raw, request, self.name)

    def count(self, request):
        search = build_count(request, using=self.client, index=self.alias)
        raw = self._call(lambda: self.client.search(index=self.alias, body=search.to_dict()).body)
        total = raw.get("hits", {}).get("total", {})
        return total.get("value", 0) if isinstance(total, dict) else int(total or 0)

    def suggest(self, text, section=None, limit=8):
        search = build_suggest(text, section, limit, using=self.client, index=self.alias)
        raw = self._call(lambda: self.client.search(index=self.alias, body=search.to_dict()).body)
        return parse_suggest(raw, text)

    def spelling(self, words):
        words = [word for word in words if word.isalpha() and len(word) >= 3]
        if not words:
            return {}
        search = build_spelling(words, using=self.client, index=self.alias)
        raw = self._call(lambda: self.client.search(index=self.alias, body=search.to_dict()).body)
        return parse_spelling(raw)
