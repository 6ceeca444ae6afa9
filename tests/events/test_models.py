"""Model rules of events: validation, the page tree, the agenda, speakers, listings."""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone

from wagtail.test.utils import WagtailPageTestCase

import pytest

from communities.models import CommunityIndexPage, CommunityPage
from events import listings
from events.models import EventIndexPage, EventPage
from home.models import HomePage
from mentoring.models import MentorProfile
from portal.demo import translit_slug
from tests.events.factories import RegistrationFactory, moscow

pytestmark = pytest.mark.django_db


class TestPageTree(WagtailPageTestCase):
    def test_where_event_pages_live(self):
        self.assertCanCreateAt(HomePage, EventIndexPage)
        self.assertCanCreateAt(EventIndexPage, EventPage)
        self.assertCanNotCreateAt(HomePage, EventPage)
        self.assertCanNotCreateAt(EventPage, EventPage)
        self.assertAllowedSubpageTypes(EventPage, {})


def profile(last_name, first_name="Елена", user=None):
    return MentorProfile.objects.create(
        last_name=last_name,
        first_name=first_name,
        slug=translit_slug(f"{last_name} {first_name}"),
        user=user,
    )


def agenda_with(*profiles, guest=None):
    speakers = [{"profile": p.pk, "name": "", "role": ""} for p in profiles]
    if guest:
        speakers.append({"profile": None, "name": guest, "role": "гость"})
    return [
        {
            "type": "session",
            "value": {
                "starts": "10:00:00",
                "ends": "11:00:00",
                "title": "Открытие",
                "speakers": speakers,
            },
        }
    ]


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        (
            {"starts_at": moscow(2026, 12, 1, 12), "ends_at": moscow(2026, 12, 1, 10)},
            "ends_at",
            "Окончание должно быть позже начала.",
        ),
        (
            {"registration_closes_at": moscow(2026, 12, 1, 12, 1)},
            "registration_closes_at",
            "Запись не может закрываться позже начала мероприятия.",
        ),
        (
            {
                "registration_opens_at": moscow(2026, 11, 25),
                "registration_closes_at": moscow(2026, 11, 24),
            },
            "registration_opens_at",
            "Запись должна открываться раньше, чем закрывается.",
        ),
        (
            {"registration_opens_at": moscow(2026, 12, 2)},
            "registration_opens_at",
            "Запись должна открываться раньше начала мероприятия.",
        ),
        ({"capacity": 0}, "capacity", "Укажите хотя бы одно место или оставьте поле пустым."),
        (
            {"format": "in_person", "venue": "  "},
            "venue",
            "Для очного и смешанного формата укажите место проведения.",
        ),
    ],
)
def test_event_validation_speaks_russian(make_event, fields, field, message):
    event = make_event(starts_at=moscow(2026, 12, 1, 12), ends_at=moscow(2026, 12, 1, 15))
    for name, value in fields.items():
        setattr(event, name, value)
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert error.value.message_dict[field] == [message]


def test_an_online_event_needs_no_venue(make_event):
    event = make_event(format="online", venue="", address="")
    event.full_clean()


def test_speakers_follow_the_published_agenda_not_drafts(make_event):
    smirnova, kuznetsov = profile("Смирнова"), profile("Кузнецов", "Андрей")
    event = make_event(agenda=agenda_with(smirnova, guest="Гостья Анна"))
    assert list(event.speakers.all()) == [smirnova]

    event.agenda = agenda_with(kuznetsov)
    revision = event.save_revision()  # a draft: the live event is unchanged
    event.refresh_from_db()
    assert list(event.speakers.all()) == [smirnova]

    revision.publish()
    event.refresh_from_db()
    assert list(event.speakers.all()) == [kuznetsov]


