"""The demo calendar: every event type upcoming and past, a full event, idempotent loading."""

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from wagtail.documents import get_document_model
from wagtail.images import get_image_model

import pytest

from events.models import EventPage, EventType, Registration
from portal.roles import METHODIST, TEACHER

pytestmark = pytest.mark.django_db


def test_every_event_type_has_upcoming_and_past_events(demo_site):
    now = timezone.now()
    for event_type in EventType.objects.all():
        events = EventPage.objects.live().filter(event_type=event_type)
        assert events.filter(starts_at__gt=now).exists(), event_type.name
        assert events.filter(ends_at__lt=now).exists(), event_type.name
    for event in EventPage.objects.live():
        event.full_clean()  # the demo obeys the editors' rules


def test_demo_has_a_full_event_with_a_waiting_list_and_past_materials(demo_site):
    full = [e for e in EventPage.objects.live().upcoming().for_listing() if e.is_full]
    assert full and full[0].waitlist_length >= 1
    past_with_materials = [e for e in EventPage.objects.live().past() if e.has_materials]
    assert len(past_with_materials) >= 5
    assert Registration.objects.filter(attended=True).exists()


def test_demo_accounts_sign_in_with_the_documented_password(demo_site, client):
    users = get_user_model().objects
    for username, role in [("pedagog1", TEACHER), ("metodist", METHODIST)]:
        user = users.get(username=username)
        assert user.check_password("demo12345")
        assert user.groups.filter(name=role).exists()
    assert client.login(username="nastavnik1", password="demo12345")


def test_loading_again_changes_nothing_and_keeps_passwords(demo_site):
    users = get_user_model().objects
    teacher = users.get(username="pedagog1")
    teacher.set_password("свой-пароль-учителя")
    teacher.save()
    counts = (
        EventPage.objects.count(),
        Registration.objects.count(),
        get_document_model().objects.count(),
        get_image_model().objects.count(),
        users.count(),
    )
    call_command("load_demo", verbosity=0)
    assert counts == (
        EventPage.objects.count(),
        Registration.objects.count(),
        get_document_model().objects.count(),
        get_image_model().objects.count(),
        users.count(),
    )
    assert users.get(username="pedagog1").check_password("свой-пароль-учителя")


def test_demo_pages_render(demo_site, client):
    client.login(username="pedagog1", password="demo12345")
    for url in [
        "/meropriyatiya/",
        "/meropriyatiya/kalendar/",
        "/meropriyatiya/arhiv/",
        "/events/my/",
    ]:
        assert client.get(url).status_code == 200, url
    for event in EventPage.objects.live():
        assert client.get(event.url).status_code == 200, event.url


def test_methodists_may_run_the_demo_calendar_in_the_admin(demo_site, client):
    from wagtail.models import Page

    client.login(username="metodist", password="demo12345")
    index = Page.objects.get(slug="meropriyatiya")
    assert client.get(f"/admin/pages/add/events/eventpage/{index.pk}/").status_code == 200
