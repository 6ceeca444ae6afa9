"""The Redis cache degrades to "no cache" when Redis is unreachable, and recovers."""

import logging
import os
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT

import pytest

from portal.cache_backends import ResilientRedisCache

from .stack import PrivateRedis, port_at, port_is_free

PORT = port_at(4)
CLOSED_PORT = port_at(49)  # nothing listens there


def make_cache(port):
    return ResilientRedisCache(
        f"redis://127.0.0.1:{port}/8",
        {"OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}, "KEY_PREFIX": "test"},
    )


@pytest.fixture
def redis_server():
    if not port_is_free(PORT):
        pytest.fail(f"port {PORT} is taken")
    server = PrivateRedis(PORT).start()
    yield server
    server.stop()


def test_operations_answer_as_misses_while_redis_is_away(caplog):
    assert port_is_free(CLOSED_PORT)
    cache = make_cache(CLOSED_PORT)
    caplog.set_level(logging.WARNING, logger="portal.cache")
    started = time.monotonic()
    assert cache.get("page", "default") == "default"
    assert cache.add("counter", 1) is False
    assert cache.set("page", "html") is None
    assert cache.get_many(["a", "b"]) == {}
    assert cache.has_key("page") is False
    assert cache.delete("page") is False
    assert cache.touch("page") is False
    assert cache.set_many({"a": 1}) == ["a"]
    with pytest.raises(ValueError):
        cache.incr("counter")
    assert time.monotonic() - started < 2
    warnings = [record for record in caplog.records if record.name == "portal.cache"]
    assert len(warnings) == 1  # one line per outage, not one per call
    assert "unreachable" in warnings[0].getMessage()


def test_the_cache_works_again_when_redis_comes_back(redis_server, caplog):
    cache = make_cache(PORT)
    cache.set("kept", "значение", 30)
    assert cache.get("kept") == "значение"

    redis_server.stop()
    assert cache.get("kept") is None
    redis_server.start()
    # Within the retry window the process does not even try ...
    assert cache.get("kept", "miss") == "miss"
    cache._down_until = time.monotonic() - 1  # ... until the window has passed
    cache.set("kept", "снова", 30)
    assert cache.get("kept") == "снова"
    assert cache.available
    assert cache.ping()


def test_timeout_defaults_follow_django(redis_server):
    cache = make_cache(PORT)
    cache.set("default-timeout", 1)
    client = cache._cache.get_client("default-timeout")
    ttl = client.ttl(cache.make_and_validate_key("default-timeout"))
    assert 0 < ttl <= cache.default_timeout
    cache.set("forever", 1, None)
    assert client.ttl(cache.make_and_validate_key("forever")) == -1
    assert DEFAULT_TIMEOUT is not None


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="runs in the PostgreSQL + Redis pass")
def test_the_configured_cache_is_the_resilient_one():
    from django.core.cache import caches

    cache = caches["default"]
    assert isinstance(cache, ResilientRedisCache)
    assert cache.ping()
