"""Mentor suggestions: the score is the sum of named reasons, asserted exactly."""

import pytest

from mentoring import matching, pairing
from mentoring.matching import DeficitFacts, MentorFacts, RequestFacts, Term
from mentoring.models import MenteeRequest, ProfessionalDeficit
from practices.models import Competency, EducationLevel, MentoringForm, Subject
from tests.mentoring.factories import (
    MenteeRequestFactory,
    MentorProfileFactory,
    MunicipalityFactory,
    OrganisationFactory,
    PoolEntryFactory,
    ProgrammeFactory,
    UserFactory,
)

# Known facts: ids are arbitrary, names are what the curator reads.
PARENTS = DeficitFacts(1, "Работа с родителями", frozenset({11}))
DISCIPLINE = DeficitFacts(2, "Дисциплина и управление классом", frozenset({12}))
ASSESSMENT = DeficitFacts(3, "Оценивание образовательных результатов", frozenset({13}))
MATHS = Term(21, "Математика")
OOO = Term(31, "Основное общее образование")
TEACHER_TEACHER = Term(41, "учитель – учитель")
SCHOOL_373 = Term(51, "Школа № 373")
MOSKOVSKIJ = Term(61, "Московский район")

REQUEST = RequestFacts(
    id=100,
    teacher_id=500,
    deficits=(PARENTS, DISCIPLINE, ASSESSMENT),
    subject=MATHS,
    level=OOO,
    form=TEACHER_TEACHER,
    organisation=SCHOOL_373,
    municipality=MOSKOVSKIJ,
)


def mentor(id, name, **facts):
    return MentorFacts(id=id, name=name, **facts)


SMIRNOVA = mentor(
    1,
    "Смирнова Елена Викторовна",
    competencies=(Term(11, "Взаимодействие с родителями"), Term(12, "Управление классом")),
    subjects=frozenset({21}),
    levels=frozenset({31}),
    forms=frozenset({41}),
    organisation_id=51,
    municipality_id=61,
    capacity=3,
    taken=1,
)
KUZNETSOV = mentor(
    2,
    "Кузнецов Андрей Павлович",
    competencies=(Term(13, "Оценивание"), Term(14, "Проектная деятельность")),
    subjects=frozenset({22}),
    levels=frozenset({31}),
    organisation_id=52,
    municipality_id=61,
    capacity=2,
    taken=0,
)
IVANOVA = mentor(
    3,
    "Иванова Ольга Сергеевна",
    competencies=(Term(11, "Взаимодействие с родителями"), Term(12, "Управление классом")),
    subjects=frozenset({21}),
    levels=frozenset({31}),
    organisation_id=51,
    municipality_id=61,
    capacity=2,
    taken=2,
)
FAR_AWAY = mentor(4, "Петров Пётр Петрович", organisation_id=99, municipality_id=98, capacity=1)


def labels(suggestion):
    return [(r.code, r.label, r.points) for r in suggestion.reasons]


def test_every_reason_is_named_with_its_points():
    suggestion = matching.score(REQUEST, SMIRNOVA)
    assert labels(suggestion) == [
        (
            "deficit",
            "Помогает с дефицитом «Работа с родителями»: Взаимодействие с родителями",
            3,
        ),
        (
            "deficit",
            "Помогает с дефицитом «Дисциплина и управление классом»: Управление классом",
            3,
        ),
        ("subject", "Тот же предмет: Математика", 2),
        ("level", "Тот же уровень образования: Основное общее образование", 2),
        ("form", "Работает в желаемой форме: учитель – учитель", 1),
        ("organisation", "Из той же организации: Школа № 373", 2),
        ("capacity", "Есть свободные места: 2 из 3", 1),
    ]
    assert suggestion.score == 14
    assert not suggestion.full


def test_same_municipality_counts_only_without_the_same_organisation():
    suggestion = matching.score(REQUEST, KUZNETSOV)
    assert labels(suggestion) == [
        (
            "deficit",
            "Помогает с дефицитом «Оценивание образовательных результатов»: Оценивание",
            3,
        ),
        ("level", "Тот же уровень образования: Основное общее образование", 2),
        ("municipality", "Из того же муниципалитета: Московский район", 1),
        ("capacity", "Есть свободные места: 2 из 2", 1),
    ]
    assert suggestion.score == 7


def test_a_full_mentor_is_marked_and_scores_no_capacity_point():
    suggestion = matching.score(REQUEST, IVANOVA)
    assert suggestion.full
    assert labels(suggestion)[-1] == ("full", "Мест нет: заняты все 2", 0)
    assert suggestion.score == 3 + 3 + 2 + 2 + 2


def test_nothing_in_common_leaves_only_free_places():
    assert labels(matching.score(REQUEST, FAR_AWAY)) == [
        ("capacity", "Есть свободные места: 1 из 1", 1)
    ]


def test_ranking_puts_full_mentors_last_and_breaks_ties_by_free_places_then_name():
    ranked = matching.rank(REQUEST, [FAR_AWAY, IVANOVA, KUZNETSOV, SMIRNOVA])
    assert [(s.mentor.name, s.score, s.full) for s in ranked] == [
        ("Смирнова Елена Викторовна", 14, False),
        ("Кузнецов Андрей Павлович", 7, False),
        ("Петров Пётр Петрович", 1, False),
        ("Иванова Ольга Сергеевна", 12, True),  # a higher score, but no places
    ]
    twin_a = mentor(7, "Борисова", capacity=3, organisation_id=99)
    twin_b = mentor(8, "Андреева", capacity=3, organisation_id=99)
    busier = mentor(9, "Алексеева", capacity=3, taken=2, organisation_id=99)
    assert [s.mentor.name for s in matching.rank(REQUEST, [busier, twin_a, twin_b])] == [
        "Андреева",
        "Борисова",
        "Алексеева",
    ]


