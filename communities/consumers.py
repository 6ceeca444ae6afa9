"""The live side of a discussion channel: one WebSocket per open channel page.

Every frame a browser sends is checked again — the session still valid, the
person still a member who may post — before anything is stored, so signing
out in another tab, or being removed or muted by a moderator, takes effect at
once. Database work happens in one synchronous call per frame; broadcasts carry
frames serialised once by the sender.

Frames from the browser (JSON objects, ``type`` says which):
  post  {text, reply_to?, client_id?}      edit {id, text}      delete {id}
  pin   {id, pinned}                       read {id}            ping {}
  sync  {after, since?}  — what a reconnecting page missed (new messages after
        the id it has, and changes to older ones since ``since``).
Frames to the browser: ready, message, update, ack, error, sync, presence,
mention, access, pong.
"""

import contextlib
import json
import logging
from dataclasses import dataclass, field
from importlib import import_module

from django.conf import settings
from django.contrib.auth import HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer

from communities import live, membership, messaging, presence
from communities.models import Channel, CommunityPage, Message

logger = logging.getLogger(__name__)

CLOSE_SESSION_ENDED = 4401
CLOSE_FORBIDDEN = 4403
CLOSE_NOT_FOUND = 4404
# The channel layer (Redis) is away: the page says it is reconnecting and comes back.
CLOSE_TRY_AGAIN_LATER = 1013


@dataclass
class Access:
    channel: Channel = None
    membership: object = None
    user: object = None
    page_is_public: bool = True
    refusal: str = ""
    close_code: int = 0


@dataclass
class Outcome:
    """What handling one frame produced: frames for this socket, events for groups."""

    frames: list = field(default_factory=list)
    group_events: list = field(default_factory=list)
    user_events: list = field(default_factory=list)  # (user id, event)
    close_code: int = 0


def session_user(session_key, user):
    """The user of this socket as the database knows them now, or None if signed out since."""
    if not session_key:
        return None
    engine = import_module(settings.SESSION_ENGINE)
    data = engine.SessionStore(session_key).load()
    if str(data.get(SESSION_KEY)) != str(user.pk):
        return None
    fresh = get_user_model().objects.filter(pk=user.pk, is_active=True).first()
    if fresh is None:
        return None
    session_hash = data.get(HASH_SESSION_KEY) or ""
    if not constant_time_compare(session_hash, fresh.get_session_auth_hash()):
        return None  # the password changed: every session of the account ends
    return fresh


