import pytest

from mentoring.models import Award, AwardLevel, MentorProfile
from tests.mentoring.factories import (
    AwardFactory,
    MentorProfileFactory,
    MunicipalityFactory,
    OrganisationFactory,
)


def test_names():
    profile = MentorProfile(last_name="Смирнова", first_name="Елена", middle_name="Викторовна")
    assert profile.full_name == str(profile) == "Смирнова Елена Викторовна"
    assert profile.short_name == "Смирнова Е. В."
    assert profile.initials == "ЕС"
    no_patronymic = MentorProfile(last_name="Smith", first_name="John")
    assert no_patronymic.full_name == "Smith John" and no_patronymic.short_name == "Smith J."


def test_years_of_experience_follow_the_calendar(monkeypatch):
    monkeypatch.setattr("mentoring.models.people.current_year", lambda: 2026)
    assert MentorProfile(teaching_since=1998).years_of_experience == 28
    assert MentorProfile().years_of_experience is None


def test_url_contract():
    assert (
        MentorProfile(slug="smirnova-elena").get_absolute_url()
        == "/mentoring/nastavniki/smirnova-elena/"
    )


@pytest.mark.django_db
def test_municipality_follows_the_organisation():
    kirovskij = MunicipalityFactory(name="Кировский район")
    elsewhere = MunicipalityFactory()
    profile = MentorProfileFactory(
        organisation=OrganisationFactory(municipality=kirovskij), municipality=elsewhere
    )
    assert profile.municipality == kirovskij
    profile.organisation = None
    profile.municipality = elsewhere
    profile.save()
    profile.refresh_from_db()
    assert (
        profile.municipality == elsewhere
    )  # without an organisation the mentor's own choice stands


@pytest.mark.django_db
def test_award_levels_rank_from_school_to_federal():
    assert [AwardLevel.rank(level) for level in AwardLevel.values] == [1, 2, 3, 4]
    profile = MentorProfileFactory()
    school = AwardFactory(profile=profile, level=AwardLevel.SCHOOL, year=2024)
    federal = AwardFactory(profile=profile, level=AwardLevel.FEDERAL, year=2024)
    older = AwardFactory(profile=profile, level=AwardLevel.FEDERAL, year=2020)
    assert list(Award.objects.by_importance()) == [federal, school, older]
    assert str(federal) == "Победитель конкурса «Лучший наставник года» (2024)"
    assert MentorProfile.objects.awarded().get() == profile


@pytest.mark.django_db
def test_unique_slug_is_readable_and_unique():
    MentorProfileFactory(slug="ivanova-olga-sergeevna")
    profile = MentorProfile(last_name="Иванова", first_name="Ольга", middle_name="Сергеевна")
    assert profile.unique_slug() == "ivanova-olga-sergeevna-2"
    profile.save()  # a methodist may leave the address empty in the admin
    assert profile.slug == "ivanova-olga-sergeevna-2"
    assert MentorProfile.objects.create(last_name="Петров", first_name="Пётр").slug == "petrov-petr"
