"""Unread counts for a signed-in member: per channel, per community, and for the header.

A message is unread when it is newer than the member's read mark in its
channel, was written by someone else after the member joined, and is not
deleted. Each function answers in one query, however many communities and
channels the member has.
"""

from django.contrib.auth import get_user_model
from django.db.models import Count, F, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from communities.models import (
    ChannelReadState,
    Membership,
    MembershipRole,
    MembershipStatus,
    Mention,
    Message,
)


class SubqueryCount(Subquery):
    """COUNT(*) of a queryset as a scalar subquery (no GROUP BY needed)."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) _count)"
    output_field = IntegerField()

    def __init__(self, queryset, **extra):
        super().__init__(queryset.order_by().values("pk"), **extra)


def unread_messages(user):
    """Unread messages of ``user`` across every live community they belong to."""
    read_mark = ChannelReadState.objects.filter(channel=OuterRef("channel"), user=user).values(
        "last_read_message_id"
    )[:1]
    return (
        Message.objects.filter(
            # One filter() call: the membership conditions and joined_at refer to the same row.
            channel__community__memberships__user=user,
            channel__community__memberships__status=MembershipStatus.ACTIVE,
            created_at__gte=F("channel__community__memberships__joined_at"),
            channel__community__live=True,
            deleted_at__isnull=True,
        )
        .exclude(author=user)
        .alias(read_mark=Coalesce(Subquery(read_mark), Value(0)))
        .filter(pk__gt=F("read_mark"))
    )


def unread_by_channel(user, community):
    """{channel id: unread count} for ``user`` in ``community``."""
    if not user.is_authenticated:
        return {}
    rows = (
        unread_messages(user)
        .filter(channel__community=community)
        .order_by()
        .values("channel_id")
        .annotate(n=Count("pk"))
    )
    return {row["channel_id"]: row["n"] for row in rows}


def unread_by_community(user):
    """{community id: unread count} for the «Мои сообщества» page."""
    rows = unread_messages(user).order_by().values("channel__community_id").annotate(n=Count("pk"))
    return {row["channel__community_id"]: row["n"] for row in rows}


def header_summary(user):
    """Unread messages, unseen mentions and requests awaiting this moderator: one query."""
    if not user.is_authenticated:
        return {"unread": 0, "mentions": 0, "requests": 0}
    cached = getattr(user, "_community_summary", None)
    if cached is not None:
        return cached
    moderated = Membership.objects.filter(
        user=user, role=MembershipRole.MODERATOR, status=MembershipStatus.ACTIVE
    ).values("community_id")
    requests = Membership.objects.filter(
        community_id__in=moderated, status=MembershipStatus.PENDING
    )
    mentions = Mention.objects.filter(user=user, seen_at__isnull=True, message__deleted_at=None)
    row = (
        get_user_model()
        .objects.filter(pk=user.pk)
        .annotate(
            unread=SubqueryCount(unread_messages(user)),
            mentions_count=SubqueryCount(mentions),
            requests_count=SubqueryCount(requests),
        )
        .values("unread", "mentions_count", "requests_count")
        .first()
    ) or {"unread": 0, "mentions_count": 0, "requests_count": 0}
    summary = {
        "unread": row["unread"],
        "mentions": row["mentions_count"],
        "requests": row["requests_count"],
    }
    user._community_summary = summary
    return summary
