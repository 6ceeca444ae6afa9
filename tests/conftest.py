from django.core.management import call_command

import pytest


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: rate-limit counters (every browser test
    signs in from 127.0.0.1), the page cache and cached board filters never leak."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture
def demo_site(db):
    """The demo page tree and content, as `make run` builds it."""
    call_command("load_demo", verbosity=0)
    from home.models import HomePage

    return HomePage.objects.get()


@pytest.fixture
def make_user(db, django_user_model):
    """Create a user holding the given roles: ``make_user("olga", roles=[METHODIST])``."""
    from django.contrib.auth.models import Group

    def make(username="user", password="пароль-для-тестов", roles=(), **fields):
        user = django_user_model.objects.create_user(username=username, password=password, **fields)
        for role in roles:
            user.groups.add(Group.objects.get(name=role))
        return user

    return make
