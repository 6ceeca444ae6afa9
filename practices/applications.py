"""«Применил(а) в своей работе»: teachers record that they used a practice.

Rules: one mark per user and practice (a second one updates the comment); only
signed-in teachers (roles «Педагог», «Наставник», «Модератор сообщества») of a
published practice; authors do not mark their own practice. The practice keeps
the count in ``applications_count`` for sorting «чаще применяют».
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from portal.roles import MENTOR, MODERATOR, TEACHER, has_role
from practices.models import PracticeApplication, PracticePage

APPLYING_ROLES = (TEACHER, MENTOR, MODERATOR)
FEEDBACK_LIMIT = 5


def is_author(user, practice, authors=None):
    if practice.owner_id == user.pk:
        return True
    if authors is None:
        return practice.authors.filter(author__user=user).exists()
    return any(author.user_id == user.pk for author in authors)


def can_apply(user, practice, authors=None):
    """May ``user`` mark ``practice`` as applied? ``authors`` (profiles) saves a query when known."""
    return (
        user.is_authenticated
        and practice.live
        and has_role(user, *APPLYING_ROLES)
        and not is_author(user, practice, authors)
    )


def application_of(practice, user):
    if not user.is_authenticated:
        return None
    return PracticeApplication.objects.filter(practice=practice, user=user).first()


def recent_feedback(practice, limit=FEEDBACK_LIMIT):
    """The latest comments of colleagues who applied the practice."""
    return list(
        practice.applications.exclude(comment="")
        .select_related("user")
        .order_by("-created_at")[:limit]
    )


def _lock(practice):
    """Serialise marks on one practice, so the recount sees every committed mark (PostgreSQL)."""
    list(
        PracticePage.objects.select_for_update(of=("self",))
        .filter(pk=practice.pk)
        .values_list("pk")
    )


def _recount(practice):
    count = PracticeApplication.objects.filter(practice_id=practice.pk).count()
    PracticePage.objects.filter(pk=practice.pk).update(applications_count=count)
    practice.applications_count = count
    return count


@transaction.atomic
def record_application(practice, user, comment=""):
    """Record (or update the comment of) ``user``'s mark; returns ``(application, created)``."""
    if not can_apply(user, practice):
        raise PermissionDenied(
            _("Отметить применение практики может педагог, не являющийся её автором.")
        )
    _lock(practice)
    application, created = PracticeApplication.objects.update_or_create(
        practice=practice, user=user, defaults={"comment": comment.strip()}
    )
    _recount(practice)
    return application, created


@transaction.atomic
def withdraw_application(practice, user):
    """Remove ``user``'s mark; returns whether there was one."""
    _lock(practice)
    deleted, _details = PracticeApplication.objects.filter(practice=practice, user=user).delete()
    _recount(practice)
    return bool(deleted)
