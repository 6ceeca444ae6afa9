import os

from django.core.cache import cache

import pytest


@pytest.fixture
def page_cache(settings):
    """The anonymous page cache switched on (as in production), starting empty."""
    from portal.page_cache import forget_local_version

    settings.PORTAL_PAGE_CACHE_SECONDS = 300
    cache.clear()
    forget_local_version()
    yield
    cache.clear()
    forget_local_version()


@pytest.fixture
def rate_limits(settings):
    """django-ratelimit switched back on (the test profile turns it off), counters empty."""
    settings.RATELIMIT_ENABLE = True
    cache.clear()
    yield settings
    cache.clear()


def on_postgres():
    return os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))


needs_postgres = pytest.mark.skipif(
    not on_postgres(),
    reason="needs PostgreSQL: runs in the PostgreSQL + Redis pass of .ci/run",
)


@pytest.fixture(scope="session")
def stack():
    """A production-profile server on loopback: 2 uvicorn workers, a private PostgreSQL
    cluster and a private Redis (ports 8601-8603), so fault tests may stop them.

    Migrated from scratch and filled with the demo content, like a new deployment.
    """
    if not on_postgres():
        pytest.skip("needs PostgreSQL: runs in the PostgreSQL + Redis pass of .ci/run")
    from .stack import PortalServer, PrivatePostgres, PrivateRedis, prepare_database, production_env

    postgres = PrivatePostgres(8601).init().start()
    redis = server = None
    try:
        postgres.create_database("portal_stack")
        redis = PrivateRedis(8602).start()
        env = production_env(postgres.url("portal_stack"), redis.url(8), DB_POOL_TIMEOUT=3)
        prepare_database(env)
        server = PortalServer(8603, env, workers=2).start()
        yield {"postgres": postgres, "redis": redis, "server": server, "env": env}
    finally:
        if server is not None:
            server.stop()
        if redis is not None:
            redis.stop()
        postgres.destroy()
