"""Personal data of the programme is seen only by the pair, the curator and methodists.

Every page and action is tried by each kind of person: a visitor, another teacher,
a mentor from another pair, the pair's mentor and mentee, the curator, a methodist.
"""

import datetime

from django.urls import reverse

import pytest

from mentoring import access
from mentoring.models import Comment, Pair, PairState, Survey, TaskStatus
from tests.mentoring.programme_fixtures import user

pytestmark = pytest.mark.django_db

SECRET = "Боюсь первого родительского собрания"  # the mentee's words in the request and plan


def pages_of(people):
    pair, programme = people["pair"], people["programme"]
    return {
        "pair": reverse("mentoring:pair", args=[pair.pk]),
        "self_assessment": reverse("mentoring:self_assessment", args=[pair.pk, "start"]),
        "decline": reverse("mentoring:decline", args=[pair.pk]),
        "result": reverse("mentoring:result", args=[pair.pk]),
        "curator": reverse("mentoring:curator", args=[programme.slug]),
        "dashboard": reverse("mentoring:dashboard", args=[programme.slug]),
        "export": reverse("mentoring:export_xlsx", args=[programme.slug]),
    }


def test_visitors_are_sent_to_sign_in_and_see_nothing(client, people):
    for name, url in pages_of(people).items():
        response = client.get(url)
        assert response.status_code == 302, name
        assert response["Location"].startswith(reverse("login")), name
        assert SECRET not in response.content.decode()
    for url in (reverse("mentoring:programmes"), reverse("mentoring:my_pairs")):
        assert client.get(url).status_code == 302