class ChannelConsumer(AsyncWebsocketConsumer):
    async def __call__(self, scope, receive, send):
        # Redis stopping fails the layer's receive loop (or a group_add on connect)
        # under every open socket. Close them as "try again later" rather than
        # crash: the page shows «Переподключаемся…» and retries with back-off;
        # messages are in the database, and the page's sync asks for what it missed.
        try:
            await super().__call__(scope, receive, send)
        except live.LAYER_ERRORS as error:
            logger.warning(
                "Канал %s: слой каналов недоступен (%s), соединение закрыто до его возвращения",
                getattr(self, "channel_id", "?"),
                type(error).__name__,
            )
            if self.scope.get("user") is not None and getattr(self, "channel_name", None):
                with contextlib.suppress(Exception):
                    await database_sync_to_async(presence.leave)(self.channel_name)
            with contextlib.suppress(Exception):  # the client may be gone already
                await send({"type": "websocket.close", "code": CLOSE_TRY_AGAIN_LATER})

    async def connect(self):
        self.channel_id = int(self.scope["url_route"]["kwargs"]["channel_id"])
        self.user = self.scope.get("user") or AnonymousUser()
        session = self.scope.get("session")
        self.session_key = getattr(session, "session_key", None)
        cookies = self.scope.get("cookies") or {}
        chosen = cookies.get(settings.LANGUAGE_COOKIE_NAME)
        self.language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        self.groups_joined = []
        self.community_id = None
        # Accept first, so a refusal can be explained in words rather than a bare 403.
        await self.accept()
        state = await database_sync_to_async(self._open)()
        if state["refusal"]:
            await self._refuse(state["refusal"], state["close_code"])
            return
        self.community_id = state["community_id"]
        self.page_is_public = state["page_is_public"]
        self.channel_url = state["channel_url"]
        for group in [live.channel_group(self.channel_id)] + (
            [live.user_group(self.user.pk)] if self.user.is_authenticated else []
        ):
            await self.channel_layer.group_add(group, self.channel_name)
            self.groups_joined.append(group)
        if state["arrived"]:
            await self.channel_layer.group_send(
                live.channel_group(self.channel_id),
                {"type": "chat.frame", "frame": live.frame("presence", joined=state["person"])},
            )
        await self.send(text_data=live.frame("ready", **state["ready"]))

    async def disconnect(self, code):
        try:
            for group in self.groups_joined:
                await self.channel_layer.group_discard(group, self.channel_name)
            self.groups_joined = []
            if self.user.is_authenticated and self.community_id is not None:
                gone = await database_sync_to_async(presence.leave)(self.channel_name)
                if gone:
                    await self.channel_layer.group_send(
                        live.channel_group(self.channel_id),
                        {"type": "chat.frame", "frame": live.frame("presence", left=gone[1])},
                    )
        except Exception:  # a layer hiccup while closing must not hide the close itself
            logger.warning(
                "Канал %s: не удалось прибраться после отключения", self.channel_id, exc_info=True
            )

    async def receive(self, text_data=None, bytes_data=None):
        if self.community_id is None:
            return  # refused on connect; the close is on its way
        try:
            data = json.loads(text_data or "")
        except ValueError:
            data = None
        if not isinstance(data, dict) or data.get("type") not in self.HANDLERS:
            await self.send(
                text_data=live.frame(
                    "error", code="bad_request", message=_("Непонятный запрос к каналу.")
                )
            )
            return
        outcome = await database_sync_to_async(self._handle)(data)
        for text in outcome.frames:
            await self.send(text_data=text)
        for event in outcome.group_events:
            await self.channel_layer.group_send(live.channel_group(self.channel_id), event)
        for user_id, event in outcome.user_events:
            await self.channel_layer.group_send(live.user_group(user_id), event)
        if outcome.close_code:
            await self.close(code=outcome.close_code)

    # Events from the channel layer

    async def chat_frame(self, event):
        await self.send(text_data=event["frame"])

    async def access_changed(self, event):
        if event["community"] != self.community_id:
            return
        outcome = await database_sync_to_async(self._reassess)()
        for text in outcome.frames:
            await self.send(text_data=text)
        if outcome.close_code:
            await self.close(code=outcome.close_code)

    async def _refuse(self, message, code):
        await self.send(text_data=live.frame("error", code="refused", message=message))
        await self.close(code=code)

    # Synchronous work, one call per frame

    def _access(self):
        """Check the session and the membership against the database as they are now."""
        user = AnonymousUser()
        if self.user.is_authenticated:
            user = session_user(self.session_key, self.user)
            if user is None:
                return Access(
                    refusal=_("Сеанс завершён: войдите снова, чтобы продолжить."),
                    close_code=CLOSE_SESSION_ENDED,
                )
        channel = (
            Channel.objects.select_related("community")
            .filter(pk=self.channel_id)
            .order_by("pk")
            .first()
        )
        if channel is None:
            return Access(refusal=_("Канал не найден."), close_code=CLOSE_NOT_FOUND)
        own = membership.membership_of(user, channel.community)
        page_is_public = getattr(self, "page_is_public", None)
        if page_is_public is None:
            page_is_public = CommunityPage.objects.filter(pk=channel.community_id).public().exists()
        if not membership.can_read(user, channel, own, page_is_public):
            return Access(
                refusal=_("Этот канал читают только участники сообщества."),
                close_code=CLOSE_FORBIDDEN,
            )
        return Access(channel=channel, membership=own, user=user, page_is_public=page_is_public)

    def _rights(self, access):
        return {
            "can_post": membership.post_refusal(access.user, access.channel, access.membership)
            is None,
            "post_refusal": membership.post_refusal(access.user, access.channel, access.membership)
            or "",
            "can_moderate": membership.can_moderate(
                access.user, access.channel.community, access.membership
            ),
        }

    def _open(self):
        with translation.override(self.language):
            access = self._access()
            if access.refusal:
                return {"refusal": access.refusal, "close_code": access.close_code}
            channel = access.channel
            arrived, person = False, None
            if access.user.is_authenticated:
                person = presence.person(access.user)
                arrived = presence.arrive(channel.pk, access.user, self.channel_name)
            return {
                "refusal": "",
                "community_id": channel.community_id,
                "page_is_public": access.page_is_public,
                "channel_url": channel.get_absolute_url(),
                "arrived": arrived,
                "person": person,
                "ready": {
                    "channel": channel.pk,
                    "user": person,
                    "online": presence.online(channel.pk),
                    "edit_window_minutes": settings.COMMUNITIES_EDIT_WINDOW_MINUTES,
                    "max_length": settings.COMMUNITIES_MESSAGE_MAX_LENGTH,
                    "server_time": timezone.now().isoformat(),
                    **self._rights(access),
                },
            }

    def _reassess(self):
        with translation.override(self.language):
            access = self._access()
            if access.refusal:
                return self._refused(access)
            return Outcome(frames=[live.frame("access", **self._rights(access))])

    def _refused(self, access):
        return Outcome(
            frames=[live.frame("error", code="refused", message=access.refusal)],
            close_code=access.close_code,
        )

    def _handle(self, data):
        with translation.override(self.language):
            access = self._access()
            if access.refusal:
                return self._refused(access)
            handler = getattr(self, "_on_" + data["type"])
            try:
                return handler(access, data)
            except messaging.MessageRefused as refused:
                return Outcome(
                    frames=[
                        live.frame(
                            "error",
                            code=refused.code,
                            message=refused.message,
                            client_id=_client_id(data),
                        )
                    ]
                )

    HANDLERS = {"post", "edit", "delete", "pin", "sync", "read", "ping"}

    def _on_ping(self, access, data):
        if access.user.is_authenticated:
            presence.heartbeat(self.channel_name)
        return Outcome(frames=[live.frame("pong")])

    def _require_post_right(self, access):
        refusal = membership.post_refusal(access.user, access.channel, access.membership)
        if refusal:
            raise messaging.MessageRefused("forbidden", refusal)

    def _on_post(self, access, data):
        self._require_post_right(access)
        text = data.get("text")
        if not isinstance(text, str):
            text = ""
        posted = messaging.post_message(
            access.user, access.channel, text, reply_to_id=_int(data.get("reply_to"))
        )
        message = posted.message
        return Outcome(
            frames=[live.frame("ack", client_id=_client_id(data), id=message.pk)],
            group_events=[live.message_event(message, "message")],
            user_events=[
                (user.pk, live.mention_event(message, self.channel_url))
                for user in posted.mentioned
            ],
        )

    def _message(self, access, data):
        message = (
            Message.objects.select_related("author", "channel")
            .filter(pk=_int(data.get("id")) or 0, channel=access.channel)
            .first()
        )
        if message is None:
            raise messaging.MessageRefused("not_found", _("Сообщение не найдено."))
        return message

    def _changed(self, message):
        fresh = messaging.with_details(Message.objects.filter(pk=message.pk)).get()
        return Outcome(group_events=[live.message_event(fresh, "update")])

    def _on_edit(self, access, data):
        self._require_post_right(access)
        message = self._message(access, data)
        text = data.get("text") if isinstance(data.get("text"), str) else ""
        messaging.edit_message(access.user, message, text)
        return self._changed(message)

    def _on_delete(self, access, data):
        message = self._message(access, data)
        moderator = membership.can_moderate(
            access.user, access.channel.community, access.membership
        )
        if not moderator:
            self._require_post_right(access)
        messaging.delete_message(access.user, message, moderator=moderator)
        return self._changed(message)

    def _on_pin(self, access, data):
        message = self._message(access, data)
        moderator = membership.can_moderate(
            access.user, access.channel.community, access.membership
        )
        messaging.pin_message(access.user, message, bool(data.get("pinned")), moderator=moderator)
        return self._changed(message)

    def _on_read(self, access, data):
        if access.membership is not None and access.membership.is_active:
            messaging.mark_read(access.user, access.channel, _int(data.get("id")))
        return Outcome()

    def _on_sync(self, access, data):
        after = max(_int(data.get("after")) or 0, 0)
        since = data.get("since")
        since = parse_datetime(since) if isinstance(since, str) else None
        new, changed, has_more = messaging.catch_up(access.channel, after, since)
        return Outcome(
            frames=[
                live.frame(
                    "sync",
                    messages=[messaging.serialize(m) for m in new],
                    changed=[messaging.serialize(m) for m in changed],
                    has_more=has_more,
                    server_time=timezone.now().isoformat(),
                )
            ]
        )


def _int(value):
    try:
        return int(value) if value is not None and value != "" else None
    except (TypeError, ValueError):
        return None


def _client_id(data):
    value = data.get("client_id")
    return str(value)[:64] if value is not None else None
