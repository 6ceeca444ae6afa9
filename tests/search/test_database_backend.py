"""The database backend, on whichever database the suite runs (SQLite or PostgreSQL)."""

from django.db import connection

import pytest

from search import service
from search.models import IndexEntry, IndexTerm
from tests.search.helpers import facet_counts, synthetic_record, titles

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("наставничества", "Наставничество ученик–ученик в пятых классах"),
        ("наставнику", "Наставник и молодой специалист: план на год"),
        ("педагогов", "Педагог-исследователь: проектная неделя"),
        ("Наставники", "Как стать наставником: памятка"),
    ],
)
def test_russian_word_forms_find_each_other(make_practice, query, title):
    make_practice(title)
    make_practice("Робототехника в колледже", summary="Проекты по программированию роботов.")
    assert titles(service.search(query)) == [title]


def test_the_database_uses_its_own_morphology_strategy(make_practice):
    make_practice("Школа молодого педагога", summary="Разбор уроков с наставником.")
    entry = IndexEntry.objects.get()
    if connection.vendor == "postgresql":
        # The `russian` configuration stems; a GIN index serves `@@`.
        with connection.cursor() as cursor:
            cursor.execute("SELECT search_vector::text FROM search_indexentry")
            vector = cursor.fetchone()[0]
            cursor.execute(
                "SELECT indexdef FROM pg_indexes WHERE indexname = 'search_entry_vector_gin'"
            )
            definition = cursor.fetchone()[0]
        assert "'педагог':3A" in vector and "'наставник':7B" in vector
        assert "USING gin (search_vector)" in definition
        assert not IndexTerm.objects.exists()
    else:
        # Title and summary stemmed (the practice's other required fields add their own).
        assert set(entry.terms.values_list("stem", flat=True)) >= {
            "школ",
            "молод",
            "педагог",
            "разбор",
            "урок",
            "наставник",
        }
        assert not entry.terms.filter(stem__in=["школа", "педагогов", "уроков"]).exists()
        assert entry.terms.get(stem="педагог").in_title


def test_title_matches_rank_above_body_matches(make_practice):
    make_practice(
        "Методическая копилка", summary="Аукцион педагогических идей для молодых педагогов."
    )
    make_practice("Аукцион педагогических идей", summary="Формат обмена опытом.")
    assert titles(service.search("аукцион педагогических идей")) == [
        "Аукцион педагогических идей",
        "Методическая копилка",
    ]


def test_recommended_practices_are_boosted_but_a_title_match_still_wins(db):
    service.DATABASE.index(
        [
            synthetic_record(1, "Дневник наставника", body="Записи встреч."),
            synthetic_record(2, "Дневник наставника: шаблон", body="Записи.", recommended=True),
            synthetic_record(3, "Шаблоны документов", body="Дневник наставника.", recommended=True),
        ]
    )
    results = service.search("дневник наставника")
    assert titles(results) == [
        "Дневник наставника: шаблон",
        "Дневник наставника",
        "Шаблоны документов",
    ]
    assert [hit.recommended for hit in results.hits] == [True, False, True]


def test_long_queries_need_most_but_not_all_of_their_words(make_practice):
    make_practice("«Школа молодого педагога»", summary="Первый год без выгорания.")
    make_practice("Клуб молодых мам", summary="Не про школу.")
    # «адаптировать» is nowhere: three of four words are enough.
    assert titles(service.search("как адаптировать молодого педагога в школе")) == [
        "«Школа молодого педагога»"
    ]
    # Two words: both are needed.
    assert titles(service.search("молодого педагога")) == ["«Школа молодого педагога»"]
    assert titles(service.search("молодого робототехника")) == []


def test_unpublished_private_and_deleted_content_is_never_found(tree, make_practice):
    from wagtail.models import PageViewRestriction

    make_practice("Наставничество: черновик", publish=False)
    private = make_practice("Наставничество: закрытая практика")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    gone = make_practice("Наставничество: удалённая практика")
    gone.delete()
    make_practice("Наставничество: открытая практика")
    assert titles(service.search("наставничество")) == ["Наставничество: открытая практика"]


