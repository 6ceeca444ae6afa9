"""A small programme for view tests: a curator, a methodist, two mentors, three teachers.

Imported by the test modules that need it (pytest finds the fixtures by name).
"""

import datetime

import pytest

from mentoring import pairing, plans
from mentoring.models import ProfessionalDeficit
from portal.roles import MENTOR, METHODIST, TEACHER
from practices.models import Competency, Subject
from tests.mentoring.factories import (
    MenteeRequestFactory,
    MentorProfileFactory,
    MunicipalityFactory,
    OrganisationFactory,
    PoolEntryFactory,
    ProgrammeFactory,
    UserFactory,
)

PASSWORD = "пароль-для-тестов"


def user(username, *roles, **names):
    account = UserFactory(username=username, roles=list(roles), **names)
    account.set_password(PASSWORD)
    account.save()
    return account


@pytest.fixture
def people(db, site_home):
    moskovskij = MunicipalityFactory(name="Московский район", slug="moskovskij")
    school = OrganisationFactory(short_name="Школа № 373", municipality=moskovskij)
    curator = user("kurator", TEACHER, last_name="Кураторова", first_name="Ольга")
    programme = ProgrammeFactory(
        title="Программа наставничества Московского района 2026/27",
        slug="moskovskij-2026",
        curator=curator,
        starts_on=datetime.date(2026, 9, 1),
        ends_on=datetime.date(2027, 5, 31),
        organisations=[school],
    )
    mentor_user = user("nastavnik", MENTOR, last_name="Смирнова", first_name="Елена")
    mentor = MentorProfileFactory(
        user=mentor_user,
        last_name="Смирнова",
        first_name="Елена",
        middle_name="Викторовна",
        organisation=school,
        competencies=[Competency.objects.get(slug="vzaimodejstvie-s-roditelyami")],
        subjects=[Subject.objects.get(slug="matematika")],
    )
    PoolEntryFactory(programme=programme, mentor=mentor, capacity=3)
    other_mentor_user = user("nastavnik2", MENTOR, last_name="Кузнецов", first_name="Андрей")
    other_mentor = MentorProfileFactory(
        user=other_mentor_user, last_name="Кузнецов", first_name="Андрей", middle_name="Павлович"
    )
    PoolEntryFactory(programme=programme, mentor=other_mentor, capacity=1)
    mentee = user("pedagog", TEACHER, last_name="Новикова", first_name="Анна")
    waiting_teacher = user("pedagog2", TEACHER, last_name="Соколов", first_name="Илья")
    stranger = user("pedagog3", TEACHER, last_name="Посторонняя", first_name="Мария")
    methodist = user("metodist", METHODIST, last_name="Лебедева", first_name="Татьяна")
    parents = ProfessionalDeficit.objects.get(slug="rabota-s-roditelyami")
    mentee_request = MenteeRequestFactory(
        programme=programme,
        teacher=mentee,
        organisation=school,
        subject=Subject.objects.get(slug="matematika"),
        deficits=[parents],
        deficits_text="Боюсь первого родительского собрания в 5 «А».",
    )
    waiting_request = MenteeRequestFactory(
        programme=programme,
        teacher=waiting_teacher,
        organisation=school,
        deficits=[parents],
        deficits_text="Родители пишут в мессенджер ночью.",
    )
    pair = pairing.form_pair(programme, mentor, [mentee_request], by=curator, confirm=True)
    goal = plans.add_goal(plans.ensure_plan(pair), "Подготовить и провести родительское собрание")
    plans.add_task(goal, "Составить план собрания", datetime.date(2026, 10, 10))
    plans.add_task(goal, "Провести собрание", datetime.date(2026, 10, 20))
    return {
        "programme": programme,
        "school": school,
        "curator": curator,
        "methodist": methodist,
        "mentor": mentor,
        "mentor_user": mentor_user,
        "other_mentor": other_mentor,
        "other_mentor_user": other_mentor_user,
        "mentee": mentee,
        "waiting_teacher": waiting_teacher,
        "stranger": stranger,
        "mentee_request": mentee_request,
        "waiting_request": waiting_request,
        "pair": pair,
        "goal": goal,
    }
