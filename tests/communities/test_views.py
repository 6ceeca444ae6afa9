from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.urls import reverse

import pytest
from channels.layers import InMemoryChannelLayer, channel_layers
from redis.exceptions import ConnectionError as RedisConnectionError

from communities.models import (
    Channel,
    CommunityIndexPage,
    CommunityPage,
    Membership,
    MembershipRole,
    MembershipStatus,
    Mention,
    Message,
)
from home.models import HomePage
from portal import roles
from tests.communities.factories import (
    ChannelFactory,
    MessageFactory,
    UserFactory,
    make_community,
    member,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def teacher(open_community):
    return member(open_community, UserFactory(username="pedagog1"))


def channel_url(channel):
    return channel.get_absolute_url()


def test_page_types_sit_where_they_belong(open_community):
    index = CommunityIndexPage.objects.get()
    assert CommunityPage.can_create_at(index)
    assert not CommunityPage.can_create_at(HomePage.objects.get())
    assert not CommunityIndexPage.can_create_at(index)
    assert CommunityPage.allowed_subpage_models() == []


def test_visitor_reads_a_public_channel_with_escaped_text(client, channel, moderator):
    MessageFactory(
        channel=channel,
        author=moderator,
        text="<img src=x onerror=alert(1)> см. https://example.org",
    )
    response = client.get(channel_url(channel))
    assert response.status_code == 200
    html = response.content.decode()
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<img src=x" not in html
    assert '<a href="https://example.org" rel="nofollow">https://example.org</a>' in html
    assert "Войдите, чтобы писать в канал." in html


def test_closed_channel_needs_membership(client, closed_community):
    moderator = member(closed_community, role=MembershipRole.MODERATOR)
    closed = ChannelFactory(community=closed_community)
    MessageFactory(channel=closed, author=moderator, text="Секретный план мастерской")
    url = channel_url(closed)
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    client.force_login(UserFactory())
    response = client.get(url)
    assert response.status_code == 403
    assert "Секретный план" not in response.content.decode()
    assert "Попросить принять в сообщество" in response.content.decode()
    assert client.get(reverse("communities:history", args=[closed.pk])).status_code == 404


def test_posting_without_javascript(client, channel, teacher):
    client.force_login(teacher)
    response = client.post(channel_url(channel), {"text": "Привет всем из формы"})
    message = Message.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"#message-{message.pk}")
    assert message.author == teacher

    long_text = "ы" * 4001
    response = client.post(channel_url(channel), {"text": long_text})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Сообщение не отправлено: в нём 4\xa0001 символов" in html
    assert long_text in html  # what was typed is kept
    assert Message.objects.count() == 1


def test_http_form_obeys_the_flood_limit(client, channel, teacher, settings):
    settings.PORTAL_RATE_LIMITS = {**settings.PORTAL_RATE_LIMITS, "message": "1/m"}
    client.force_login(teacher)
    client.post(channel_url(channel), {"text": "Первое"})
    response = client.post(channel_url(channel), {"text": "Второе"})
    # The second request is the Russian 429, the typed text kept in the form.
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    html = response.content.decode()
    assert "Слишком много сообщений подряд: можно не больше 1 в минуту" in html
    assert "Второе</textarea>" in html
    assert Message.objects.count() == 1


class LayerWithoutRedis(InMemoryChannelLayer):
    """Fails every broadcast as channels_redis does while Redis is stopped."""

    async def group_send(self, group, message):
        raise RedisConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")


def test_posting_over_http_while_redis_is_away_keeps_the_message(
    client, channel, teacher, settings, django_capture_on_commit_callbacks, caplog
):
    settings.CHANNEL_LAYERS = {
        "default": {"BACKEND": "tests.communities.test_views.LayerWithoutRedis"}
    }
    channel_layers.backends.clear()
    client.force_login(teacher)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(channel_url(channel), {"text": "Пишу, пока Redis лежит"})
    finally:
        channel_layers.backends.clear()
    # Saved and answered as usual; open pages get it when they reconnect (sync).
    assert response.status_code == 302
    assert Message.objects.get().text == "Пишу, пока Redis лежит"
    assert any("Слой каналов недоступен" in r.getMessage() for r in caplog.records)


def test_non_members_cannot_post_over_http(client, channel):
    client.force_login(UserFactory())
    response = client.post(channel_url(channel), {"text": "Я не участник"})
    assert response.status_code == 400
    assert "Писать в каналах могут только участники сообщества." in response.content.decode()
    assert not Message.objects.exists()


