"""Messages in channels: posting, editing, deleting, pinning, history and catch-up.

The WebSocket consumer and the plain HTTP form both call these functions, so
the length and flood rules hold whichever way a message arrives. A refused
message raises ``MessageRefused`` (a code for programs, a Russian message for
people) and nothing is stored.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Max, Prefetch
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from communities.models import (
    ChannelReadState,
    Membership,
    MembershipStatus,
    Mention,
    Message,
)
from portal import ratelimits

# @username: not inside an e-mail address or a URL path, ends on a letter or digit.
MENTION_RE = re.compile(r"(?<![\w@/:.+-])@(\w(?:[\w.+-]*\w)?)")
CATCH_UP_LIMIT = 200


class MessageRefused(Exception):
    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.message = message


def normalise_text(text):
    """Unix newlines, no control characters, no trailing blanks."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(
        ch for ch in text if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cs")
    )
    return "\n".join(line.rstrip() for line in text.split("\n")).strip()


def validate_text(text):
    text = normalise_text(text)
    limit = settings.COMMUNITIES_MESSAGE_MAX_LENGTH
    if not text:
        raise MessageRefused("empty", _("Пустое сообщение не отправлено: напишите текст."))
    if len(text) > limit:
        raise MessageRefused(
            "too_long",
            _(
                "Сообщение не отправлено: в нём %(length)s символов, а можно не больше "
                "%(limit)s. Сократите текст или разделите его на несколько сообщений."
            )
            % {
                "length": number_format(len(text), force_grouping=True),
                "limit": number_format(limit, force_grouping=True),
            },
        )
    return text


def check_flood(user):
    """Count this attempt against PORTAL_RATE_LIMITS["message"] (a counter in the shared cache)."""
    usage = ratelimits.usage_for("message", f"user:{user.pk}")
    if usage and usage["should_limit"]:
        seconds = max(int(usage["time_left"]), 1)
        raise MessageRefused(
            "flood",
            ngettext(
                "Слишком много сообщений подряд: можно не больше %(limit)s %(period)s. "
                "Подождите %(seconds)s секунду и отправьте снова.",
                "Слишком много сообщений подряд: можно не больше %(limit)s %(period)s. "
                "Подождите %(seconds)s секунд и отправьте снова.",
                seconds,
            )
            % {
                "limit": usage["limit"],
                "period": ratelimits.period_in_words("message"),
                "seconds": seconds,
            },
        )


def mentioned_usernames(text):
    return {match.group(1) for match in MENTION_RE.finditer(text)}


def _resolve_mentions(message, author):
    """Members of the community named in the text; each gets a notice."""
    names = mentioned_usernames(message.text)
    if not names:
        return []
    users = list(
        get_user_model()
        .objects.filter(
            username__in=names,
            community_memberships__community_id=message.channel.community_id,
            community_memberships__status=MembershipStatus.ACTIVE,
        )
        .exclude(pk=author.pk)
    )
    Mention.objects.bulk_create(
        [Mention(message=message, user=user, created_at=message.created_at) for user in users],
        ignore_conflicts=True,
    )
    return users


@dataclass
class Posted:
    message: Message
    mentioned: list = field(default_factory=list)


def post_message(user, channel, text, reply_to_id=None):
    """Store a message from ``user``; the caller has checked ``membership.post_refusal``."""
    text = validate_text(text)
    reply_to = None
    if reply_to_id:
        reply_to = (
            Message.objects.filter(channel=channel, pk=reply_to_id, deleted_at__isnull=True)
            .select_related("author")
            .first()
        )
        if reply_to is None:
            raise MessageRefused(
                "reply_missing", _("Сообщение, на которое вы отвечаете, удалено или не найдено.")
            )
    check_flood(user)
    with transaction.atomic():
        message = Message.objects.create(channel=channel, author=user, text=text, reply_to=reply_to)
        message.reply_to = reply_to
        message.author = user
        mentioned = _resolve_mentions(message, user)
        _advance_read_state(user, channel.pk, message.pk)
    message._mention_list = [(u.username, u.get_short_name()) for u in mentioned]
    return Posted(message, mentioned)


def _editable_by_author(user, message):
    if message.author_id != user.pk:
        return False
    return timezone.now() <= message.editable_until


def edit_message(user, message, text):
    if message.is_deleted:
        raise MessageRefused("deleted", _("Удалённое сообщение изменить нельзя."))
    if message.author_id != user.pk:
        raise MessageRefused("forbidden", _("Изменить сообщение может только его автор."))
    if not _editable_by_author(user, message):
        raise MessageRefused(
            "too_late",
            _("Сообщение можно изменить в течение %(minutes)s минут после отправки.")
            % {"minutes": settings.COMMUNITIES_EDIT_WINDOW_MINUTES},
        )
    text = validate_text(text)
    with transaction.atomic():
        message.text = text
        message.edited_at = timezone.now()
        message.save(update_fields=["text", "edited_at", "updated_at"])
        # Mentions follow the text: a name added by an edit gets its notice too.
        Mention.objects.filter(message=message).exclude(
            user__username__in=mentioned_usernames(text)
        ).delete()
        _resolve_mentions(message, user)
    return message


