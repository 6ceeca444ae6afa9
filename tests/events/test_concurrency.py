"""Two people racing for the last seat, on real concurrent database connections.

Each registration runs in its own thread (its own connection and transaction). Counting
the seats is slowed down so that, without the lock on the event row, both would see one
free seat; the control test shows exactly that oversell when the lock is taken away.
"""

import threading
import time

from django.db import connection, connections

import pytest

from events import registration as rules
from events.models import Registration, RegistrationStatus
from tests.events.factories import EventIndexPageFactory, EventPageFactory


def _concurrent_database():
    vendor = connection.vendor
    if vendor == "postgresql":
        return True
    # Decided before the test database exists: a file only when the suite is given one.
    test_name = connection.settings_dict.get("TEST", {}).get("NAME") or ":memory:"
    return vendor == "sqlite" and ":memory:" not in test_name and "mode=memory" not in test_name


pytestmark = [
    # serialized_rollback: the flush after each test would otherwise wipe the seeded event types.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        not _concurrent_database(),
        reason="needs PostgreSQL (DATABASE_URL) or a file SQLite database (TEST_SQLITE_NAME): "
        "an in-memory SQLite database has no concurrent connections",
    ),
]


@pytest.fixture
def last_seat_event(db, make_user):
    from wagtail.models import Page

    index = EventIndexPageFactory(parent=Page.get_first_root_node())
    event = EventPageFactory(parent=index, capacity=2)
    holder = make_user("uzhe-zapisan")
    rules.register(event, holder, organisation="Школа № 373")
    return event


@pytest.fixture
def slow_seat_count(monkeypatch):
    """Make the window between counting seats and taking one wide enough to race in."""
    count = rules._confirmed_count

    def slow(event):
        value = count(event)
        time.sleep(0.4)
        return value

    monkeypatch.setattr(rules, "_confirmed_count", slow)


def race(event, users):
    """Register ``users`` at the same moment from separate threads; return outcomes by username."""
    barrier = threading.Barrier(len(users))
    outcomes = {}

    def attempt(user):
        try:
            barrier.wait(timeout=10)
            registration = rules.register(event, user, organisation="Гимназия № 524")
            outcomes[user.username] = registration.status
        except rules.RegistrationRefused as refusal:
            outcomes[user.username] = refusal.code
        except Exception as error:  # surfaced in the assertion message
            outcomes[user.username] = repr(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=(user,)) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


def test_two_people_racing_for_the_last_seat_only_one_wins(
    last_seat_event, make_user, slow_seat_count
):
    olga, ivan = make_user("olga"), make_user("ivan")
    outcomes = race(last_seat_event, [olga, ivan])
    assert sorted(outcomes.values()) == [
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.WAITLISTED,
    ], outcomes
    assert Registration.objects.filter(event=last_seat_event).confirmed().count() == 2
    assert Registration.objects.filter(event=last_seat_event).waitlisted().count() == 1


def test_without_a_waiting_list_the_loser_is_refused(last_seat_event, make_user, slow_seat_count):
    last_seat_event.waiting_list_enabled = False
    last_seat_event.save()
    outcomes = race(last_seat_event, [make_user("olga"), make_user("ivan")])
    assert sorted(outcomes.values()) == ["confirmed", "full"], outcomes
    assert Registration.objects.filter(event=last_seat_event).confirmed().count() == 2


def test_a_double_click_registers_once(last_seat_event, make_user, slow_seat_count):
    olga = make_user("olga")
    outcomes = {}
    barrier = threading.Barrier(2)

    def attempt(key):
        try:
            barrier.wait(timeout=10)
            outcomes[key] = rules.register(last_seat_event, olga, organisation="Школа").status
        except rules.RegistrationRefused as refusal:
            outcomes[key] = refusal.code
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=(key,)) for key in ("first", "second")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes.values()) == ["confirmed", "duplicate"], outcomes
    assert Registration.objects.filter(event=last_seat_event, user=olga).count() == 1


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite refuses the second, stale write instead of overselling",
)
def test_control_without_the_lock_the_race_oversells(
    last_seat_event, make_user, slow_seat_count, monkeypatch
):
    """Proves the race above is real: take the lock away and both people get «the last seat»."""
    from events.models import EventPage

    monkeypatch.setattr(rules, "_lock_event", lambda pk: EventPage.objects.get(pk=pk))
    outcomes = race(last_seat_event, [make_user("olga"), make_user("ivan")])
    assert sorted(outcomes.values()) == ["confirmed", "confirmed"], outcomes
    assert Registration.objects.filter(event=last_seat_event).confirmed().count() == 3
