"""The database backend: the embedded default, on SQLite and on PostgreSQL.

Matching, on both databases, understands Russian word forms. A document must
hold all words of a one- or two-word query and 75 % of a longer one (as
Elasticsearch's ``2<75%``). Ranking puts documents with a query word in the
title first, then the others, each group by relevance times the entry's boost
(«рекомендована» included).

- PostgreSQL: a ``tsvector`` per entry in the ``russian`` configuration (title
  weighted A, body B, keywords C) behind a GIN index; the query words go to
  ``to_tsquery('russian', …)``, so PostgreSQL's own Snowball stemmer reads both
  sides. Matches are counted per facet set in SQL; only the page is ranked
  (``ts_rank``) and read.
- SQLite (and any other database): an inverted index of Snowball stems
  (``IndexTerm``) read through a covering index; relevance is 3 per query word
  in the title, 1 per word in the body. The matches (pk, facet set, score)
  come to Python, which counts facets and picks the page.

Facet counts are «disjunctive»: a facet's counts ignore that facet's own
selection, so several values of one facet can be ticked together. Entries
share facet sets (one row per combination of values), which a process caches
for good: their keys are hashes of their content.
"""

import heapq
import operator
import threading
from collections import Counter, defaultdict
from contextlib import contextmanager
from functools import reduce
from itertools import combinations

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connection, transaction
from django.db.models import (
    Count,
    Expression,
    ExpressionWrapper,
    F,
    FloatField,
    Max,
    Q,
    Sum,
)

from search.backends import SearchBackend
from search.facets import TYPE
from search.highlight import highlight, parts, snippet
from search.models import IndexEntry, IndexFacetSet, IndexTerm, IndexWord
from search.registry import registry
from search.results import Completion, Hit, SearchResults, facet_results
from search.spelling import best_correction, max_distance
from search.text import STOP_WORDS, stem, tokens

# ts_rank weights for D, C (keywords), B (body), A (title).
POSTGRES_WEIGHTS = [0.0, 0.1, 0.1, 1.0]
TITLE_WEIGHT = 3.0
BODY_WEIGHT = 1.0
REPEAT_WEIGHT = 0.05  # a little for each further mention in the body, up to ten
MAX_STEM_LENGTH = 64
WRITE_BATCH = 500


class RussianVector(Expression):
    """``to_tsvector('russian', …)`` of given texts, each with its weight, for an INSERT.

    What ``SearchVector(Value(text), weight=…, config="russian")`` writes, in an
    expression that compiles in microseconds: a rebuild inserts thousands.
    """

    output_field = SearchVectorField()

    def __init__(self, *texts_and_weights):
        super().__init__()
        self.parts = texts_and_weights

    def as_sql(self, compiler, connection):
        pieces, params = [], []
        for text, weight in self.parts:
            if weight:
                pieces.append("setweight(to_tsvector('russian'::regconfig, %s), %s)")
                params.extend([text or "", weight])
            else:
                pieces.append("to_tsvector('russian'::regconfig, %s)")
                params.append(text or "")
        return " || ".join(pieces), params


def _vectors(record):
    """PostgreSQL: the entry's tsvectors, computed by the INSERT itself (no second write).

    ``title_vector`` answers «does a query word stand in the title» from its own
    GIN index; a weight-restricted tsquery would re-read every matching vector.
    """
    return {
        "search_vector": RussianVector(
            (record.title, "A"), (record.body, "B"), (record.keywords, "C")
        ),
        "title_vector": RussianVector((record.title, None)),
    }


# Table name from the model, values as parameters.
TERM_INSERT = (
    f"INSERT INTO {IndexTerm._meta.db_table} (entry_id, stem, weight, facet_set_id, in_title) "  # noqa: S608
    "VALUES (%s, %s, %s, %s, %s)"
)
FACET_SET_CACHE_SIZE = 50_000


