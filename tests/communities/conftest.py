import os

from django.core.cache import cache

import pytest

from communities.models import MembershipPolicy, MembershipRole
from tests.communities.factories import ChannelFactory, UserFactory, make_community, member


@pytest.fixture(autouse=True)
def fresh_cache():
    """Flood counters live in the cache; each test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def open_community(db):
    return make_community("Онлайн-лаборатория педагогов-наставников", slug="laboratoriya")


@pytest.fixture
def closed_community(db):
    return make_community(
        "Мастерская наставников ДОУ", policy=MembershipPolicy.BY_REQUEST, slug="masterskaya"
    )


@pytest.fixture
def moderator(open_community):
    return member(open_community, UserFactory(username="moderator"), MembershipRole.MODERATOR)


@pytest.fixture
def channel(open_community, moderator):
    return ChannelFactory(community=open_community, name="Общий", slug="obshchiy")


REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/3"


def redis_available():
    import redis

    try:
        return redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5).ping()
    except redis.RedisError:
        return False
