"""Words of Russian (and the odd Latin) text as the search index sees them.

One tokenizer for documents and queries, so both sides agree: words are runs of
letters and digits (hyphenated words split into their parts, as PostgreSQL's
parser also yields the parts), lower-cased, «ё» read as «е», Latin look-alike
letters inside Cyrillic words (and the reverse) repaired, stop words dropped,
then stemmed with the Snowball stemmer (Russian for Cyrillic, English for Latin
words — the same pairing as PostgreSQL's ``russian`` configuration).
"""

import re
import threading
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

# A word: letters and digits of any script; everything else (query syntax such as
# "*:()[]{}~^, punctuation, underscores, hyphens) separates words.
WORD_RE = re.compile(r"[^\W_]+")
CYRILLIC_RE = re.compile(r"[а-яё]", re.IGNORECASE)
LATIN_RE = re.compile(r"[a-z]", re.IGNORECASE)
# Control characters, and the private-use pair the highlighter uses as markers.
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ue000\ue001]")

# Stop words of PostgreSQL's `russian` configuration (Snowball's lists, Russian
# for Cyrillic words, English for Latin ones): PostgreSQL drops exactly these,
# so a term we keep always has a lexeme on both database backends.
_RUSSIAN_STOP = """и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по только
    ее мне было вот от меня еще нет о из ему теперь когда даже ну вдруг ли если уже или ни быть
    был него до вас нибудь опять уж вам ведь там потом себя ничего ей может они тут где есть надо
    ней для мы тебя их чем была сам чтоб без будто чего раз тоже себе под будет ж тогда кто этот
    того потому этого какой совсем ним здесь этом один почти мой тем чтобы нее сейчас были куда
    зачем всех никогда можно при наконец два об другой хоть после над больше тот через эти нас про
    всего них какая много разве три эту моя впрочем хорошо свою этой перед иногда лучше чуть том
    нельзя такой им более всегда конечно всю между"""
_ENGLISH_STOP = """i me my myself we our ours ourselves you your yours yourself yourselves he him his himself
    she her hers herself it its itself they them their theirs themselves what which who whom this
    that these those am is are was were be been being have has had having do does did doing a an
    the and but if or because as until while of at by for with about against between into through
    during before after above below to from up down in out on off over under again further then
    once here there when where why how all any both each few more most other some such no nor not
    only own same so than too very s t can will just don should now"""
RUSSIAN_STOP_WORDS = frozenset(_RUSSIAN_STOP.split())
ENGLISH_STOP_WORDS = frozenset(_ENGLISH_STOP.split())
STOP_WORDS = RUSSIAN_STOP_WORDS | ENGLISH_STOP_WORDS

# Letters that look the same in both alphabets; a teacher copying a title from a
# PDF often gets «нaставник» with a Latin «a».
_LATIN_LOOKALIKES = "aceopxykABCEHKMOPTXY"
_CYRILLIC_LOOKALIKES = "асеорхукАВСЕНКМОРТХУ"
LATIN_TO_CYRILLIC = str.maketrans(_LATIN_LOOKALIKES, _CYRILLIC_LOOKALIKES)
CYRILLIC_TO_LATIN = str.maketrans(_CYRILLIC_LOOKALIKES, _LATIN_LOOKALIKES)

# The same keys on the Latin (QWERTY) and Russian (ЙЦУКЕН) layouts: «yfcnfdybr»
# typed with the wrong layout is «наставник».
_QWERTY = "qwertyuiop[]asdfghjkl;'zxcvbnm,.`"
_JCUKEN = "йцукенгшщзхъфывапролджэячсмитьбюё"
LAYOUT_TO_CYRILLIC = str.maketrans(_QWERTY + _QWERTY.upper(), _JCUKEN + _JCUKEN.upper())


@dataclass(frozen=True)
class Token:
    """A word of the text: where it stands, its normalised form and its stem."""

    start: int
    end: int
    word: str
    stem: str


_local = threading.local()


def _stemmer(language):
    # Snowball stemmer objects keep state while stemming: one per thread.
    stemmers = getattr(_local, "stemmers", None)
    if stemmers is None:
        stemmers = _local.stemmers = {}
    if language not in stemmers:
        stemmers[language] = snowballstemmer.stemmer(language)
    return stemmers[language]


@lru_cache(maxsize=50_000)
def stem(word):
    """The stem of one normalised word: «наставничества» → «наставничеств»."""
    if CYRILLIC_RE.search(word):
        return _stemmer("russian").stemWord(word)
    if LATIN_RE.search(word):
        return _stemmer("english").stemWord(word)
    return word


def fix_mixed_script(word):
    """Repair a word that mixes Cyrillic and Latin look-alike letters.

    The word is read in the alphabet most of its letters belong to; a genuinely
    mixed word («IT-школа» is two words already) is left as it is.
    """
    if not (CYRILLIC_RE.search(word) and LATIN_RE.search(word)):
        return word
    cyrillic = len(CYRILLIC_RE.findall(word))
    latin = len(LATIN_RE.findall(word))
    if cyrillic >= latin:
        return word.translate(LATIN_TO_CYRILLIC)
    return word.translate(CYRILLIC_TO_LATIN)


def normalise_word(word):
    return fix_mixed_script(word).lower().replace("ё", "е")


def clean_text(text):
    """Text without control characters, whitespace collapsed."""
    return " ".join(CONTROL_RE.sub(" ", text or "").split())


def tokens(text, keep_stop_words=False):
    """The words of ``text`` with their positions, in order."""
    result = []
    for match in WORD_RE.finditer(text or ""):
        word = normalise_word(match.group())
        if not keep_stop_words and word in STOP_WORDS:
            continue
        result.append(Token(match.start(), match.end(), word, stem(word)))
    return result


def stems(text):
    """The distinct stems of ``text`` in order of first appearance."""
    return list(dict.fromkeys(token.stem for token in tokens(text)))


def switch_layout(text):
    """Text typed on the Latin layout read as if the Russian layout had been on."""
    return text.translate(LAYOUT_TO_CYRILLIC)


def looks_like_wrong_layout(text):
    """True when the text has Latin letters and no Cyrillic ones (a candidate for «раскладка»)."""
    return bool(LATIN_RE.search(text)) and not CYRILLIC_RE.search(text)