def test_ranking_excludes_the_teacher_themselves_and_declined_mentors():
    own = mentor(5, "Сам себе наставник", user_id=500)
    ranked = matching.rank(REQUEST, [own, SMIRNOVA, KUZNETSOV], excluded=frozenset({1}))
    assert [s.mentor.id for s in ranked] == [2]
    assert [s.mentor.id for s in matching.rank(REQUEST, [SMIRNOVA, KUZNETSOV], limit=1)] == [1]


def test_reasons_are_kept_as_data():
    suggestion = matching.score(REQUEST, FAR_AWAY)
    assert suggestion.reasons_as_data() == [
        {"code": "capacity", "label": "Есть свободные места: 1 из 1", "points": 1}
    ]


# --- From the database ------------------------------------------------------------------


@pytest.fixture
def world(db):
    moskovskij = MunicipalityFactory(name="Московский район", slug="moskovskij")
    school = OrganisationFactory(short_name="Школа № 373", municipality=moskovskij)
    gymnasium = OrganisationFactory(short_name="Гимназия № 524", municipality=moskovskij)
    programme = ProgrammeFactory(organisations=[school, gymnasium])
    competency = {c.slug: c for c in Competency.objects.all()}
    maths = Subject.objects.get(slug="matematika")
    ooo = EducationLevel.objects.get(slug="ooo")
    form = MentoringForm.objects.get(slug="uchitel-uchitel")
    smirnova = MentorProfileFactory(
        last_name="Смирнова",
        first_name="Елена",
        middle_name="Викторовна",
        organisation=school,
        competencies=[competency["vzaimodejstvie-s-roditelyami"], competency["ocenivanie"]],
        subjects=[maths],
    )
    smirnova.education_levels.add(ooo)
    smirnova.mentoring_forms.add(form)
    kuznetsov = MentorProfileFactory(
        last_name="Кузнецов",
        first_name="Андрей",
        middle_name="Павлович",
        organisation=gymnasium,
        competencies=[competency["upravlenie-klassom"]],
    )
    PoolEntryFactory(programme=programme, mentor=smirnova, capacity=2)
    PoolEntryFactory(programme=programme, mentor=kuznetsov, capacity=1)
    request = MenteeRequestFactory(
        programme=programme,
        organisation=school,
        subject=maths,
        education_level=ooo,
        preferred_form=form,
        deficits=[
            ProfessionalDeficit.objects.get(slug="rabota-s-roditelyami"),
            ProfessionalDeficit.objects.get(slug="disciplina"),
        ],
    )
    return {
        "programme": programme,
        "request": request,
        "smirnova": smirnova,
        "kuznetsov": kuznetsov,
        "school": school,
    }


def test_suggestions_from_the_database(world):
    programme, request = world["programme"], world["request"]
    requests = MenteeRequest.objects.for_matching().filter(pk=request.pk)
    suggestions = matching.suggestions_for(programme, requests)[request.pk]
    assert [(s.mentor.name, s.score) for s in suggestions] == [
        ("Смирнова Елена Викторовна", 3 + 2 + 2 + 1 + 2 + 1),
        ("Кузнецов Андрей Павлович", 3 + 1 + 1),
    ]
    assert [r.code for r in suggestions[1].reasons] == ["deficit", "municipality", "capacity"]
    assert suggestions[0].mentor.profile == world["smirnova"]


def test_taken_places_and_declined_pairs_change_the_suggestions(world):
    programme, request = world["programme"], world["request"]
    other = MenteeRequestFactory(programme=programme)
    pairing.form_pair(programme, world["kuznetsov"], [other], by=programme.curator)
    declined = pairing.form_pair(programme, world["smirnova"], [request], by=programme.curator)
    pairing.decline(declined, request.teacher, "Хочу наставника-мужчину.")

    requests = MenteeRequest.objects.for_matching().filter(pk=request.pk)
    suggestions = matching.suggestions_for(programme, requests)[request.pk]
    assert [(s.mentor.name, s.full) for s in suggestions] == [("Кузнецов Андрей Павлович", True)]
    assert suggestions[0].reasons[-1].label == "Мест нет: заняты все 1"


def test_queries_stay_constant_as_requests_and_mentors_grow(world, django_assert_max_num_queries):
    programme = world["programme"]

    def measure():
        requests = list(MenteeRequest.objects.for_matching().filter(programme=programme))
        return matching.suggestions_for(programme, requests)

    with django_assert_max_num_queries(10) as small:
        measure()
    for n in range(6):
        profile = MentorProfileFactory(
            organisation=world["school"],
            competencies=list(Competency.objects.all()[:3]),
        )
        PoolEntryFactory(programme=programme, mentor=profile)
        MenteeRequestFactory(
            programme=programme,
            teacher=UserFactory(username=f"many-{n}"),
            deficits=list(ProfessionalDeficit.objects.all()[:3]),
        )
    with django_assert_max_num_queries(len(small.captured_queries)):
        result = measure()
    assert len(result) == 7 and all(len(s) == 5 for s in result.values())
