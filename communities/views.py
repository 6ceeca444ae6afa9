"""Pages and actions of the communities app.

Thin views: the rules live in ``communities.membership`` and
``communities.messaging``; everything here works without JavaScript (the
channel page enhances itself with a WebSocket when it can).
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Max, OuterRef, Prefetch, Q
from django.http import Http404, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.formats import date_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from wagtail.images import get_image_model

from communities import live, membership, messaging, unread
from communities.forms import (
    ChannelForm,
    EditMessageForm,
    JoinRequestForm,
    MessageForm,
    MuteForm,
)
from communities.models import (
    Channel,
    CommunityPage,
    Membership,
    MembershipRole,
    MembershipStatus,
    Mention,
    Message,
)
from events.listings import upcoming_events_of_community
from portal import ratelimits
from practices.listings import practices_by_users

CARD_RENDITION = "fill-640x360"


def _with_covers(pages):
    return pages.prefetch_related(
        Prefetch(
            "cover_image",
            queryset=get_image_model().objects.prefetch_renditions(CARD_RENDITION),
        )
    )


def community_index_context(request, index_page):
    communities = CommunityPage.objects.child_of(index_page).live().public()
    user = request.user
    if user.is_authenticated:
        communities = communities.annotate(
            my_status=Membership.objects.filter(community=OuterRef("pk"), user=user).values(
                "status"
            )[:1]
        )
    communities = _with_covers(communities).order_by("-members_count", "title")
    page_obj = Paginator(communities, 24).get_page(request.GET.get("page"))
    return {
        "communities": page_obj.object_list,
        "page_obj": page_obj,
        "unread_by_community": unread.unread_by_community(user) if user.is_authenticated else {},
    }


def _channels_of(community, user, own):
    """The community's channels with activity figures, the ones a person may open marked."""
    channels = community.channels.annotate(
        messages_count=Count("messages", filter=Q(messages__deleted_at__isnull=True)),
        last_message_at=Max("messages__created_at"),
    ).order_by("is_archived", "sort_order", "name")
    counts = unread.unread_by_channel(user, community)
    base_url = community.url
    result = []
    for channel in channels:
        channel.community = community
        channel.url = base_url + community.reverse_subpage("channel", args=[channel.slug])
        channel.readable = membership.can_read(user, channel, own)
        channel.unread = counts.get(channel.pk, 0)
        result.append(channel)
    return result


def community_page_context(request, page):
    user = request.user
    own = membership.membership_of(user, page)
    moderator = membership.can_moderate(user, page, own)
    member_ids = Membership.objects.filter(community=page, status=MembershipStatus.ACTIVE).values(
        "user_id"
    )
    return {
        "membership": own,
        "is_member": own is not None and own.is_active,
        "can_moderate": moderator,
        "channels": _channels_of(page, user, own),
        "moderators": membership.moderators_of(page),
        "pending_count": membership.pending_requests(page).count() if moderator else 0,
        "upcoming_events": upcoming_events_of_community(page, 4),
        "member_practices": practices_by_users(member_ids)[:6],
        "join_form": JoinRequestForm(),
        "members_url": page.subpage_url("members"),
        "new_channel_url": page.subpage_url("new_channel"),
    }


def _forbidden(request, page, template, context, status=403):
    return TemplateResponse(
        request, template, {"page": page, "self": page, **context}, status=status
    )


