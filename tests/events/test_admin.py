"""Participants in the Wagtail admin: who may see them, CSV/XLSX exports, the audit log,
attendance and cancellation by an organiser."""

import csv
import datetime
import io

from django.urls import reverse
from django.utils import timezone

from wagtail.models import PageLogEntry

import pytest
from openpyxl import load_workbook

from events import registration as rules
from events.models import Registration
from events.permissions import can_manage_participants
from mentoring.models import MentorProfile
from portal.roles import ADMINISTRATOR, MENTOR, METHODIST, MODERATOR, TEACHER

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(make_user):
    owner = make_user("owner", roles=[MENTOR])
    organiser = make_user("organiser", roles=[MENTOR])
    return {
        "methodist": make_user("metodist", roles=[METHODIST]),
        "administrator": make_user("admin", roles=[ADMINISTRATOR]),
        "owner": owner,
        "organiser": organiser,
        "other_mentor": make_user("mentor2", roles=[MENTOR]),
        "moderator": make_user("moderator", roles=[MODERATOR]),
        "teacher": make_user("teacher", roles=[TEACHER]),
    }


@pytest.fixture
def event(make_event, people, teachers):
    profile = MentorProfile.objects.create(
        last_name="Смирнова", first_name="Елена", slug="smirnova", user=people["organiser"]
    )
    event = make_event(
        title="Мастер-класс «Дневник наставника»",
        capacity=2,
        owner=people["owner"],
        organiser=profile,
    )
    first, second, third = teachers(3)
    for user, organisation in [
        (first, '=HYPERLINK("http://evil")'),
        (second, "Гимназия № 524"),
        (third, "Школа № 373"),
    ]:
        rules.register(event, user, organisation=organisation, position="учитель")
    return event


PARTICIPANT_VIEWERS = ["methodist", "administrator", "owner", "organiser"]


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("methodist", 200),
        ("administrator", 200),
        ("owner", 200),
        ("organiser", 200),
        ("other_mentor", 302),
        ("moderator", 302),
    ],
)
def test_who_sees_the_participants(client, event, people, who, status):
    """Wagtail answers a refusal inside the admin by sending the person to the dashboard."""
    client.force_login(people[who])
    url = reverse("events_admin:participants", args=[event.pk])
    response = client.get(url)
    assert response.status_code == status
    for fmt in ("csv", "xlsx"):
        export = client.get(reverse("events_admin:export", args=[event.pk, fmt]))
        assert export.status_code == status
        if status == 302:
            assert export["Location"] == "/admin/"
            assert b"uchitel1" not in export.content
    assert can_manage_participants(people[who], event) is (who in PARTICIPANT_VIEWERS)
    if status == 200:
        page = response.content.decode()
        assert "uchitel1@example.org" in page and "Лист ожидания" in page


def test_teachers_and_visitors_never_reach_the_admin(client, event, people):
    url = reverse("events_admin:participants", args=[event.pk])
    assert client.get(url)["Location"].startswith("/admin/login/")
    client.force_login(people["teacher"])
    response = client.get(url)
    assert response.status_code == 302  # no admin access for teachers
    assert not can_manage_participants(people["teacher"], event)


