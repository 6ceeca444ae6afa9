"""Who is online in a channel, shared by every ASGI worker through the database.

Each open channel page holds one row; a heartbeat refreshes it, a clean
disconnect deletes it, and rows of connections that died silently stop
counting after ``COMMUNITIES_PRESENCE_TIMEOUT_SECONDS``.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from communities.models import ChannelPresence


def _fresh_since():
    return timezone.now() - timedelta(seconds=settings.COMMUNITIES_PRESENCE_TIMEOUT_SECONDS)


def _is_online(channel_id, user_id):
    return ChannelPresence.objects.filter(
        channel_id=channel_id, user_id=user_id, last_seen_at__gte=_fresh_since()
    ).exists()


def arrive(channel_id, user, connection):
    """Record a connection; True when the person was not online in the channel before."""
    was_online = _is_online(channel_id, user.pk)
    # Rows of connections that died without saying goodbye (a killed worker).
    ChannelPresence.objects.filter(
        channel_id=channel_id, last_seen_at__lt=timezone.now() - timedelta(hours=1)
    ).delete()
    ChannelPresence.objects.update_or_create(
        connection=connection,
        defaults={"channel_id": channel_id, "user": user, "last_seen_at": timezone.now()},
    )
    return not was_online


def leave(connection):
    """Forget a connection; returns (channel id, user id) when that person is now offline."""
    row = ChannelPresence.objects.filter(connection=connection).first()
    if row is None:
        return None
    row.delete()
    if _is_online(row.channel_id, row.user_id):
        return None
    return row.channel_id, row.user_id


def heartbeat(connection):
    ChannelPresence.objects.filter(connection=connection).update(last_seen_at=timezone.now())


def online(channel_id):
    """People online in the channel, as the browser shows them, in a stable order."""
    rows = (
        ChannelPresence.objects.filter(channel_id=channel_id, last_seen_at__gte=_fresh_since())
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "user_id")
    )
    people, seen = [], set()
    for row in rows:
        if row.user_id not in seen:
            seen.add(row.user_id)
            people.append(person(row.user))
    return people


def person(user):
    return {"id": user.pk, "name": user.get_short_name(), "username": user.username}