def test_agenda_is_grouped_by_moscow_day_in_time_order(make_event):
    event = make_event(
        starts_at=moscow(2026, 12, 1, 9),
        ends_at=moscow(2026, 12, 2, 15),
        agenda=[
            {"type": "session", "value": {"starts": "12:00:00", "title": "Второе", "speakers": []}},
            {"type": "session", "value": {"starts": "09:00:00", "title": "Первое", "speakers": []}},
            {
                "type": "session",
                "value": {
                    "day": "2026-12-02",
                    "starts": "10:00:00",
                    "title": "Третье",
                    "speakers": [],
                },
            },
        ],
    )
    days = event.agenda_days()
    assert [(day, [s["title"] for s in sessions]) for day, sessions in days] == [
        (datetime.date(2026, 12, 1), ["Первое", "Второе"]),
        (datetime.date(2026, 12, 2), ["Третье"]),
    ]


def test_times_are_stored_aware_and_shown_in_moscow(make_event):
    event = make_event(starts_at=moscow(2026, 12, 1, 0, 30), ends_at=moscow(2026, 12, 1, 2))
    event.refresh_from_db()
    assert event.starts_at == datetime.datetime(2026, 11, 30, 21, 30, tzinfo=datetime.UTC)
    assert event.local_starts_at.date() == datetime.date(2026, 12, 1)
    assert str(event.local_starts_at.tzinfo) == "Europe/Moscow"


def test_seat_counts_come_from_the_listing_annotation_without_queries(
    make_event, teachers, django_assert_num_queries
):
    event = make_event(capacity=3)
    users = teachers(4)
    for user, status in zip(
        users, ["confirmed", "confirmed", "waitlisted", "cancelled"], strict=True
    ):
        RegistrationFactory(event=event, user=user, status=status)
    listed = EventPage.objects.filter(pk=event.pk).for_listing().get()
    with django_assert_num_queries(0):
        assert (listed.seats_taken, listed.waitlist_length, listed.seats_left) == (2, 1, 1)
        assert not listed.is_full
    fresh = EventPage.objects.get(pk=event.pk)
    assert fresh.seat_counts == (2, 1)


def test_upcoming_and_published_listings(make_event):
    now = timezone.now()
    soon = make_event(starts_at=now + datetime.timedelta(days=1))
    ongoing = make_event(
        starts_at=now - datetime.timedelta(hours=1), ends_at=now + datetime.timedelta(hours=1)
    )
    make_event(starts_at=now - datetime.timedelta(days=3))  # over
    make_event(starts_at=now + datetime.timedelta(days=2), live=False)
    assert list(listings.upcoming_events(limit=4)) == [ongoing, soon]
    assert listings.published_events().count() == 3


def test_upcoming_events_of_a_community(make_event, site_root):
    communities = site_root.add_child(
        instance=CommunityIndexPage(title="Сообщества", slug="soobshchestva")
    )
    lab = communities.add_child(
        instance=CommunityPage(title="Онлайн-лаборатория", slug="lab", purpose="…")
    )
    club = communities.add_child(instance=CommunityPage(title="Клуб", slug="klub", purpose="…"))
    now = timezone.now()
    later = make_event(community=lab, starts_at=now + datetime.timedelta(days=5))
    sooner = make_event(community=lab, starts_at=now + datetime.timedelta(days=2))
    make_event(community=lab, starts_at=now - datetime.timedelta(days=5))
    make_event(community=club)
    assert list(listings.upcoming_events_of_community(lab, limit=4)) == [sooner, later]
    assert list(listings.upcoming_events_of_community(lab, limit=1)) == [sooner]


def test_events_led_by_a_mentor_as_organiser_or_speaker(make_event):
    smirnova, kuznetsov = profile("Смирнова"), profile("Кузнецов", "Андрей")
    now = timezone.now()
    organised = make_event(organiser=smirnova, starts_at=now + datetime.timedelta(days=3))
    spoke = make_event(agenda=agenda_with(smirnova), starts_at=now - datetime.timedelta(days=30))
    both = make_event(
        organiser=smirnova,
        agenda=agenda_with(smirnova, kuznetsov),
        starts_at=now + datetime.timedelta(days=9),
    )
    make_event(organiser=smirnova, live=False)
    talk = make_event(agenda=agenda_with(kuznetsov))
    assert list(listings.events_led_by(smirnova)) == [both, organised, spoke]
    assert set(listings.events_led_by(kuznetsov)) == {both, talk}
