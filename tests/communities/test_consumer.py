"""The live channel through Channels' WebsocketCommunicator and the real ASGI stack
(origin check, session cookie, auth), once on the in-memory layer and once on Redis."""

import asyncio
import os
import threading
import uuid

from django.contrib.sessions.models import Session
from django.test import Client, override_settings

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from channels.layers import InMemoryChannelLayer, channel_layers
from channels.testing import WebsocketCommunicator
from redis.exceptions import ConnectionError as RedisConnectionError

from communities import membership
from communities.models import ChannelPresence, Membership, MembershipRole, Message
from portal.asgi import application
from tests.communities.conftest import REDIS_URL, redis_available
from tests.communities.factories import ChannelFactory, MessageFactory, UserFactory, member

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(params=["memory", "redis"])
def layer(request, settings):
    if request.param == "redis":
        if not redis_available():
            pytest.skip(f"Redis не отвечает по адресу {REDIS_URL}")
        settings.CHANNEL_LAYERS = {
            "default": {
                "BACKEND": "channels_redis.core.RedisChannelLayer",
                "CONFIG": {"hosts": [REDIS_URL], "prefix": f"test-{uuid.uuid4().hex[:8]}"},
            }
        }
    else:
        settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    channel_layers.backends.clear()
    yield request.param
    channel_layers.backends.clear()


def run(scenario):
    """Run an async scenario on its own loop, in its own thread.

    The browser tests keep Playwright's event loop running in the main thread for
    the whole session; async_to_sync refuses to run beside a running loop.
    """
    failure = []

    def target():
        try:
            async_to_sync(scenario)()
        except BaseException as error:  # handed back to the test thread
            failure.append(error)

    thread = threading.Thread(target=target)
    thread.start()
    thread.join(60)
    assert not thread.is_alive(), "сценарий не завершился за минуту"
    if failure:
        raise failure[0]


def cookie_of(user):
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


def socket(channel, user=None, origin=b"http://testserver", app=application):
    headers = [(b"origin", origin)]
    if user is not None:
        headers.append((b"cookie", f"sessionid={cookie_of(user)}".encode()))
    return WebsocketCommunicator(app, f"/ws/communities/channels/{channel.pk}/", headers=headers)


async def frame(communicator, kind, timeout=3):
    """The next frame of ``kind``, skipping presence notices and acknowledgements."""
    while True:
        data = await communicator.receive_json_from(timeout=timeout)
        if data["type"] == kind:
            return data
        if data["type"] not in ("presence", "ack"):
            raise AssertionError(f"ждали {kind}, пришло {data}")


async def opened(communicator):
    connected, _subprotocol = await communicator.connect(timeout=5)
    assert connected
    return await frame(communicator, "ready")


@pytest.fixture
def people(layer, channel, open_community):
    """A moderator and two members of an open community with one public channel."""
    return {
        "moderator": Membership.objects.get(community=open_community).user,
        "anna": member(open_community, UserFactory(username="pedagog1")),
        "elena": member(open_community, UserFactory(username="nastavnik1")),
    }


def test_members_talk_live_and_text_stays_text(people, channel):
    anna_socket = socket(channel, people["anna"])
    elena_socket = socket(channel, people["elena"])
    text = 'Коллеги, <b>план</b> <script>alert("x")</script> тут: https://example.org @nastavnik1'

    async def scenario():
        ready = await opened(anna_socket)
        assert ready["can_post"] and not ready["can_moderate"]
        await opened(elena_socket)
        await anna_socket.send_json_to({"type": "post", "text": text, "client_id": "c1"})
        ack = await frame(anna_socket, "ack")
        assert ack["client_id"] == "c1"
        mine = await frame(anna_socket, "message")
        theirs = await frame(elena_socket, "message")
        assert mine == theirs
        assert theirs["message"]["id"] == ack["id"]
        # The text arrives exactly as typed: the browser puts it in with textContent.
        assert theirs["message"]["text"] == text
        assert theirs["message"]["author"]["username"] == "pedagog1"
        assert [m["username"] for m in theirs["message"]["mentions"]] == ["nastavnik1"]
        await anna_socket.disconnect()
        await elena_socket.disconnect()

    run(scenario)
    stored = Message.objects.get()
    assert stored.text == text and stored.author == people["anna"]
    assert stored.mentions.get().user == people["elena"]


