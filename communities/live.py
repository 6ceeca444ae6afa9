"""Tell open channel pages what changed, through the channel layer.

Frames are serialised once by the sender and passed on as text by every
receiving consumer, as cheap as a bare broadcast.
"""

import json
import logging

from django.core.serializers.json import DjangoJSONEncoder

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from redis.exceptions import RedisError

from communities.messaging import serialize

logger = logging.getLogger(__name__)

# What the Redis channel layer raises while Redis is away (OSError: refused, reset, timed out).
LAYER_ERRORS = (RedisError, OSError)


def channel_group(channel_id):
    return f"community-channel-{channel_id}"


def user_group(user_id):
    return f"community-user-{user_id}"


def frame(kind, **payload):
    return json.dumps({"type": kind, **payload}, cls=DjangoJSONEncoder, ensure_ascii=False)


def message_event(message, kind):
    """A layer event carrying a ready frame: ``kind`` is "message" (new) or "update"."""
    return {"type": "chat.frame", "frame": frame(kind, message=serialize(message))}


def mention_event(message, channel_url):
    return {
        "type": "chat.frame",
        "frame": frame(
            "mention",
            message=serialize(message),
            channel={"id": message.channel_id, "name": message.channel.name, "url": channel_url},
        ),
    }


def access_event(community_id):
    return {"type": "access.changed", "community": community_id}


def _send(group, event):
    """Best effort: what was saved stays saved; open pages catch up when they reconnect."""
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        async_to_sync(layer.group_send)(group, event)
    except LAYER_ERRORS as error:
        logger.warning(
            "Слой каналов недоступен (%s): открытые страницы получат изменение при переподключении",
            type(error).__name__,
        )


def message_changed(message, kind="update"):
    """From synchronous code (the HTTP fallback): send after the transaction commits."""
    _send(channel_group(message.channel_id), message_event(message, kind))


def mentioned(message, user_ids, channel_url):
    event = mention_event(message, channel_url)
    for user_id in user_ids:
        _send(user_group(user_id), event)


def access_changed(user_id, community_id):
    _send(user_group(user_id), access_event(community_id))
