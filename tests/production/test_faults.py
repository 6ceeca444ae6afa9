"""Faults with real services: the database restarted, Redis stopped, while the site runs.

Only the private PostgreSQL cluster and Redis of the ``stack`` fixture are
stopped; the shared servers of the machine are never touched.
"""

import time
import uuid

import pytest

from .stack import Visitor, fetch, health, manage, wait_for

pytestmark = pytest.mark.postgres


def user_count(env, username):
    out = manage(
        "shell",
        "-c",
        f"from portal.models import User; print(User.objects.filter(username={username!r}).count())",
        env=env,
    )
    return int(out.strip().splitlines()[-1])


def sign_up(url, username):
    visitor = Visitor(url)
    status, _headers, _body = visitor.post_form(
        "/accounts/signup/",
        {
            "username": username,
            "last_name": "Орлова",
            "first_name": "Мария",
            "middle_name": "Игоревна",
            "email": f"{username}@example.org",
            "password1": "Очень-надёжный-пароль-2026",
            "password2": "Очень-надёжный-пароль-2026",
        },
    )
    assert status == 302, _body[:500]
    return visitor


def test_database_restart_fails_cleanly_and_recovers(stack):
    server, postgres = stack["server"], stack["postgres"]
    username = f"teacher{uuid.uuid4().hex[:6]}"
    sign_up(server.url, username)  # saved before the fault

    # Cached before the fault, under the content version every worker now holds
    # (each trusts the version it read for PAGE_CACHE_VERSION_SECONDS, so right
    # after a write one worker may still store the page under the old one).
    def cached_everywhere():
        fetch(f"{server.url}/meropriyatiya/")
        time.sleep(1.5)
        return all(
            fetch(f"{server.url}/meropriyatiya/")[1]["X-Page-Cache"] == "hit" for _ in range(6)
        )

    wait_for(cached_everywhere, 30, "the events page cached in every worker")

    postgres.stop("fast")
    try:
        started = time.monotonic()
        status, headers, body = fetch(
            f"{server.url}/praktiki/?fault={uuid.uuid4().hex}", timeout=30
        )
        assert status == 503
        assert "Портал временно недоступен" in body.decode()
        assert headers["Retry-After"] == "30"
        assert time.monotonic() - started < 15  # fails in seconds, does not hang
        status, body = health(server.url)
        assert status == 503
        assert body["checks"]["database"]["status"] == "error"
        assert body["checks"]["cache"]["status"] == "ok"
        # Pages already in the cache are still served while the database is away.
        status, headers, _body = fetch(f"{server.url}/meropriyatiya/")
        assert (status, headers["X-Page-Cache"]) == (200, "hit")
    finally:
        postgres.start()

    wait_for(lambda: health(server.url)[0] == 200, 30, "health after the database restart")
    # Every worker and pooled connection recovers, not just the one that answered
    # /healthz: a pool still backing off its reconnection answers a clean 503 meanwhile.
    seen = set()

    def all_workers_answer():
        statuses = [fetch(f"{server.url}/praktiki/?after={uuid.uuid4().hex}")[0] for _ in range(6)]
        seen.update(statuses)
        return statuses == [200] * 6

    wait_for(all_workers_answer, 60, "every worker serving pages again")
    assert seen <= {200, 503}
    assert user_count(stack["env"], username) == 1  # nothing saved was lost
    visitor = Visitor(server.url)
    status, _headers, _body = visitor.post_form(
        "/accounts/login/", {"username": username, "password": "Очень-надёжный-пароль-2026"}
    )
    assert status == 302


def every_worker_healthy(url):
    """A predicate: /healthz answers 200 six times running, whichever worker takes it."""
    return lambda: all(health(url)[0] == 200 for _ in range(6))


