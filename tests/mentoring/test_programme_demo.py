"""The programme's demo: fifteen pairs in every state, from the demo accounts, loaded once."""

from django.core.management import call_command

import pytest

from mentoring import figures
from mentoring.models import (
    Award,
    MenteeRequest,
    Pair,
    PairState,
    Programme,
    SurveyResponse,
)
from mentoring.programme_demo import SLUG, TITLE

pytestmark = pytest.mark.django_db


def test_demo_programme(demo_site, client):
    programme = Programme.objects.get(slug=SLUG)
    assert programme.title == TITLE
    assert programme.curator.username == "metodist"
    assert programme.stages.count() == 5 and programme.participants.count() == 3
    pairs = Pair.objects.filter(programme=programme).with_progress()
    assert pairs.count() == 15
    states = {state: pairs.filter(state=state).count() for state in PairState.values}
    assert states == {
        "proposed": 3,
        "confirmed": 2,
        "active": 6,
        "finished": 3,
        "declined": 1,
    }
    assert len({pair.progress for pair in pairs.filter(state="active")}) >= 4  # various progress
    assert all(p.progress == 100 for p in pairs.filter(state="finished"))
    assert all(hasattr(p, "result") for p in Pair.objects.filter(state="finished"))
    assert any(p.is_group for p in Pair.objects.filter(programme=programme))
    declined = Pair.objects.get(programme=programme, state="declined")
    assert declined.decline_reason and declined.declined_by is not None
    assert Award.objects.filter(title__contains=TITLE).count() == 1  # the best pair

    # nastavnik1 and pedagog1 (demo12345) make a working pair.
    pair = Pair.objects.get(
        programme=programme,
        mentor__user__username="nastavnik1",
        state="active",
        memberships__request__teacher__username="pedagog1",
    )
    assert client.login(username="pedagog1", password="demo12345")
    assert client.get(pair.get_absolute_url()).status_code == 200
    assert client.login(username="metodist", password="demo12345")
    html = client.get(f"/mentoring/programmy/{SLUG}/kurator/").content.decode()
    assert html.count("Кого предлагает подбор") == 3  # pedagog4 (after declining), 5, 19
    assert "Помогает с дефицитом" in html
    assert client.get(f"/mentoring/programmy/{SLUG}/pokazateli/").status_code == 200

    result = figures.gather(programme)
    assert result.formed == 11 and result.satisfaction is not None
    assert result.young_share is not None and 0 < result.young_share <= 100
    assert SurveyResponse.objects.filter(survey__programme=programme).exists()
    waiting = MenteeRequest.objects.filter(
        programme=programme, teacher__username__in=["pedagog4", "pedagog5", "pedagog19"]
    )
    assert waiting.count() == 3

    # A second load changes nothing.
    counts = (Pair.objects.count(), MenteeRequest.objects.count(), Award.objects.count())
    call_command("load_demo", verbosity=0)
    assert (Pair.objects.count(), MenteeRequest.objects.count(), Award.objects.count()) == counts
