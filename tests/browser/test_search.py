"""The portal's search in a real browser: suggestions as one types, facets, nothing found."""

import re

from django.core.management import call_command

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_violations


@pytest.fixture
def demo(live_server, settings):
    settings.SEARCH_BACKEND = "database"
    call_command("load_demo", verbosity=0)


def assert_no_violations(page):
    violations = axe_violations(page)
    assert violations == [], [
        (v["id"], v["help"], [n["target"] for n in v["nodes"]]) for v in violations
    ]


def test_header_suggestions_work_from_the_keyboard(page, live_server, demo):
    page.goto(live_server.url + "/")
    box = page.get_by_role("combobox", name="Поиск по порталу")
    expect(box).to_have_attribute("aria-expanded", "false")
    box.press_sequentially("педаг", delay=30)
    listbox = page.get_by_role("listbox", name="Поиск по порталу")
    expect(listbox).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    options = listbox.get_by_role("option")
    # Suggestions start with what was typed, whatever its case («Педагогическая мастерская»).
    expect(options.first).to_contain_text(re.compile("педагог", re.IGNORECASE))
    expect(page.get_by_role("status").filter(has_text="Подсказок:")).to_have_count(1)

    box.press("ArrowDown")
    box.press("ArrowDown")
    second = options.nth(1)
    expect(box).to_have_attribute("aria-activedescendant", second.get_attribute("id"))
    expect(second).to_have_attribute("aria-selected", "true")
    expect(options.first).to_have_attribute("aria-selected", "false")
    assert_no_violations(page)

    title = second.locator(".search-suggest__title").inner_text()
    box.press("Enter")
    expect(page.locator("h1")).to_have_text(title)


def test_escape_closes_and_enter_searches(page, live_server, demo):
    page.goto(live_server.url + "/")
    box = page.get_by_role("combobox", name="Поиск по порталу")
    box.press_sequentially("настав", delay=30)
    expect(page.get_by_role("listbox")).to_be_visible()
    box.press("Escape")
    expect(page.get_by_role("listbox")).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")
    expect(box).to_have_value("настав")
    box.fill("наставников")
    box.press("Enter")
    expect(page).to_have_url(
        f"{live_server.url}/search/?q=%D0%BD%D0%B0%D1%81%D1%82%D0%B0%D0%B2%D0%BD%D0%B8%D0%BA%D0%BE%D0%B2"
    )
    expect(page.locator(".search-summary")).to_contain_text("Найдено:")


def test_facets_narrow_the_results(page, live_server, demo):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + "/search/?q=наставников")
    expect(page.locator(".search-result mark").first).to_be_visible()
    assert_no_violations(page)
    facets = page.get_by_role("complementary", name="Уточнить поиск")
    events = facets.get_by_role("checkbox", name="Мероприятия")
    events.check()
    facets.get_by_role("button", name="Показать").click()
    expect(page.get_by_role("checkbox", name="Мероприятия")).to_be_checked()
    badges = page.locator(".search-result .badge--type")
    expect(badges.first).to_have_text("Мероприятие")
    assert set(badges.all_inner_texts()) == {"Мероприятие"}
    page.get_by_role("link", name="Убрать фильтр Раздел: Мероприятия").click()
    expect(page.get_by_role("checkbox", name="Мероприятия")).not_to_be_checked()


def test_facets_fold_on_a_phone(page, live_server, demo):
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(live_server.url + "/search/?q=наставников")
    expect(page.get_by_role("checkbox", name="Мероприятия")).to_be_hidden()
    page.locator(".search-facets__summary").click()
    expect(page.get_by_role("checkbox", name="Мероприятия")).to_be_visible()
    assert_no_violations(page)


def test_nothing_found_suggests_a_spelling(page, live_server, demo):
    page.goto(live_server.url + "/search/?q=наставнечество")
    expect(
        page.get_by_role("heading", name="По запросу «наставнечество» ничего не найдено")
    ).to_be_visible()
    assert_no_violations(page)
    page.get_by_role("link", name="наставничество").click()
    expect(page.locator(".search-summary")).to_contain_text("Найдено:")


def test_search_within_the_practice_bank(page, live_server, demo):
    page.goto(live_server.url + "/search/")
    page.get_by_role("combobox", name="Что вы ищете?").fill("наставников")
    page.get_by_label("Где искать").select_option(label="Практики")
    page.get_by_role("button", name="Найти", exact=True).last.click()
    expect(page.locator("h1")).to_have_text("Поиск: Практики")
    assert set(page.locator(".search-result .badge--type").all_inner_texts()) == {"Практика"}
