"""The rules of registering for an event.

- Only signed-in people register, once per event; the database enforces «once».
- Registration is open from ``registration_opens_at`` (or publication) until
  ``registration_closes_at`` (or the start); never after the start.
- While there are free seats a registration is confirmed; then people join the waiting
  list (if the event keeps one), in the order they registered.
- When a participant cancels, the first people in the waiting list get the freed seats at
  once and are told by email. The same happens when an organiser adds seats.

Every change runs in one transaction that first locks the event row, so two people racing
for the last seat are served one after the other: PostgreSQL through ``SELECT ... FOR
UPDATE``; SQLite, which has no row locks, by taking the database's write lock before
counting seats.
"""

import logging
from dataclasses import dataclass

from django.db import IntegrityError, connections, router, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from events import notifications
from events.models import EventPage, Registration, RegistrationStatus

logger = logging.getLogger(__name__)


class RegistrationRefused(Exception):
    """A registration rule said no; ``message`` is meant for the person (in Russian)."""

    def __init__(self, message, code):
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass(frozen=True)
class RegistrationState:
    """What the event page tells a person about registering."""

    registration: Registration | None
    can_register: bool
    joins_waiting_list: bool
    can_cancel: bool
    refusal: str
    waitlist_position: int | None

    @property
    def is_confirmed(self):
        return self.registration is not None and self.registration.is_confirmed

    @property
    def is_waitlisted(self):
        return self.registration is not None and self.registration.is_waitlisted


def _local(value):
    return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")


def window_refusal(event, now=None):
    """Why registration is not possible at ``now`` regardless of seats, or '' when it is."""
    now = now or timezone.now()
    if not event.registration_enabled:
        return _("Запись на это мероприятие через портал не ведётся.")
    if not event.live:
        return _("Мероприятие ещё не опубликовано.")
    if event.has_started(now):
        return _("Мероприятие уже началось, запись закрыта.")
    if event.registration_opens_at and now < event.registration_opens_at:
        return _("Запись откроется %(when)s.") % {"when": _local(event.registration_opens_at)}
    if now >= event.registration_closes:
        return _("Запись закрылась %(when)s.") % {"when": _local(event.registration_closes)}
    return ""


def registration_state(event, user, now=None):
    now = now or timezone.now()
    registration = None
    position = None
    if user.is_authenticated and event.pk is not None:
        registration = (
            Registration.objects.filter(event=event, user=user)
            .active()
            .with_waitlist_position()
            .first()
        )
        if registration is not None:
            position = registration.waitlist_position
    if registration is not None:
        return RegistrationState(
            registration=registration,
            can_register=False,
            joins_waiting_list=False,
            can_cancel=not event.has_started(now),
            refusal="",
            waitlist_position=position,
        )
    refusal = window_refusal(event, now)
    joins_waiting_list = False
    if not refusal and event.is_full:
        if event.waiting_list_enabled:
            joins_waiting_list = True
        else:
            refusal = _("Свободных мест нет.")
    return RegistrationState(
        registration=None,
        can_register=not refusal,
        joins_waiting_list=joins_waiting_list,
        can_cancel=False,
        refusal=refusal,
        waitlist_position=None,
    )


def _lock_event(event_id):
    """Lock the event for the rest of the transaction and return it fresh from the database."""
    using = router.db_for_write(EventPage)
    connection = connections[using]
    if connection.features.has_select_for_update:
        return EventPage.objects.using(using).select_for_update(of=("self",)).get(pk=event_id)
    # SQLite: a write as the transaction's first statement takes the database write lock
    # now (waiting for a concurrent registration to finish) instead of after we have read
    # a seat count that may already be stale.
    table = connection.ops.quote_name(EventPage._meta.db_table)
    column = connection.ops.quote_name(EventPage._meta.pk.column)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET {column} = {column} WHERE {column} = %s", [event_id])  # noqa: S608
    return EventPage.objects.using(using).get(pk=event_id)


def _confirmed_count(event):
    return Registration.objects.filter(event=event).confirmed().count()


