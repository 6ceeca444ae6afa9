"""/healthz: the database, the cache, the channel layer and search, answered as JSON."""

import json

from django.conf import settings
from django.db import OperationalError

import pytest

pytestmark = pytest.mark.django_db


def failing_check():
    raise OperationalError("could not connect to server: Connection refused (10.0.0.5)")


def degraded_search():
    return {"status": "degraded", "backend": "database", "reason": "Elasticsearch unreachable"}


def test_health_answers_ok_with_every_service(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "no-cache" in response["Cache-Control"]
    body = json.loads(response.content)
    assert body["status"] == "ok"
    checks = body["checks"]
    assert checks["database"]["status"] == "ok"
    assert checks["cache"]["status"] == "ok"
    assert checks["channel_layer"]["status"] == "ok"
    expected_backend = "redis" if settings.REDIS_URL else "LocMemCache"
    assert checks["cache"]["backend"] == expected_backend
    # The database backend here (search falls back to it; ELASTICSEARCH_URL may switch it).
    assert checks["search"]["status"] in {"ok", "degraded"}
    assert checks["search"]["backend"] in {"database", "elasticsearch"}
    for check in checks.values():
        if check["status"] != "skipped":
            assert check["ms"] >= 0


def test_a_failing_critical_service_answers_503_without_details(client, settings):
    settings.PORTAL_HEALTH_CHECKS = {
        **settings.PORTAL_HEALTH_CHECKS,
        "database": ("tests.production.test_health.failing_check", True),
    }
    response = client.get("/healthz")
    assert response.status_code == 503
    body = json.loads(response.content)
    assert body["status"] == "error"
    assert body["checks"]["database"] == {
        "status": "error",
        "error": "OperationalError",
        "ms": body["checks"]["database"]["ms"],
    }
    assert "10.0.0.5" not in response.content.decode()  # no addresses leak out


def test_a_failing_search_only_degrades(client, settings):
    settings.PORTAL_HEALTH_CHECKS = {
        **settings.PORTAL_HEALTH_CHECKS,
        "search": ("tests.production.test_health.failing_check", False),
    }
    response = client.get("/healthz")
    assert response.status_code == 200
    assert json.loads(response.content)["status"] == "degraded"


def test_a_search_hook_reporting_degraded_is_passed_on(client, settings):
    settings.PORTAL_HEALTH_CHECKS = {
        **settings.PORTAL_HEALTH_CHECKS,
        "search": ("tests.production.test_health.degraded_search", False),
    }
    body = json.loads(client.get("/healthz").content)
    assert body["status"] == "degraded"
    assert body["checks"]["search"]["backend"] == "database"


def test_liveness_needs_nothing(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz/live")
    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok"}


def test_every_response_carries_a_request_id(client):
    response = client.get("/healthz/live", HTTP_X_REQUEST_ID="nginx-4f2a9c")
    assert response["X-Request-ID"] == "nginx-4f2a9c"
    generated = client.get("/healthz/live", HTTP_X_REQUEST_ID="bad id with spaces")["X-Request-ID"]
    assert len(generated) == 32 and " " not in generated