def test_visitor_reads_a_public_channel_but_cannot_post(people, channel):
    visitor = socket(channel)
    anna = socket(channel, people["anna"])

    async def scenario():
        ready = await opened(visitor)
        assert ready["user"] is None and not ready["can_post"]
        assert ready["post_refusal"] == "Войдите, чтобы писать в канал."
        await opened(anna)
        await anna.send_json_to({"type": "post", "text": "Доброе утро!"})
        assert (await frame(visitor, "message"))["message"]["text"] == "Доброе утро!"
        await visitor.send_json_to({"type": "post", "text": "Я гость", "client_id": "g"})
        error = await frame(visitor, "error")
        assert error == {
            "type": "error",
            "code": "forbidden",
            "message": "Войдите, чтобы писать в канал.",
            "client_id": "g",
        }
        await visitor.disconnect()
        await anna.disconnect()

    run(scenario)
    assert list(Message.objects.values_list("text", flat=True)) == ["Доброе утро!"]


def test_non_members_cannot_open_a_closed_channel(layer, closed_community):
    moderator = member(closed_community, role=MembershipRole.MODERATOR)
    closed_channel = ChannelFactory(community=closed_community)
    MessageFactory(channel=closed_channel, author=moderator, text="Только для своих")
    stranger = UserFactory()
    sockets = [socket(closed_channel, stranger), socket(closed_channel)]

    async def scenario():
        for communicator in sockets:
            connected, _ = await communicator.connect(timeout=5)
            assert connected  # accepted only to say why, then closed
            error = await communicator.receive_json_from()
            assert error["code"] == "refused"
            assert error["message"] == "Этот канал читают только участники сообщества."
            assert await communicator.receive_output() == {"type": "websocket.close", "code": 4403}
            await communicator.wait()

    run(scenario)
    assert not ChannelPresence.objects.exists()


def test_flood_length_and_empty_messages_are_answered_and_not_stored(people, channel, settings):
    settings.PORTAL_RATE_LIMITS = {**settings.PORTAL_RATE_LIMITS, "message": "2/m"}
    anna = socket(channel, people["anna"])

    async def scenario():
        await opened(anna)
        for n in range(2):
            await anna.send_json_to({"type": "post", "text": f"Сообщение {n}", "client_id": n})
            await frame(anna, "ack")
            await frame(anna, "message")
        await anna.send_json_to({"type": "post", "text": "Третье", "client_id": "flood"})
        error = await frame(anna, "error")
        assert error["code"] == "flood" and error["client_id"] == "flood"
        assert error["message"].startswith("Слишком много сообщений подряд: можно не больше 2")
        await anna.send_json_to({"type": "post", "text": "я" * 4001})
        assert (await frame(anna, "error"))["code"] == "too_long"
        await anna.send_json_to({"type": "post", "text": "   "})
        assert (await frame(anna, "error"))["code"] == "empty"
        await anna.send_to(text_data="не JSON")
        assert (await frame(anna, "error"))["code"] == "bad_request"
        assert await anna.receive_nothing(timeout=0.3)
        await anna.disconnect()

    run(scenario)
    assert Message.objects.count() == 2


def test_reconnecting_page_gets_exactly_what_it_missed(people, channel):
    anna = socket(channel, people["anna"])
    elena = socket(channel, people["elena"])
    back = socket(channel, people["anna"])

    async def scenario():
        await opened(anna)
        await opened(elena)
        await elena.send_json_to({"type": "post", "text": "Первое"})
        first = (await frame(anna, "message"))["message"]
        await frame(elena, "message")
        watermark = first["updated_at"]
        await anna.disconnect()  # the connection drops

        # Meanwhile: three new messages and a change to the one Anna already has.
        for text in ["Второе", "Третье", "Четвёртое"]:
            await elena.send_json_to({"type": "post", "text": text})
            await frame(elena, "message")
        await elena.send_json_to({"type": "edit", "id": first["id"], "text": "Первое (исправлено)"})
        await frame(elena, "update")

        await opened(back)
        await back.send_json_to({"type": "sync", "after": first["id"], "since": watermark})
        sync = await frame(back, "sync")
        assert [m["text"] for m in sync["messages"]] == ["Второе", "Третье", "Четвёртое"]
        assert [m["text"] for m in sync["changed"]] == ["Первое (исправлено)"]
        assert not sync["has_more"]
        # Asked again with the newest id it now holds: nothing repeats.
        await back.send_json_to({"type": "sync", "after": sync["messages"][-1]["id"]})
        assert (await frame(back, "sync"))["messages"] == []
        await back.disconnect()
        await elena.disconnect()

    run(scenario)


def test_removed_member_is_cut_off_at_once(layer, closed_community):
    moderator = member(closed_community, role=MembershipRole.MODERATOR)
    teacher = member(closed_community)
    closed_channel = ChannelFactory(community=closed_community)
    teacher_socket = socket(closed_channel, teacher)
    row = Membership.objects.get(user=teacher)

    async def scenario():
        assert (await opened(teacher_socket))["can_post"]
        await database_sync_to_async(membership.remove)(moderator, row)
        error = await frame(teacher_socket, "error")
        assert error["code"] == "refused"
        assert await teacher_socket.receive_output() == {"type": "websocket.close", "code": 4403}

    run(scenario)


