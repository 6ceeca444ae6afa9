"""Spelling suggestions from the indexed vocabulary, by edit distance."""

from search.text import WORD_RE, normalise_word


def max_distance(word):
    """How many typos a word of this length may carry and still be corrected."""
    return 1 if len(word) <= 5 else 2


def edit_distance(a, b, limit):
    """Optimal string alignment distance (a swap of neighbours counts as one), or ``limit + 1``.

    Stops as soon as every path is longer than ``limit``: most candidates are
    rejected after a few rows.
    """
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous_previous = None
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        row_min = current[0]
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if (
                previous_previous is not None
                and i > 1
                and j > 1
                and a[i - 1] == b[j - 2]
                and a[i - 2] == b[j - 1]
            ):
                value = min(value, previous_previous[j - 2] + 1)
            current[j] = value
            row_min = min(row_min, value)
        if row_min > limit:
            return limit + 1
        previous_previous, previous = previous, current
    return previous[-1] if previous[-1] <= limit else limit + 1


def best_correction(word, candidates):
    """The closest candidate ``(word, frequency)`` within the allowed distance, most frequent first."""
    limit = max_distance(word)
    best = None
    for candidate, frequency in candidates:
        if candidate == word:
            continue
        distance = edit_distance(word, candidate, limit)
        if distance > limit:
            continue
        key = (distance, -frequency, candidate)
        if best is None or key < best[0]:
            best = (key, candidate)
    return best[1] if best else None


def replace_words(text, corrections):
    """``text`` with each corrected word replaced, everything else kept as typed."""
    if not corrections:
        return text
    parts, position = [], 0
    for match in WORD_RE.finditer(text):
        word = normalise_word(match.group())
        if word in corrections:
            parts.append(text[position : match.start()])
            parts.append(corrections[word])
            position = match.end()
    parts.append(text[position:])
    return "".join(parts)
