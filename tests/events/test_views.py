"""Public pages of events: the index and its filters, the calendar, the archive, the event
page, registering and cancelling, «Мои мероприятия»; and that queries stay constant."""

import datetime

from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

import pytest

from events import registration as rules
from events.models import EventType, Registration
from tests.events.factories import RegistrationFactory, moscow

pytestmark = pytest.mark.django_db


def html(response):
    assert response.status_code == 200, response.status_code
    return response.content.decode()


# --- the index: upcoming, filters, calendar, archive ---


def test_upcoming_first_with_filters_by_type_format_and_month(client, event_index, make_event):
    now = timezone.now()
    seminar = EventType.objects.get(slug="seminar")
    make_event(title="Интенсив скоро", starts_at=now + datetime.timedelta(days=1))
    make_event(
        title="Онлайн-семинар",
        event_type=seminar,
        format="online",
        venue="",
        starts_at=now + datetime.timedelta(days=40),
    )
    make_event(title="Прошедший форум", starts_at=now - datetime.timedelta(days=5))

    page = html(client.get("/meropriyatiya/"))
    assert page.index("Интенсив скоро") < page.index("Онлайн-семинар")
    assert "Прошедший форум" not in page

    assert "Интенсив скоро" not in html(client.get("/meropriyatiya/", {"type": "seminar"}))
    online = html(client.get("/meropriyatiya/", {"format": "online"}))
    assert "Онлайн-семинар" in online and "Интенсив скоро" not in online
    # The iCalendar link follows the filters.
    assert 'href="/events/calendar.ics?format=online"' in online

    month = timezone.localtime(now + datetime.timedelta(days=40)).strftime("%Y-%m")
    by_month = html(client.get("/meropriyatiya/", {"month": month}))
    assert "Онлайн-семинар" in by_month and "Интенсив скоро" not in by_month


def test_empty_filters_say_so_in_russian(client, event_index, make_event):
    make_event(title="Интенсив")
    page = html(client.get("/meropriyatiya/", {"format": "online"}))
    assert "Под выбранные условия ближайших мероприятий нет" in page


def test_archive_shows_past_events_newest_first_with_materials(client, event_index, make_event):
    now = timezone.now()
    make_event(
        title="Фестиваль практик",
        starts_at=now - datetime.timedelta(days=30),
        results="<p>Представлено 14 практик.</p>",
    )
    make_event(title="Семинар весной", starts_at=now - datetime.timedelta(days=90))
    make_event(title="Будущий форум")
    page = html(client.get("/meropriyatiya/arhiv/"))
    assert page.index("Фестиваль практик") < page.index("Семинар весной")
    assert "Будущий форум" not in page
    assert page.count("Есть материалы") == 1


def test_month_calendar_places_events_on_moscow_days(client, event_index, make_event):
    # 00:30 Moscow on 1 December is 21:30 UTC on 30 November: it belongs to December.
    make_event(
        title="Ночной вебинар",
        starts_at=moscow(2026, 12, 1, 0, 30),
        ends_at=moscow(2026, 12, 1, 1, 30),
    )
    make_event(
        title="Двухдневный фестиваль",
        starts_at=moscow(2026, 11, 30, 10),
        ends_at=moscow(2026, 12, 1, 15),
    )
    make_event(
        title="Кончается в полночь",
        starts_at=moscow(2026, 11, 29, 20),
        ends_at=moscow(2026, 11, 30, 0, 0),
    )

    december = client.get("/meropriyatiya/kalendar/", {"month": "2026-12"})
    grid = december.context["grid"]
    days = {day.date: [e.title for e in day.events] for week in grid.weeks for day in week}
    assert days[datetime.date(2026, 12, 1)] == ["Двухдневный фестиваль", "Ночной вебинар"]
    assert days[datetime.date(2026, 11, 30)] == [
        "Двухдневный фестиваль"
    ]  # leading days of the grid
    assert grid.weeks[0][0].date == datetime.date(2026, 11, 30)  # weeks start on Monday
    assert [day.date for day in grid.days_with_events] == [datetime.date(2026, 12, 1)]
    page = html(december)
    assert "Декабрь 2026" in page
    assert "?month=2026-11" in page and "?month=2027-01" in page

    november = client.get("/meropriyatiya/kalendar/", {"month": "2026-11"}).context["grid"]
    by_day = {day.date: [e.title for e in day.events] for week in november.weeks for day in week}
    assert "Ночной вебинар" not in by_day[datetime.date(2026, 11, 30)]
    assert by_day[datetime.date(2026, 11, 29)] == ["Кончается в полночь"]
    assert "Кончается в полночь" not in by_day[datetime.date(2026, 11, 30)]


