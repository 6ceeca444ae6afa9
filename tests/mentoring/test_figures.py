"""Programme figures from known data: pure computation, then read from the database."""

import datetime

import pytest

from mentoring import figures, pairing, plans
from mentoring.figures import RequestRow, SurveyRow
from mentoring.listings import programme_figures
from mentoring.models import (
    ProgrammeOrganisation,
    Survey,
    SurveyAnswer,
    SurveyQuestion,
    SurveyResponse,
)
from tests.mentoring.factories import (
    MenteeRequestFactory,
    MentorProfileFactory,
    OrganisationFactory,
    PoolEntryFactory,
    ProgrammeFactory,
)

ON = datetime.date(2026, 11, 23)


@pytest.mark.parametrize(
    ("age", "career_start", "young"),
    [
        (34, 2000, True),  # under 35, whatever the experience
        (35, 2000, False),
        (None, 2024, True),  # third year of work: 2024, 2025, 2026
        (None, 2023, False),
        (50, 2025, True),  # changed career late: a beginner all the same
        (None, None, False),
    ],
)
def test_who_is_a_young_teacher(age, career_start, young):
    assert figures.is_young(age, career_start, ON) is young


def test_share():
    assert figures.share(1, 3) == 33
    assert figures.share(2, 3) == 67
    assert figures.share(0, 0) is None


def test_compute_from_known_rows():
    requests = [
        RequestRow(organisation_id=1, age=24, career_start_year=2025, in_formed_pair=True),
        RequestRow(organisation_id=1, age=29, career_start_year=2020, in_formed_pair=False),
        RequestRow(organisation_id=1, age=45, career_start_year=2005, in_formed_pair=True),
        RequestRow(organisation_id=2, age=None, career_start_year=2026, in_formed_pair=True),
        RequestRow(organisation_id=3, age=31, career_start_year=2019, in_formed_pair=True),
    ]
    result = figures.compute(
        pair_states={"proposed": 2, "confirmed": 1, "active": 4, "finished": 3, "declined": 1},
        requests=requests,
        # School 1 reported 10 young teachers; school 2 reported none (its one requester counts);
        # school 3 reported nothing at all.
        reported_young={1: 10, 2: 0, 3: None},
        scores=[5, 4, 4, 3, 5],
        surveys=[SurveyRow("Входная анкета", 4.0, 5)],
        practices_published=6,
        on=ON,
    )
    assert (result.proposed, result.formed, result.active, result.finished, result.declined) == (
        2,
        8,
        4,
        3,
        1,
    )
    assert result.requests == 5
    # Young requesters: org 1 — two (24, 29), org 2 — one (career 2026), org 3 — one (31).
    assert result.young_covered == 1 + 1 + 1
    assert result.young_known == 10 + 1 + 1
    assert result.young_share == 25
    assert (result.satisfaction, result.satisfaction_answers) == (4.2, 5)
    assert result.practices_published == 6


def test_compute_with_nothing_yet():
    result = figures.compute(pair_states={}, requests=[], on=ON)
    assert (result.formed, result.young_known, result.young_share, result.satisfaction) == (
        0,
        0,
        None,
        None,
    )


@pytest.fixture
def programme_with_pairs(db):
    school, gymnasium = OrganisationFactory(), OrganisationFactory()
    programme = ProgrammeFactory(organisations=[school, gymnasium])
    ProgrammeOrganisation.objects.filter(programme=programme, organisation=school).update(
        young_teachers=4
    )
    mentors = [MentorProfileFactory() for _ in range(3)]
    for mentor in mentors:
        PoolEntryFactory(programme=programme, mentor=mentor, capacity=3)
    young = [
        MenteeRequestFactory(programme=programme, organisation=school, age=25) for _ in range(3)
    ]
    old = MenteeRequestFactory(
        programme=programme, organisation=gymnasium, age=52, career_start_year=1998
    )
    curator = programme.curator
    active = pairing.form_pair(programme, mentors[0], [young[0]], by=curator, confirm=True)
    goal = plans.add_goal(plans.ensure_plan(active), "Цель")
    plans.add_task(goal, "Задача", datetime.date(2026, 12, 1))
    pairing.start(active)
    pairing.form_pair(programme, mentors[1], [young[1]], by=curator)  # proposed only
    declined = pairing.form_pair(programme, mentors[2], [young[2]], by=curator, confirm=True)
    pairing.decline(declined, young[2].teacher, "Не сошлись графиками.")
    group = pairing.form_pair(programme, mentors[2], [old], by=curator, confirm=True)

    survey = Survey.objects.create(
        programme=programme,
        title="Итоговая анкета",
        moment="end",
        opens_on=datetime.date(2027, 5, 1),
        closes_on=datetime.date(2027, 5, 31),
    )
    scale = SurveyQuestion.objects.create(survey=survey, text="Польза встреч", sort_order=1)
    text = SurveyQuestion.objects.create(survey=survey, text="Что изменить?", kind="text")
    for pair, respondent, score in [
        (active, young[0].teacher, 5),
        (active, mentors[0].user or curator, 4),
        (group, old.teacher, 3),
    ]:
        response = SurveyResponse.objects.create(survey=survey, pair=pair, respondent=respondent)
        SurveyAnswer.objects.create(response=response, question=scale, score=score)
        SurveyAnswer.objects.create(response=response, question=text, text="Чаще встречаться.")
    return programme


def test_gather_reads_a_programme(programme_with_pairs, django_assert_max_num_queries):
    with django_assert_max_num_queries(7):
        result = figures.gather(programme_with_pairs, on=ON)
    assert (result.proposed, result.confirmed, result.active, result.declined) == (1, 1, 1, 1)
    assert result.formed == 2
    # Young: three requesters of the school, which reported four young teachers; one is covered.
    assert (result.young_covered, result.young_known, result.young_share) == (1, 4, 25)
    assert (result.satisfaction, result.satisfaction_answers) == (4.0, 3)
    assert result.surveys == [SurveyRow("Итоговая анкета", 4.0, 3, "end")]
    assert result.practices_published == 0


def test_home_page_figures(programme_with_pairs):
    items = programme_figures()
    assert [(item["label"], str(item["value"])) for item in items] == [
        ("Наставнических пар сформировано", "2"),
        ("Пар работает сейчас", "1"),
        ("Молодых педагогов вовлечено в наставничество", "25\u00a0%"),
        ("Удовлетворённость участников", "4,0 из 5"),
        ("Практик наставников программы в банке", "0"),
    ]
