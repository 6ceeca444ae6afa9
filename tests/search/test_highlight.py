"""Snippets: everything escaped, <mark> only around the words that matched."""

from search.highlight import MARK_END, MARK_START, from_markers, highlight, parts, snippet
from search.text import stems


def test_matched_word_forms_are_marked_and_nothing_else():
    html = highlight("Наставник и наставнику: «наставничество»", stems("наставника"))
    assert html == "<mark>Наставник</mark> и <mark>наставнику</mark>: «наставничество»"


def test_text_is_escaped_around_and_inside_marks():
    html = highlight('<script>alert("педагог")</script> педагог & Co', stems("педагог"))
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&quot;<mark>педагог</mark>&quot;)&lt;/script&gt;" in html
    assert html.endswith("<mark>педагог</mark> &amp; Co")
    assert html.count("<mark>") == 2


def test_snippet_is_a_window_around_the_best_cluster_of_matches():
    filler = "Вступительные слова без смысла. " * 20
    text = filler + "Здесь наставник встречается с молодым педагогом каждую неделю. " + filler
    html = snippet(text, stems("наставник педагог"), length=120)
    assert html.startswith("…") and html.endswith("…")
    assert "<mark>наставник</mark>" in html and "<mark>педагогом</mark>" in html
    assert len(html.replace("<mark>", "").replace("</mark>", "")) <= 125


def test_snippet_without_matches_is_the_beginning_cut_at_a_word():
    text = "Первое предложение текста. " * 30
    html = snippet(text, stems("робототехника"), length=60)
    assert html.startswith("Первое предложение")
    assert html.endswith("…")
    assert "<mark>" not in html


def test_short_text_is_shown_whole():
    assert snippet("Клуб молодых педагогов", stems("педагоги")) == (
        "Клуб молодых <mark>педагогов</mark>"
    )


def test_server_markers_become_marks_after_escaping():
    raw = f"<b>Школа</b> {MARK_START}наставников{MARK_END} & друзья"
    assert from_markers(raw) == "&lt;b&gt;Школа&lt;/b&gt; <mark>наставников</mark> &amp; друзья"


def test_parts_split_a_title_for_the_suggestion_list():
    assert parts("Клуб молодых педагогов", set(), prefix="пед") == (
        ("Клуб молодых ", False),
        ("педагогов", True),
    )