def test_calendar_keeps_filters_when_moving_between_months(client, event_index, make_event):
    page = html(client.get("/meropriyatiya/kalendar/", {"month": "2026-12", "format": "online"}))
    assert "?month=2026-11&amp;format=online" in page or "?format=online&amp;month=2026-11" in page


@pytest.mark.parametrize("month", ["2026-13", "abc", "1800-01"])
def test_calendar_rejects_nonsense_months(client, event_index, month):
    assert client.get("/meropriyatiya/kalendar/", {"month": month}).status_code == 404


def test_a_page_number_beyond_the_end_is_not_found(client, event_index, make_event):
    make_event()
    assert client.get("/meropriyatiya/", {"page": 9}).status_code == 404


# --- the event page ---


def test_online_link_and_address_only_for_registered_participants(
    client, make_event, teacher, teachers
):
    event = make_event(
        format="blended",
        address="ул. Примерная, д. 1, каб. 12",
        online_url="https://konferencii.example.org/ipr",
        online_details="Код доступа 4512",
        capacity=1,
    )
    secrets = ["ул. Примерная, д. 1, каб. 12", "konferencii.example.org", "Код доступа 4512"]

    anonymous = html(client.get(event.url))
    assert not any(secret in anonymous for secret in secrets)
    assert "Войти и записаться" in anonymous
    assert "точный адрес — после записи" in anonymous

    other = teachers(1)[0]
    rules.register(event, other, organisation="Школа")
    rules.register(event, teacher, organisation="Школа")  # waiting list: no seat, no details
    client.force_login(teacher)
    waiting = html(client.get(event.url))
    assert not any(secret in waiting for secret in secrets)
    assert "Ваше место в очереди: 1." in waiting

    client.force_login(other)
    participant = html(client.get(event.url))
    assert all(secret in participant for secret in secrets)
    assert "Вы записаны." in participant


def test_registration_form_registers_and_keeps_input_on_errors(client, make_event, teacher):
    event = make_event()
    client.force_login(teacher)
    url = reverse("events:register", args=[event.pk])
    assert "Согласен(на) на обработку" in html(client.get(url))

    response = client.post(url, {"organisation": "Школа № 373", "position": "учитель"})
    page = html(response)
    assert "Без согласия на обработку данных записаться нельзя." in page
    assert 'value="Школа № 373"' in page
    assert not Registration.objects.exists()

    response = client.post(
        url, {"organisation": "Школа № 373", "position": "учитель", "consent": "on"}, follow=True
    )
    page = html(response)
    assert response.redirect_chain[-1][0] == event.url + "#registration"
    assert "Вы записаны. Мероприятие появилось в разделе «Мои мероприятия»." in page
    registration = Registration.objects.get()
    assert (registration.user, registration.organisation, registration.position) == (
        teacher,
        "Школа № 373",
        "учитель",
    )
    # Next time the form remembers the organisation.
    other = make_event()
    assert 'value="Школа № 373"' in html(client.get(reverse("events:register", args=[other.pk])))


def test_registering_needs_an_account(client, make_event):
    event = make_event()
    url = reverse("events:register", args=[event.pk])
    response = client.post(url, {"organisation": "Школа", "consent": "on"})
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert not Registration.objects.exists()


def test_closed_registration_redirects_with_the_reason(client, make_event, teacher):
    now = timezone.now()
    event = make_event(
        starts_at=now - datetime.timedelta(minutes=5), ends_at=now + datetime.timedelta(hours=1)
    )
    client.force_login(teacher)
    response = client.post(
        reverse("events:register", args=[event.pk]),
        {"organisation": "Школа", "consent": "on"},
        follow=True,
    )
    assert "Мероприятие уже началось, запись закрыта." in html(response)
    assert not Registration.objects.exists()


def test_registration_endpoints_are_rate_limited(client, make_event, teacher, settings):
    # PORTAL_RATE_LIMITS["registration"], shared by registering and cancelling; hourly,
    # so that no fixed window's edge falls between the requests.
    settings.PORTAL_RATE_LIMITS = {**settings.PORTAL_RATE_LIMITS, "registration": "10/h"}
    event = make_event(capacity=None)
    client.force_login(teacher)
    data = {"organisation": "Школа", "consent": "on"}
    statuses = []
    for _ in range(6):
        statuses.append(client.post(reverse("events:register", args=[event.pk]), data).status_code)
        statuses.append(client.post(reverse("events:cancel", args=[event.pk])).status_code)
    assert statuses[:10] == [302] * 10
    assert statuses[10] == 429
    response = client.post(reverse("events:register", args=[event.pk]), data)
    assert response.status_code == 429
    assert response["Retry-After"] == "3600"
    html = response.content.decode()
    assert "Слишком много попыток" in html
    assert "Повторить можно через 3600 с." in html
    assert client.get(reverse("events:register", args=[event.pk])).status_code != 429


