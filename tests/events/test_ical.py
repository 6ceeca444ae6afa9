"""iCalendar output, parsed back with the icalendar library."""

import datetime
from zoneinfo import ZoneInfo

from django.urls import reverse
from django.utils import timezone

import pytest
from icalendar import Calendar

from events import registration as rules
from events.models import CalendarFeed
from tests.events.factories import moscow

pytestmark = pytest.mark.django_db

MOSCOW = ZoneInfo("Europe/Moscow")


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


@pytest.fixture
def online_event(make_event):
    return make_event(
        title="Семинар «Индивидуальный план развития»",
        slug="seminar-ipr",
        format="blended",
        starts_at=moscow(2026, 12, 1, 0, 30),
        ends_at=moscow(2026, 12, 1, 2, 0),
        venue="ИМЦ Московского района",
        address="ул. Примерная, д. 1, каб. 12",
        online_url="https://konferencii.example.org/ipr",
        online_details="Код доступа 4512",
        contact_email="imc@example.org",
    )


def test_event_ics_keeps_moscow_time_and_hides_participant_details(client, online_event):
    response = client.get(reverse("events:event_ics", args=[online_event.pk]))
    assert response["Content-Disposition"] == 'attachment; filename="seminar-ipr.ics"'
    calendar = parse(response)
    assert calendar.get("prodid") == "-//Наставник.Портал//Мероприятия//RU"
    assert [tz.tz_name for tz in calendar.timezones] == ["Europe/Moscow"]
    (event,) = calendar.events
    assert event.get("summary") == online_event.title
    # 00:30 in Moscow is still the 1st of December in the file, with its time zone.
    assert event.start == datetime.datetime(2026, 12, 1, 0, 30, tzinfo=MOSCOW)
    assert event.start.tzinfo.key == "Europe/Moscow"
    assert event.end - event.start == datetime.timedelta(hours=1, minutes=30)
    assert event.get("uid") == f"event-{online_event.pk}@localhost"
    assert event.get("url") == "http://localhost/meropriyatiya/seminar-ipr/"
    assert event.categories == ["Образовательный интенсив"]
    assert event.get("location") == "ИМЦ Московского района, онлайн"
    description = event.get("description")
    assert "ул. Примерная" not in description and "konferencii" not in description
    assert "4512" not in response.content.decode()
    assert str(event.get("organizer")) == "mailto:imc@example.org"


def test_a_registered_participant_gets_the_address_and_the_link(client, online_event, teacher):
    rules.register(online_event, teacher, organisation="Школа № 373")
    client.force_login(teacher)
    response = client.get(reverse("events:event_ics", args=[online_event.pk]))
    assert response["Cache-Control"] == "private, no-store"
    (event,) = parse(response).events
    assert event.get("location") == (
        "ИМЦ Московского района, ул. Примерная, д. 1, каб. 12, https://konferencii.example.org/ipr"
    )
    assert "Код доступа 4512" in event.get("description")
    assert event.get("status") == "CONFIRMED"


def test_unpublished_events_have_no_ics(client, make_event):
    event = make_event(live=False)
    assert client.get(reverse("events:event_ics", args=[event.pk])).status_code == 404


def test_upcoming_feed_lists_upcoming_events_and_filters(client, make_event):
    from events.models import EventType

    now = timezone.now()
    seminar = make_event(
        title="Семинар",
        event_type=EventType.objects.get(slug="seminar"),
        format="online",
        venue="",
        starts_at=now + datetime.timedelta(days=2),
    )
    forum = make_event(
        title="Форум",
        event_type=EventType.objects.get(slug="forum"),
        starts_at=now + datetime.timedelta(days=5),
    )
    make_event(title="Давний форум", starts_at=now - datetime.timedelta(days=200))
    make_event(title="Черновик", live=False)

    calendar = parse(client.get(reverse("events:feed")))
    assert [e.get("summary") for e in calendar.events] == [seminar.title, forum.title]
    assert calendar.calendar_name == "Мероприятия — Наставник.Портал"
    assert calendar.refresh_interval == datetime.timedelta(hours=6)

    only_online = parse(client.get(reverse("events:feed"), {"format": "online"}))
    assert [e.get("summary") for e in only_online.events] == ["Семинар"]
    only_forums = parse(client.get(reverse("events:feed"), {"type": "forum"}))
    assert [e.get("summary") for e in only_forums.events] == ["Форум"]


