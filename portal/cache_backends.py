"""Django's Redis cache that degrades to "no cache" while Redis is unreachable.

The portal caches pages, fragments and rate-limit counters; none of them is
worth a 500. When Redis stops answering, every operation answers as a cache
miss (``get`` gives the default, ``add``/``touch``/``delete`` give False,
``incr`` raises ValueError like a missing key) and the failure is logged once
per outage. For ``RETRY_SECONDS`` after a connection error the process does
not even try, so a request never waits on a dead Redis several times over.
"""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache

from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger("portal.cache")

_UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)


class ResilientRedisCache(RedisCache):
    RETRY_SECONDS = 5.0

    def __init__(self, server, params):
        super().__init__(server, params)
        self._down_until = 0.0
        self._lock = threading.Lock()

    # -- the guard ---------------------------------------------------------

    @property
    def available(self):
        """False while this process is waiting out a Redis outage."""
        return time.monotonic() >= self._down_until

    def _call(self, operation, fallback, *args, **kwargs):
        if not self.available:
            return fallback()
        try:
            result = getattr(super(), operation)(*args, **kwargs)
        except _UNREACHABLE as error:
            with self._lock:
                first = self._down_until == 0.0
                self._down_until = time.monotonic() + self.RETRY_SECONDS
            if first:
                logger.warning(
                    "Redis cache unreachable (%s); serving without cache", type(error).__name__
                )
            return fallback()
        except RedisError as error:  # e.g. OOM refusal: answer as a miss, keep trying
            logger.warning("Redis cache error on %s: %s", operation, type(error).__name__)
            return fallback()
        if self._down_until:
            with self._lock:
                if self._down_until:
                    self._down_until = 0.0
                    logger.warning("Redis cache reachable again")
        return result

    def ping(self):
        """Round trip to Redis, bypassing the guard; raises when unreachable (health checks)."""
        return self._cache.get_client(write=True).ping()

    # -- the cache API -----------------------------------------------------

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", lambda: False, key, value, timeout, version=version)

    def get(self, key, default=None, version=None):
        return self._call("get", lambda: default, key, default, version=version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", lambda: None, key, value, timeout, version=version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", lambda: False, key, timeout, version=version)

    def delete(self, key, version=None):
        return self._call("delete", lambda: False, key, version=version)

    def get_many(self, keys, version=None):
        return self._call("get_many", dict, keys, version=version)

    def has_key(self, key, version=None):
        return self._call("has_key", lambda: False, key, version=version)

    def incr(self, key, delta=1, version=None):
        def unavailable():
            raise ValueError("cache unavailable")

        return self._call("incr", unavailable, key, delta, version=version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", lambda: list(data), data, timeout, version=version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", lambda: None, keys, version=version)

    def clear(self):
        return self._call("clear", lambda: False)
