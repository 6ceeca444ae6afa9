"""Who sees the programme's personal data.

Requests, pairs, plans, diaries, comments and survey answers are personal data:
they are seen by the pair itself (its mentor and its mentees), the programme's
curator and methodists (and administrators). Everyone else — visitors, other
teachers, other mentors — is answered «not found», so that not even the
existence of a pair leaks.
"""

from django.db.models import Q
from django.http import Http404

from mentoring.models import MenteeRequest, Pair, PairMembership, Programme
from portal.roles import ADMINISTRATOR, METHODIST, has_role

MENTOR, MENTEE, CURATOR = "mentor", "mentee", "curator"


def _active(user):
    return user.is_authenticated and user.is_active


def sees_all_programmes(user):
    """Methodists and administrators (superusers included) oversee every programme."""
    return _active(user) and has_role(user, METHODIST, ADMINISTRATOR)


def may_run(user, programme):
    """The programme's curator, methodists and administrators."""
    if not _active(user):
        return False
    return programme.curator_id == user.pk or sees_all_programmes(user)


def run_programmes(user):
    """Programmes ``user`` may run (curate)."""
    if sees_all_programmes(user):
        return Programme.objects.all()
    if not _active(user):
        return Programme.objects.none()
    return Programme.objects.filter(curator=user)


def side(user, pair):
    """MENTOR or MENTEE when ``user`` is in ``pair``, else None.

    A mentee who left a group is no longer a side of it. Expects the pair's
    mentor and memberships to be loaded (``pair_for``).
    """
    if not _active(user):
        return None
    if pair.mentor.user_id == user.pk:
        return MENTOR
    if any(m.request.teacher_id == user.pk for m in pair.current_memberships):
        return MENTEE
    return None


def role_in(user, pair):
    """MENTOR, MENTEE, CURATOR (the programme's curator or a methodist) or None."""
    found = side(user, pair)
    if found is None and may_run(user, pair.programme):
        return CURATOR
    return found


def pair_for(user, pk):
    """The pair ``pk`` with what its page needs, if ``user`` may see it; else Http404."""
    pair = (
        Pair.objects.select_related("programme", "mentor__organisation", "mentor__user")
        .prefetch_related(_memberships())
        .filter(pk=pk)
        .first()
    )
    if pair is None or role_in(user, pair) is None:
        raise Http404
    pair.viewer_role = role_in(user, pair)
    return pair


def _memberships():
    from django.db.models import Prefetch

    return Prefetch(
        "memberships",
        queryset=PairMembership.objects.select_related(
            "request__teacher", "request__organisation", "request__subject"
        ),
    )


def own_pairs(user):
    """Pairs in which ``user`` is the mentor or a (current) mentee: «Мои пары»."""
    if not _active(user):
        return Pair.objects.none()
    as_mentee = PairMembership.objects.filter(
        request__teacher=user, declined_at__isnull=True
    ).values("pair_id")
    return Pair.objects.filter(Q(mentor__user=user) | Q(pk__in=as_mentee))


def own_request(user, programme):
    if not _active(user):
        return None
    return MenteeRequest.objects.filter(programme=programme, teacher=user).first()
