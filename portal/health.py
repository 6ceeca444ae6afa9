"""Health of the portal and the services it needs, for the proxy and monitoring.

``/healthz`` runs every check of ``PORTAL_HEALTH_CHECKS`` and answers JSON:

    {"status": "ok" | "degraded" | "error",
     "checks": {"database": {"status": "ok", "ms": 1.2}, ...}}

with 503 when a critical check fails (database, cache, channel layer) and 200
otherwise; a failing non-critical check (search, which falls back to the
database) makes the answer "degraded". A check whose module is not installed
is "skipped". Errors are reported by class name only: the endpoint is public.
``/healthz/live`` only says that the process answers (for restarts).

A check is a function without arguments that returns a dict with at least
``status`` ("ok", "degraded", "error" or "skipped") or raises; the search app
exposes ``search.health.check`` in this form.
"""

import asyncio
import logging
import time
import uuid

from django.conf import settings
from django.core.cache import caches
from django.db import connections
from django.http import JsonResponse
from django.utils.module_loading import import_string
from django.views.decorators.cache import never_cache

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from redis.exceptions import ConnectionError as RedisConnectionError

logger = logging.getLogger("portal.health")

CHANNEL_LAYER_TIMEOUT = 2.0


def check_database():
    connection = connections["default"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"status": "ok", "vendor": connection.vendor}


def check_cache():
    cache = caches["default"]
    ping = getattr(cache, "ping", None)
    if ping is not None:  # Redis: a real round trip, past the outage guard
        ping()
        return {"status": "ok", "backend": "redis"}
    key = f"portal:healthz:{uuid.uuid4().hex}"
    cache.set(key, "1", 10)
    if cache.get(key) != "1":
        return {"status": "error", "error": "cache did not keep a value"}
    cache.delete(key)
    return {"status": "ok", "backend": type(cache).__name__}


def check_channel_layer():
    layer = get_channel_layer()
    if layer is None:
        return {"status": "skipped"}

    async def round_trip():
        channel = await layer.new_channel("healthz.")
        await layer.send(channel, {"type": "healthz.ping"})
        message = await layer.receive(channel)
        return message.get("type") == "healthz.ping"

    async def bounded():
        try:
            return await asyncio.wait_for(round_trip(), CHANNEL_LAYER_TIMEOUT)
        except (ConnectionError, RedisConnectionError):
            # After a Redis restart each pooled connection fails once before it is
            # replaced; one retry tells that from Redis being away.
            return await asyncio.wait_for(round_trip(), CHANNEL_LAYER_TIMEOUT)

    if not async_to_sync(bounded)():
        return {"status": "error", "error": "message lost"}
    return {"status": "ok", "backend": type(layer).__name__}


def run_checks():
    results = {}
    overall = "ok"
    for name, (path, critical) in settings.PORTAL_HEALTH_CHECKS.items():
        started = time.perf_counter()
        try:
            check = import_string(path)
        except ImportError:
            results[name] = {"status": "skipped", "reason": "no health hook"}
            continue
        try:
            result = dict(check())
        except Exception as error:  # any failure of a service is the answer, not a crash
            logger.warning("health check %s failed: %r", name, error)
            result = {"status": "error", "error": type(error).__name__}
        result["ms"] = round((time.perf_counter() - started) * 1000, 1)
        results[name] = result
        if result["status"] == "error":
            overall = "error" if critical else ("degraded" if overall == "ok" else overall)
        elif result["status"] == "degraded" and overall == "ok":
            overall = "degraded"
    return overall, results


@never_cache
def healthz(request):
    overall, results = run_checks()
    return JsonResponse(
        {"status": overall, "checks": results},
        status=503 if overall == "error" else 200,
        json_dumps_params={"ensure_ascii": False},
    )


@never_cache
def liveness(request):
    return JsonResponse({"status": "ok"})