def test_muted_member_keeps_reading_but_cannot_post(people, channel, open_community):
    anna = socket(channel, people["anna"])
    row = Membership.objects.get(user=people["anna"], community=open_community)

    async def scenario():
        await opened(anna)
        await database_sync_to_async(membership.mute)(people["moderator"], row, 1)
        access = await frame(anna, "access")
        assert not access["can_post"]
        assert access["post_refusal"].startswith("Модератор ограничил вам отправку сообщений до")
        await anna.send_json_to({"type": "post", "text": "Можно?"})
        assert (await frame(anna, "error"))["code"] == "forbidden"
        await anna.disconnect()

    run(scenario)
    assert not Message.objects.exists()


def test_signing_out_closes_the_socket_on_the_next_frame(people, channel):
    anna = socket(channel, people["anna"])

    async def scenario():
        await opened(anna)
        await database_sync_to_async(Session.objects.all().delete)()
        await anna.send_json_to({"type": "post", "text": "После выхода"})
        error = await frame(anna, "error")
        assert error["message"] == "Сеанс завершён: войдите снова, чтобы продолжить."
        assert await anna.receive_output() == {"type": "websocket.close", "code": 4401}

    run(scenario)
    assert not Message.objects.exists()


def test_foreign_origin_is_refused(people, channel):
    from channels.auth import AuthMiddlewareStack
    from channels.routing import URLRouter
    from channels.security.websocket import AllowedHostsOriginValidator

    from portal.routing import websocket_urlpatterns

    with override_settings(ALLOWED_HOSTS=["portal.example.ru"]):
        guarded = AllowedHostsOriginValidator(AuthMiddlewareStack(URLRouter(websocket_urlpatterns)))

    evil = socket(channel, people["anna"], origin=b"https://evil.example", app=guarded)
    good = socket(channel, people["anna"], origin=b"https://portal.example.ru", app=guarded)

    async def scenario():
        connected, _ = await evil.connect(timeout=5)
        assert not connected
        assert (await good.connect(timeout=5))[0]
        await good.disconnect()

    run(scenario)


def test_moderator_deletes_and_pins_author_edits(people, channel):
    moderator = socket(channel, people["moderator"])
    anna = socket(channel, people["anna"])
    own = MessageFactory(channel=channel, author=people["anna"], text="Моё сообщение")
    other = MessageFactory(channel=channel, author=people["elena"], text="Важное объявление")

    async def scenario():
        assert (await opened(moderator))["can_moderate"]
        await opened(anna)
        await anna.send_json_to({"type": "pin", "id": other.pk, "pinned": True})
        assert (await frame(anna, "error"))[
            "message"
        ] == "Закреплять сообщения может только модератор."
        await anna.send_json_to({"type": "delete", "id": other.pk})
        assert (await frame(anna, "error"))["code"] == "forbidden"

        await moderator.send_json_to({"type": "pin", "id": other.pk, "pinned": True})
        update = await frame(anna, "update")
        assert update["message"]["id"] == other.pk and update["message"]["pinned"]
        await frame(moderator, "update")
        await anna.send_json_to(
            {"type": "edit", "id": own.pk, "text": "Моё сообщение, исправленное"}
        )
        update = await frame(moderator, "update")
        assert update["message"]["edited"] and update["message"]["text"].endswith("исправленное")
        await frame(anna, "update")  # her own edit comes back to her too
        await moderator.send_json_to({"type": "delete", "id": own.pk})
        update = await frame(anna, "update")
        assert update["message"]["deleted"] and update["message"]["text"] == ""
        await moderator.disconnect()
        await anna.disconnect()

    run(scenario)
    own.refresh_from_db()
    other.refresh_from_db()
    assert own.is_deleted and own.deleted_by == people["moderator"]
    assert other.is_pinned


def test_who_is_online(people, channel):
    anna = socket(channel, people["anna"])
    elena = socket(channel, people["elena"])

    async def scenario():
        ready = await opened(anna)
        assert [p["username"] for p in ready["online"]] == ["pedagog1"]
        ready = await opened(elena)
        assert {p["username"] for p in ready["online"]} == {"pedagog1", "nastavnik1"}
        own = await anna.receive_json_from(timeout=3)  # her own arrival, broadcast to all
        assert own["joined"]["id"] == people["anna"].pk
        joined = await anna.receive_json_from(timeout=3)
        assert joined["type"] == "presence"
        assert joined["joined"]["id"] == people["elena"].pk
        await elena.disconnect()
        left = await anna.receive_json_from(timeout=3)
        assert left == {"type": "presence", "left": people["elena"].pk}
        await anna.send_json_to({"type": "ping"})
        assert (await anna.receive_json_from())["type"] == "pong"
        await anna.disconnect()

    run(scenario)
    assert not ChannelPresence.objects.exists()


