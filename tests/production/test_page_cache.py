"""The anonymous page cache: hits, invalidation by Wagtail's signals, what is never cached."""

import time

from django.contrib.messages import constants
from django.contrib.messages.storage import default_storage as message_storage
from django.core.cache import cache

import pytest

from home.models import StandardPage
from portal.page_cache import VERSION_KEY, content_version, forget_local_version

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def about(demo_site):
    return StandardPage.objects.child_of(demo_site).live().first()


def get(client, url, **extra):
    response = client.get(url, **extra)
    assert response.status_code == 200, url
    return response


def test_second_anonymous_visit_is_served_from_the_cache(
    client, about, page_cache, django_assert_num_queries
):
    first = get(client, about.url)
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = get(client, about.url)
    assert second["X-Page-Cache"] == "hit"
    assert second.content.decode().count(about.title) == first.content.decode().count(about.title)


def test_publishing_a_page_replaces_the_cached_copy(
    client, about, page_cache, django_capture_on_commit_callbacks
):
    assert "Обновлённое название" not in get(client, about.url).content.decode()
    assert get(client, about.url)["X-Page-Cache"] == "hit"

    about.title = "Обновлённое название страницы"
    with django_capture_on_commit_callbacks(execute=True):
        about.save_revision().publish()

    response = get(client, about.url)
    assert response["X-Page-Cache"] == "miss"
    assert "Обновлённое название страницы" in response.content.decode()
    # Other pages are stale too (menus, lists): every page misses once.
    assert get(client, "/")["X-Page-Cache"] == "miss"


def test_a_draft_does_not_empty_the_cache(
    client, about, page_cache, django_capture_on_commit_callbacks
):
    get(client, about.url)
    about.title = "Черновик, не опубликован"
    with django_capture_on_commit_callbacks(execute=True):
        about.save_revision()
    response = get(client, about.url)
    assert response["X-Page-Cache"] == "hit"
    assert "Черновик" not in response.content.decode()


def test_unpublishing_moving_and_deleting_empty_the_cache(
    client, about, demo_site, page_cache, django_capture_on_commit_callbacks
):
    get(client, "/")
    for change in (
        lambda: about.unpublish(),
        lambda: about.move(demo_site, pos="first-child"),
        lambda: about.delete(),
    ):
        before = content_version()
        with django_capture_on_commit_callbacks(execute=True):
            change()
        assert content_version() != before
        assert get(client, "/")["X-Page-Cache"] == "miss"
        assert get(client, "/")["X-Page-Cache"] == "hit"


def test_saving_a_watched_snippet_empties_the_cache(
    client, demo_site, page_cache, django_capture_on_commit_callbacks
):
    from portal.models import FooterSettings

    get(client, "/")
    footer = FooterSettings.for_site(demo_site.get_site())
    footer.phone = "+7 (812) 555-01-02"
    with django_capture_on_commit_callbacks(execute=True):
        footer.save()
    response = get(client, "/")
    assert response["X-Page-Cache"] == "miss"
    assert "+7 (812) 555-01-02" in response.content.decode()


def test_the_language_is_part_of_the_key(client, about, page_cache):
    russian = get(client, about.url)
    client.cookies["django_language"] = "en"
    english = get(client, about.url)
    assert english["X-Page-Cache"] == "miss"
    assert english["Content-Language"] == "en"
    assert 'lang="en"' in english.content.decode()
    assert get(client, about.url)["X-Page-Cache"] == "hit"
    del client.cookies["django_language"]
    again = get(client, about.url)
    assert again["X-Page-Cache"] == "hit"
    assert again.content.decode().startswith(russian.content.decode()[:60])
    assert 'lang="ru"' in again.content.decode()


def test_signed_in_visitors_are_never_served_or_stored(client, about, make_user, page_cache):
    get(client, about.url)  # an anonymous copy is in the cache
    user = make_user("olga", first_name="Ольга", last_name="Смирнова")
    client.force_login(user)
    for _ in range(2):
        response = get(client, about.url)
        assert "X-Page-Cache" not in response
        assert (
            "Ольга" in response.content.decode()
        )  # her name in the header, not the anonymous copy
    client.logout()
    client.cookies.clear()
    response = get(client, about.url)
    assert response["X-Page-Cache"] == "hit"
    assert "Ольга" not in response.content.decode()