def test_history_endpoint_pages_back(client, channel, moderator, settings):
    settings.COMMUNITIES_HISTORY_PAGE_SIZE = 10
    messages = MessageFactory.create_batch(25, channel=channel, author=moderator)
    url = reverse("communities:history", args=[channel.pk])
    data = client.get(url, {"before": messages[15].pk}).json()
    assert [m["id"] for m in data["messages"]] == [m.pk for m in messages[5:15]]
    assert data["has_more"]
    data = client.get(url, {"before": messages[5].pk}).json()
    assert len(data["messages"]) == 5 and not data["has_more"]
    assert client.get(url, {"before": "abc"}).status_code == 400


def test_join_leave_and_request_through_the_site(client, open_community, closed_community):
    teacher = UserFactory()
    client.force_login(teacher)
    response = client.post(reverse("communities:join", args=[open_community.pk]), follow=True)
    assert "Вы вступили в сообщество" in response.content.decode()
    assert Membership.objects.get(user=teacher, community=open_community).is_active
    client.post(
        reverse("communities:join", args=[closed_community.pk]),
        {"note": "Воспитатель, второй год"},
    )
    request = Membership.objects.get(user=teacher, community=closed_community)
    assert request.status == MembershipStatus.PENDING and request.note == "Воспитатель, второй год"
    response = client.post(reverse("communities:leave", args=[open_community.pk]), follow=True)
    assert "Вы вышли из сообщества" in response.content.decode()
    assert client.get(reverse("communities:join", args=[open_community.pk])).status_code == 405


def test_moderator_handles_requests_and_members(client, closed_community):
    moderator = member(closed_community, UserFactory(username="mod"), MembershipRole.MODERATOR)
    applicant = UserFactory(username="applicant")
    request = Membership.objects.create(community=closed_community, user=applicant, note="Прошу")
    troublemaker = member(closed_community, UserFactory(username="shumnyy"))
    row = Membership.objects.get(user=troublemaker)

    # An ordinary member cannot decide.
    client.force_login(troublemaker)
    url = reverse("communities:membership_action", args=[request.pk, "accept"])
    response = client.post(url, follow=True)
    assert "только модератор" in response.content.decode()
    request.refresh_from_db()
    assert request.status == MembershipStatus.PENDING

    client.force_login(moderator)
    members_page = client.get(closed_community.subpage_url("members"))
    assert members_page.status_code == 200
    assert "Прошу" in members_page.content.decode()
    client.post(url)
    request.refresh_from_db()
    assert request.is_active
    client.post(reverse("communities:membership_action", args=[row.pk, "mute"]), {"hours": "24"})
    row.refresh_from_db()
    assert row.is_muted
    client.post(reverse("communities:membership_action", args=[row.pk, "remove"]))
    row.refresh_from_db()
    assert row.status == MembershipStatus.REMOVED
    assert (
        client.post(reverse("communities:membership_action", args=[row.pk, "nonsense"])).status_code
        == 404
    )


def test_members_list_is_for_members(client, open_community, moderator):
    url = open_community.subpage_url("members")
    assert client.get(url).status_code == 302
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403


def test_moderator_creates_a_channel(client, open_community, moderator, teacher):
    url = open_community.subpage_url("new_channel")
    client.force_login(teacher)
    assert client.get(url).status_code == 403
    client.force_login(moderator)
    response = client.post(url, {"name": "Трудные ситуации", "description": "Разбор случаев"})
    channel = Channel.objects.get()
    assert channel.slug == "trudnye-situatsii" and channel.created_by == moderator
    assert response["Location"] == channel.get_absolute_url()
    response = client.post(url, {"name": "трудные  ситуации"})
    assert response.status_code == 400
    assert "уже есть" in response.content.decode()
    response = client.post(
        open_community.subpage_url("edit_channel", channel.slug),
        {"name": "Трудные ситуации", "is_archived": "on", "sort_order": 3},
    )
    channel.refresh_from_db()
    assert channel.is_archived and channel.slug == "trudnye-situatsii"


def test_message_actions_without_javascript(client, channel, teacher, moderator):
    own = MessageFactory(channel=channel, author=teacher, text="Черновик")
    other = MessageFactory(channel=channel, author=moderator, text="Объявление")
    client.force_login(teacher)
    assert client.get(reverse("communities:edit_message", args=[other.pk])).status_code == 404
    client.post(reverse("communities:edit_message", args=[own.pk]), {"text": "Чистовик"})
    own.refresh_from_db()
    assert own.text == "Чистовик" and own.edited_at
    response = client.post(reverse("communities:delete_message", args=[other.pk]), follow=True)
    assert "только модератор" in response.content.decode()
    client.post(reverse("communities:pin_message", args=[other.pk]), {"pinned": "1"})
    other.refresh_from_db()
    assert not other.is_pinned

    client.force_login(moderator)
    client.post(reverse("communities:pin_message", args=[other.pk]), {"pinned": "1"})
    client.post(reverse("communities:delete_message", args=[own.pk]))
    other.refresh_from_db()
    own.refresh_from_db()
    assert other.is_pinned and own.is_deleted


