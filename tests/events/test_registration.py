"""The registration rules of events.registration: seats, window, waiting list, cancellation."""

import datetime

from django.core import mail
from django.db import IntegrityError
from django.utils import timezone

import pytest
from icalendar import Calendar

from events import registration as rules
from events.models import Registration, RegistrationStatus
from tests.events.factories import RegistrationFactory, moscow

pytestmark = pytest.mark.django_db(transaction=False)


def register(event, user, **fields):
    fields.setdefault("organisation", "ГБОУ гимназия № 524")
    return rules.register(event, user, **fields)


def test_a_free_seat_confirms_the_registration_and_a_letter_with_a_calendar_goes_out(
    make_event, teacher, django_capture_on_commit_callbacks
):
    event = make_event(capacity=2)
    with django_capture_on_commit_callbacks(execute=True):
        registration = register(event, teacher, position="учитель", comment="  Буду с коллегой  ")
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.confirmed_at is not None
    assert registration.comment == "Буду с коллегой"
    assert registration.consent_at is not None
    assert len(mail.outbox) == 1
    letter = mail.outbox[0]
    assert letter.to == ["orlova@example.org"]
    assert letter.subject == f"Вы записаны: {event.title}"
    assert "ул. Примерная, д. 1" in letter.body  # participants get the exact address
    (filename, content, mimetype) = letter.attachments[0]
    assert filename == f"{event.slug}.ics"
    assert mimetype == "text/calendar"
    assert Calendar.from_ical(content).events[0].get("summary") == event.title


def test_when_seats_run_out_people_join_the_waiting_list_in_order(make_event, teachers):
    event = make_event(capacity=2)
    first, second, third, fourth = teachers(4)
    assert register(event, first).is_confirmed
    assert register(event, second).is_confirmed
    assert register(event, third).is_waitlisted
    assert register(event, fourth).is_waitlisted
    positions = dict(
        Registration.objects.filter(event=event)
        .with_waitlist_position()
        .values_list("user__username", "waitlist_position")
    )
    assert positions == {"uchitel1": None, "uchitel2": None, "uchitel3": 1, "uchitel4": 2}
    state = rules.registration_state(event, fourth)
    assert state.is_waitlisted and state.waitlist_position == 2 and state.can_cancel


def test_without_a_waiting_list_a_full_event_refuses(make_event, teachers):
    event = make_event(capacity=1, waiting_list_enabled=False)
    first, second = teachers(2)
    register(event, first)
    state = rules.registration_state(event, second)
    assert not state.can_register and state.refusal == "Свободных мест нет."
    with pytest.raises(rules.RegistrationRefused) as refused:
        register(event, second)
    assert refused.value.code == "full"


def test_unlimited_event_confirms_everyone(make_event, teachers):
    event = make_event(capacity=None)
    assert all(register(event, user).is_confirmed for user in teachers(5))
    assert event.seats_left is None and not event.is_full


def test_no_double_registration(make_event, teacher):
    event = make_event()
    register(event, teacher)
    with pytest.raises(rules.RegistrationRefused) as refused:
        register(event, teacher)
    assert refused.value.code == "duplicate"
    assert refused.value.message == "Вы уже записаны на это мероприятие."
    assert Registration.objects.filter(event=event, user=teacher).count() == 1


def test_the_database_refuses_a_second_row_for_the_same_person(make_event, teacher):
    event = make_event()
    RegistrationFactory(event=event, user=teacher)
    with pytest.raises(IntegrityError):
        RegistrationFactory(event=event, user=teacher)


def test_registering_again_after_cancelling_reuses_the_row_and_queues_anew(make_event, teachers):
    event = make_event(capacity=1)
    first, second = teachers(2)
    registration = register(event, first)
    rules.cancel(registration)
    register(event, second)  # takes the freed seat
    again = register(event, first)
    assert again.pk == registration.pk
    assert again.is_waitlisted and again.cancelled_at is None


@pytest.mark.parametrize(
    ("fields", "now_offset", "message"),
    [
        (
            {"registration_opens_at": moscow(2026, 12, 1, 10)},
            datetime.timedelta(0),
            "Запись откроется 1 декабря 2026, 10:00.",
        ),
        (
            {"registration_closes_at": moscow(2026, 12, 5, 18)},
            datetime.timedelta(days=6),
            "Запись закрылась 5 декабря 2026, 18:00.",
        ),
        (
            {"registration_enabled": False},
            datetime.timedelta(0),
            "Запись на это мероприятие через портал не ведётся.",
        ),
        ({}, datetime.timedelta(days=11), "Мероприятие уже началось, запись закрыта."),
    ],
)
def test_no_registration_outside_the_window(make_event, teacher, fields, now_offset, message):
    now = moscow(2026, 11, 30, 12)
    event = make_event(
        starts_at=moscow(2026, 12, 10, 10), ends_at=moscow(2026, 12, 10, 16), **fields
    )
    with pytest.raises(rules.RegistrationRefused) as refused:
        register(event, teacher, now=now + now_offset)
    assert refused.value.message == message
    assert not Registration.objects.exists()


def test_registration_closes_exactly_at_the_start_moscow_time(make_event, teacher, teachers):
    starts = moscow(2026, 12, 1, 0, 30)  # 30 November, 21:30 UTC
    event = make_event(starts_at=starts, ends_at=starts + datetime.timedelta(hours=2))
    one_second_before = starts - datetime.timedelta(seconds=1)
    assert register(event, teacher, now=one_second_before).is_confirmed
    with pytest.raises(rules.RegistrationRefused):
        register(event, teachers(1)[0], now=starts)


