"""Highlighted titles and snippets: every character escaped, ``<mark>`` only around matched words.

Used by the database backend (the Elasticsearch backend asks the server for
highlights and passes them through ``from_markers``). A word matches when its
stem is one of the query's stems, so «наставнику» highlights «наставник».
"""

from django.utils.html import escape
from django.utils.safestring import mark_safe

from search.text import WORD_RE, normalise_word, stem

ELLIPSIS = "…"
# Private-use characters: Elasticsearch wraps highlighted words in them, and no
# visitor's or editor's text can produce them in a way that survives ``escape``.
MARK_START = "\ue000"
MARK_END = "\ue001"


def _matches(text, stems, prefix=None):
    """(start, end) of each word of ``text`` whose stem is wanted (or that starts with ``prefix``)."""
    spans = []
    for match in WORD_RE.finditer(text):
        word = normalise_word(match.group())
        if stem(word) in stems or (prefix and word.startswith(prefix)):
            spans.append((match.start(), match.end()))
    return spans


def _render(text, spans):
    parts, position = [], 0
    for start, end in spans:
        parts.append(escape(text[position:start]))
        parts.append(f"<mark>{escape(text[start:end])}</mark>")
        position = end
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts))  # noqa: S308 — every piece of text above is escaped


def highlight(text, stems, prefix=None):
    """The whole ``text``, escaped, with matched words marked."""
    text = text or ""
    return _render(text, _matches(text, set(stems), prefix))


def snippet(text, stems, length=220):
    """A window of ``text`` around the best cluster of matched words, escaped and marked.

    The window holding the most distinct matched stems wins; without any match
    the snippet is the beginning of the text.
    """
    text = text or ""
    stems = set(stems)
    if len(text) <= length:
        return highlight(text, stems)
    spans = _matches(text, stems)
    start = 0
    if spans:
        best, best_score = spans[0][0], -1
        for span_start, _end in spans:
            window_start = max(0, span_start - length // 4)
            window_end = window_start + length
            found = {
                stem(normalise_word(text[s:e]))
                for s, e in spans
                if s >= window_start and e <= window_end
            }
            if len(found) > best_score:
                best, best_score = window_start, len(found)
        start = best
    end = min(len(text), start + length)
    if end == len(text):
        start = max(0, end - length)
    # Cut at word boundaries so no word is shown in half.
    if start > 0:
        space = text.find(" ", start)
        if space != -1 and space < end:
            start = space + 1
    if end < len(text):
        space = text.rfind(" ", start, end)
        if space > start:
            end = space
    window = text[start:end]
    window_spans = [(s - start, e - start) for s, e in spans if s >= start and e <= end]
    rendered = _render(window, window_spans)
    prefix = ELLIPSIS if start > 0 else ""
    suffix = ELLIPSIS if end < len(text) else ""
    return mark_safe(f"{prefix}{rendered}{suffix}")  # noqa: S308 — rendered is escaped


def from_markers(text):
    """Escape a highlight that marks words with ``MARK_START``/``MARK_END``; turn those into ``<mark>``."""
    escaped = escape(text or "")
    return mark_safe(  # noqa: S308 — escaped above; only our markers become tags
        escaped.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    )


def parts(text, stems, prefix=None):
    """``text`` as ((piece, matched), …): the client marks matches without building HTML."""
    text = text or ""
    result, position = [], 0
    for start, end in _matches(text, set(stems), prefix):
        if start > position:
            result.append((text[position:start], False))
        result.append((text[start:end], True))
        position = end
    if position < len(text):
        result.append((text[position:], False))
    return tuple(result)