class FacetSets:
    """Decoded facet sets by key, cached per process (a key never changes its meaning)."""

    def __init__(self):
        self._decoded = {}
        self._lock = threading.Lock()

    def get(self, keys):
        """{key: (items, present)} where items are (facet, slug, label) and present facet → slugs."""
        missing = [key for key in keys if key not in self._decoded]
        if missing:
            loaded = {}
            for start in range(0, len(missing), WRITE_BATCH):
                for key, data in IndexFacetSet.objects.filter(
                    pk__in=missing[start : start + WRITE_BATCH]
                ).values_list("pk", "data"):
                    items = IndexFacetSet.decode(data)
                    present = defaultdict(set)
                    for name, slug, _label in items:
                        present[name].add(slug)
                    loaded[key] = (items, dict(present))
            with self._lock:
                if len(self._decoded) + len(loaded) > FACET_SET_CACHE_SIZE:
                    self._decoded.clear()
                self._decoded.update(loaded)
        decoded = self._decoded
        return {key: decoded.get(key, ((), {})) for key in keys}


facet_sets = FacetSets()


def _is_postgres():
    return connection.vendor == "postgresql"


def _keys_q(keys):
    by_type = defaultdict(list)
    for content_type_id, object_id in keys:
        by_type[content_type_id].append(object_id)
    return reduce(
        operator.or_,
        (Q(content_type_id=ct, object_id__in=ids) for ct, ids in by_type.items()),
        Q(pk__in=[]),
    )


def _is_vocabulary(word):
    """Words worth offering as a spelling: letters only, 3–40 long."""
    return word.isalpha() and 3 <= len(word) <= 40


def _vocabulary(title, body):
    """{word: stem} of an entry's spelling vocabulary."""
    return {
        token.word: token.stem for token in tokens(f"{title}\n{body}") if _is_vocabulary(token.word)
    }


def _analyse(record):
    """Stems of the title, stems of the body and keywords (with counts), and the vocabulary."""
    title_tokens = tokens(record.title)
    body_tokens = tokens(record.body)
    vocabulary = {t.word: t.stem for t in title_tokens + body_tokens if _is_vocabulary(t.word)}
    in_title = Counter(t.stem for t in title_tokens if len(t.stem) <= MAX_STEM_LENGTH)
    in_body = Counter(
        t.stem for t in body_tokens + tokens(record.keywords) if len(t.stem) <= MAX_STEM_LENGTH
    )
    return in_title, in_body, vocabulary


def _term_rows(entry, in_title, in_body):
    """(entry, stem, weight × boost, facet set, in title) rows of one entry's stems."""
    for term_stem in in_title.keys() | in_body.keys():
        weight = TITLE_WEIGHT if term_stem in in_title else 0.0
        if term_stem in in_body:
            weight += BODY_WEIGHT + REPEAT_WEIGHT * min(in_body[term_stem] - 1, 10)
        yield (entry.pk, term_stem, weight * entry.boost, entry.facet_set_id, term_stem in in_title)


def _label(section):
    registration = registry.for_section(section)
    return str(registration.label) if registration else section


def _fetch_all(queryset):
    """The rows of a ``values_list`` query in one ``fetchall``.

    Thousands of matches are read per search; Django's chunked iteration costs
    more than the query itself here. The SQL is still the ORM's.
    """
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _facet_counts(usage, request):
    """Which facet sets pass the filters, and the facet counts, from {facet set: matches}.

    Many entries share one facet set: each set is decided once. A facet's counts
    ignore that facet's own selection (checkbox facets); the section, if any,
    must match.
    """
    selected = {name: set(values) for name, values in request.filters.items()}
    decoded = facet_sets.get(list(usage))
    counts, labels, passes = Counter(), {}, {}
    for key, matches in usage.items():
        items, present = decoded[key]
        if request.section and request.section not in present.get(TYPE, ()):
            passes[key] = False
            continue
        failing = [
            name for name, wanted in selected.items() if not present.get(name, set()) & wanted
        ]
        passes[key] = not failing
        if len(failing) > 1:
            continue
        for name, slug, label in items:
            labels[(name, slug)] = label
            if not failing or failing[0] == name:
                counts[(name, slug)] += matches
    return passes, counts, labels


@contextmanager
def _index_friendly_planner():
    """PostgreSQL: let the GIN indexes drive a search, whatever share of the rows matches.

    The planner prices ``tsvector @@ tsquery`` like a comparison of integers, so
    for a common word it prefers reading every row and matching each vector —
    several times slower than the bitmap from the GIN index, which needs no
    recheck. The index table is small and hot, so random reads cost about as
    much as sequential ones. Both settings are put back afterwards.
    """
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off; SET random_page_cost = 1.1")
        try:
            yield
        finally:
            cursor.execute("RESET enable_seqscan; RESET random_page_cost")


