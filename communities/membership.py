"""Membership rules: who may join, read, post and moderate in a community.

Views and the WebSocket consumer both ask these functions, so a rule is
written once. Functions that change something raise ``MembershipError``
with a Russian message the person can act on.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from communities.models import (
    CommunityPage,
    Membership,
    MembershipPolicy,
    MembershipRole,
    MembershipStatus,
)
from portal.roles import ADMINISTRATOR, METHODIST, has_role

MUTE_CHOICES_HOURS = [1, 24, 24 * 7]


class MembershipError(Exception):
    """A membership change the rules do not allow; ``str(error)`` says why, in Russian."""


def oversees_all_communities(user):
    """Methodists and administrators run the district's communities: they moderate every one."""
    return has_role(user, METHODIST, ADMINISTRATOR)


def membership_of(user, community):
    if not user.is_authenticated:
        return None
    # order_by("pk"): the model's ordering would join the page and user tables for nothing.
    return Membership.objects.filter(user=user, community=community).order_by("pk").first()


def can_moderate(user, community, membership=None):
    if not user.is_authenticated:
        return False
    if membership is not None and membership.is_moderator:
        return True
    return oversees_all_communities(user)


def can_read(user, channel, membership=None, page_is_public=True):
    """May this person read ``channel``? Visitors read public channels of open communities."""
    community = channel.community
    if not community.live:
        return False
    if membership is not None and membership.is_active:
        return True
    if oversees_all_communities(user):
        return True
    return community.is_open and channel.is_public and page_is_public


def post_refusal(user, channel, membership=None):
    """Why this person may not post in ``channel`` now, or None when they may."""
    if not user.is_authenticated:
        return _("Войдите, чтобы писать в канал.")
    if membership is None or not membership.is_active:
        return _("Писать в каналах могут только участники сообщества.")
    if channel.is_archived:
        return _("Канал в архиве: историю можно читать, писать нельзя.")
    if membership.is_muted:
        return _("Модератор ограничил вам отправку сообщений до %(until)s.") % {
            "until": date_format(localtime(membership.muted_until), "DATETIME_FORMAT")
        }
    return None