def test_facet_counts_and_checkbox_selection(make_practice, make_event, make_community):
    make_practice("Наставник и ученик: консультации", form="uchenik-uchenik")
    make_practice("Наставник молодого учителя", form="uchitel-uchitel")
    make_practice("Наставник в паре учителей", form="uchitel-uchitel")
    make_event("Семинар наставников", event_type="seminar")
    make_community("Клуб наставников")

    everything = service.search("наставник")
    assert everything.total == 5
    assert facet_counts(everything, "type") == {"practices": 3, "events": 1, "communities": 1}
    assert facet_counts(everything, "mentoring_form") == {
        "uchenik-uchenik": 1,
        "uchitel-uchitel": 2,
    }
    assert facet_counts(everything, "event_type") == {"seminar": 1}

    one_form = service.search("наставник", filters={"mentoring_form": ["uchitel-uchitel"]})
    assert one_form.total == 2
    # The facet's own counts ignore its selection, so a second form can be ticked …
    assert facet_counts(one_form, "mentoring_form") == {"uchenik-uchenik": 1, "uchitel-uchitel": 2}
    # … while other facets count within it.
    assert facet_counts(one_form, "type") == {"practices": 2}
    selected = [o for f in one_form.facets for o in f.options if o.selected]
    assert [(o.value, o.label) for o in selected] == [("uchitel-uchitel", "учитель – учитель")]

    both_forms = service.search(
        "наставник", filters={"mentoring_form": ["uchitel-uchitel", "uchenik-uchenik"]}
    )
    assert both_forms.total == 3

    events_only = service.search("наставник", filters={"type": ["events", "communities"]})
    assert sorted(titles(events_only)) == ["Клуб наставников", "Семинар наставников"]


def test_facets_appear_as_soon_as_documents_supply_them(db):
    """Levels, subjects and tags are wired: a registration that fills them makes them appear."""
    service.DATABASE.index(
        [
            synthetic_record(
                1,
                "Проектная неделя наставников",
                facets={
                    "education_level": [("ooo", "ООО")],
                    "subject": [("matematika", "Математика")],
                    "tag": [("proekty", "проекты"), ("igry", "игры")],
                },
            ),
            synthetic_record(
                2,
                "Наставник в детском саду",
                facets={"education_level": [("dou", "ДОУ")], "tag": [("igry", "игры")]},
            ),
        ]
    )
    results = service.search("наставник")
    assert [f.name for f in results.facets] == ["type", "education_level", "subject", "tag"]
    assert facet_counts(results, "tag") == {"igry": 2, "proekty": 1}
    filtered = service.search("наставник", filters={"tag": ["proekty"], "education_level": ["ooo"]})
    assert titles(filtered) == ["Проектная неделя наставников"]


def test_section_search_searches_one_section(make_practice, make_event):
    make_practice("Форум идей наставников")
    make_event("Форум наставников", event_type="forum")
    results = service.search("форум наставников", section="practices")
    assert titles(results) == ["Форум идей наставников"]
    assert facet_counts(results, "type") == {"practices": 1}


def test_pages_of_results(db):
    service.DATABASE.index(
        [synthetic_record(i, f"Практика наставника № {i}", body="Текст.") for i in range(1, 26)]
    )
    first = service.search("наставник", page_size=10)
    third = service.search("наставник", page=3, page_size=10)
    assert (first.total, first.num_pages, len(first.hits)) == (25, 3, 10)
    assert len(third.hits) == 5
    assert not set(titles(first)) & set(titles(third))
    past_the_end = service.search("наставник", page=99, page_size=10)
    assert past_the_end.request.page == 3 and titles(past_the_end) == titles(third)


def test_hits_carry_highlights_snippets_and_addresses(make_practice):
    page = make_practice(
        "Консультации по математике",
        summary="Ученики 9–10 классов проводят консультации для пятиклассников <b>каждую</b> неделю.",
        form="uchenik-uchenik",
    )
    hit = service.search("консультациям пятиклассникам").hits[0]
    assert hit.url == page.url
    assert hit.type_label == "Практика"
    assert hit.badges == ("ученик – ученик",)
    assert hit.title_html == "<mark>Консультации</mark> по математике"
    assert "проводят <mark>консультации</mark> для <mark>пятиклассников</mark>" in hit.snippet_html
    assert "&lt;b&gt;каждую&lt;/b&gt;" in hit.snippet_html