def test_cancel_asks_first_without_javascript_then_cancels(client, make_event, teacher):
    event = make_event()
    rules.register(event, teacher, organisation="Школа")
    client.force_login(teacher)
    url = reverse("events:cancel", args=[event.pk])
    assert "Да, отменить запись" in html(client.get(url))
    assert Registration.objects.get().is_confirmed
    response = client.post(url, {"next": reverse("events:my_events")})
    assert response["Location"] == reverse("events:my_events")
    assert Registration.objects.get().is_cancelled
    # An address on another site is ignored.
    rules.register(event, teacher, organisation="Школа")
    response = client.post(url, {"next": "https://example.com/"})
    assert response["Location"] == event.url + "#registration"


def test_my_events_lists_seats_waiting_list_and_past_events(client, make_event, teacher, teachers):
    now = timezone.now()
    seat = make_event(
        title="Форум молодых специалистов", starts_at=now + datetime.timedelta(days=3)
    )
    full = make_event(title="Мастер-класс", capacity=1, starts_at=now + datetime.timedelta(days=5))
    past = make_event(title="Фестиваль практик", starts_at=now - datetime.timedelta(days=20))
    gone = make_event(title="Отменённая запись")
    rules.register(seat, teacher, organisation="Школа")
    rules.register(full, teachers(1)[0], organisation="Школа")
    rules.register(full, teacher, organisation="Школа")
    rules.cancel(rules.register(gone, teacher, organisation="Школа"))
    RegistrationFactory(event=past, user=teacher, attended=True)

    client.force_login(teacher)
    page = html(client.get(reverse("events:my_events")))
    assert (
        page.index("Форум молодых специалистов")
        < page.index("Мастер-класс")
        < page.index("Фестиваль практик")
    )
    assert "Лист ожидания, место 1" in page
    assert "Вы участвовали" in page
    assert "Отменённая запись" not in page
    assert "/events/feed/" in page and "webcal://" in page
    # The header links to the page for every signed-in user.
    assert 'href="/events/my/" aria-current="page"' in page


def test_my_events_needs_an_account(client, event_index):
    response = client.get(reverse("events:my_events"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


# --- queries stay constant ---


def _fill(make_event, users, me, count, prefix):
    """``count`` upcoming and ``count`` past events, each with participants and with ``me``."""
    now = timezone.now()
    for n in range(count):
        for offset in (datetime.timedelta(minutes=30 * (n + 1)), -datetime.timedelta(days=n + 2)):
            event = make_event(title=f"{prefix} {n}", starts_at=now + offset, capacity=5)
            for user in [*users, me]:
                RegistrationFactory(event=event, user=user)


@pytest.mark.parametrize(
    "url",
    [
        "/meropriyatiya/",
        "/meropriyatiya/kalendar/",
        "/meropriyatiya/arhiv/",
        "/events/my/",
        "/events/calendar.ics",
    ],
)
def test_listing_queries_do_not_grow_with_events(
    client, make_event, teachers, teacher, url, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(teacher)
    users = teachers(3)
    _fill(make_event, users, teacher, 1, "Немного")
    client.get(url)
    cache.clear()  # measure the feed uncached; every page pays the same cold caches
    with CaptureQueriesContext(connection) as few:
        response = client.get(url)
    assert response.status_code == 200
    _fill(make_event, users, teacher, 10, "Много")
    cache.clear()
    with django_assert_max_num_queries(len(few)):
        response = client.get(url)
    assert response.content.decode().count("Много") >= 3  # the many events are really shown
    # Wagtail's routing, the session, the user bar and the header cost about ten of these.
    assert len(few) <= 22, [q["sql"] for q in few.captured_queries]


def test_event_page_queries_do_not_grow_with_agenda_and_participants(
    client, make_event, teachers, django_assert_max_num_queries
):
    from mentoring.models import MentorProfile

    profiles = [
        MentorProfile.objects.create(
            last_name=f"Наставник{n}", first_name="Анна", slug=f"nastavnik-{n}"
        )
        for n in range(8)
    ]
    agenda = [
        {
            "type": "session",
            "value": {
                "starts": f"{10 + n}:00:00",
                "title": f"Часть {n}",
                "speakers": [{"profile": profiles[n].pk, "name": "", "role": ""}],
            },
        }
        for n in range(8)
    ]
    small = make_event(agenda=agenda[:1])
    big = make_event(agenda=agenda, capacity=50)
    for user in teachers(20):
        RegistrationFactory(event=big, user=user)
    client.get(small.url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        html(client.get(small.url))
    with django_assert_max_num_queries(len(few)):
        html(client.get(big.url))
