"""The production profile served for real: uvicorn workers, PostgreSQL, Redis, WhiteNoise."""

import gzip
import json
import re
import time
import urllib.error
import urllib.request
import uuid

import pytest

from .stack import NoRedirect, Visitor, fetch, health, manage

pytestmark = pytest.mark.postgres


def test_health_sees_postgresql_redis_and_the_channel_layer(stack):
    status, body = health(stack["server"].url)
    assert status == 200, body
    checks = body["checks"]
    assert checks["database"] == {**checks["database"], "status": "ok", "vendor": "postgresql"}
    assert checks["cache"]["backend"] == "redis"
    assert checks["channel_layer"]["backend"] == "RedisChannelLayer"
    assert checks["search"]["status"] in {"ok", "skipped"}


def test_anonymous_pages_are_cached_across_workers_and_invalidated_on_publish(stack):
    url = stack["server"].url
    first = fetch(f"{url}/")
    assert first[0] == 200
    marks = [fetch(f"{url}/")[1]["X-Page-Cache"] for _ in range(12)]
    assert set(marks) == {"hit"}, marks  # whichever worker answers, Redis holds the page

    title = f"Новости сети наставников {uuid.uuid4().hex[:6]}"
    manage(
        "shell",
        "-c",
        "from home.models import HomePage; page = HomePage.objects.get(); "
        f"page.title = {title!r}; page.save_revision().publish()",
        env=stack["env"],
    )
    time.sleep(1.2)  # each worker re-reads the content version at least once a second
    _status, headers, body = fetch(f"{url}/")
    assert headers["X-Page-Cache"] == "miss"
    assert title in body.decode()


def test_static_files_are_compressed_and_cached_for_a_year(stack):
    url = stack["server"].url
    html = fetch(f"{url}/")[2].decode()
    stylesheet = re.search(r'href="(/static/css/portal\.[0-9a-f]{12}\.css)"', html)
    assert stylesheet, "the page links a hashed stylesheet"
    for encoding, opener in (("gzip", gzip.decompress), ("br", None)):
        status, headers, body = fetch(
            url + stylesheet.group(1), headers={"Accept-Encoding": encoding}
        )
        assert status == 200
        assert headers["Content-Encoding"] == encoding
        assert "immutable" in headers["Cache-Control"]
        assert "max-age=315360000" in headers["Cache-Control"]
        if opener:
            assert b"--accent" in opener(body)


def test_security_headers_and_https(stack):
    url = stack["server"].url
    _status, headers, _body = fetch(f"{url}/")
    assert "max-age=31536000" in headers["Strict-Transport-Security"]
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"
    assert re.match(r"^[0-9a-f]{32}$", headers["X-Request-ID"])
    # Plain HTTP (no X-Forwarded-Proto from the proxy) is sent to HTTPS; the health probe is not.
    request = urllib.request.Request(f"{url}/praktiki/")  # noqa: S310 - loopback
    opener = urllib.request.build_opener(NoRedirect)
    try:
        opener.open(request, timeout=10)
        redirected = None
    except urllib.error.HTTPError as error:
        redirected = error
    assert redirected is not None and redirected.code == 301
    assert redirected.headers["Location"].startswith("https://")
    with urllib.request.urlopen(f"{url}/healthz", timeout=10) as response:  # noqa: S310 - loopback
        assert response.status == 200


def test_sign_in_cookies_are_secure_and_signed_in_pages_are_not_cached(stack):
    manage(
        "shell",
        "-c",
        "from portal.models import User; User.objects.filter(username='secure1').delete(); "
        "User.objects.create_user('secure1', password='Надёжный-пароль-2026', first_name='Вера')",
        env=stack["env"],
    )
    visitor = Visitor(stack["server"].url)
    status, headers, _body = visitor.post_form(
        "/accounts/login/", {"username": "secure1", "password": "Надёжный-пароль-2026"}
    )
    assert status == 302
    session_cookie = next(h for h in headers.get_all("Set-Cookie") if h.startswith("sessionid="))
    assert (
        "Secure" in session_cookie
        and "HttpOnly" in session_cookie
        and "SameSite=Lax" in session_cookie
    )
    for _ in range(2):
        status, headers, html = visitor.get("/")
        assert status == 200
        assert "X-Page-Cache" not in headers
        assert "Вера" in html


def test_not_found_is_russian_in_the_layout(stack):
    status, _headers, body = fetch(f"{stack['server'].url}/net-takoi-stranicy/")
    assert status == 404
    html = body.decode()
    assert "Страница не найдена" in html
    assert 'class="site-header"' in html


def test_server_logs_are_json_lines(stack):
    fetch(f"{stack['server'].url}/", headers={"X-Request-ID": "trace-42"})
    lines = [line for line in stack["server"].log().splitlines() if line.strip()]
    assert lines
    records = [json.loads(line) for line in lines]  # every line is one JSON object
    assert {"time", "level", "logger", "message"} <= set(records[0])
    assert any(record["logger"].startswith("uvicorn") for record in records)
