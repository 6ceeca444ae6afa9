"""The database backend: the embedded default, on SQLite and on PostgreSQL.

Matching, on both databases, understands Russian word forms:

- PostgreSQL: a ``tsvector`` per entry in the ``russian`` configuration (title
  weighted A, body B) behind a GIN index; each query word becomes a
  ``to_tsquery('russian', …)``, so PostgreSQL's own Snowball stemmer reads both
  sides.
- SQLite (and any other database): an inverted index of Snowball stems
  (``IndexTerm``) read through a covering index.

Ranking is the same on both: each query word found in the title counts 3, in
the body 1, times the entry's boost («рекомендована» included). A document
must hold all words of a one- or two-word query and 75 % of a longer one.
Facet counts are «disjunctive»: a facet's counts ignore that facet's own
selection, so several values of one facet can be ticked together.
"""

import operator
from collections import Counter, defaultdict
from functools import reduce

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection, transaction
from django.db.models import (
    BooleanField,
    Count,
    ExpressionWrapper,
    F,
    FloatField,
    IntegerField,
    Q,
    Sum,
    Value,
)
from django.db.models.functions import Cast

from search.backends import SearchBackend
from search.highlight import highlight, parts, snippet
from search.models import IndexEntry, IndexTerm, IndexWord
from search.registry import registry
from search.results import Completion, Hit, SearchResults, facet_results
from search.spelling import best_correction, max_distance
from search.text import STOP_WORDS, stem, tokens

TITLE_WEIGHT = 3.0
BODY_WEIGHT = 1.0
REPEAT_WEIGHT = 0.05  # a little for each further mention in the body, up to ten
MAX_STEM_LENGTH = 64
WRITE_BATCH = 500

SEARCH_VECTOR = (
    SearchVector("title", weight="A", config="russian")
    + SearchVector("body", weight="B", config="russian")
    + SearchVector("keywords", weight="C", config="russian")
)


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


def _vocabulary(title, body):
    """{word: stem} of the words worth offering as a spelling: letters only, 3–40 long."""
    return {
        token.word: token.stem
        for token in tokens(f"{title}\n{body}")
        if token.word.isalpha() and 3 <= len(token.word) <= 40
    }


def _label(section):
    registration = registry.for_section(section)
    return str(registration.label) if registration else section