def channel_page(request, page, channel_slug):
    channel = get_object_or_404(Channel, community=page, slug=channel_slug)
    channel.community = page
    user = request.user
    own = membership.membership_of(user, page)
    # Wagtail has already applied the page's view restrictions before routing here.
    if not membership.can_read(user, channel, own):
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return _forbidden(
            request,
            page,
            "communities/channel_forbidden.html",
            {"channel": channel, "membership": own, "join_form": JoinRequestForm()},
        )
    refusal = membership.post_refusal(user, channel, own)
    form = MessageForm()
    flooded = False
    if request.method == "POST":
        form = MessageForm(request.POST)
        if refusal:
            form.add_error(None, refusal)
        elif form.is_valid():
            try:
                posted = messaging.post_message(
                    user,
                    channel,
                    form.cleaned_data["text"],
                    reply_to_id=form.cleaned_data.get("reply_to"),
                )
            except messaging.MessageRefused as refused:
                form.add_error("text", refused.message)
                flooded = refused.code == "flood"
            else:
                _broadcast_new(posted, channel)
                return redirect(f"{channel.get_absolute_url()}#message-{posted.message.pk}")
    before = _positive_int(request.GET.get("before"))
    history, has_more = messaging.history(channel, before=before)
    if own is not None and own.is_active and before is None and request.method == "GET":
        messaging.mark_read(user, channel)
    moderator = membership.can_moderate(user, page, own)
    pinned = messaging.pinned_messages(channel)
    response = TemplateResponse(
        request,
        "communities/channel_page.html",
        {
            "page": page,
            "self": page,
            "channel": channel,
            "channels": _channels_of(page, user, own),
            "membership": own,
            "is_member": own is not None and own.is_active,
            "can_moderate": moderator,
            "post_refusal": refusal,
            "can_post": refusal is None,
            "now": timezone.now(),
            "edit_channel_url": page.subpage_url("edit_channel", channel.slug),
            "form": form,
            "chat_messages": history,
            "has_more": has_more,
            "paged_back": before is not None,
            "pinned": pinned,
            "chat_config": {
                "channel": channel.pk,
                "ws": f"/ws/communities/channels/{channel.pk}/",
                "history": reverse("communities:history", args=[channel.pk]),
                "user": user.pk if user.is_authenticated else None,
                "username": user.get_username() if user.is_authenticated else "",
                "canPost": refusal is None,
                "canModerate": moderator,
                "maxLength": settings.COMMUNITIES_MESSAGE_MAX_LENGTH,
                "editWindowMinutes": settings.COMMUNITIES_EDIT_WINDOW_MINUTES,
                "hasMore": has_more,
                "live": before is None,
                "messages": [messaging.serialize(m) for m in history] if before is None else [],
                "pinned": [messaging.serialize(m) for m in pinned],
                "strings": chat_strings(),
            },
        },
        # Over the message limit: 429, with what was typed kept in the form.
        status=429 if flooded else (400 if form.errors else 200),
    )
    if flooded:
        response["Retry-After"] = str(ratelimits.retry_after_seconds("message"))
    # A live page, changing with every message: never from the page cache, whose
    # site-wide invalidation would otherwise run on every message sent.
    add_never_cache_headers(response)
    return response


def chat_strings():
    """Words the channel page's script shows, translated like every other string."""
    return {
        "reply": _("Ответить"),
        "edit": _("Изменить"),
        "delete": _("Удалить"),
        "pin": _("Закрепить"),
        "unpin": _("Открепить"),
        "save": _("Сохранить"),
        "cancel": _("Отмена"),
        "edited": _("изменено"),
        "pinned": _("закреплено"),
        "deleted": _("Сообщение удалено"),
        "formerMember": _("Бывший участник"),
        "replyTo": _("Ответ {name}"),
        "replyingTo": _("Ответ {name}: {excerpt}"),
        "connecting": _("Подключаемся к каналу…"),
        "connected": _("На связи: новые сообщения появляются сами."),
        "reconnecting": _("Связь потеряна. Переподключаемся через {seconds} с…"),
        "offline": _("Нет сети. Переподключимся, как только она появится."),
        "confirmDelete": _("Удалить сообщение? Это нельзя отменить."),
        "loadOlder": _("Загрузить более ранние сообщения"),
        "loadingOlder": _("Загружаем более ранние сообщения…"),
        "olderFailed": _("Не удалось загрузить историю. Попробуйте ещё раз."),
        "channelStart": _("Это начало канала."),
        "newMessages": _("Новые сообщения ↓"),
        "mention": _("{author} упомянул(а) вас в канале #{channel}"),
        "counter": _("{count} из {max} символов"),
        "sending": _("Отправляем…"),
        "sendTimeout": _("Сообщение пока не доставлено: проверьте связь и отправьте ещё раз."),
        "hint": _("Enter — отправить, Shift+Enter — новая строка."),
        "you": _("вы"),
        "editLabel": _("Новый текст сообщения"),
        "emptyChannel": _("В канале пока нет сообщений. Начните разговор первым!"),
    }


def _broadcast_new(posted, channel):
    message = messaging.with_details(Message.objects.filter(pk=posted.message.pk)).get()
    user_ids = [u.pk for u in posted.mentioned]
    url = channel.get_absolute_url()
    transaction.on_commit(lambda: live.message_changed(message, "message"))
    if user_ids:
        transaction.on_commit(lambda: live.mentioned(message, user_ids, url))


def _positive_int(value):
    try:
        value = int(value)
    except (TypeError, ValueError):
        return None
    return value if value > 0 else None