def test_nothing_found_offers_a_spelling_that_finds_something(make_practice):
    make_practice("Наставничество в начальной школе")
    results = service.search("наставнечество")
    assert results.total == 0
    [suggestion] = results.suggestions
    assert (suggestion.kind, suggestion.text, suggestion.count) == ("spelling", "наставничество", 1)
    assert suggestion.params == {"q": "наставничество"}


def test_nothing_found_offers_the_other_keyboard_layout(make_practice):
    make_practice("Наставник молодого специалиста")
    [suggestion] = service.search("yfcnfdybr").suggestions
    assert (suggestion.kind, suggestion.text) == ("layout", "наставник")


def test_nothing_found_offers_broader_searches(make_practice, make_event):
    make_practice("Наставник-предметник", form="uchitel-uchitel")
    make_event("Семинар для наставников")
    narrowed = service.search("наставник", filters={"mentoring_form": ["uchenik-uchenik"]})
    assert narrowed.total == 0
    assert [(s.kind, s.count) for s in narrowed.suggestions] == [("without_filters", 2)]

    in_events = service.search("предметник", section="events")
    assert [(s.kind, s.count, s.params) for s in in_events.suggestions] == [
        ("everywhere", 1, {"q": "предметник"})
    ]

    two_words = service.search("семинар робототехника")
    assert [(s.kind, s.text) for s in two_words.suggestions] == [("word", "семинар")]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        '"*:()[]{}~^',
        "наставник " * 200,  # 2,000 characters
        "x" * 2000,
        "нaставник OR 1=1; DROP TABLE search_indexentry; --",
        "\x00\x1f наставник \x7f",
        "😀 наставник 🙂",
        "IT-школа Scratch наставник",
        "наставник:* & !педагог | (",
        "'",
        "\\",
        "%_",
    ],
)
def test_bad_input_never_raises(make_practice, text):
    make_practice("Наставник и молодой педагог")
    results = service.search(text)
    assert results.total >= 0
    assert service.suggest(text) is not None


def test_long_query_is_cut_with_a_notice_and_still_searched(make_practice):
    make_practice("Наставник и молодой педагог")
    results = service.search("наставник " * 200)
    assert results.total == 1
    assert [str(n) for n in results.notices] == [
        "Запрос длиннее 200 символов: искали по его началу."
    ]


def test_query_without_searchable_words_explains_itself(db):
    results = service.search('как и "*:()"')
    assert results.total == 0 and not results.request.is_searchable
    assert "нет слов, по которым можно искать" in str(results.notices[0])


def test_mixed_latin_and_cyrillic_finds_the_russian_word(make_practice):
    make_practice("Наставник и молодой педагог")
    # Latin «a» and «e» in «нaстaвник» and «пeдагог».
    assert titles(service.search("нaстaвник пeдагог")) == ["Наставник и молодой педагог"]


def test_unknown_section_and_facet_values_are_ignored_with_a_notice(make_practice):
    make_practice("Наставник и молодой педагог")
    results = service.search(
        "наставник", section="nope", filters={"unknown": ["x"], "type": ["<script>", "practices"]}
    )
    assert results.total == 1
    assert results.request.filters == {"type": ("practices",)}
    assert "Такого раздела нет" in str(results.notices[0])


def test_suggestions_complete_titles_as_one_types(make_practice, make_event):
    make_practice("Наставничество в начальной школе")
    make_practice("Клуб молодых педагогов")
    make_event("Форум наставников", event_type="forum")
    completions = service.suggest("настав")
    assert {c.title for c in completions} == {
        "Наставничество в начальной школе",
        "Форум наставников",
    }
    forum = next(c for c in completions if c.section == "events")
    assert forum.parts == (("Форум ", False), ("наставников", True))
    assert [c.title for c in service.suggest("молодых пед")] == ["Клуб молодых педагогов"]
    assert [c.title for c in service.suggest("настав", section="events")] == ["Форум наставников"]
    assert service.suggest("н") == []
