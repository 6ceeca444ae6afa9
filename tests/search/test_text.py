"""Words as the index sees them: Russian morphology, stop words, look-alike letters, layouts."""

import pytest

from search.spelling import best_correction, edit_distance, replace_words
from search.text import (
    fix_mixed_script,
    looks_like_wrong_layout,
    stem,
    stems,
    switch_layout,
    tokens,
)


@pytest.mark.parametrize(
    ("query", "document"),
    [
        ("наставничества", "Наставничество"),
        ("наставнику", "наставник"),
        ("педагогов", "педагог"),
        ("молодого", "молодых"),
        ("практикам", "практика"),
        ("ёлка", "елка"),
    ],
)
def test_word_forms_share_a_stem(query, document):
    assert stems(query) == stems(document)


def test_stop_words_and_query_syntax_are_not_words():
    assert [t.word for t in tokens('как "адаптировать" молодого* (педагога)~ [и] {в} ^школе:')] == [
        "адаптировать",
        "молодого",
        "педагога",
        "школе",
    ]


def test_hyphenated_words_yield_their_parts():
    assert [t.word for t in tokens("Наставничество ученик-ученик, онлайн-лаборатория")] == [
        "наставничество",
        "ученик",
        "ученик",
        "онлайн",
        "лаборатория",
    ]


def test_tokens_know_where_they_stand():
    text = "Школа молодого педагога"
    token = tokens(text)[2]
    assert text[token.start : token.end] == "педагога"
    assert token.stem == "педагог"


def test_latin_look_alikes_inside_russian_words_are_repaired():
    # «нaставник» with a Latin «a», «HACTABHИK» typed in capitals of both alphabets.
    assert fix_mixed_script("нaставник") == "наставник"
    assert fix_mixed_script("НАСТАВНИK") == "НАСТАВНИК"
    assert stems("нaставников") == stems("наставник")
    # Latin words keep their letters; genuinely Latin words are stemmed in English.
    assert fix_mixed_script("Scratch") == "Scratch"
    assert fix_mixed_script("Sсratch") == "Scratch"  # a Cyrillic «с» inside a Latin word
    assert stem("projects") == "project"


def test_wrong_keyboard_layout_is_recognised():
    assert looks_like_wrong_layout("yfcnfdybr")
    assert switch_layout("yfcnfdybr") == "наставник"
    assert switch_layout("gtlfujub") == "педагоги"
    assert not looks_like_wrong_layout("наставник")


def test_edit_distance_counts_swaps_as_one_typo():
    assert edit_distance("наставнки", "наставник", 2) == 1
    assert edit_distance("наставнечество", "наставничество", 2) == 1
    assert edit_distance("педагог", "психолог", 2) == 3  # over the limit: limit + 1


def test_best_correction_prefers_the_closest_then_the_most_frequent():
    candidates = [("наставничество", 10), ("наставничества", 50), ("настольный", 99)]
    assert best_correction("наставнечество", candidates) == "наставничество"
    assert best_correction("совсемдругое", candidates) is None


def test_replace_words_keeps_the_rest_as_typed():
    assert (
        replace_words("Наставнечество, ученик!", {"наставнечество": "наставничество"})
        == "наставничество, ученик!"
    )