def test_personal_feed_works_without_a_session_and_marks_the_waiting_list(
    client, make_event, teacher, teachers
):
    full = make_event(title="Мастер-класс", capacity=1)
    rules.register(full, teachers(1)[0], organisation="Гимназия № 524")
    rules.register(full, teacher, organisation="Школа № 373")  # waiting list
    seat = make_event(title="Форум", address="ул. Примерная, д. 1, актовый зал")
    rules.register(seat, teacher, organisation="Школа № 373")
    cancelled = make_event(title="Отменённое")
    rules.cancel(rules.register(cancelled, teacher, organisation="Школа № 373"))

    feed = CalendarFeed.objects.create(user=teacher)
    response = client.get(reverse("events:personal_feed", args=[feed.token]))
    assert response["Cache-Control"] == "private, no-store"
    events = {e.get("summary"): e for e in parse(response).events}
    assert set(events) == {"Мастер-класс", "Форум"}
    assert events["Мастер-класс"].get("status") == "TENTATIVE"
    assert "Вы в листе ожидания" in events["Мастер-класс"].get("description")
    assert "ул. Примерная, д. 1, актовый зал" in events["Форум"].get("location")
    assert events["Форум"].get("status") == "CONFIRMED"


def test_resetting_the_token_retires_the_old_address(client, teacher):
    feed = CalendarFeed.objects.create(user=teacher)
    old = feed.token
    client.force_login(teacher)
    response = client.post(reverse("events:reset_feed"))
    assert response.status_code == 302
    feed.refresh_from_db()
    assert feed.token != old and len(feed.token) >= 40
    client.logout()
    assert client.get(reverse("events:personal_feed", args=[old])).status_code == 404
    assert client.get(reverse("events:personal_feed", args=[feed.token])).status_code == 200


def test_unknown_or_inactive_feed_tokens_are_not_found(client, teacher):
    assert client.get("/events/feed/" + "x" * 43 + ".ics").status_code == 404
    feed = CalendarFeed.objects.create(user=teacher)
    teacher.is_active = False
    teacher.save()
    assert client.get(reverse("events:personal_feed", args=[feed.token])).status_code == 404


def test_the_public_feed_is_cached_until_an_event_is_published_or_unpublished(
    client, make_event, django_assert_num_queries
):
    make_event(title="Форум")
    assert [e.get("summary") for e in parse(client.get(reverse("events:feed"))).events] == ["Форум"]
    with django_assert_num_queries(0):
        client.get(reverse("events:feed"))

    draft = make_event(title="Новый семинар", live=False)
    draft.save_revision().publish()
    summaries = [e.get("summary") for e in parse(client.get(reverse("events:feed"))).events]
    assert "Новый семинар" in summaries

    draft.refresh_from_db()
    draft.unpublish()
    summaries = [e.get("summary") for e in parse(client.get(reverse("events:feed"))).events]
    assert "Новый семинар" not in summaries


def test_every_time_zone_used_is_defined_in_the_file(client, make_event):
    make_event(starts_at=moscow(2026, 12, 1, 10), ends_at=moscow(2026, 12, 1, 12))
    make_event(starts_at=moscow(2027, 6, 1, 10), ends_at=moscow(2027, 6, 1, 12))
    calendar = parse(client.get(reverse("events:feed")))
    assert calendar.get_missing_tzids() == set()
    assert len(calendar.timezones) == 1
    # The definition gives Moscow's offset (+03:00, no summer time since 2014).
    moscow_tz = calendar.timezones[0].to_tz()
    assert moscow_tz.utcoffset(datetime.datetime(2027, 6, 1, 10)) == datetime.timedelta(hours=3)
