"""The programme's pages: the request form, the curator's desk, the pair page and its forms."""

import datetime

from django.urls import reverse
from django.utils import timezone

import pytest

from mentoring.models import (
    DiaryEntry,
    MenteeRequest,
    Pair,
    PairState,
    ProfessionalDeficit,
    SelfAssessment,
    Survey,
    SurveyQuestion,
    SurveyResponse,
    Task,
    TaskStatus,
)
from tests.mentoring.programme_fixtures import user

pytestmark = pytest.mark.django_db


def signed_in(client, account):
    client.force_login(account)
    return client


def request_data(**overrides):
    data = {
        "organisation": "",
        "position": "учитель математики",
        "subject": "",
        "education_level": "",
        "deficits": [str(ProfessionalDeficit.objects.get(slug="disciplina").pk)],
        "deficits_text": "Шумно на уроках в 7 «Б».",
        "preferred_form": "",
        "preferred_format": "in_person",
        "age": "24",
        "career_start_year": "2025",
        "consent": "on",
    }
    data.update(overrides)
    return data


def test_a_teacher_submits_a_request_with_consent(client, people):
    teacher = user("novaya", last_name="Новая", first_name="Вера")
    signed_in(client, teacher)
    url = reverse("mentoring:request", args=[people["programme"].slug])
    assert client.get(url).status_code == 200
    before = timezone.now()
    response = client.post(url, request_data(organisation=str(people["school"].pk)))
    assert response.status_code == 302
    saved = MenteeRequest.objects.get(teacher=teacher)
    assert saved.programme == people["programme"]
    assert saved.consent_at >= before
    assert [d.slug for d in saved.deficits.all()] == ["disciplina"]
    assert saved.deficits_text == "Шумно на уроках в 7 «Б»."

    # Editing keeps one request and records the renewed consent.
    response = client.post(
        url, request_data(organisation=str(people["school"].pk), deficits_text="Другое.")
    )
    assert response.status_code == 302
    assert MenteeRequest.objects.filter(teacher=teacher).count() == 1
    assert MenteeRequest.objects.get(teacher=teacher).deficits_text == "Другое."