def test_mention_reaches_the_person_on_another_channel(people, channel, open_community):
    elsewhere = ChannelFactory(community=open_community, name="Практики", slug="praktiki")
    elena_elsewhere = socket(elsewhere, people["elena"])
    anna = socket(channel, people["anna"])

    async def scenario():
        await opened(elena_elsewhere)
        await opened(anna)
        await anna.send_json_to({"type": "post", "text": "@nastavnik1 посмотрите, пожалуйста"})
        notice = await frame(elena_elsewhere, "mention")
        assert notice["channel"]["name"] == "Общий"
        assert notice["channel"]["url"].endswith("/kanal/obshchiy/")
        assert notice["message"]["author"]["username"] == "pedagog1"
        await anna.disconnect()
        await elena_elsewhere.disconnect()

    run(scenario)


# -- the channel layer (Redis) going away under open sockets ---------------------------


class RedisGoneLayer(InMemoryChannelLayer):
    """The in-memory layer, failing as channels_redis does when Redis stops:
    ``group_add`` while ``refuse_joins`` is set, ``receive`` on a "test.redis.gone" event."""

    refuse_joins = False

    async def group_add(self, group, channel):
        if self.refuse_joins:
            raise RedisConnectionError(
                "Error 111 connecting to 127.0.0.1:6379. Connection refused."
            )
        return await super().group_add(group, channel)

    async def receive(self, channel):
        message = await super().receive(channel)
        if message.get("type") == "test.redis.gone":
            raise RedisConnectionError("Connection closed by server.")
        return message


@pytest.fixture
def redis_gone_layer(settings):
    settings.CHANNEL_LAYERS = {
        "default": {"BACKEND": "tests.communities.test_consumer.RedisGoneLayer"}
    }
    channel_layers.backends.clear()
    RedisGoneLayer.refuse_joins = False
    yield
    RedisGoneLayer.refuse_joins = False
    channel_layers.backends.clear()


def test_layer_lost_under_an_open_socket_closes_it_to_be_retried(
    redis_gone_layer, open_community, channel, caplog
):
    anna = member(open_community, UserFactory(username="pedagog1"))
    communicator = socket(channel, anna)

    async def scenario():
        await opened(communicator)
        await channel_layers["default"].group_send(
            f"community-channel-{channel.pk}", {"type": "test.redis.gone"}
        )
        closed = await communicator.receive_output(timeout=5)
        while closed["type"] == "websocket.send":  # presence notices sent before
            closed = await communicator.receive_output(timeout=5)
        # 1013 "try again later": the page shows «Переподключаемся…», unlike a refusal (44xx).
        assert closed == {"type": "websocket.close", "code": 1013}

    run(scenario)
    assert not ChannelPresence.objects.exists()  # not shown online while away
    assert any("слой каналов недоступен" in r.getMessage() for r in caplog.records)


def test_connecting_while_the_layer_is_away_is_answered_try_again_later(
    redis_gone_layer, open_community, channel
):
    anna = member(open_community, UserFactory(username="pedagog1"))
    RedisGoneLayer.refuse_joins = True
    communicator = socket(channel, anna)

    async def scenario():
        connected, _subprotocol = await communicator.connect(timeout=5)
        assert connected
        closed = await communicator.receive_output(timeout=5)
        assert closed == {"type": "websocket.close", "code": 1013}

    run(scenario)
    RedisGoneLayer.refuse_joins = False
    communicator = socket(channel, anna)

    async def back():
        ready = await opened(communicator)
        assert ready["can_post"]
        await communicator.disconnect()

    run(back)


@pytest.mark.redis
@pytest.mark.skipif(
    not os.environ.get("REDIS_URL"), reason="the Redis channel layer is configured by REDIS_URL"
)
def test_an_idle_socket_outlasts_the_layers_blocking_read():
    """redis-py 8 reads with a 5 s timeout by default, as long as channels_redis's
    BZPOPMIN: the settings give reads longer, so waiting for a message is not an error."""
    layer = channel_layers.make_backend("default")

    async def idle():
        name = await layer.new_channel()
        with pytest.raises(asyncio.TimeoutError):  # ours, not redis.exceptions.TimeoutError
            await asyncio.wait_for(layer.receive(name), layer.brpop_timeout + 2)

    run(idle)