def test_community_page_shows_channels_unread_and_honest_empty_states(
    client, open_community, channel, teacher, moderator
):
    MessageFactory.create_batch(3, channel=channel, author=moderator)
    client.force_login(teacher)
    html = client.get(open_community.url).content.decode()
    assert "# Общий" in html.replace("&nbsp;", " ")
    assert "3 непрочитанных" in html
    assert "Ближайших мероприятий у сообщества нет" in html
    assert "Участники сообщества пока не опубликовали практик" in html
    # The header shows the same count.
    assert "Мои сообщества" in html
    # Reading the channel clears it.
    client.get(channel_url(channel))
    html = client.get(open_community.url).content.decode()
    assert "непрочитанн" not in html


def test_pages_cost_the_same_with_few_and_many(
    client, open_community, moderator, django_assert_max_num_queries
):
    teacher = member(open_community)
    client.force_login(teacher)
    channel = ChannelFactory(community=open_community)
    MessageFactory(channel=channel, author=moderator)

    def measure(url):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    urls = lambda: [  # noqa: E731
        open_community.url,
        channel_url(channel),
        CommunityIndexPage.objects.get().url,
        reverse("communities:mine"),
        open_community.subpage_url("members"),
    ]
    [measure(url) for url in urls()]  # warm the caches (site root paths, content types)
    few = [measure(url) for url in urls()]
    for n in range(8):
        extra = ChannelFactory(community=open_community)
        mentioned = member(open_community)
        for _ in range(6):
            MessageFactory(channel=extra, author=moderator, text=f"@{mentioned.username} {n}")
            reply = MessageFactory(channel=channel, author=mentioned, text=f"@{teacher.username}")
            Mention.objects.create(message=reply, user=teacher)
        make_community(f"Сообщество {n}", slug=f"s-{n}")
    many = [measure(url) for url in urls()]
    # Constant: more channels, members, messages and communities add no queries.
    assert all(m <= f for m, f in zip(many, few, strict=True)), list(
        zip(urls(), few, many, strict=True)
    )
    assert max(many) <= 40


def test_header_and_my_pages(client, open_community, channel, teacher, moderator):
    Mention.objects.create(
        message=MessageFactory(channel=channel, author=moderator, text=f"@{teacher.username} ?"),
        user=teacher,
    )
    client.force_login(teacher)
    html = client.get(reverse("communities:mine")).content.decode()
    assert open_community.title in html and "1 непрочитанное" in html
    assert "Упоминания" in html
    html = client.get(reverse("communities:mentions")).content.decode()
    assert "новое" in html
    assert not Mention.objects.filter(seen_at__isnull=True).exists()


def test_roles_get_their_admin_rights():
    moderators = Group.objects.get(name=roles.MODERATOR)
    codenames = set(moderators.permissions.values_list("codename", flat=True))
    assert {"add_channel", "change_membership", "delete_message"} <= codenames
    methodists = Group.objects.get(name=roles.METHODIST)
    assert methodists.permissions.filter(codename="delete_channel").exists()
    assert (
        not Group.objects.get(name=roles.TEACHER)
        .permissions.filter(content_type__app_label="communities")
        .exists()
    )
    assert Permission.objects.filter(content_type__app_label="communities").exists()


def test_demo_content_loads_twice_without_duplicates(demo_site):
    counts = (CommunityPage.objects.count(), Channel.objects.count(), Message.objects.count())
    assert counts[0] >= 3 and counts[1] >= 9 and counts[2] >= 30
    closed = CommunityPage.objects.get(title="Мастерская наставников дошкольного образования")
    assert not closed.is_open
    assert Message.objects.filter(is_pinned=True).exists()
    assert Message.objects.filter(reply_to__isnull=False).exists()
    assert Mention.objects.exists()
    assert Membership.objects.filter(status=MembershipStatus.PENDING).exists()
    call_command("load_demo", verbosity=0)
    assert counts == (
        CommunityPage.objects.count(),
        Channel.objects.count(),
        Message.objects.count(),
    )


def test_admin_lists_memberships_for_a_moderator(client, open_community, moderator):
    moderator.groups.add(Group.objects.get(name=roles.MODERATOR))
    client.force_login(moderator)
    response = client.get(reverse("community_memberships:index"))
    assert response.status_code == 200
    assert moderator.username in response.content.decode()
    assert client.get(reverse("community_messages:index")).status_code == 200