def delete_message(user, message, moderator=False):
    if message.is_deleted:
        raise MessageRefused("deleted", _("Сообщение уже удалено."))
    if not moderator:
        if message.author_id != user.pk:
            raise MessageRefused("forbidden", _("Удалить чужое сообщение может только модератор."))
        if not _editable_by_author(user, message):
            raise MessageRefused(
                "too_late",
                _(
                    "Своё сообщение можно удалить в течение %(minutes)s минут после отправки; "
                    "позже — попросите модератора."
                )
                % {"minutes": settings.COMMUNITIES_EDIT_WINDOW_MINUTES},
            )
    with transaction.atomic():
        # The text goes for good; the row stays so replies keep their place in the thread.
        message.text = ""
        message.deleted_at = timezone.now()
        message.deleted_by = user
        message.is_pinned = False
        message.save(update_fields=["text", "deleted_at", "deleted_by", "is_pinned", "updated_at"])
        Mention.objects.filter(message=message).delete()
    return message


def pin_message(user, message, pinned, moderator=False):
    if not moderator:
        raise MessageRefused("forbidden", _("Закреплять сообщения может только модератор."))
    if message.is_deleted:
        raise MessageRefused("deleted", _("Удалённое сообщение закрепить нельзя."))
    message.is_pinned = bool(pinned)
    message.pinned_at = timezone.now() if pinned else None
    message.pinned_by = user if pinned else None
    message.save(update_fields=["is_pinned", "pinned_at", "pinned_by", "updated_at"])
    return message


def _advance_read_state(user, channel_id, message_id):
    """Move the read mark forward only: a late frame from an old tab never moves it back."""
    updated = ChannelReadState.objects.filter(
        user=user, channel_id=channel_id, last_read_message_id__lt=message_id
    ).update(last_read_message_id=message_id, updated_at=timezone.now())
    if not updated:
        ChannelReadState.objects.get_or_create(
            user=user, channel_id=channel_id, defaults={"last_read_message_id": message_id}
        )


def mark_read(user, channel, message_id=None):
    """Mark ``channel`` read up to ``message_id`` (or to its newest message)."""
    if not user.is_authenticated:
        return
    messages = Message.objects.filter(channel=channel)
    if message_id is not None:
        messages = messages.filter(pk__lte=message_id)
    newest = messages.aggregate(newest=Max("pk"))["newest"]
    if newest:
        _advance_read_state(user, channel.pk, newest)
    Mention.objects.filter(
        user=user, message__channel=channel, message_id__lte=newest or 0, seen_at__isnull=True
    ).update(seen_at=timezone.now())


def with_details(queryset):
    """Everything a message shows, in a constant number of queries."""
    return queryset.select_related("author", "reply_to", "reply_to__author").prefetch_related(
        Prefetch("mentions", queryset=Mention.objects.select_related("user"))
    )


def history(channel, before=None, limit=None):
    """One page of older messages, oldest first; and whether there are more before it."""
    limit = limit or settings.COMMUNITIES_HISTORY_PAGE_SIZE
    messages = Message.objects.filter(channel=channel)
    if before:
        messages = messages.filter(pk__lt=before)
    page = list(with_details(messages.order_by("-pk"))[: limit + 1])
    has_more = len(page) > limit
    return list(reversed(page[:limit])), has_more


def catch_up(channel, after, changed_since=None, limit=CATCH_UP_LIMIT):
    """What a reconnecting page missed: messages newer than ``after``, and changes to older ones.

    Returns (new messages oldest first, changed older messages, whether more new ones wait).
    """
    new = list(
        with_details(Message.objects.filter(channel=channel, pk__gt=after).order_by("pk"))[
            : limit + 1
        ]
    )
    has_more = len(new) > limit
    changed = []
    if changed_since is not None:
        changed = list(
            with_details(
                Message.objects.filter(
                    channel=channel, pk__lte=after, updated_at__gte=changed_since
                ).order_by("pk")
            )[:limit]
        )
    return new[:limit], changed, has_more


def pinned_messages(channel):
    return list(
        with_details(
            Message.objects.filter(channel=channel, is_pinned=True, deleted_at__isnull=True)
        ).order_by("-pinned_at")[:10]
    )


def mention_list(message):
    cached = getattr(message, "_mention_list", None)
    if cached is not None:
        return cached
    return [(m.user.username, m.user.get_short_name()) for m in message.mentions.all()]


def serialize(message):
    """The message as the browser receives it: plain text, never HTML."""
    author = message.author
    reply = message.reply_to
    return {
        "id": message.pk,
        "channel": message.channel_id,
        "author": (
            {"id": author.pk, "username": author.username, "name": author.get_short_name()}
            if author is not None
            else None
        ),
        "text": "" if message.is_deleted else message.text,
        "created_at": message.created_at.isoformat(),
        "editable_until": message.editable_until.isoformat(),
        "updated_at": message.updated_at.isoformat() if message.updated_at else None,
        "edited": message.edited_at is not None,
        "deleted": message.is_deleted,
        "pinned": message.is_pinned,
        "reply_to": (
            {
                "id": reply.pk,
                "author": reply.author.get_short_name() if reply.author else "",
                "excerpt": reply.excerpt,
            }
            if reply is not None
            else None
        ),
        "mentions": [{"username": u, "name": n} for u, n in mention_list(message)],
    }


def active_membership(user, community_id):
    if not user.is_authenticated:
        return None
    return (
        Membership.objects.filter(
            user=user, community_id=community_id, status=MembershipStatus.ACTIVE
        )
        .order_by("pk")
        .first()
    )
