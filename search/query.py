"""What a visitor asked for, made safe: the one input every backend receives.

Any text is accepted: it is cut to a sane length, query syntax and control
characters are treated as separators, look-alike Latin letters in Russian words
are repaired. What cannot be searched yields a message, never an error.
"""

import math
from dataclasses import dataclass, field, replace

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from search.facets import FACETS_BY_NAME, MAX_VALUES_PER_FACET, clean_value
from search.text import clean_text, tokens

MAX_TERMS = 12


@dataclass(frozen=True)
class Term:
    word: str  # normalised word as typed («наставничества»)
    stem: str  # its Snowball stem («наставничеств»)


@dataclass(frozen=True)
class SearchRequest:
    text: str
    terms: tuple = ()
    filters: dict = field(default_factory=dict)  # facet name → tuple of values
    section: str | None = None
    page: int = 1
    page_size: int = 10
    notices: tuple = ()

    @property
    def stems(self):
        return [term.stem for term in self.terms]

    @property
    def words(self):
        return [term.word for term in self.terms]

    @property
    def minimum_should_match(self):
        """How many terms a document must contain: all of one or two, 75 % of more.

        The same rule as Elasticsearch's ``"2<75%"``, so both backends agree:
        «как адаптировать молодого педагога» finds a practice about young
        teachers that never says «адаптировать».
        """
        count = len(self.terms)
        return count if count <= 2 else max(1, math.floor(count * 0.75))

    @property
    def offset(self):
        return (self.page - 1) * self.page_size

    @property
    def is_searchable(self):
        return bool(self.terms)

    def with_changes(self, **changes):
        return replace(self, **changes)


def parse_query(text, filters=None, section=None, page=1, page_size=None):
    """Build a ``SearchRequest`` from raw input; never raises on what a visitor can send."""
    notices = []
    limit = settings.SEARCH_MAX_QUERY_LENGTH
    text = clean_text(str(text or ""))
    if len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
        notices.append(
            _("Запрос длиннее %(limit)s символов: искали по его началу.") % {"limit": limit}
        )
    # One term per stem: «ученик-ученик» is one term, not two.
    seen, unique = set(), []
    for token in tokens(text):
        if token.stem not in seen and len(token.stem) <= 64:
            seen.add(token.stem)
            unique.append(Term(token.word, token.stem))
    if len(unique) > MAX_TERMS:
        unique = unique[:MAX_TERMS]
        notices.append(_("Учтены первые %(count)s слов запроса.") % {"count": MAX_TERMS})
    if text and not unique:
        notices.append(
            _("В запросе нет слов, по которым можно искать: добавьте, например, тему или предмет.")
        )
    return SearchRequest(
        text=text,
        terms=tuple(unique),
        filters=clean_filters(filters or {}),
        section=section or None,
        page=max(1, int(page or 1)),
        page_size=page_size or settings.SEARCH_PAGE_SIZE,
        notices=tuple(notices),
    )


def clean_filters(filters):
    """Known facets with well-formed values only; the content type facet included."""
    cleaned = {}
    for name, values in filters.items():
        if name not in FACETS_BY_NAME:
            continue
        if isinstance(values, str):
            values = [values]
        kept = [v for v in (clean_value(str(value)) for value in values) if v]
        kept = list(dict.fromkeys(kept))[:MAX_VALUES_PER_FACET]
        if kept:
            cleaned[name] = tuple(kept)
    return cleaned
