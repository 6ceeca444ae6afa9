"""The programme in the Wagtail admin: methodists run it there, forms open and save."""

from django.urls import reverse

import pytest

from mentoring.models import Programme

pytestmark = pytest.mark.django_db


def test_methodist_opens_every_programme_screen(client, people):
    client.force_login(people["methodist"])
    programme, pair = people["programme"], people["pair"]
    for name, args in [
        ("wagtailsnippets_mentoring_programme:list", []),
        ("wagtailsnippets_mentoring_programme:add", []),
        ("wagtailsnippets_mentoring_programme:edit", [programme.pk]),
        ("wagtailsnippets_mentoring_mentorpoolentry:list", []),
        ("wagtailsnippets_mentoring_mentorpoolentry:add", []),
        ("wagtailsnippets_mentoring_menteerequest:list", []),
        ("wagtailsnippets_mentoring_pair:list", []),
        ("wagtailsnippets_mentoring_pair:edit", [pair.pk]),
        ("wagtailsnippets_mentoring_survey:add", []),
        ("wagtailsnippets_mentoring_professionaldeficit:list", []),
        ("wagtailsnippets_mentoring_exportlog:list", []),
    ]:
        assert client.get(reverse(name, args=args)).status_code == 200, name


def test_methodist_creates_a_programme_with_stages_and_organisations(client, people):
    client.force_login(people["methodist"])
    data = {
        "title": "Программа наставничества Школы № 373",
        "slug": "shkola-373-2027",
        "level": "school",
        "goal": "",
        "curator": people["curator"].pk,
        "starts_on": "2027-09-01",
        "ends_on": "2028-05-31",
        "accepts_requests": "on",
        "stages-TOTAL_FORMS": "1",
        "stages-INITIAL_FORMS": "0",
        "stages-MIN_NUM_FORMS": "0",
        "stages-MAX_NUM_FORMS": "1000",
        "stages-0-kind": "pairing",
        "stages-0-starts_on": "2027-09-15",
        "stages-0-ends_on": "2027-09-30",
        "stages-0-note": "",
        "stages-0-ORDER": "1",
        "stages-0-id": "",
        "stages-0-DELETE": "",
        "participants-TOTAL_FORMS": "1",
        "participants-INITIAL_FORMS": "0",
        "participants-MIN_NUM_FORMS": "1",
        "participants-MAX_NUM_FORMS": "1000",
        "participants-0-organisation": people["school"].pk,
        "participants-0-young_teachers": "5",
        "participants-0-ORDER": "1",
        "participants-0-id": "",
        "participants-0-DELETE": "",
    }
    bad = dict(data, ends_on="2027-01-01")
    response = client.post(reverse("wagtailsnippets_mentoring_programme:add"), bad)
    assert response.status_code == 200
    assert "Программа не может закончиться раньше начала." in response.content.decode()
    response = client.post(reverse("wagtailsnippets_mentoring_programme:add"), data)
    assert response.status_code == 302
    created = Programme.objects.get(slug="shkola-373-2027")
    assert created.stages.get().kind == "pairing"
    assert created.participants.get().young_teachers == 5


def test_teachers_and_mentors_have_no_programme_admin(client, people):
    for account in (people["mentor_user"], people["mentee"]):
        client.force_login(account)
        response = client.get(reverse("wagtailsnippets_mentoring_programme:list"))
        assert response.status_code in (302, 403)
