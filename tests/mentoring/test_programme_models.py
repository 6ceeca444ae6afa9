"""The programme's records and the rules of pairs: forming, confirming, declining, working, closing."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

import pytest

from mentoring import closing, pairing, plans
from mentoring.models import (
    Award,
    AwardLevel,
    MentorProfile,
    Pair,
    PairState,
    ProfessionalDeficit,
    Programme,
    ProgrammeStage,
    Survey,
    SurveyAnswer,
    SurveyQuestion,
    SurveyResponse,
    TaskStatus,
)
from tests.mentoring.factories import (
    MenteeRequestFactory,
    MentorProfileFactory,
    PoolEntryFactory,
    ProgrammeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme():
    return ProgrammeFactory(title="Программа наставничества Московского района 2026/27")


@pytest.fixture
def mentor(programme):
    profile = MentorProfileFactory(user=UserFactory(username="nastavnica"))
    PoolEntryFactory(programme=programme, mentor=profile, capacity=2)
    return profile


def test_deficits_are_seeded_with_the_competencies_that_answer_them():
    names = set(ProfessionalDeficit.objects.values_list("name", flat=True))
    assert {
        "Планирование и проведение урока",
        "Работа с родителями",
        "Классное руководство",
        "Оценивание образовательных результатов",
        "Использование ИКТ и цифровых ресурсов",
        "Дисциплина и управление классом",
        "Инклюзия: обучение детей с ОВЗ",
        "Ведение документации",
    } <= names
    parents = ProfessionalDeficit.objects.get(slug="rabota-s-roditelyami")
    assert list(parents.competencies.values_list("slug", flat=True)) == [
        "vzaimodejstvie-s-roditelyami"
    ]
    assert not ProfessionalDeficit.objects.filter(competencies__isnull=True).exists()


def test_programme_cannot_end_before_it_starts(programme):
    programme.ends_on = datetime.date(2026, 8, 1)
    with pytest.raises(ValidationError) as error:
        programme.full_clean()
    assert "ends_on" in error.value.message_dict


def test_current_stage(programme):
    ProgrammeStage.objects.create(
        programme=programme,
        kind="pairing",
        starts_on=datetime.date(2026, 10, 1),
        ends_on=datetime.date(2026, 10, 31),
    )
    programme = Programme.objects.get(pk=programme.pk)
    assert str(programme.current_stage(datetime.date(2026, 10, 15))) == (
        "Формирование наставнических пар и групп"
    )
    assert programme.current_stage(datetime.date(2026, 11, 1)) is None


def test_one_request_per_teacher_and_programme(programme):
    request = MenteeRequestFactory(programme=programme)
    with pytest.raises(IntegrityError), transaction.atomic():
        MenteeRequestFactory(programme=programme, teacher=request.teacher)


def test_a_proposed_pair_takes_a_place_and_gets_a_plan(programme, mentor):
    request = MenteeRequestFactory(
        programme=programme, deficits_text="Не держу дисциплину в 7 «Б»."
    )
    pair = pairing.form_pair(programme, mentor, [request], by=programme.curator)
    assert pair.state == PairState.PROPOSED and pair.confirmed_at is None
    assert pair.plan.problem == "Не держу дисциплину в 7 «Б»."
    assert pairing.taken_places(programme, mentor) == 1
    assert list(pairing.open_requests(programme)) == []

    pairing.confirm(pair, by=programme.curator)
    pair.refresh_from_db()
    assert pair.state == PairState.CONFIRMED and pair.confirmed_at is not None
    with pytest.raises(pairing.PairingError):
        pairing.confirm(pair, by=programme.curator)


def test_a_mentor_takes_no_more_mentees_than_their_capacity(programme, mentor):
    first, second, third = MenteeRequestFactory.create_batch(3, programme=programme)
    pair = pairing.form_pair(programme, mentor, [first, second], by=programme.curator)
    assert pair.is_group
    with pytest.raises(pairing.PairingError, match="нет свободных мест"):
        pairing.form_pair(programme, mentor, [third], by=programme.curator)
    # A declined pair frees its places.
    pairing.decline(pair, mentor.user, "Не успеваю в этом полугодии.")
    assert pairing.taken_places(programme, mentor) == 0
    pairing.form_pair(programme, mentor, [third], by=programme.curator)


def test_a_request_has_one_mentor_at_a_time(programme, mentor):
    other = MentorProfileFactory()
    PoolEntryFactory(programme=programme, mentor=other)
    request = MenteeRequestFactory(programme=programme)
    pairing.form_pair(programme, mentor, [request], by=programme.curator, confirm=True)
    with pytest.raises(pairing.PairingError, match="уже есть наставник"):
        pairing.form_pair(programme, other, [request], by=programme.curator)


def test_pairs_only_with_mentors_of_the_pool_and_not_with_oneself(programme, mentor):
    outsider = MentorProfileFactory()
    request = MenteeRequestFactory(programme=programme)
    with pytest.raises(pairing.PairingError, match="нет в базе наставников"):
        pairing.form_pair(programme, outsider, [request], by=programme.curator)
    own = MenteeRequestFactory(programme=programme, teacher=mentor.user)
    with pytest.raises(pairing.PairingError, match="самому себе"):
        pairing.form_pair(programme, mentor, [own], by=programme.curator)


def test_declining_needs_a_reason_and_keeps_who_and_why(programme, mentor):
    request = MenteeRequestFactory(programme=programme)
    pair = pairing.form_pair(programme, mentor, [request], by=programme.curator)
    with pytest.raises(pairing.PairingError, match="причину"):
        pairing.decline(pair, request.teacher, "   ")
    pairing.decline(pair, request.teacher, "Хочу наставника из своей школы.")
    pair.refresh_from_db()
    assert pair.state == PairState.DECLINED
    assert pair.declined_by == request.teacher
    assert pair.decline_reason == "Хочу наставника из своей школы."
    assert pair.declined_at is not None
    # The request waits for another mentor again.
    assert list(pairing.open_requests(programme)) == [request]


def test_a_mentee_leaving_a_group_leaves_only_themselves(programme, mentor):
    first, second = MenteeRequestFactory.create_batch(2, programme=programme)
    group = pairing.form_pair(programme, mentor, [first, second], by=programme.curator)
    pairing.decline(group, second.teacher, "Перевожусь в другую школу.")
    group = Pair.objects.get(pk=group.pk)
    assert group.state == PairState.PROPOSED
    assert [m.request for m in group.current_memberships] == [first]
    assert pairing.taken_places(programme, mentor) == 1


def test_work_starts_with_a_task_and_progress_counts_done_tasks(programme, mentor):
    request = MenteeRequestFactory(programme=programme)
    pair = pairing.form_pair(programme, mentor, [request], by=programme.curator, confirm=True)
    with pytest.raises(pairing.PairingError, match="хотя бы одну цель"):
        pairing.start(pair)
    plan = plans.ensure_plan(pair)
    goal = plans.add_goal(plan, "Освоить формирующее оценивание")
    tasks = [
        plans.add_task(goal, f"Задача {n}", datetime.date(2026, 10, n + 1)) for n in range(1, 4)
    ]
    other_goal = plans.add_goal(plan, "Провести открытый урок")
    tasks.append(plans.add_task(other_goal, "Открытый урок", datetime.date(2027, 3, 1)))
    pairing.start(pair, on=datetime.date(2026, 10, 1))
    assert pair.state == PairState.ACTIVE and pair.started_on == datetime.date(2026, 10, 1)

    assert Pair.objects.with_progress().get(pk=pair.pk).progress == 0
    plans.set_task_status(tasks[0], TaskStatus.DONE, on=datetime.date(2026, 10, 2))
    plans.set_task_status(tasks[1], TaskStatus.IN_PROGRESS)
    annotated = Pair.objects.with_progress().get(pk=pair.pk)
    assert (annotated.tasks_done, annotated.tasks_total, annotated.progress) == (1, 4, 25)
    assert plans.task_counts(pair) == (1, 4)
    assert Pair.objects.get(pk=pair.pk).progress == 25  # without the annotation
    loaded = plans.plan_with_goals(pair)
    assert (loaded.done, loaded.total, loaded.percent) == (1, 4, 25)
    assert [(g.done, g.total) for g in loaded.goal_list] == [(1, 3), (0, 1)]

    tasks[0].refresh_from_db()
    assert tasks[0].done_on == datetime.date(2026, 10, 2)
    plans.set_task_status(tasks[0], TaskStatus.IN_PROGRESS)
    assert tasks[0].done_on is None
    for task in tasks:
        plans.set_task_status(task, TaskStatus.DONE)
    assert Pair.objects.with_progress().get(pk=pair.pk).progress == 100


def test_progress_of_an_empty_plan_is_zero():
    assert plans.progress_percent(0, 0) == 0
    assert plans.progress_percent(1, 3) == 33
    assert plans.progress_percent(2, 3) == 67


def test_best_pair_and_mentor_feed_the_honour_board(programme, mentor):
    request = MenteeRequestFactory(programme=programme)
    pair = pairing.form_pair(programme, mentor, [request], by=programme.curator, confirm=True)
    with pytest.raises(closing.ClosingError):
        closing.mark_best_pair(pair)
    goal = plans.add_goal(plans.ensure_plan(pair), "Цель")
    plans.add_task(goal, "Задача", datetime.date(2026, 11, 1))
    pairing.start(pair)
    pairing.finish(pair, on=datetime.date(2027, 5, 20))

    assert not MentorProfile.objects.awarded().filter(pk=mentor.pk).exists()
    award = closing.mark_best_pair(pair)
    assert award.profile == mentor
    assert award.title == (
        "Лучшая наставническая пара программы «Программа наставничества Московского района 2026/27»"
    )
    assert award.level == AwardLevel.MUNICIPAL  # a district's programme
    assert award.year == 2026  # the programme ends in 2027, which has not come yet
    assert request.teacher.last_name not in award.citation  # the board is public
    assert closing.mark_best_pair(pair) == award  # marking twice changes nothing
    assert MentorProfile.objects.awarded().filter(pk=mentor.pk).exists()

    entry = mentor.pool_entries.get()
    best = closing.mark_best_mentor(entry)
    assert best.title.startswith("Лучший наставник программы")
    assert closing.mark_best_mentor(entry) == best
    assert Award.objects.filter(profile=mentor).count() == 2


def test_school_programmes_award_at_school_level(mentor):
    programme = ProgrammeFactory(level="school")
    entry = PoolEntryFactory(programme=programme, mentor=mentor)
    assert closing.mark_best_mentor(entry).level == AwardLevel.SCHOOL


def test_survey_scores_stay_on_the_scale(programme, mentor):
    survey = Survey.objects.create(
        programme=programme,
        title="Входная анкета",
        moment="start",
        opens_on=datetime.date(2026, 10, 1),
        closes_on=datetime.date(2026, 10, 15),
    )
    question = SurveyQuestion.objects.create(survey=survey, text="Насколько полезны встречи?")
    request = MenteeRequestFactory(programme=programme)
    pair = pairing.form_pair(programme, mentor, [request], by=programme.curator)
    response = SurveyResponse.objects.create(survey=survey, pair=pair, respondent=request.teacher)
    with pytest.raises(IntegrityError), transaction.atomic():
        SurveyAnswer.objects.create(response=response, question=question, score=6)
    SurveyAnswer.objects.create(response=response, question=question, score=5)
    assert survey.is_open(datetime.date(2026, 10, 15))
    assert not survey.is_open(datetime.date(2026, 10, 16))
