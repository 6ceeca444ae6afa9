"""Browser tests: real Chromium driven by Playwright (the session's ``browser`` is in
tests/conftest.py, shared with the production fault tests)."""

from pathlib import Path

import pytest

AXE_JS = Path(__file__).parent / "vendor" / "axe.min.js"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            # The live server needs committed data; serialized_rollback brings back
            # what the data migrations seeded (roles, taxonomies, the root page)
            # after the flush that ends each transactional test.
            item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="ru-RU", timezone_id="Europe/Moscow")
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def login(live_server):
    """Sign a Playwright page in through the real login form."""

    def sign_in(page, username, password="пароль-для-тестов"):
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("Имя пользователя").fill(username)
        page.get_by_label("Пароль").fill(password)
        page.get_by_role("button", name="Войти").click()
        page.wait_for_load_state()

    return sign_in


def axe_violations(page, impacts=("serious", "critical")):
    """Run axe-core (vendored from npm, no CDN) on the page; return the violations of ``impacts``."""
    page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [v for v in result["violations"] if v["impact"] in impacts]