def test_csv_export_is_excel_friendly_safe_and_logged(client, event, people):
    client.force_login(people["organiser"])
    response = client.get(reverse("events_admin:export", args=[event.pk, "csv"]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="uchastniki-')
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert rows[0][:6] == ["№", "ФИО", "Электронная почта", "Организация", "Должность", "Статус"]
    assert [row[5] for row in rows[1:]] == ["участник", "участник", "лист ожидания"]
    assert rows[3][6] == "1"  # place in the waiting list
    assert rows[1][3] == '\'=HYPERLINK("http://evil")'  # no formula runs in a spreadsheet
    entry = PageLogEntry.objects.get(page=event, action="events.participants.export")
    assert entry.user == people["organiser"]
    assert entry.data == {"format": "csv", "rows": 3}
    assert entry.message == "Выгружен список участников (CSV, строк: 3)"


def test_xlsx_export_opens_with_openpyxl(client, event, people):
    client.force_login(people["methodist"])
    response = client.get(reverse("events_admin:export", args=[event.pk, "xlsx"]))
    assert (
        response["Content-Type"]
        == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.title == "Участники"
    assert sheet["A1"].value == event.title
    header_row = next(row for row in sheet.iter_rows(values_only=True) if row[0] == "№")
    assert header_row[1] == "ФИО"
    data = [row for row in sheet.iter_rows(min_row=5, values_only=True) if row[0]]
    assert [row[2] for row in data] == [
        "uchitel1@example.org",
        "uchitel2@example.org",
        "uchitel3@example.org",
    ]
    assert sheet.freeze_panes == "A5"
    assert PageLogEntry.objects.filter(page=event, action="events.participants.export").count() == 1


def test_unknown_export_format_is_not_found(client, event, people):
    client.force_login(people["methodist"])
    response = client.get(f"/admin/events/participants/{event.pk}/export.pdf", follow=True)
    assert response.status_code == 404


def test_attendance_is_marked_from_the_day_of_the_event(client, event, people):
    client.force_login(people["owner"])
    url = reverse("events_admin:participants", args=[event.pk])
    seats = list(Registration.objects.filter(event=event).confirmed().order_by("pk"))
    response = client.post(url, {"present": [seats[0].pk]}, follow=True)
    assert "Присутствие отмечают в день мероприятия и после него." in response.content.decode()
    assert Registration.objects.filter(attended__isnull=False).count() == 0

    event.starts_at = timezone.now() - datetime.timedelta(hours=1)
    event.ends_at = timezone.now() + datetime.timedelta(hours=1)
    event.save()
    waiting = Registration.objects.get(event=event, status="waitlisted")
    response = client.post(url, {"present": [seats[0].pk, waiting.pk, "x"]}, follow=True)
    assert "Отметки сохранены: присутствовали 1 из 2." in response.content.decode()
    marks = dict(Registration.objects.filter(event=event).values_list("pk", "attended"))
    assert marks == {seats[0].pk: True, seats[1].pk: False, waiting.pk: None}
    entry = PageLogEntry.objects.get(page=event, action="events.attendance")
    assert entry.data == {"changed": 2, "present": 1}


def test_an_organiser_cancels_a_registration_and_the_waiting_list_moves(client, event, people):
    client.force_login(people["organiser"])
    seat = Registration.objects.filter(event=event).confirmed().first()
    url = reverse("events_admin:cancel_registration", args=[event.pk, seat.pk])
    assert "Да, отменить запись" in client.get(url).content.decode()  # asks first
    assert Registration.objects.get(pk=seat.pk).is_confirmed
    response = client.post(url, follow=True)
    assert "Из листа ожидания переведено: 1." in response.content.decode()
    assert Registration.objects.filter(event=event).confirmed().count() == 2
    assert not Registration.objects.filter(event=event).waitlisted().exists()
    entry = PageLogEntry.objects.get(page=event, action="events.registration.cancel")
    assert entry.data == {"registration": seat.pk, "promoted": 1}


def test_only_organisers_cancel_and_only_registrations_of_their_event(
    client, event, make_event, people, teacher
):
    seat = Registration.objects.filter(event=event).confirmed().first()
    client.force_login(people["other_mentor"])
    response = client.post(reverse("events_admin:cancel_registration", args=[event.pk, seat.pk]))
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert Registration.objects.get(pk=seat.pk).is_confirmed

    other = make_event(title="Другое мероприятие")
    stranger = rules.register(other, teacher, organisation="Школа")
    client.force_login(people["organiser"])
    url = reverse("events_admin:cancel_registration", args=[event.pk, stranger.pk])
    assert client.post(url).status_code == 404
    assert Registration.objects.get(pk=stranger.pk).is_confirmed


def test_participants_index_shows_only_the_events_one_organises(client, event, make_event, people):
    other = make_event(title="Чужой семинар")
    client.force_login(people["organiser"])
    page = client.get(reverse("events_admin:index")).content.decode()
    assert event.title in page and other.title not in page
    client.force_login(people["methodist"])
    page = client.get(reverse("events_admin:index")).content.decode()
    assert event.title in page and other.title in page


def test_the_event_admin_page_links_to_its_participants(client, event, people):
    from events.permissions import grant_page_permissions

    grant_page_permissions(event.get_parent())  # what the demo loader does for the index
    client.force_login(people["methodist"])
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[event.pk])).content.decode()
    participants_url = reverse("events_admin:participants", args=[event.pk])
    assert participants_url in edit
    assert "Записано: 2; в листе ожидания: 1." in edit
    client.force_login(people["other_mentor"])
    assert (
        participants_url
        not in client.get(
            reverse("wagtailadmin_explore", args=[event.get_parent().pk])
        ).content.decode()
    )


def test_methodists_hold_the_model_permissions(people):
    methodist = people["methodist"]
    assert methodist.has_perm("events.view_registration")
    assert methodist.has_perm("events.change_eventtype")
    assert not people["teacher"].has_perm("events.view_registration")


def test_a_methodist_creates_and_publishes_an_event_in_the_admin(client, event_index, people):
    from wagtail.test.utils.form_data import (
        inline_formset,
        nested_form_data,
        rich_text,
        streamfield,
    )

    from events.models import EventPage, EventType
    from events.permissions import grant_page_permissions

    grant_page_permissions(event_index)
    speaker = MentorProfile.objects.create(
        last_name="Кузнецов", first_name="Андрей", slug="kuznetsov"
    )
    client.force_login(people["methodist"])
    data = nested_form_data(
        {
            "title": "Семинар «Обратная связь после урока»",
            "slug": "seminar-obratnaya-svyaz",
            "event_type": EventType.objects.get(slug="seminar").pk,
            "summary": "Как говорить о посещённом уроке.",
            "audience": "наставники",
            "description": streamfield([]),
            "starts_at": "2027-02-10 15:00",
            "ends_at": "2027-02-10 17:00",
            "format": "in_person",
            "venue": "ИМЦ Московского района",
            "address": "ул. Примерная, д. 1",
            "online_url": "",
            "online_details": "",
            "contact_email": "",
            "registration_enabled": "on",
            "capacity": "25",
            "registration_opens_at": "",
            "registration_closes_at": "",
            "waiting_list_enabled": "on",
            "agenda": streamfield(
                [
                    (
                        "session",
                        {
                            "day": "",
                            "starts": "15:00",
                            "ends": "16:00",
                            "kind": "talk",
                            "title": "Модель обратной связи",
                            "description": "",
                            "room": "",
                            "speakers": streamfield(
                                [("item", {"profile": speaker.pk, "name": "", "role": ""})]
                            ),
                        },
                    )
                ]
            ),
            "related_practices": inline_formset([]),
            "results": rich_text(""),
            "materials": streamfield([]),
            "action-publish": "publish",
        }
    )
    response = client.post(
        reverse("wagtailadmin_pages:add", args=["events", "eventpage", event_index.pk]), data
    )
    assert response.status_code == 302, (
        response.context["form"].errors if response.context else response
    )
    event = EventPage.objects.get(slug="seminar-obratnaya-svyaz")
    assert event.live
    assert timezone.localtime(event.starts_at).hour == 15  # entered in Moscow time
    assert list(event.speakers.all()) == [speaker]
    assert event.owner == people["methodist"]


def test_previewing_a_new_event_before_saving_it(client, event_index, people):
    from wagtail.test.utils.form_data import (
        inline_formset,
        nested_form_data,
        rich_text,
        streamfield,
    )

    from events.models import EventType

    client.force_login(people["administrator"])
    data = nested_form_data(
        {
            "title": "Черновик интенсива",
            "slug": "chernovik",
            "event_type": EventType.objects.get(slug="intensiv").pk,
            "summary": "Ещё не сохранён.",
            "description": streamfield([]),
            "starts_at": "2027-03-01 10:00",
            "ends_at": "2027-03-01 14:00",
            "format": "online",
            "registration_enabled": "on",
            "waiting_list_enabled": "on",
            "agenda": streamfield([]),
            "related_practices": inline_formset([]),
            "results": rich_text(""),
            "materials": streamfield([]),
        }
    )
    preview_url = reverse(
        "wagtailadmin_pages:preview_on_add", args=["events", "eventpage", event_index.pk]
    )
    assert client.post(preview_url, data).json() == {"is_valid": True, "is_available": True}
    response = client.get(preview_url)
    assert response.status_code == 200
    assert "Черновик интенсива" in response.content.decode()