def test_the_request_form_keeps_input_and_explains_errors(client, people):
    teacher = user("novaya", last_name="Новая")
    signed_in(client, teacher)
    url = reverse("mentoring:request", args=[people["programme"].slug])
    response = client.post(
        url,
        request_data(
            organisation=str(people["school"].pk),
            consent="",
            deficits=[],
            deficits_text="<script>alert(1)</script> мой текст",
            age="30",
            career_start_year="1990",
        ),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Без согласия на обработку персональных данных запрос сохранить нельзя." in html
    assert "Отметьте хотя бы один дефицит, с которым нужна помощь." in html
    assert "При возрасте 30 лет работа не могла начаться раньше" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; мой текст" in html  # kept, escaped
    assert "<script>alert(1)</script>" not in html
    assert 'value="учитель математики"' in html
    assert not MenteeRequest.objects.filter(teacher=teacher).exists()


def test_requests_are_closed_when_the_programme_stops_accepting(client, people):
    programme = people["programme"]
    programme.accepts_requests = False
    programme.save()
    signed_in(client, user("pozdno"))
    response = client.get(reverse("mentoring:request", args=[programme.slug]))
    assert response.status_code == 302
    assert not MenteeRequest.objects.filter(teacher__username="pozdno").exists()


def test_the_curator_sees_suggestions_with_reasons(client, people):
    signed_in(client, people["curator"])
    response = client.get(reverse("mentoring:curator", args=[people["programme"].slug]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Соколов Илья" in html  # the waiting request
    assert "Помогает с дефицитом «Работа с родителями»: Взаимодействие с родителями" in html
    assert "Из той же организации: Школа № 373" in html
    assert "Подтвердить пару" in html


def test_the_curator_shows_the_pairs_of_one_state(client, people):
    from mentoring import pairing

    programme, confirmed = people["programme"], people["pair"]
    active = pairing.form_pair(
        programme,
        people["other_mentor"],
        [people["waiting_request"]],
        by=people["curator"],
        confirm=True,
    )
    active.state = PairState.ACTIVE
    active.save(update_fields=["state"])
    signed_in(client, people["curator"])
    url = reverse("mentoring:curator", args=[programme.slug])

    def table(query):
        html = client.get(url, query).content.decode()
        return html[html.index('id="pairs-title"') : html.index('id="pool-title"')]

    everything = table({})
    assert str(confirmed) in everything and str(active) in everything
    assert "sostoyanie=active" in everything and "sostoyanie=confirmed" in everything
    only_active = table({"sostoyanie": "active"})
    assert str(active) in only_active and str(confirmed) not in only_active
    # A state that is not there (or not a state) shows them all.
    for junk in ("finished", "<script>", ""):
        assert str(confirmed) in table({"sostoyanie": junk})


def test_the_curator_confirms_a_suggested_pair(client, people):
    programme = people["programme"]
    signed_in(client, people["curator"])
    response = client.post(
        reverse("mentoring:form_pair", args=[programme.slug]),
        {
            "request": people["waiting_request"].pk,
            "mentor": people["mentor"].pk,
            "action": "confirm",
        },
    )
    assert response.status_code == 302
    pair = Pair.objects.get(memberships__request=people["waiting_request"])
    assert pair.state == PairState.CONFIRMED and pair.mentor == people["mentor"]
    assert pair.match_score == 3 + 2 + 1  # parents deficit, same school, free places
    assert [r["code"] for r in pair.match_reasons] == ["deficit", "organisation", "capacity"]
    assert pair.plan.problem == "Родители пишут в мессенджер ночью."


def test_pairing_refused_for_a_full_mentor_says_why(client, people):
    programme = people["programme"]
    other = people["other_mentor"]
    signed_in(client, people["curator"])
    extra = MenteeRequest.objects.create(
        programme=programme,
        teacher=user("eshche"),
        organisation=people["school"],
        preferred_format="mixed",
        career_start_year=2025,
        consent_at=timezone.now(),
    )
    url = reverse("mentoring:form_pair", args=[programme.slug])
    client.post(url, {"request": extra.pk, "mentor": other.pk, "action": "propose"})
    response = client.post(
        url,
        {"request": people["waiting_request"].pk, "mentor": other.pk, "action": "propose"},
        follow=True,
    )
    assert "нет свободных мест" in response.content.decode()
    assert not Pair.objects.filter(memberships__request=people["waiting_request"]).exists()


def test_a_mentee_joins_a_group(client, people):
    signed_in(client, people["curator"])
    pair = people["pair"]
    client.post(
        reverse("mentoring:form_pair", args=[people["programme"].slug]),
        {
            "request": people["waiting_request"].pk,
            "mentor": people["mentor"].pk,
            "group": pair.pk,
        },
    )
    pair = Pair.objects.get(pk=pair.pk)
    assert pair.is_group
    assert {m.request for m in pair.current_memberships} == {
        people["mentee_request"],
        people["waiting_request"],
    }


def test_both_sides_see_the_plan_and_progress(client, people):
    pair = people["pair"]
    for account in (people["mentee"], people["mentor_user"]):
        signed_in(client, account)
        html = client.get(pair.get_absolute_url()).content.decode()
        assert "Подготовить и провести родительское собрание" in html
        assert "Выполнено задач: 0 из 2" in html


def test_task_status_updates_move_the_progress(client, people):
    pair = people["pair"]
    task = Task.objects.filter(goal=people["goal"]).first()
    signed_in(client, people["mentee"])
    response = client.post(
        reverse("mentoring:task_status", args=[pair.pk, task.pk]), {"status": TaskStatus.DONE}
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE and task.done_on == timezone.localdate()
    html = client.get(pair.get_absolute_url()).content.decode()
    assert "Выполнено задач: 1 из 2" in html and 'value="50"' in html


def test_goals_and_tasks_are_added_and_bad_input_is_kept(client, people):
    pair = people["pair"]
    signed_in(client, people["mentor_user"])
    client.post(reverse("mentoring:goal_add", args=[pair.pk]), {"goal-title": "Освоить ИКТ"})
    goal = pair.plan.goals.get(title="Освоить ИКТ")
    response = client.post(
        reverse("mentoring:task_add", args=[pair.pk, goal.pk]),
        {"task-title": "Пройти курс по ФГИС «Моя школа»", "task-due_on": "2030-01-01"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Срок должен попадать в сроки программы: с 01.09.2026 по 31.05.2027." in html
    assert 'value="Пройти курс по ФГИС «Моя школа»"' in html
    response = client.post(
        reverse("mentoring:task_add", args=[pair.pk, goal.pk]),
        {"task-title": "Пройти курс", "task-due_on": "2026-12-15"},
    )
    assert response.status_code == 302
    assert goal.tasks.get().due_on == datetime.date(2026, 12, 15)
    response = client.post(reverse("mentoring:goal_add", args=[pair.pk]), {"goal-title": ""})
    assert response.status_code == 400
    assert "Сформулируйте цель." in response.content.decode()


def test_the_mentor_keeps_a_diary_and_both_comment(client, people):
    pair = people["pair"]
    signed_in(client, people["mentor_user"])
    response = client.post(
        reverse("mentoring:diary_add", args=[pair.pk]),
        {
            "diary-met_on": "2026-10-05",
            "diary-format": "in_person",
            "diary-topic": "Разбор плана собрания",
            "diary-notes": "Договорились о регламенте.",
        },
    )
    assert response.status_code == 302
    assert DiaryEntry.objects.get(pair=pair).author == people["mentor_user"]
    # A mentee reads the diary but does not write it.
    signed_in(client, people["mentee"])
    response = client.post(
        reverse("mentoring:diary_add", args=[pair.pk]),
        {"diary-met_on": "2026-10-06", "diary-format": "remote", "diary-topic": "x"},
    )
    assert response.status_code == 404
    client.post(reverse("mentoring:comment_add", args=[pair.pk]), {"comment-text": "Спасибо!"})
    html = client.get(pair.get_absolute_url()).content.decode()
    assert "Разбор плана собрания" in html and "Спасибо!" in html


def test_self_assessment_at_the_start(client, people):
    pair = people["pair"]
    signed_in(client, people["mentee"])
    url = reverse("mentoring:self_assessment", args=[pair.pk, "start"])
    assert client.post(url, {"achievements": "Хорошо объясняю.", "deficits": ""}).status_code == 400
    response = client.post(url, {"achievements": "Хорошо объясняю.", "deficits": "Собрания."})
    assert response.status_code == 302
    assessment = SelfAssessment.objects.get(pair=pair, author=people["mentee"])
    assert assessment.moment == "start"
    assert (
        client.get(reverse("mentoring:self_assessment", args=[pair.pk, "later"])).status_code == 404
    )


def test_declining_with_a_reason(client, people):
    pair = people["pair"]
    signed_in(client, people["mentee"])
    url = reverse("mentoring:decline", args=[pair.pk])
    response = client.post(url, {"reason": ""})
    assert response.status_code == 400
    assert "Напишите причину отказа." in response.content.decode()
    response = client.post(url, {"reason": "Нашла наставника в своей школе."})
    assert response.status_code == 302
    pair.refresh_from_db()
    assert pair.state == PairState.DECLINED and pair.declined_by == people["mentee"]


def test_a_survey_is_answered_once(client, people):
    pair, programme = people["pair"], people["programme"]
    today = timezone.localdate()
    survey = Survey.objects.create(
        programme=programme,
        title="Входная анкета",
        moment="start",
        opens_on=today - datetime.timedelta(days=1),
        closes_on=today + datetime.timedelta(days=10),
    )
    scale = SurveyQuestion.objects.create(survey=survey, text="Насколько вы довольны парой?")
    text = SurveyQuestion.objects.create(
        survey=survey, text="Что изменить?", kind="text", required=False
    )
    signed_in(client, people["mentee"])
    url = reverse("mentoring:survey", args=[pair.pk, survey.pk])
    response = client.post(url, {f"q{text.pk}": "Больше практики"})
    assert response.status_code == 400
    assert "Выберите оценку от 1 до 5." in response.content.decode()
    assert (
        client.post(url, {f"q{scale.pk}": "5", f"q{text.pk}": "Больше практики"}).status_code == 302
    )
    response = SurveyResponse.objects.get(pair=pair, respondent=people["mentee"])
    assert sorted((a.question_id, a.score, a.text) for a in response.answers.all()) == [
        (scale.pk, 5, ""),
        (text.pk, None, "Больше практики"),
    ]
    client.post(url, {f"q{scale.pk}": "1"})
    assert SurveyResponse.objects.filter(pair=pair, respondent=people["mentee"]).count() == 1


def test_start_finish_result_and_best_pair(client, people):
    pair = people["pair"]
    signed_in(client, people["mentor_user"])
    assert client.post(reverse("mentoring:pair_start", args=[pair.pk])).status_code == 302
    pair.refresh_from_db()
    assert pair.state == PairState.ACTIVE
    # Only the curator finishes a pair's work.
    assert client.post(reverse("mentoring:pair_finish", args=[pair.pk])).status_code == 404
    response = client.post(
        reverse("mentoring:result", args=[pair.pk]),
        {"summary": "Провела собрание, родители довольны.", "url": "https://example.org/itog"},
    )
    assert response.status_code == 302
    signed_in(client, people["curator"])
    client.post(reverse("mentoring:pair_finish", args=[pair.pk]))
    client.post(reverse("mentoring:pair_best", args=[pair.pk]))
    pair.refresh_from_db()
    assert pair.state == PairState.FINISHED
    assert pair.best_award.profile == people["mentor"]
    assert pair.result.summary == "Провела собрание, родители довольны."


def test_navigation_for_signed_in_people(client, people):
    nav_link = 'class="main-nav__link" href="/mentoring/programmy/"'
    assert nav_link not in client.get("/").content.decode()  # visitors: no such entry
    signed_in(client, people["mentee"])
    html = client.get(reverse("mentoring:programmes")).content.decode()
    assert nav_link in html
    assert "Мои пары" in html
    signed_in(client, people["stranger"])
    html = client.get(reverse("mentoring:programmes")).content.decode()
    assert nav_link in html and "Мои пары" not in html


def _grow(people, n):
    """n more requests, mentors and pairs with plans: the pages must not ask more per row."""
    from mentoring import pairing, plans
    from tests.mentoring.factories import (
        MenteeRequestFactory,
        MentorProfileFactory,
        PoolEntryFactory,
    )

    programme = people["programme"]
    for i in range(n):
        mentor = MentorProfileFactory(organisation=people["school"])
        PoolEntryFactory(programme=programme, mentor=mentor, capacity=2)
        paired = MenteeRequestFactory(
            programme=programme,
            teacher=user(f"grow-a-{i}"),
            deficits=list(ProfessionalDeficit.objects.all()[:2]),
        )
        other = MenteeRequestFactory(
            programme=programme,
            teacher=user(f"grow-b-{i}"),
            deficits=list(ProfessionalDeficit.objects.all()[2:4]),
        )
        if i < 2:  # the signed-in mentor gets more pairs too
            pairing.form_pair(programme, people["mentor"], [other], by=programme.curator)
        pair = pairing.form_pair(programme, mentor, [paired], by=programme.curator, confirm=True)
        goal = plans.add_goal(plans.ensure_plan(pair), "Цель")
        plans.add_task(goal, "Задача", datetime.date(2026, 11, 1))
    goal = people["goal"]
    for i in range(n):
        plans.add_task(goal, f"Ещё задача {i}", datetime.date(2026, 12, 1))
        Comment = people["pair"].comments.model
        Comment.objects.create(
            pair=people["pair"], author=people["mentee"], text=f"Комментарий {i}"
        )


def test_pages_ask_the_same_number_of_queries_as_the_programme_grows(
    client, people, django_assert_max_num_queries
):
    pages = [
        (people["curator"], reverse("mentoring:curator", args=[people["programme"].slug])),
        (people["mentee"], people["pair"].get_absolute_url()),
        (people["mentor_user"], reverse("mentoring:my_pairs")),
    ]
    measured = []
    for account, url in pages:
        client.force_login(account)
        client.get(url)  # warm caches (site, content types)
        with django_assert_max_num_queries(60) as small:
            assert client.get(url).status_code == 200
        measured.append(len(small.captured_queries))
    _grow(people, 4)
    for (account, url), count in zip(pages, measured, strict=True):
        client.force_login(account)
        client.get(url)
        with django_assert_max_num_queries(count):
            assert client.get(url).status_code == 200


def test_my_pairs_link_appears_once_a_teacher_asks_for_a_mentor(client, people):
    teacher = user("novichok", last_name="Новичкова")
    client.force_login(teacher)
    programmes = reverse("mentoring:programmes")
    assert "Мои пары" not in client.get(programmes).content.decode()
    client.post(
        reverse("mentoring:request", args=[people["programme"].slug]),
        request_data(organisation=str(people["school"].pk)),
    )
    assert "Мои пары" in client.get(programmes).content.decode()
