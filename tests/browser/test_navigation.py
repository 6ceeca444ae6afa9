from django.core.management import call_command

import pytest

from tests.browser.conftest import axe_violations


@pytest.fixture
def demo(live_server):
    call_command("load_demo", verbosity=0)


def test_home_page_navigation_reaches_every_section(page, live_server, demo):
    page.goto(live_server.url + "/")
    assert page.locator("h1").inner_text() == "Наставник.Портал"
    nav = page.get_by_role("navigation", name="Основная навигация")
    for label, heading in [
        ("Практики", "Банк наставнических практик"),
        ("Сообщества", "Профессиональные сообщества"),
        ("Мероприятия", "Мероприятия"),
        ("Доска почёта", "Доска почёта"),
        ("Поиск", "Поиск"),
    ]:
        nav.get_by_role("link", name=label, exact=True).click()
        page.wait_for_load_state()
        assert page.locator("h1").inner_text() == heading
        assert (
            nav.get_by_role("link", name=label, exact=True).get_attribute("aria-current") == "page"
        )


def test_skip_link_moves_focus_to_main(page, live_server, demo):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Перейти к содержанию")
    assert skip.evaluate("el => el === document.activeElement")
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


def test_home_page_has_no_serious_accessibility_violations(page, live_server, demo):
    page.goto(live_server.url + "/")
    violations = axe_violations(page)
    assert violations == [], [
        (v["id"], v["help"], [n["target"] for n in v["nodes"]]) for v in violations
    ]
