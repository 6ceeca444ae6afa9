import os

from django.core.cache import cache

import pytest


@pytest.fixture
def page_cache(settings):
    """The anonymous page cache switched on (as in production), starting empty."""
    settings.PORTAL_PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


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