def members_page(request, page):
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    own = membership.membership_of(user, page)
    moderator = membership.can_moderate(user, page, own)
    if not moderator and (own is None or not own.is_active):
        return _forbidden(
            request,
            page,
            "communities/members_forbidden.html",
            {"membership": own, "join_form": JoinRequestForm()},
        )
    members = (
        Membership.objects.filter(community=page, status=MembershipStatus.ACTIVE)
        .select_related("user")
        .order_by("-role", "user__last_name", "user__first_name", "user__username")
    )
    page_obj = Paginator(members, 50).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "self": page,
        "membership": own,
        "can_moderate": moderator,
        "members": page_obj.object_list,
        "page_obj": page_obj,
        "mute_form": MuteForm(),
        "MODERATOR": MembershipRole.MODERATOR,
    }
    if moderator:
        context["pending"] = membership.pending_requests(page)
        context["removed"] = (
            Membership.objects.filter(community=page, status=MembershipStatus.REMOVED)
            .select_related("user", "decided_by")
            .order_by("-decided_at")
        )
    return TemplateResponse(request, "communities/members_page.html", context)


def channel_form_page(request, page, channel_slug=None):
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    own = membership.membership_of(user, page)
    if not membership.can_moderate(user, page, own):
        return _forbidden(request, page, "communities/moderators_only.html", {})
    channel = None
    if channel_slug is not None:
        channel = get_object_or_404(Channel, community=page, slug=channel_slug)
    form = ChannelForm(request.POST or None, instance=channel, community=page)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            created = channel is None
            channel = form.save(commit=False)
            if created:
                channel.created_by = user
            channel.save()
        text = _("Канал «%(name)s» создан.") if created else _("Канал «%(name)s» сохранён.")
        messages.success(request, text % {"name": channel.name})
        return redirect(channel.get_absolute_url())
    return TemplateResponse(
        request,
        "communities/channel_form.html",
        {"page": page, "self": page, "form": form, "channel": channel},
        status=400 if form.errors else 200,
    )


# Actions (POST) — each answers with a redirect and a message.


def _back(request, fallback):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(fallback)


def _community(community_id):
    return get_object_or_404(CommunityPage.objects.live(), pk=community_id)


@login_required
@require_POST
def join(request, community_id):
    community = _community(community_id)
    form = JoinRequestForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Сопроводительное письмо — не длиннее 500 символов."))
        return redirect(community.url)
    try:
        result = membership.join(request.user, community, form.cleaned_data["note"])
    except membership.MembershipError as error:
        messages.error(request, str(error))
    else:
        if result.joined:
            messages.success(
                request,
                _("Вы вступили в сообщество «%(name)s». Добро пожаловать!")
                % {"name": community.title},
            )
        else:
            messages.success(
                request,
                _("Заявка отправлена. Модератор сообщества рассмотрит её и ответит вам."),
            )
    return _back(request, community.url)


@login_required
@require_POST
def leave(request, community_id):
    community = _community(community_id)
    try:
        was_member = membership.leave(request.user, community)
    except membership.MembershipError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Вы вышли из сообщества «%(name)s».") % {"name": community.title}
            if was_member
            else _("Заявка отозвана."),
        )
    return redirect(community.url)


MEMBERSHIP_ACTIONS = {
    "accept": (membership.accept, _("Заявка принята: %(person)s теперь участник.")),
    "decline": (membership.decline, _("Заявка %(person)s отклонена.")),
    "remove": (membership.remove, _("%(person)s исключён(а) из сообщества.")),
    "restore": (membership.restore, _("%(person)s снова участник сообщества.")),
    "unmute": (membership.unmute, _("%(person)s снова может писать.")),
}


@login_required
@require_POST
def membership_action(request, membership_id, action):
    target = get_object_or_404(
        Membership.objects.select_related("community", "user"), pk=membership_id
    )
    community = target.community
    fallback = community.subpage_url("members")
    try:
        if action == "mute":
            form = MuteForm(request.POST)
            if not form.is_valid():
                messages.error(request, _("Выберите срок ограничения из списка."))
                return _back(request, fallback)
            updated = membership.mute(request.user, target, form.cleaned_data["hours"])
            messages.success(
                request,
                _("%(person)s не сможет писать до %(until)s.")
                % {"person": target.user, "until": _local(updated.muted_until)},
            )
        elif action in MEMBERSHIP_ACTIONS:
            function, success = MEMBERSHIP_ACTIONS[action]
            function(request.user, target)
            messages.success(request, success % {"person": target.user})
        else:
            raise Http404
    except membership.MembershipError as error:
        messages.error(request, str(error))
    return _back(request, fallback)


def _local(value):
    return date_format(localtime(value), "DATETIME_FORMAT")


def _readable_channel(request, channel_id):
    channel = get_object_or_404(Channel.objects.select_related("community"), pk=channel_id)
    own = membership.membership_of(request.user, channel.community)
    page_is_public = CommunityPage.objects.filter(pk=channel.community_id).public().exists()
    if not membership.can_read(request.user, channel, own, page_is_public):
        raise Http404
    return channel, own


