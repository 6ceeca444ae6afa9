"""Search in /healthz: the backend that answers, and Elasticsearch's outage as "degraded"."""

import json
import logging
import os
import socket
import uuid
from types import SimpleNamespace

import pytest

from search import health, service
from search.backends.elasticsearch import ElasticsearchBackend

pytestmark = pytest.mark.django_db


def closed_port_url():
    """A loopback address nothing listens on: a port the system just handed out and took back."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"


@pytest.fixture
def unreachable_elasticsearch(settings):
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = closed_port_url()
    settings.SEARCH_ELASTICSEARCH_TIMEOUT = 1
    service._elasticsearch.clear()
    yield settings.ELASTICSEARCH_URL
    service._elasticsearch.clear()


def outage_warnings(caplog):
    return [
        record
        for record in caplog.records
        if record.levelno == logging.WARNING and "Elasticsearch недоступен" in record.getMessage()
    ]


def test_database_backend_is_reported_ok(client):
    body = json.loads(client.get("/healthz").content)
    assert body["checks"]["search"]["status"] == "ok"
    assert body["checks"]["search"]["backend"] == "database"


def test_unreachable_elasticsearch_degrades_health_and_search_answers_from_the_database(
    client, make_practice, unreachable_elasticsearch, caplog
):
    make_practice("Наставничество в начальной школе")
    make_practice("Проектная неделя в пятых классах")

    with caplog.at_level(logging.WARNING):
        page = client.get("/search/", {"q": "наставничества"})
        response = client.get("/healthz")

    assert page.status_code == 200
    html = page.content.decode()
    assert "Найдено: 1" in html
    assert "<mark>Наставничество</mark> в начальной школе" in html
    assert "Проектная неделя" not in html
    # Search only degrades the portal: 200, not the proxy's 503.
    assert response.status_code == 200
    body = json.loads(response.content)
    assert body["status"] == "degraded"
    assert body["checks"]["database"]["status"] == "ok"
    search = body["checks"]["search"]
    assert search["status"] == "degraded"
    assert search["backend"] == "database"
    assert search["configured"] == "elasticsearch"
    assert search["error"] == "ConnectionError"
    assert unreachable_elasticsearch.rsplit(":", 1)[1] not in response.content.decode()
    # The log says so once, for the outage, not once per request.
    [warning] = outage_warnings(caplog)
    assert warning.name == "search.service"
    assert "по базе данных" in warning.getMessage()


def test_health_probe_meeting_the_outage_first_logs_the_warning(
    client, make_practice, unreachable_elasticsearch, caplog
):
    make_practice("Наставничество в начальной школе")
    with caplog.at_level(logging.WARNING):
        assert json.loads(client.get("/healthz").content)["status"] == "degraded"
        results = service.search("наставничества")
    assert results.backend == "database"
    assert [hit.title for hit in results.hits] == ["Наставничество в начальной школе"]
    assert len(outage_warnings(caplog)) == 1


class HealthClient:
    """Answers ``cluster.health`` like a cluster in the given state."""

    def __init__(self, status):
        self.cluster = SimpleNamespace(
            health=lambda timeout: SimpleNamespace(body={"status": status})
        )


@pytest.mark.parametrize(
    ("cluster", "expected"), [("green", "ok"), ("yellow", "ok"), ("red", "degraded")]
)
def test_cluster_state_decides_the_answer(monkeypatch, cluster, expected):
    backend = ElasticsearchBackend("http://es:9200", prefix="t", client=HealthClient(cluster))
    backend._down_until = float("inf")  # a past failure: the probe asks anyway, and ends it
    monkeypatch.setattr(service, "configured_backend", lambda: backend)
    assert health.check() == {"status": expected, "backend": "elasticsearch", "cluster": cluster}
    assert backend._down_until == 0.0


@pytest.mark.elasticsearch
@pytest.mark.skipif(
    not os.environ.get("ELASTICSEARCH_URL"),
    reason="ELASTICSEARCH_URL не задан: проверка идёт только против настоящего сервера",
)
def test_a_real_cluster_is_reported(client, settings):
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = os.environ["ELASTICSEARCH_URL"]
    settings.SEARCH_INDEX_PREFIX = f"test-{uuid.uuid4().hex[:10]}"
    service._elasticsearch.clear()
    try:
        search = json.loads(client.get("/healthz").content)["checks"]["search"]
    finally:
        service._elasticsearch.clear()
    assert search["backend"] == "elasticsearch"
    assert search["cluster"] in {"green", "yellow", "red"}