def test_no_cache_for_posts_admin_or_responses_with_cookies(client, admin_user, page_cache):
    assert "X-Page-Cache" not in client.get("/accounts/login/")
    assert "X-Page-Cache" not in client.get("/admin/login/")
    assert "X-Page-Cache" not in client.post("/", {})
    assert "X-Page-Cache" not in client.get("/healthz")


def test_a_response_with_a_pending_message_is_not_stored(rf, demo_site, page_cache):
    """A view that queues a message for the visitor must not have its page shared."""
    from django.contrib.auth.models import AnonymousUser
    from django.contrib.sessions.backends.db import SessionStore
    from django.http import HttpResponse

    from portal.page_cache import PageCacheMiddleware

    def view(request):
        request._messages = message_storage(request)
        request._messages.add(constants.SUCCESS, "Вы записаны")
        return HttpResponse("страница")

    request = rf.get("/meropriyatiya/")
    request.user = AnonymousUser()
    request.session = SessionStore()
    response = PageCacheMiddleware(view)(request)
    assert response["X-Page-Cache"] == "bypass"


def test_a_cached_page_still_posts_its_forms(client, about, page_cache):
    """Each visitor of a cached page gets a CSRF token of their own that the server accepts."""
    from django.test import Client

    get(client, about.url)  # stored by the first visitor
    visitor = Client(enforce_csrf_checks=True)
    response = visitor.get(about.url)
    assert response["X-Page-Cache"] == "hit"
    html = response.content.decode()
    token = html.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    assert "csrftoken" in response.cookies
    switched = visitor.post(
        "/i18n/setlang/", {"language": "en", "next": about.url, "csrfmiddlewaretoken": token}
    )
    assert switched.status_code == 302
    assert switched.cookies["django_language"].value == "en"


def test_losing_the_version_key_starts_a_fresh_version(client, about, page_cache):
    get(client, about.url)
    assert get(client, about.url)["X-Page-Cache"] == "hit"
    cache.delete(VERSION_KEY)  # e.g. Redis restarted empty
    forget_local_version()  # ... and this worker's moment of trust has passed
    assert get(client, about.url)["X-Page-Cache"] == "miss"


def test_a_worker_trusts_the_version_it_read_only_briefly(client, about, page_cache, settings):
    """Another process's publish (here: the version replaced in the cache) shows within the window."""
    settings.PORTAL_PAGE_CACHE_VERSION_SECONDS = 0.2
    get(client, about.url)
    cache.set(VERSION_KEY, "published-elsewhere", timeout=None)
    time.sleep(0.3)
    assert get(client, about.url)["X-Page-Cache"] == "miss"


# -- records that anonymous pages show (PORTAL_PAGE_CACHE_INVALIDATED_BY) -------------


def test_every_watched_label_names_a_model():
    from django.apps import apps
    from django.conf import settings

    for label in settings.PORTAL_PAGE_CACHE_INVALIDATED_BY:
        assert apps.get_model(label) is not None, label