@pytest.mark.parametrize("outsider", ["stranger", "other_mentor_user", "waiting_teacher"])
def test_other_people_get_not_found(client, people, outsider):
    client.force_login(people[outsider])
    for name, url in pages_of(people).items():
        response = client.get(url)
        assert response.status_code == 404, name
        assert SECRET not in response.content.decode(), name
    pair = people["pair"]
    posts = [
        (reverse("mentoring:comment_add", args=[pair.pk]), {"comment-text": "чужой"}),
        (reverse("mentoring:goal_add", args=[pair.pk]), {"goal-title": "чужая цель"}),
        (
            reverse("mentoring:task_status", args=[pair.pk, people["goal"].tasks.first().pk]),
            {"status": TaskStatus.DONE},
        ),
        (reverse("mentoring:decline", args=[pair.pk]), {"reason": "просто так"}),
        (reverse("mentoring:pair_start", args=[pair.pk]), {}),
        (reverse("mentoring:pair_finish", args=[pair.pk]), {}),
        (
            reverse("mentoring:form_pair", args=[people["programme"].slug]),
            {
                "request": people["waiting_request"].pk,
                "mentor": people["mentor"].pk,
                "action": "confirm",
            },
        ),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 404, url
    pair.refresh_from_db()
    assert pair.state == PairState.CONFIRMED
    assert not Comment.objects.exists()
    assert not pair.plan.goals.filter(title="чужая цель").exists()
    assert people["goal"].tasks.filter(status=TaskStatus.DONE).count() == 0
    assert Pair.objects.count() == 1


def test_the_pair_sees_its_own_page_but_not_the_curators(client, people):
    urls = pages_of(people)
    for member in ("mentee", "mentor_user"):
        client.force_login(people[member])
        assert client.get(urls["pair"]).status_code == 200
        assert SECRET in client.get(urls["pair"]).content.decode()
        for name in ("curator", "dashboard", "export"):
            assert client.get(urls[name]).status_code == 404, (member, name)


@pytest.mark.parametrize("runner", ["curator", "methodist"])
def test_the_curator_and_methodists_see_everything(client, people, runner):
    client.force_login(people[runner])
    urls = pages_of(people)
    for name in ("pair", "curator", "dashboard", "export"):
        assert client.get(urls[name]).status_code == 200, name
    assert "Родители пишут в мессенджер ночью." in client.get(urls["curator"]).content.decode()
    assert SECRET in client.get(urls["pair"]).content.decode()
    # They read the pair; writing in it is the pair's business.
    response = client.post(
        reverse("mentoring:comment_add", args=[people["pair"].pk]), {"comment-text": "x"}
    )
    assert response.status_code == 404
    # Self-assessment and declining are the members' own.
    assert client.get(urls["self_assessment"]).status_code == 404
    assert client.get(urls["decline"]).status_code == 404


def test_a_curator_of_another_programme_sees_nothing(client, people):
    from tests.mentoring.factories import ProgrammeFactory

    other_curator = user("drugoj-kurator")
    ProgrammeFactory(curator=other_curator)
    client.force_login(other_curator)
    for name, url in pages_of(people).items():
        assert client.get(url).status_code == 404, name


def test_a_mentee_who_left_a_group_no_longer_sees_it(client, people):
    from mentoring import pairing

    pair = people["pair"]
    pairing.add_to_group(pair, people["waiting_request"], by=people["curator"])
    pairing.decline(pair, people["waiting_teacher"], "Перехожу в другую школу.")
    client.force_login(people["waiting_teacher"])
    assert client.get(reverse("mentoring:pair", args=[pair.pk])).status_code == 404
    client.force_login(people["mentee"])
    assert client.get(reverse("mentoring:pair", args=[pair.pk])).status_code == 200


def test_own_pairs_lists_only_ones_own(people):
    assert list(access.own_pairs(people["mentee"])) == [people["pair"]]
    assert list(access.own_pairs(people["mentor_user"])) == [people["pair"]]
    assert list(access.own_pairs(people["stranger"])) == []
    assert list(access.own_pairs(people["curator"])) == []  # curating is not being in a pair


def test_my_pairs_page(client, people):
    client.force_login(people["mentee"])
    html = client.get(reverse("mentoring:my_pairs")).content.decode()
    assert "Наставник: Смирнова Елена Викторовна" in html
    client.force_login(people["stranger"])
    html = client.get(reverse("mentoring:my_pairs")).content.decode()
    assert "Смирнова" not in html
    assert "Вы пока не состоите ни в одной паре." in html


def test_a_teacher_sees_only_their_own_request(client, people):
    url = reverse("mentoring:request", args=[people["programme"].slug])
    client.force_login(people["stranger"])
    html = client.get(url).content.decode()
    assert SECRET not in html  # a blank form for their own request
    client.force_login(people["mentee"])
    assert SECRET in client.get(url).content.decode()


def test_the_programme_page_shows_no_one_elses_data(client, people):
    client.force_login(people["stranger"])
    html = client.get(reverse("mentoring:programme", args=[people["programme"].slug])).content
    html = html.decode()
    assert people["programme"].title in html
    for name in ("Новикова", "Соколов", SECRET):
        assert name not in html


def test_the_home_page_shows_only_counts(client, people):
    html = client.get("/").content.decode()
    assert "Наставнических пар сформировано" in html
    for name in ("Новикова", "Соколов", SECRET):
        assert name not in html


def test_survey_of_another_programme_is_not_found(client, people):
    from tests.mentoring.factories import ProgrammeFactory

    foreign = Survey.objects.create(
        programme=ProgrammeFactory(),
        title="Чужая анкета",
        moment="start",
        opens_on=datetime.date(2026, 1, 1),
        closes_on=datetime.date(2027, 12, 31),
    )
    client.force_login(people["mentee"])
    url = reverse("mentoring:survey", args=[people["pair"].pk, foreign.pk])
    assert client.get(url).status_code == 404


def test_personal_data_in_the_admin_is_for_methodists_only(client, people):
    urls = [
        reverse("wagtailsnippets_mentoring_menteerequest:list"),
        reverse("wagtailsnippets_mentoring_pair:list"),
        reverse("wagtailsnippets_mentoring_menteerequest:edit", args=[people["mentee_request"].pk]),
    ]
    client.force_login(people["mentor_user"])  # mentors may enter the admin
    for url in urls:
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert SECRET not in response.content.decode()
    client.force_login(people["methodist"])
    for url in urls:
        assert client.get(url).status_code == 200, url
    # Requests are made by teachers with their consent, not in the admin.
    assert client.get(reverse("wagtailsnippets_mentoring_menteerequest:add")).status_code in (
        302,
        403,
    )
