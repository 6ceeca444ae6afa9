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
    fetch(f"{server.url}/meropriyatiya/")  # cached before the fault

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
    for _ in range(6):  # every worker and pooled connection recovers, not just one
        status, _headers, _body = fetch(f"{server.url}/praktiki/?after={uuid.uuid4().hex}")
        assert status == 200
    assert user_count(stack["env"], username) == 1  # nothing saved was lost
    visitor = Visitor(server.url)
    status, _headers, _body = visitor.post_form(
        "/accounts/login/", {"username": username, "password": "Очень-надёжный-пароль-2026"}
    )
    assert status == 302


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

    wait_for(lambda: health(server.url)[0] == 200, 30, "health after Redis returned")

    def cached_again():
        fetch(f"{server.url}/praktiki/")
        return fetch(f"{server.url}/praktiki/")[1]["X-Page-Cache"] == "hit"

    # Each worker retries Redis after its short back-off.
    wait_for(cached_again, 30, "the page cache working again")
    assert user_count(stack["env"], username) == 1