def _ranked(entries, any_word, limit):
    """(pk, score) of the ``limit`` best ``entries``: ``ts_rank`` × boost."""
    rank = SearchRank(F("search_vector"), any_word, weights=POSTGRES_WEIGHTS)
    return _fetch_all(
        entries.annotate(score=ExpressionWrapper(rank * F("boost"), output_field=FloatField()))
        .order_by("-score", "pk")
        .values_list("pk", "score")[:limit]
    )


def _tsquery(words, needed):
    """A ``to_tsquery`` text matching documents with at least ``needed`` of ``words``.

    The words are letters and digits only (see search/text.py), so they cannot
    carry tsquery syntax.
    """
    if needed >= len(words):
        return " & ".join(words)
    return " | ".join(
        "(" + " & ".join(combination) + ")" for combination in combinations(words, needed)
    )


class DatabaseBackend(SearchBackend):
    name = "database"

    # --- writing -----------------------------------------------------------

    def index(self, records):
        records = list(records)
        if not records:
            return
        with transaction.atomic():
            removed = self._remove([(r.content_type_id, r.object_id) for r in records])
            added, stems_of = self._insert(records)
            self._adjust_vocabulary(added, removed, stems_of)

    def delete(self, keys):
        keys = list(keys)
        if not keys:
            return
        with transaction.atomic():
            removed = self._remove(keys)
            self._adjust_vocabulary(Counter(), removed, {})

    def rebuild(self, batches):
        with transaction.atomic():
            IndexTerm.objects.all().delete()
            IndexEntry.objects.all().delete()
            IndexWord.objects.all().delete()
            IndexFacetSet.objects.all().delete()
            words, stems_of = Counter(), {}
            for batch in batches:
                added, batch_stems = self._insert(batch)
                words.update(added)
                stems_of.update(batch_stems)
            IndexWord.objects.bulk_create(
                (
                    IndexWord(
                        word=word,
                        stem=stems_of[word],
                        initial=word[0],
                        length=len(word),
                        entries=entries,
                    )
                    for word, entries in words.items()
                ),
                batch_size=WRITE_BATCH,
            )
            if _is_postgres():
                # Fresh statistics, so that the planner sees how selective the
                # GIN indexes are right after a bulk load.
                with connection.cursor() as cursor:
                    cursor.execute(f"ANALYZE {IndexEntry._meta.db_table}")

    def _remove(self, keys):
        """Delete the entries of ``keys``; return the vocabulary they held (word → entries)."""
        words = Counter()
        entries = list(IndexEntry.objects.filter(_keys_q(keys)).values_list("pk", "title", "body"))
        for _pk, title, body in entries:
            words.update(_vocabulary(title, body).keys())
        if entries:
            IndexEntry.objects.filter(pk__in=[pk for pk, _title, _body in entries]).delete()
        return words

    def _insert(self, records):
        """Write entries (and their stems or vectors); return their vocabulary."""
        words, stems_of = Counter(), {}
        postgres = _is_postgres()
        for start in range(0, len(records), WRITE_BATCH):
            batch = records[start : start + WRITE_BATCH]
            encoded = [IndexFacetSet.encode(record.facets) for record in batch]
            keys = [IndexFacetSet.key(data) for data in encoded]
            IndexFacetSet.objects.bulk_create(
                [
                    IndexFacetSet(pk=key, data=data)
                    for key, data in dict(zip(keys, encoded, strict=True)).items()
                ],
                ignore_conflicts=True,
            )
            entries = IndexEntry.objects.bulk_create(
                [
                    IndexEntry(
                        content_type_id=record.content_type_id,
                        object_id=record.object_id,
                        section=record.section,
                        title=record.title,
                        body=record.body,
                        keywords=record.keywords,
                        url=record.url,
                        boost=record.boost,
                        recommended=record.recommended,
                        date=record.date,
                        badges=list(record.badges),
                        facet_set_id=key,
                        **(_vectors(record) if postgres else {}),
                    )
                    for record, key in zip(batch, keys, strict=True)
                ]
            )
            rows = []
            for entry, record in zip(entries, batch, strict=True):
                in_title, in_body, vocabulary = _analyse(record)
                words.update(vocabulary.keys())
                stems_of.update(vocabulary)
                if not postgres:
                    rows.extend(_term_rows(entry, in_title, in_body))
            if rows:
                # Tens of rows per document: plain executemany, not one model object each.
                with connection.cursor() as cursor:
                    cursor.executemany(TERM_INSERT, rows)
        return words, stems_of

    @staticmethod
    def _adjust_vocabulary(added, removed, stems_of):
        delta = Counter(added)
        delta.subtract(removed)
        new_words = [word for word, change in delta.items() if change > 0]
        if new_words:
            IndexWord.objects.bulk_create(
                [
                    IndexWord(
                        word=word, stem=stems_of[word], initial=word[0], length=len(word), entries=0
                    )
                    for word in new_words
                ],
                ignore_conflicts=True,
                batch_size=WRITE_BATCH,
            )
        by_change = defaultdict(list)
        for word, change in delta.items():
            if change:
                by_change[change].append(word)
        for change, changed_words in by_change.items():
            for start in range(0, len(changed_words), WRITE_BATCH):
                IndexWord.objects.filter(
                    word__in=changed_words[start : start + WRITE_BATCH]
                ).update(entries=F("entries") + change)
        if any(change < 0 for change in by_change):
            IndexWord.objects.filter(entries__lte=0).delete()

    # --- reading -----------------------------------------------------------

    def search(self, request):
        best, total, counts, labels = self._run(request, limit=request.offset + request.page_size)
        page = best[request.offset :]
        entries = IndexEntry.objects.filter(pk__in=[row[0] for row in page]).only(
            "content_type_id",
            "object_id",
            "section",
            "title",
            "body",
            "url",
            "recommended",
            "date",
            "badges",
        )
        by_pk = {entry.pk: entry for entry in entries}
        stems = request.stems
        hits = []
        for pk, score in page:
            entry = by_pk.get(pk)
            if entry is None:
                continue
            hits.append(
                Hit(
                    key=entry.key,
                    section=entry.section,
                    type_label=_label(entry.section),
                    title=entry.title,
                    title_html=highlight(entry.title, stems),
                    snippet_html=snippet(entry.body, stems),
                    url=entry.url,
                    recommended=entry.recommended,
                    date=entry.date,
                    badges=tuple(entry.badges),
                    score=score,
                )
            )
        return SearchResults(
            request=request,
            hits=hits,
            total=total,
            facets=facet_results(counts, labels, request),
            backend=self.name,
        )

    def count(self, request):
        return self._run(request, limit=0)[1]

    def _run(self, request, limit=None):
        """The best ``limit`` matches ``(pk, score)`` passing the filters, their number,
        facet counts and labels."""
        if not request.terms:
            return [], 0, Counter(), {}
        if _is_postgres():
            return self._run_postgres(request, limit)
        rows = self._candidates(request)
        usage = Counter(row[1] for row in rows)
        passes, counts, labels = _facet_counts(usage, request)
        kept = [row for row in rows if passes[row[1]]]
        # Title matches first, then by score (see the module's docstring).
        best = heapq.nsmallest(
            len(kept) if limit is None else limit,
            kept,
            key=lambda row: (-row[3], -row[2], row[0]),
        )
        return [(pk, score) for pk, _key, score, _title in best], len(kept), counts, labels

    @staticmethod
    def _candidates(request):
        """SQLite: (pk, facet set, score, title match) of every match, from the covering index."""
        terms = IndexTerm.objects.filter(stem__in=request.stems)
        if len(request.stems) == 1:
            # One stem, one row per entry: nothing to add up.
            matches = terms.values_list("entry_id", "facet_set_id", "weight", "in_title")
        else:
            matches = (
                terms.values("entry_id")
                .annotate(
                    facet_set=Max("facet_set_id"),
                    score=Sum("weight"),
                    title=Max("in_title"),
                    coverage=Count("pk"),
                )
                .filter(coverage__gte=request.minimum_should_match)
                .values_list("entry_id", "facet_set", "score", "title")
            )
        return _fetch_all(matches)

    @classmethod
    def _run_postgres(cls, request, limit):
        with _index_friendly_planner():
            return cls._search_postgres(request, limit)

    @staticmethod
    def _search_postgres(request, limit):
        """PostgreSQL: matches counted per facet set, then only the page ranked and read.

        One tsquery says which documents match (all words, or «k of n» written as
        an OR of ANDs), served by the GIN index. Documents with a query word in
        the title come first, then the others; within each, ``ts_rank`` (title
        weighted 1, body 0.1) times the boost.
        """
        match = SearchQuery(
            _tsquery(request.words, request.minimum_should_match),
            config="russian",
            search_type="raw",
        )
        # The section is left to the facet sets (their type facet): a `section =`
        # condition tempts the planner away from the GIN index.
        matches = IndexEntry.objects.filter(search_vector=match)
        usage = dict(
            _fetch_all(
                matches.order_by()
                .values("facet_set_id")
                .annotate(entries=Count("pk"))
                .values_list("facet_set_id", "entries")
            )
        )
        passes, counts, labels = _facet_counts(usage, request)
        total = sum(entries for key, entries in usage.items() if passes[key])
        if not total or limit == 0:
            return [], total, counts, labels
        if not all(passes.values()):
            matches = matches.filter(facet_set_id__in=[key for key, ok in passes.items() if ok])
        any_word = SearchQuery(" | ".join(request.words), config="russian", search_type="raw")
        wanted = total if limit is None else min(limit, total)
        # Title matches first: ranking only them is enough for most first pages.
        best = _ranked(matches.filter(title_vector=any_word), any_word, wanted)
        if len(best) < wanted:
            rest = matches.exclude(title_vector=any_word)
            best += _ranked(rest, any_word, wanted - len(best))
        return best, total, counts, labels

    def suggest(self, text, section=None, limit=8):
        words = tokens(text, keep_stop_words=True)
        if not words:
            return []
        *head, last = words
        head = [token for token in head if token.word not in STOP_WORDS]
        entries = IndexEntry.objects.all()
        if section:
            entries = entries.filter(section=section)
        if _is_postgres():
            if last.word in STOP_WORDS and not head:
                return []
            # Whole words before, a prefix for the word being typed, all in the title.
            terms = [token.word for token in head]
            if last.word not in STOP_WORDS:
                terms.append(f"{last.word}:*")
            query = SearchQuery(" & ".join(terms), config="russian", search_type="raw")
            entries = entries.filter(title_vector=query).order_by("-boost", "title")
        else:
            for token in head:
                entries = entries.filter(
                    pk__in=IndexTerm.objects.filter(in_title=True, stem=token.stem).values(
                        "entry_id"
                    )
                )
            prefix = Q(stem__gte=last.word, stem__lt=last.word + "\U0010ffff") | Q(stem=last.stem)
            entries = entries.filter(
                pk__in=IndexTerm.objects.filter(prefix, in_title=True).values("entry_id")
            ).order_by("-boost", "title")
        stems = {token.stem for token in head} | {last.stem}
        return [
            Completion(
                title=title,
                url=url,
                section=entry_section,
                type_label=_label(entry_section),
                parts=parts(title, stems, prefix=last.word),
            )
            for entry_section, title, url in entries.values_list("section", "title", "url")[:limit]
        ]

    def spelling(self, words):
        words = [word for word in dict.fromkeys(words) if word.isalpha() and len(word) >= 3]
        if not words:
            return {}
        known = set(
            IndexWord.objects.filter(stem__in=[stem(word) for word in words]).values_list(
                "stem", flat=True
            )
        )
        corrections = {}
        for word in words:
            if stem(word) in known:
                continue
            limit = max_distance(word)
            candidates = (
                IndexWord.objects.filter(
                    initial=word[0],
                    length__gte=len(word) - limit,
                    length__lte=len(word) + limit,
                    entries__gt=0,
                )
                .order_by("-entries")
                .values_list("word", "entries")[:5000]
            )
            correction = best_correction(word, candidates)
            if correction:
                corrections[word] = correction
        return corrections
