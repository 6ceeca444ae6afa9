"""Forming pairs and groups and moving them through their states.

    proposed → confirmed → active → finished
        ↘          ↘
         declined (by the mentor or a mentee, with a reason)

A proposal already takes one of the mentor's places, so two curators cannot
promise the same mentor to more mentees than they take. Every function checks
its own preconditions and raises ``PairingError`` with a message for people.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mentoring.models import (
    MenteeRequest,
    MentorPoolEntry,
    Pair,
    PairMembership,
    PairState,
)
from mentoring.models.pairs import OCCUPYING_STATES
from mentoring.plans import ensure_plan


class PairingError(Exception):
    """A pair cannot be formed or changed as asked; the message says why, in Russian."""


def taken_places(programme, mentor):
    """Mentees the mentor already has (or is promised) in ``programme``."""
    return PairMembership.objects.filter(
        pair__programme=programme,
        pair__mentor=mentor,
        pair__state__in=OCCUPYING_STATES,
        declined_at__isnull=True,
    ).count()


def _check_requests_free(requests):
    busy = (
        PairMembership.objects.filter(
            request__in=requests, pair__state__in=OCCUPYING_STATES, declined_at__isnull=True
        )
        .select_related("request__teacher")
        .first()
    )
    if busy is not None:
        raise PairingError(
            _("У педагога %(name)s уже есть наставник в этой программе.")
            % {"name": busy.request.teacher_name}
        )


def _pool_entry(programme, mentor):
    entry = (
        MentorPoolEntry.objects.select_for_update()
        .filter(programme=programme, mentor=mentor, active=True)
        .first()
    )
    if entry is None:
        raise PairingError(_("Этого наставника нет в базе наставников программы."))
    return entry


@transaction.atomic
def form_pair(programme, mentor, requests, *, by, confirm=False, suggestion=None):
    """A new pair (one request) or group (several) of ``mentor`` in ``programme``.

    ``confirm`` forms it at once as confirmed (the curator agreed it with both
    sides); otherwise it is proposed and waits for the curator's confirmation.
    ``suggestion`` (``matching.Suggestion``) keeps the score and its reasons.
    """
    requests = list(requests)
    if not requests:
        raise PairingError(_("Выберите хотя бы одного наставляемого."))
    if any(request.programme_id != programme.pk for request in requests):
        raise PairingError(_("Запрос относится к другой программе."))
    if mentor.user_id is not None and any(r.teacher_id == mentor.user_id for r in requests):
        raise PairingError(_("Наставник не может быть наставником самому себе."))
    entry = _pool_entry(programme, mentor)
    _check_requests_free(requests)
    if taken_places(programme, mentor) + len(requests) > entry.capacity:
        raise PairingError(
            _("У наставника %(name)s нет свободных мест: он берёт не больше %(capacity)s.")
            % {"name": mentor.short_name, "capacity": entry.capacity}
        )
    now = timezone.now()
    pair = Pair.objects.create(
        programme=programme,
        mentor=mentor,
        state=PairState.CONFIRMED if confirm else PairState.PROPOSED,
        confirmed_at=now if confirm else None,
        formed_by=by,
        match_score=suggestion.score if suggestion else 0,
        match_reasons=suggestion.reasons_as_data() if suggestion else [],
    )
    for request in requests:
        PairMembership.objects.create(pair=pair, request=request)
    plan = ensure_plan(pair)
    problems = [request.deficits_text.strip() for request in requests if request.deficits_text]
    if problems:
        plan.problem = "\n\n".join(problems)[:2000]
        plan.save(update_fields=["problem"])
    return pair


@transaction.atomic
def add_to_group(pair, request, *, by):
    """Add another mentee to the mentor's pair, making it a group."""
    if pair.state not in OCCUPYING_STATES:
        raise PairingError(_("В завершённую или отклонённую пару нельзя добавить наставляемого."))
    if request.programme_id != pair.programme_id:
        raise PairingError(_("Запрос относится к другой программе."))
    entry = _pool_entry(pair.programme, pair.mentor)
    _check_requests_free([request])
    if taken_places(pair.programme, pair.mentor) + 1 > entry.capacity:
        raise PairingError(
            _("У наставника %(name)s нет свободных мест: он берёт не больше %(capacity)s.")
            % {"name": pair.mentor.short_name, "capacity": entry.capacity}
        )
    return PairMembership.objects.create(pair=pair, request=request)


def confirm(pair, *, by):
    if pair.state != PairState.PROPOSED:
        raise PairingError(_("Подтвердить можно только предложенную пару."))
    pair.state = PairState.CONFIRMED
    pair.confirmed_at = timezone.now()
    pair.save(update_fields=["state", "confirmed_at"])
    return pair


@transaction.atomic
def decline(pair, user, reason):
    """The mentor or a mentee declines. A mentee leaving a group leaves only themselves."""
    reason = (reason or "").strip()
    if not reason:
        raise PairingError(_("Напишите причину отказа: куратор учтёт её при подборе."))
    if pair.state not in (PairState.PROPOSED, PairState.CONFIRMED):
        raise PairingError(
            _("Отказаться можно, пока пара не начала работу. Напишите куратору программы.")
        )
    now = timezone.now()
    memberships = [m for m in pair.memberships.select_related("request") if m.declined_at is None]
    own = [m for m in memberships if m.request.teacher_id == user.pk]
    if own and len(memberships) > 1:
        membership = own[0]
        membership.declined_at = now
        membership.decline_reason = reason
        membership.save(update_fields=["declined_at", "decline_reason"])
        return pair
    pair.state = PairState.DECLINED
    pair.declined_at = now
    pair.declined_by = user
    pair.decline_reason = reason
    pair.save(update_fields=["state", "declined_at", "declined_by", "decline_reason"])
    return pair


def start(pair, on=None):
    """The pair starts working on its plan: it needs at least one task to work on."""
    from mentoring.plans import task_counts

    if pair.state != PairState.CONFIRMED:
        raise PairingError(_("Начать работу может только подтверждённая пара."))
    if task_counts(pair)[1] == 0:
        raise PairingError(_("Сначала добавьте в план хотя бы одну цель с задачей."))
    pair.state = PairState.ACTIVE
    pair.started_on = on or timezone.localdate()
    pair.save(update_fields=["state", "started_on"])
    return pair


def finish(pair, on=None):
    if pair.state != PairState.ACTIVE:
        raise PairingError(_("Завершить можно только работающую пару."))
    pair.state = PairState.FINISHED
    pair.finished_on = on or timezone.localdate()
    pair.save(update_fields=["state", "finished_on"])
    return pair


def open_requests(programme):
    """Requests of ``programme`` still waiting for a mentor (no proposed or working pair)."""
    from django.db.models import Exists, OuterRef

    busy = PairMembership.objects.filter(
        request=OuterRef("pk"), pair__state__in=OCCUPYING_STATES, declined_at__isnull=True
    )
    finished = PairMembership.objects.filter(
        request=OuterRef("pk"), pair__state=PairState.FINISHED, declined_at__isnull=True
    )
    return (
        MenteeRequest.objects.filter(programme=programme)
        .exclude(Exists(busy))
        .exclude(Exists(finished))
    )