def _matches_any(query):
    return Cast(
        ExpressionWrapper(Q(search_vector=query), output_field=BooleanField()), IntegerField()
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
                        facet_data=IndexEntry.encode_facets(record.facets),
                    )
                    for record in batch
                ]
            )
            if postgres:
                IndexEntry.objects.filter(pk__in=[entry.pk for entry in entries]).update(
                    search_vector=SEARCH_VECTOR
                )
            else:
                IndexTerm.objects.bulk_create(
                    (
                        term
                        for entry, record in zip(entries, batch, strict=True)
                        for term in self._terms(entry, record)
                    ),
                    batch_size=2000,
                )
            for record in batch:
                vocabulary = _vocabulary(record.title, record.body)
                words.update(vocabulary.keys())
                stems_of.update(vocabulary)
        return words, stems_of

    @staticmethod
    def _terms(entry, record):
        in_title = Counter(t.stem for t in tokens(record.title) if len(t.stem) <= MAX_STEM_LENGTH)
        in_body = Counter(
            t.stem
            for t in tokens(f"{record.body}\n{record.keywords}")
            if len(t.stem) <= MAX_STEM_LENGTH
        )
        for term_stem in in_title.keys() | in_body.keys():
            weight = TITLE_WEIGHT if term_stem in in_title else 0.0
            if term_stem in in_body:
                weight += BODY_WEIGHT + REPEAT_WEIGHT * min(in_body[term_stem] - 1, 10)
            yield IndexTerm(
                entry=entry, stem=term_stem, weight=weight, in_title=term_stem in in_title
            )

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
        ranked, counts, labels = self._run(request)
        page = ranked[request.offset : request.offset + request.page_size]
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
            total=len(ranked),
            facets=facet_results(counts, labels, request),
            backend=self.name,
        )

    def count(self, request):
        ranked, _counts, _labels = self._run(request)
        return len(ranked)

    def _run(self, request):
        """Ranked ``(pk, score)`` of every match passing the filters, facet counts and labels."""
        if not request.terms:
            return [], Counter(), {}
        rows = self._postgres_candidates(request) if _is_postgres() else self._candidates(request)
        return self._filter_and_rank(rows, request)

    @staticmethod
    def _candidates(request):
        """SQLite: (pk, boost, facet_data, score, tiebreak) from the stems' inverted index."""
        terms = IndexTerm.objects.filter(stem__in=request.stems)
        if request.section:
            terms = terms.filter(entry__section=request.section)
        return (
            terms.values("entry_id", "entry__boost", "entry__facet_data")
            .annotate(coverage=Count("pk"), score=Sum("weight"), tiebreak=Value(0.0))
            .filter(coverage__gte=request.minimum_should_match)
            .values_list("entry_id", "entry__boost", "entry__facet_data", "score", "tiebreak")
        )

    @staticmethod
    def _postgres_candidates(request):
        """PostgreSQL: the same from the ``russian`` tsvector (GIN index on ``@@ any word``)."""
        words = [SearchQuery(word, config="russian", search_type="raw") for word in request.words]
        any_word = reduce(operator.or_, words)
        coverage = reduce(operator.add, (_matches_any(word) for word in words))
        score = reduce(
            operator.add,
            (
                _matches_any(SearchQuery(f"{word}:A", config="russian", search_type="raw"))
                * Value(TITLE_WEIGHT)
                + _matches_any(SearchQuery(f"{word}:BC", config="russian", search_type="raw"))
                * Value(BODY_WEIGHT)
                for word in request.words
            ),
        )
        entries = IndexEntry.objects.filter(search_vector=any_word)
        if request.section:
            entries = entries.filter(section=request.section)
        return (
            entries.annotate(
                coverage=coverage,
                score=ExpressionWrapper(score, output_field=FloatField()),
                tiebreak=SearchRank(F("search_vector"), any_word),
            )
            .filter(coverage__gte=request.minimum_should_match)
            .values_list("pk", "boost", "facet_data", "score", "tiebreak")
        )

    @staticmethod
    def _filter_and_rank(rows, request):
        selected = {name: set(values) for name, values in request.filters.items()}
        rows = list(rows)
        # Many entries share one combination of facet values: decode each once.
        combinations = Counter(row[2] for row in rows)
        counts, labels, failing_of = Counter(), {}, {}
        for data, matches in combinations.items():
            items = IndexEntry.decode_facets(data)
            present = defaultdict(set)
            for name, slug, label in items:
                present[name].add(slug)
                labels[(name, slug)] = label
            failing = [name for name, wanted in selected.items() if not present[name] & wanted]
            failing_of[data] = not failing
            if len(failing) > 1:
                continue
            for name, slug, _label in items:
                # A facet's own selection does not narrow its counts.
                if not failing or failing[0] == name:
                    counts[(name, slug)] += matches
        ranked = sorted(
            (
                (pk, score * boost, tiebreak)
                for pk, boost, data, score, tiebreak in rows
                if failing_of[data]
            ),
            key=lambda item: (-item[1], -item[2], item[0]),
        )
        return [(pk, score) for pk, score, _tiebreak in ranked], counts, labels

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
            terms = [f"{token.word}:A" for token in head]
            if last.word not in STOP_WORDS:
                terms.append(f"{last.word}:*A")
            query = SearchQuery(" & ".join(terms), config="russian", search_type="raw")
            entries = (
                entries.filter(search_vector=query)
                .annotate(rank=SearchRank(F("search_vector"), query))
                .order_by("-boost", "-rank", "title")
            )
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
