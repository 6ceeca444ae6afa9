import os
from pathlib import Path

from django.core.management import call_command

import pytest

# Real Chromium (Debian's package): Playwright cannot download its own browser here.
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: rate-limit counters (every browser test
    signs in from 127.0.0.1), the page cache and cached board filters never leak."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture
def demo_site(db):
    """The demo page tree and content, as `make run` builds it."""
    call_command("load_demo", verbosity=0)
    from home.models import HomePage

    return HomePage.objects.get()


@pytest.fixture
def make_user(db, django_user_model):
    """Create a user holding the given roles: ``make_user("olga", roles=[METHODIST])``."""
    from django.contrib.auth.models import Group

    def make(username="user", password="пароль-для-тестов", roles=(), **fields):
        user = django_user_model.objects.create_user(username=username, password=password, **fields)
        for role in roles:
            user.groups.add(Group.objects.get(name=role))
        return user

    return make


@pytest.fixture(scope="session")
def browser(django_db_setup):
    """One Chromium for the whole run: Playwright's sync API keeps its event loop
    running in the test thread, so a second ``sync_playwright()`` would refuse to start."""
    from django.db import connections

    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop running in the test thread for the
    # whole session; Django's ORM refuses to run beside it unless told it is safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

    snapshots = {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run .ci/run or `apt-get install chromium`.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        # With Playwright's loop running, Django hands out new connection objects
        # (asgiref's context-local storage); give them the snapshot that
        # serialized_rollback restores from, which lives on the old ones.
        for alias, contents in snapshots.items():
            connections[alias]._test_serialized_contents = contents
        yield browser
        browser.close()