def test_redis_stopped_pages_still_served_and_cache_returns(stack):
    server, redis = stack["server"], stack["redis"]
    username = f"mentor{uuid.uuid4().hex[:6]}"
    visitor = sign_up(server.url, username)

    redis.stop()
    try:
        for path in ("/", "/praktiki/", "/meropriyatiya/", "/doska-pochyota/"):
            status, headers, body = fetch(f"{server.url}{path}", timeout=15)
            assert status == 200, path
            assert headers["X-Page-Cache"] in {"miss", "bypass"}
            assert "site-header" in body.decode()
        status, _headers, html = visitor.get("/")  # sessions live in the database
        assert status == 200 and "Мария" in html
        status, body = health(server.url)
        assert status == 503
        assert body["checks"]["cache"]["status"] == "error"
        assert body["checks"]["channel_layer"]["status"] == "error"
        assert body["checks"]["database"]["status"] == "ok"
        # A new account can still be made (rate limits fail open, lockout counts in the database).
        sign_up(server.url, f"late{uuid.uuid4().hex[:6]}")
    finally:
        redis.start()

    wait_for(every_worker_healthy(server.url), 60, "every worker healthy after Redis returned")

    def cached_again():
        fetch(f"{server.url}/praktiki/")
        return fetch(f"{server.url}/praktiki/")[1]["X-Page-Cache"] == "hit"

    # Each worker retries Redis after its short back-off.
    wait_for(cached_again, 30, "the page cache working again")
    assert user_count(stack["env"], username) == 1


# -- the live chat while Redis (its channel layer) is away ----------------------------

CONNECTED = "На связи: новые сообщения появляются сами."

JOIN_A_CHANNEL = """
from communities import membership
from communities.models import CommunityPage, MembershipPolicy
from portal.models import User

user = User.objects.get(username={username!r})
community = (
    CommunityPage.objects.live().public()
    .filter(membership_policy=MembershipPolicy.OPEN, channels__isnull=False)
    .order_by("pk").first()
)
membership.join(user, community)
print(community.channels.order_by("pk").first().get_absolute_url())
"""


def messages_with_text(env, text):
    out = manage(
        "shell",
        "-c",
        f"from communities.models import Message; print(Message.objects.filter(text={text!r}).count())",
        env=env,
    )
    return int(out.strip().splitlines()[-1])


@pytest.mark.browser
def test_chat_says_it_is_reconnecting_while_redis_is_away_and_recovers(stack, proxy, browser):
    """Real Chromium → nginx (TLS) → uvicorn workers → the private Redis, which is stopped."""
    from playwright.sync_api import expect

    server, redis, env = stack["server"], stack["redis"], stack["env"]
    username = f"chat{uuid.uuid4().hex[:6]}"
    sign_up(server.url, username)
    channel_path = manage("shell", "-c", JOIN_A_CHANNEL.format(username=username), env=env)
    channel_path = channel_path.strip().splitlines()[-1]
    before, after = f"До сбоя {uuid.uuid4().hex[:6]}", f"После сбоя {uuid.uuid4().hex[:6]}"
    log_start = len(server.log())

    expect.set_options(timeout=20_000)
    # The test's own self-signed certificate, for pages and the wss:// socket alike.
    context = browser.new_context(ignore_https_errors=True, locale="ru-RU")
    context.set_default_timeout(20_000)
    page = context.new_page()
    try:
        page.goto(proxy["url"] + "/accounts/login/")
        page.get_by_label("Имя пользователя").fill(username)
        page.get_by_label("Пароль").fill("Очень-надёжный-пароль-2026")
        page.get_by_role("button", name="Войти").click()
        page.wait_for_load_state()
        page.goto(proxy["url"] + channel_path)
        status = page.locator("[data-chat-status]")
        expect(status).to_have_text(CONNECTED)
        page.locator("[data-chat-input]").fill(before)
        page.locator("[data-chat-input]").press("Enter")
        expect(page.locator("[data-chat-log]")).to_contain_text(before)

        redis.stop()
        try:
            # Every open socket is closed as "try again later"; the page says so in Russian.
            expect(status).to_contain_text("Переподключаемся через")
            # Pages are still served meanwhile.
            status_code, _headers, body = fetch(f"{server.url}/soobshchestva/", timeout=15)
            assert status_code == 200 and "site-header" in body.decode()
        finally:
            redis.start()

        # Back-off retries (at most 30 s apart) find Redis again.
        expect(status).to_have_text(CONNECTED, timeout=60_000)
        page.locator("[data-chat-input]").fill(after)
        page.locator("[data-chat-input]").press("Enter")
        expect(page.locator("[data-chat-log]")).to_contain_text(after)
        expect(page.locator("[data-chat-input]")).to_have_value("")  # acknowledged
    finally:
        context.close()

    # Every worker's channel layer is back, not just the one this page reached.
    wait_for(every_worker_healthy(server.url), 60, "every worker healthy after Redis returned")
    # Both messages are in the database, once each.
    assert messages_with_text(env, before) == 1
    assert messages_with_text(env, after) == 1
    assert "Traceback" not in server.log()[log_start:]  # closed on purpose, not crashed