def register(event, user, *, organisation, position="", comment="", now=None):
    """Give ``user`` a seat at ``event`` or a place in its waiting list.

    Returns the registration; raises ``RegistrationRefused`` when a rule says no.
    """
    if not user.is_authenticated:
        raise RegistrationRefused(_("Войдите, чтобы записаться."), "anonymous")
    with transaction.atomic():
        event = _lock_event(event.pk)
        now = now or timezone.now()
        refusal = window_refusal(event, now)
        if refusal:
            raise RegistrationRefused(refusal, "closed")
        existing = Registration.objects.filter(event=event, user=user).first()
        if existing is not None and not existing.is_cancelled:
            if existing.is_waitlisted:
                raise RegistrationRefused(_("Вы уже в листе ожидания."), "duplicate")
            raise RegistrationRefused(_("Вы уже записаны на это мероприятие."), "duplicate")
        if event.capacity is None or _confirmed_count(event) < event.capacity:
            status = RegistrationStatus.CONFIRMED
        elif event.waiting_list_enabled:
            status = RegistrationStatus.WAITLISTED
        else:
            raise RegistrationRefused(_("Свободных мест нет."), "full")

        values = {
            "status": status,
            "organisation": organisation.strip(),
            "position": position.strip(),
            "comment": comment.strip(),
            "queued_at": now,
            "confirmed_at": now if status == RegistrationStatus.CONFIRMED else None,
            "promoted_at": None,
            "cancelled_at": None,
            "attended": None,
            "consent_at": now,
        }
        if existing is not None:
            for name, value in values.items():
                setattr(existing, name, value)
            existing.save()
            registration = existing
        else:
            try:
                with transaction.atomic():
                    registration = Registration.objects.create(event=event, user=user, **values)
            except IntegrityError as error:
                # Only reachable if the lock was bypassed; the constraint still holds.
                raise RegistrationRefused(
                    _("Вы уже записаны на это мероприятие."), "duplicate"
                ) from error
        registration.event = event
        transaction.on_commit(lambda: notifications.registered(registration))
    return registration


def cancel(registration, *, now=None, by_organiser=False):
    """Cancel a registration; freed seats go to the waiting list at once.

    Returns the registrations promoted from the waiting list.
    """
    with transaction.atomic():
        event = _lock_event(registration.event_id)
        now = now or timezone.now()
        current = Registration.objects.select_related("user").get(pk=registration.pk)
        if current.is_cancelled:
            raise RegistrationRefused(_("Эта запись уже отменена."), "cancelled")
        if event.has_started(now) and not by_organiser:
            raise RegistrationRefused(
                _("Мероприятие уже началось, отменить запись нельзя."), "started"
            )
        was_confirmed = current.is_confirmed
        current.status = RegistrationStatus.CANCELLED
        current.cancelled_at = now
        current.save(update_fields=["status", "cancelled_at"])
        promoted = _fill_from_waiting_list(event, now) if was_confirmed else []
    registration.status = current.status
    registration.cancelled_at = current.cancelled_at
    logger.info(
        "Registration %s for event %s cancelled%s; %d promoted",
        current.pk,
        event.pk,
        " by an organiser" if by_organiser else "",
        len(promoted),
    )
    return promoted


def cancel_for(event, user, *, now=None):
    registration = Registration.objects.filter(event=event, user=user).active().first()
    if registration is None:
        raise RegistrationRefused(_("Вы не записаны на это мероприятие."), "missing")
    return cancel(registration, now=now)


def fill_from_waiting_list(event, now=None):
    """Give free seats to the waiting list (after a cancellation or when seats were added)."""
    with transaction.atomic():
        locked = _lock_event(event.pk)
        return _fill_from_waiting_list(locked, now or timezone.now())


def _fill_from_waiting_list(event, now):
    if event.has_started(now):
        return []  # a seat freed during the event is of no use to anyone
    queue = Registration.objects.filter(event=event).waitlisted().in_queue_order()
    if event.capacity is not None:
        free = event.capacity - _confirmed_count(event)
        if free <= 0:
            return []
        queue = queue[:free]
    promoted = list(queue.select_related("user"))
    for registration in promoted:
        registration.status = RegistrationStatus.CONFIRMED
        registration.confirmed_at = now
        registration.promoted_at = now
        registration.save(update_fields=["status", "confirmed_at", "promoted_at"])
        registration.event = event
    for registration in promoted:
        transaction.on_commit(lambda r=registration: notifications.promoted(r))
    return promoted


def mark_attendance(event, marks):
    """Record who came: ``marks`` maps registration id → True, False or None (not marked).

    Only confirmed participants of ``event`` are touched; returns how many changed.
    """
    changed = 0
    with transaction.atomic():
        registrations = Registration.objects.filter(
            event=event, pk__in=list(marks), status=RegistrationStatus.CONFIRMED
        ).select_for_update()
        for registration in registrations:
            value = marks[registration.pk]
            if registration.attended != value:
                registration.attended = value
                registration.save(update_fields=["attended"])
                changed += 1
    return changed


def attendance_open(event, now=None):
    """Attendance can be marked from the day of the event on (Moscow time)."""
    now = now or timezone.now()
    return timezone.localtime(now).date() >= event.local_starts_at.date()