def test_an_unpublished_event_takes_no_registrations(make_event, teacher):
    event = make_event(live=False)
    with pytest.raises(rules.RegistrationRefused) as refused:
        register(event, teacher)
    assert refused.value.message == "Мероприятие ещё не опубликовано."


def test_cancelling_a_seat_moves_the_first_in_line_up_and_tells_them(
    make_event, teachers, django_capture_on_commit_callbacks
):
    event = make_event(capacity=2, online_url="https://konferencii.example.org/x", format="blended")
    first, second, third, fourth = teachers(4)
    seat = register(event, first)
    register(event, second)
    register(event, third)
    register(event, fourth)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        promoted = rules.cancel(seat)
    assert [r.user for r in promoted] == [third]
    statuses = dict(
        Registration.objects.filter(event=event).values_list("user__username", "status")
    )
    assert statuses == {
        "uchitel1": "cancelled",
        "uchitel2": "confirmed",
        "uchitel3": "confirmed",
        "uchitel4": "waitlisted",
    }
    moved = Registration.objects.get(user=third)
    assert moved.promoted_at is not None and moved.confirmed_at == moved.promoted_at
    assert [letter.to for letter in mail.outbox] == [["uchitel3@example.org"]]
    assert mail.outbox[0].subject == f"Для вас освободилось место: {event.title}"
    assert "https://konferencii.example.org/x" in mail.outbox[0].body
    assert rules.registration_state(event, fourth).waitlist_position == 1


def test_leaving_the_waiting_list_promotes_nobody(make_event, teachers):
    event = make_event(capacity=1)
    first, second, third = teachers(3)
    register(event, first)
    waiting = register(event, second)
    register(event, third)
    assert rules.cancel(waiting) == []
    assert rules.registration_state(event, third).waitlist_position == 1


def test_no_cancelling_once_the_event_has_started_but_organisers_may(make_event, teachers):
    event = make_event(capacity=1)
    first, second = teachers(2)
    seat = register(event, first)
    register(event, second)
    during = event.starts_at + datetime.timedelta(minutes=5)
    with pytest.raises(rules.RegistrationRefused) as refused:
        rules.cancel(seat, now=during)
    assert refused.value.code == "started"
    # An organiser may tidy the list, but a seat freed during the event goes to nobody.
    assert rules.cancel(seat, now=during, by_organiser=True) == []
    assert Registration.objects.get(user=second).is_waitlisted


def test_cancelling_twice_is_refused(make_event, teacher):
    seat = register(make_event(), teacher)
    rules.cancel(seat)
    with pytest.raises(rules.RegistrationRefused) as refused:
        rules.cancel(seat)
    assert refused.value.code == "cancelled"


def test_adding_seats_and_publishing_moves_the_waiting_list(make_event, teachers):
    event = make_event(capacity=1)
    users = teachers(4)
    for user in users:
        register(event, user)
    event.capacity = 3
    event.save_revision().publish()
    statuses = list(
        Registration.objects.filter(event=event).in_queue_order().values_list("status", flat=True)
    )
    assert statuses == ["confirmed", "confirmed", "confirmed", "waitlisted"]


def test_removing_the_limit_confirms_the_whole_waiting_list(make_event, teachers):
    event = make_event(capacity=1)
    for user in teachers(3):
        register(event, user)
    event.capacity = None
    event.save()
    promoted = rules.fill_from_waiting_list(event)
    assert len(promoted) == 2
    assert not Registration.objects.waitlisted().exists()


def test_attendance_is_marked_for_confirmed_participants_only(make_event, teachers):
    event = make_event(capacity=1)
    first, second = teachers(2)
    seat = register(event, first)
    waiting = register(event, second)
    changed = rules.mark_attendance(event, {seat.pk: True, waiting.pk: True})
    assert changed == 1
    seat.refresh_from_db()
    waiting.refresh_from_db()
    assert seat.attended is True and waiting.attended is None
    assert rules.mark_attendance(event, {seat.pk: True}) == 0


def test_attendance_opens_on_the_day_of_the_event_in_moscow(make_event):
    event = make_event(starts_at=moscow(2026, 12, 1, 0, 30), ends_at=moscow(2026, 12, 1, 3))
    # 30 November 21:00 UTC is already 1 December in Moscow.
    assert rules.attendance_open(
        event, now=datetime.datetime(2026, 11, 30, 21, 0, tzinfo=datetime.UTC)
    )
    assert not rules.attendance_open(
        event, now=datetime.datetime(2026, 11, 30, 20, 59, tzinfo=datetime.UTC)
    )


def test_anonymous_visitors_may_not_register(make_event):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(rules.RegistrationRefused) as refused:
        register(make_event(), AnonymousUser())
    assert refused.value.code == "anonymous"


def test_a_letter_that_fails_to_send_does_not_undo_the_registration(
    make_event, teacher, settings, django_capture_on_commit_callbacks, caplog
):
    settings.EMAIL_BACKEND = "tests.events.test_registration.BrokenBackend"
    with django_capture_on_commit_callbacks(execute=True):
        registration = register(make_event(), teacher)
    assert Registration.objects.get(pk=registration.pk).is_confirmed
    assert "Could not send" in caplog.text


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise OSError("почтовый сервер недоступен")


def test_registration_state_before_and_after(make_event, teacher):
    event = make_event(capacity=1)
    state = rules.registration_state(event, teacher)
    assert state.can_register and not state.joins_waiting_list and state.registration is None
    register(event, teacher)
    state = rules.registration_state(event, teacher)
    assert state.is_confirmed and not state.can_register and state.can_cancel
    assert timezone.is_aware(state.registration.queued_at)