@require_GET
@never_cache  # live content: edits and deletions show at once, never from the page cache
def history(request, channel_id):
    """Older messages for the page's infinite scroll (JSON)."""
    channel, _own = _readable_channel(request, channel_id)
    before = _positive_int(request.GET.get("before"))
    if request.GET.get("before") and before is None:
        return HttpResponseBadRequest(_("Неверный номер сообщения."))
    page, has_more = messaging.history(channel, before=before)
    return JsonResponse(
        {"messages": [messaging.serialize(m) for m in page], "has_more": has_more},
        json_dumps_params={"ensure_ascii": False},
    )


def _message_for_action(request, message_id):
    message = get_object_or_404(
        Message.objects.select_related("channel", "channel__community", "author"), pk=message_id
    )
    community = message.channel.community
    own = membership.membership_of(request.user, community)
    return message, own, membership.can_moderate(request.user, community, own)


def _after_change(message):
    fresh = messaging.with_details(Message.objects.filter(pk=message.pk)).get()
    transaction.on_commit(lambda: live.message_changed(fresh, "update"))


@login_required
@require_POST
def delete_message(request, message_id):
    message, own, moderator = _message_for_action(request, message_id)
    try:
        if not moderator:
            refusal = membership.post_refusal(request.user, message.channel, own)
            if refusal:
                raise messaging.MessageRefused("forbidden", refusal)
        messaging.delete_message(request.user, message, moderator=moderator)
    except messaging.MessageRefused as refused:
        messages.error(request, refused.message)
    else:
        _after_change(message)
        messages.success(request, _("Сообщение удалено."))
    return _back(request, message.channel.get_absolute_url())


@login_required
@require_POST
def pin_message(request, message_id):
    message, _own, moderator = _message_for_action(request, message_id)
    pinned = request.POST.get("pinned") == "1"
    try:
        messaging.pin_message(request.user, message, pinned, moderator=moderator)
    except messaging.MessageRefused as refused:
        messages.error(request, refused.message)
    else:
        _after_change(message)
        messages.success(
            request, _("Сообщение закреплено.") if pinned else _("Сообщение откреплено.")
        )
    return _back(request, message.channel.get_absolute_url())


@login_required
def edit_message(request, message_id):
    message, own, _moderator = _message_for_action(request, message_id)
    channel = message.channel
    back_url = f"{channel.get_absolute_url()}#message-{message.pk}"
    form = EditMessageForm(request.POST or None, initial={"text": message.text})
    if request.method == "POST" and form.is_valid():
        try:
            refusal = membership.post_refusal(request.user, channel, own)
            if refusal:
                raise messaging.MessageRefused("forbidden", refusal)
            messaging.edit_message(request.user, message, form.cleaned_data["text"])
        except messaging.MessageRefused as refused:
            form.add_error("text", refused.message)
        else:
            _after_change(message)
            messages.success(request, _("Сообщение изменено."))
            return redirect(back_url)
    elif request.method == "GET" and (message.author_id != request.user.pk or message.is_deleted):
        raise Http404
    return TemplateResponse(
        request,
        "communities/message_edit.html",
        {"message": message, "channel": channel, "form": form, "back_url": back_url},
        status=400 if form.errors else 200,
    )


@login_required
def my_communities(request):
    user = request.user
    memberships = list(
        Membership.objects.filter(user=user, community__live=True)
        .exclude(status=MembershipStatus.DECLINED)
        .select_related("community")
        .order_by("community__title")
    )
    counts = unread.unread_by_community(user)
    for item in memberships:
        item.unread = counts.get(item.community_id, 0)
    return TemplateResponse(
        request,
        "communities/my_communities.html",
        {
            "memberships": memberships,
            "summary": unread.header_summary(user),
        },
    )


@login_required
def mentions(request):
    user = request.user
    notices = (
        Mention.objects.filter(user=user, message__deleted_at__isnull=True)
        .select_related("message", "message__author", "message__channel__community")
        .prefetch_related("message__mentions__user")
        .order_by("-created_at")
    )
    page_obj = Paginator(notices, 30).get_page(request.GET.get("page"))
    items = list(page_obj.object_list)
    unseen = [m.pk for m in items if m.seen_at is None]
    response = TemplateResponse(
        request,
        "communities/mentions.html",
        {"mentions": items, "page_obj": page_obj, "unseen": set(unseen)},
    )
    if unseen:
        Mention.objects.filter(pk__in=unseen).update(seen_at=timezone.now())
    return response
