"""Search's part of ``/healthz`` (``PORTAL_HEALTH_CHECKS["search"]``).

Reports the backend that answers visitors' searches. With Elasticsearch
configured, the cluster is asked for its health: unreachable (or red), the
search service answers from the database meanwhile, so the portal is
"degraded", never down because of search.
"""

from search import service
from search.backends import BackendUnavailable


def check():
    backend = service.configured_backend()
    if backend is service.DATABASE:
        return {"status": "ok", "backend": "database"}
    try:
        cluster = backend.cluster_health()
    except BackendUnavailable as error:
        service.log_unavailable(error)
        # The class name only: the endpoint is public, the message carries addresses.
        cause = error.__cause__
        return {
            "status": "degraded",
            "backend": "database",
            "configured": backend.name,
            "error": type(cause).__name__ if cause else type(error).__name__,
        }
    if cluster == "red":
        # Some primary shards are missing: Elasticsearch may still answer, partially.
        return {"status": "degraded", "backend": backend.name, "cluster": cluster}
    return {"status": "ok", "backend": backend.name, "cluster": cluster}