def test_a_registration_shows_at_once_in_the_seats_left(
    client, demo_site, make_user, page_cache, django_capture_on_commit_callbacks
):
    from django.utils import timezone

    from events import registration as rules
    from events.models import EventPage

    event = next(
        event
        for event in EventPage.objects.live().filter(
            registration_enabled=True, capacity__gt=1, starts_at__gt=timezone.now()
        )
        if event.seats_left
    )
    left = event.seats_left
    get(client, event.url)
    assert get(client, event.url)["X-Page-Cache"] == "hit"
    assert f"свободно {left}" in get(client, event.url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        rules.register(event, make_user("uchitel-kesh"), organisation="Школа № 1")

    response = get(client, event.url)
    assert response["X-Page-Cache"] == "miss"
    assert f"свободно {left - 1}" in response.content.decode()


def test_frequent_records_refresh_their_page_at_once_and_lists_once_per_burst(
    client, demo_site, make_user, page_cache, settings, django_capture_on_commit_callbacks
):
    """A registration must not empty the whole cache: under load that is many times a second."""
    from events import registration as rules
    from events.models import EventIndexPage, EventPage

    settings.PORTAL_PAGE_CACHE_FREQUENT_SECONDS = 3600
    event = EventPage.objects.live().filter(registration_enabled=True).first()
    index = EventIndexPage.objects.live().first()
    for url in (event.url, index.url, "/"):
        get(client, url)

    for number in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            rules.register(event, make_user(f"pedagog-{number}"), organisation="Школа № 2")
        assert get(client, event.url)["X-Page-Cache"] == "miss"  # its own page: at once
    assert get(client, index.url)["X-Page-Cache"] == "hit"  # lists: not yet
    assert get(client, "/")["X-Page-Cache"] == "hit"

    # The delay over (0 here), the next worker to refresh its version empties the rest once.
    settings.PORTAL_PAGE_CACHE_FREQUENT_SECONDS = 0
    forget_local_version()
    assert get(client, index.url)["X-Page-Cache"] == "miss"
    assert get(client, "/")["X-Page-Cache"] == "miss"
    forget_local_version()
    # The mark is gone: one refresh for the whole burst, not one per registration.
    assert get(client, index.url)["X-Page-Cache"] == "hit"
    assert get(client, "/")["X-Page-Cache"] == "hit"


def test_a_subtree_is_every_address_under_a_page():
    from portal.page_cache import _subtree_key, _subtree_keys

    assert _subtree_keys("/soobshchestva/laboratoriya/uchastniki/") == [
        _subtree_key("/"),
        _subtree_key("/soobshchestva/"),
        _subtree_key("/soobshchestva/laboratoriya/"),
        _subtree_key("/soobshchestva/laboratoriya/uchastniki/"),
    ]
    assert _subtree_keys("/") == [_subtree_key("/")]


def test_a_chat_message_refreshes_its_community_page_within_the_delay(
    client, demo_site, page_cache, settings, django_capture_on_commit_callbacks
):
    """A live discussion writes every few seconds; its channel page is live and never cached."""
    settings.PORTAL_PAGE_CACHE_FREQUENT_SECONDS = 3600
    from communities import messaging
    from communities.models import Channel, CommunityPage, Membership

    community = CommunityPage.objects.live().public().filter(channels__is_public=True).first()
    channel = Channel.objects.filter(community=community, is_public=True).first()
    channel.community = community
    author = Membership.objects.filter(community=community, status="active").first().user
    for url in (community.url, "/"):
        get(client, url)
        assert get(client, url)["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        messaging.post_message(author, channel, "Свежая новость лаборатории")
    assert get(client, community.url)["X-Page-Cache"] == "hit"  # not at every message
    assert get(client, "/")["X-Page-Cache"] == "hit"

    settings.PORTAL_PAGE_CACHE_FREQUENT_SECONDS = 0  # the delay over
    forget_local_version()
    assert get(client, community.url)["X-Page-Cache"] == "miss"
    assert get(client, "/")["X-Page-Cache"] == "miss"


def test_a_new_award_shows_at_once_on_the_honour_board(
    client, demo_site, page_cache, django_capture_on_commit_callbacks
):
    from mentoring.models import Award, HonourBoardPage, MentorProfile

    board = HonourBoardPage.objects.live().first()
    profile = MentorProfile.objects.filter(slug__isnull=False).order_by("pk").first()
    title = "Лауреат регионального конкурса «Наставник года — кэш»"
    assert title not in get(client, board.url).content.decode()
    assert title not in get(client, profile.get_absolute_url()).content.decode()
    assert get(client, board.url)["X-Page-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        Award.objects.create(profile=profile, title=title, level="federal", year=2026)

    assert title in get(client, profile.get_absolute_url()).content.decode()
    board_page = get(client, board.url)
    assert board_page["X-Page-Cache"] == "miss"


def test_a_chat_message_never_waits_for_the_cache(client, demo_site, page_cache):
    from communities.models import Channel, CommunityPage, Message

    channel = next(
        channel
        for channel in Channel.objects.filter(is_public=True, community__live=True).order_by("pk")
        if CommunityPage.objects.filter(pk=channel.community_id).public().exists()
    )
    url = channel.get_absolute_url()
    first = get(client, url)
    assert first["X-Page-Cache"] == "bypass"
    assert "no-store" in first["Cache-Control"]
    author = Message.objects.filter(channel=channel).first().author
    Message.objects.create(channel=channel, author=author, text="Только что написано")
    assert "Только что написано" in get(client, url).content.decode()
    history = client.get(f"/communities/kanaly/{channel.pk}/istoriya/")
    assert history["X-Page-Cache"] == "bypass"