def refresh_members_count(community_id):
    """Recount active members in the database itself, so concurrent joins cannot lose one."""
    active = (
        Membership.objects.filter(community_id=OuterRef("pk"), status=MembershipStatus.ACTIVE)
        .order_by()
        .values("community_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    CommunityPage.objects.filter(pk=community_id).update(
        members_count=Coalesce(Subquery(active), 0)
    )


@dataclass(frozen=True)
class JoinResult:
    membership: Membership
    joined: bool  # False: a request now waits for a moderator


@transaction.atomic
def join(user, community, note=""):
    """Join an open community at once, or ask to join one that admits by request."""
    membership = (
        Membership.objects.select_for_update()
        .filter(user=user, community=community)
        .order_by("pk")
        .first()
    )
    if membership is not None:
        if membership.status == MembershipStatus.ACTIVE:
            raise MembershipError(_("Вы уже участник этого сообщества."))
        if membership.status == MembershipStatus.PENDING:
            raise MembershipError(_("Ваша заявка уже отправлена и ждёт решения модератора."))
        if membership.status == MembershipStatus.REMOVED:
            raise MembershipError(
                _("Модератор исключил вас из сообщества; вернуть участие может только модератор.")
            )
    else:
        membership = Membership(user=user, community=community)
    now = timezone.now()
    membership.note = note.strip()[:500]
    membership.requested_at = now
    membership.role = MembershipRole.MEMBER
    membership.decided_at = None
    membership.decided_by = None
    if community.membership_policy == MembershipPolicy.OPEN:
        membership.status = MembershipStatus.ACTIVE
        membership.joined_at = now
        membership.save()
        refresh_members_count(community.pk)
        return JoinResult(membership, joined=True)
    membership.status = MembershipStatus.PENDING
    membership.joined_at = None
    membership.save()
    transaction.on_commit(lambda: _tell_moderators_about_request(membership))
    return JoinResult(membership, joined=False)


@transaction.atomic
def leave(user, community):
    membership = (
        Membership.objects.select_for_update()
        .filter(user=user, community=community)
        .order_by("pk")
        .first()
    )
    if membership is None or membership.status not in (
        MembershipStatus.ACTIVE,
        MembershipStatus.PENDING,
    ):
        raise MembershipError(_("Вы не состоите в этом сообществе."))
    if membership.is_moderator and not (
        Membership.objects.filter(
            community=community, role=MembershipRole.MODERATOR, status=MembershipStatus.ACTIVE
        )
        .exclude(pk=membership.pk)
        .exists()
    ):
        raise MembershipError(
            _(
                "Вы единственный модератор сообщества. Попросите методиста назначить другого "
                "модератора, прежде чем выйти."
            )
        )
    was_active = membership.is_active
    membership.delete()
    if was_active:
        refresh_members_count(community.pk)
    return was_active


def _decide(moderator, membership, allowed_from, action):
    """Lock the membership, check who acts and from which state; return the locked row."""
    membership = (
        Membership.objects.select_for_update().select_related("community").get(pk=membership.pk)
    )
    own = membership_of(moderator, membership.community)
    if not can_moderate(moderator, membership.community, own):
        raise MembershipError(_("Это может сделать только модератор сообщества."))
    if membership.status not in allowed_from:
        raise MembershipError(
            _("Нельзя %(action)s: статус участия уже «%(status)s».")
            % {"action": action, "status": membership.get_status_display()}
        )
    return membership


@transaction.atomic
def accept(moderator, membership):
    membership = _decide(moderator, membership, [MembershipStatus.PENDING], _("принять заявку"))
    now = timezone.now()
    membership.status = MembershipStatus.ACTIVE
    membership.joined_at = now
    membership.decided_at = now
    membership.decided_by = moderator
    membership.save()
    refresh_members_count(membership.community_id)
    transaction.on_commit(lambda: _tell_applicant(membership, accepted=True))
    return membership


@transaction.atomic
def decline(moderator, membership):
    membership = _decide(moderator, membership, [MembershipStatus.PENDING], _("отклонить заявку"))
    membership.status = MembershipStatus.DECLINED
    membership.decided_at = timezone.now()
    membership.decided_by = moderator
    membership.save()
    transaction.on_commit(lambda: _tell_applicant(membership, accepted=False))
    return membership


@transaction.atomic
def remove(moderator, membership):
    """Exclude a member: they lose every channel of a closed community and cannot post anywhere."""
    membership = _decide(moderator, membership, [MembershipStatus.ACTIVE], _("исключить"))
    if membership.user_id == moderator.pk:
        raise MembershipError(_("Себя исключить нельзя: чтобы уйти, выйдите из сообщества."))
    if membership.role == MembershipRole.MODERATOR and not oversees_all_communities(moderator):
        raise MembershipError(_("Модератора может исключить только методист."))
    membership.status = MembershipStatus.REMOVED
    membership.role = MembershipRole.MEMBER
    membership.muted_until = None
    membership.decided_at = timezone.now()
    membership.decided_by = moderator
    membership.save()
    refresh_members_count(membership.community_id)
    _announce_access_change(membership)
    return membership


@transaction.atomic
def restore(moderator, membership):
    membership = _decide(moderator, membership, [MembershipStatus.REMOVED], _("вернуть участника"))
    now = timezone.now()
    membership.status = MembershipStatus.ACTIVE
    membership.joined_at = now
    membership.decided_at = now
    membership.decided_by = moderator
    membership.save()
    refresh_members_count(membership.community_id)
    _announce_access_change(membership)
    return membership


@transaction.atomic
def mute(moderator, membership, hours):
    if hours not in MUTE_CHOICES_HOURS:
        raise MembershipError(_("Выберите срок ограничения из списка."))
    membership = _decide(
        moderator, membership, [MembershipStatus.ACTIVE], _("ограничить отправку сообщений")
    )
    if membership.user_id == moderator.pk:
        raise MembershipError(_("Себе ограничить отправку сообщений нельзя."))
    if membership.role == MembershipRole.MODERATOR and not oversees_all_communities(moderator):
        raise MembershipError(_("Ограничить модератора может только методист."))
    membership.muted_until = timezone.now() + timedelta(hours=hours)
    membership.decided_by = moderator
    membership.save(update_fields=["muted_until", "decided_by"])
    _announce_access_change(membership)
    return membership


@transaction.atomic
def unmute(moderator, membership):
    membership = _decide(moderator, membership, [MembershipStatus.ACTIVE], _("снять ограничение"))
    membership.muted_until = None
    membership.save(update_fields=["muted_until"])
    _announce_access_change(membership)
    return membership


def _announce_access_change(membership):
    """Open channel pages of this person re-check their rights once the change is committed."""
    from communities import live

    user_id, community_id = membership.user_id, membership.community_id
    transaction.on_commit(lambda: live.access_changed(user_id, community_id))


def _tell_moderators_about_request(membership):
    community = membership.community
    emails = list(
        Membership.objects.filter(
            community=community, role=MembershipRole.MODERATOR, status=MembershipStatus.ACTIVE
        )
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )
    if not emails:
        return
    members_url = settings.WAGTAILADMIN_BASE_URL + community.subpage_url("members")
    send_mail(
        _("Заявка на вступление: %(community)s") % {"community": community.title},
        _(
            "%(person)s просит принять его в сообщество «%(community)s».\n\n%(note)s\n\n"
            "Принять или отклонить заявку: %(url)s"
        )
        % {
            "person": membership.user,
            "community": community.title,
            "note": membership.note or _("(без сопроводительного письма)"),
            "url": members_url,
        },
        None,
        emails,
        fail_silently=True,
    )


def _tell_applicant(membership, accepted):
    email = membership.user.email
    if not email:
        return
    community = membership.community
    if accepted:
        subject = _("Вас приняли в сообщество «%(community)s»") % {"community": community.title}
        body = _("Модератор принял вашу заявку. Каналы сообщества: %(url)s")
    else:
        subject = _("Заявка в сообщество «%(community)s» отклонена") % {
            "community": community.title
        }
        body = _("Модератор отклонил заявку. Подать её снова можно на странице сообщества: %(url)s")
    send_mail(
        subject,
        body % {"url": settings.WAGTAILADMIN_BASE_URL + community.url},
        None,
        [email],
        fail_silently=True,
    )


def moderators_of(community):
    return (
        Membership.objects.filter(
            community=community, role=MembershipRole.MODERATOR, status=MembershipStatus.ACTIVE
        )
        .select_related("user")
        .order_by("user__last_name", "user__first_name")
    )


def pending_requests(community):
    return (
        Membership.objects.filter(community=community, status=MembershipStatus.PENDING)
        .select_related("user")
        .order_by("requested_at")
    )
