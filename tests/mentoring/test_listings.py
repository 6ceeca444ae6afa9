"""mentoring.listings: what the home page shows of the honour board."""

import pytest

from mentoring.listings import featured_mentors, programme_figures
from mentoring.models import AwardLevel
from tests.mentoring.factories import AwardFactory, MentorProfileFactory, PhotoFactory

pytestmark = pytest.mark.django_db


def test_awarded_mentors_with_photos_come_first(db):
    plain = MentorProfileFactory(last_name="Абрамова")  # no award, no photo
    pictured = MentorProfileFactory(last_name="Борисова", photo=PhotoFactory())  # no award
    awarded_no_photo = MentorProfileFactory(last_name="Васильева")
    AwardFactory(profile=awarded_no_photo, year=2025, level=AwardLevel.FEDERAL)
    old_award = MentorProfileFactory(last_name="Григорьева", photo=PhotoFactory())
    AwardFactory(profile=old_award, year=2019)
    recent_regional = MentorProfileFactory(last_name="Дмитриева", photo=PhotoFactory())
    AwardFactory(profile=recent_regional, year=2024, level=AwardLevel.REGIONAL)
    recent_school = MentorProfileFactory(last_name="Егорова", photo=PhotoFactory())
    AwardFactory(profile=recent_school, year=2024, level=AwardLevel.SCHOOL)

    assert list(featured_mentors(limit=10)) == [
        recent_regional,
        recent_school,
        old_award,
        awarded_no_photo,
        pictured,
        plain,
    ]
    assert list(featured_mentors(limit=2)) == [recent_regional, recent_school]


def test_each_featured_mentor_carries_their_best_recent_award(db):
    mentor = MentorProfileFactory(photo=PhotoFactory())
    AwardFactory(profile=mentor, year=2020, title="Старая грамота")
    AwardFactory(profile=mentor, year=2024, level=AwardLevel.SCHOOL, title="Значок")
    AwardFactory(profile=mentor, year=2024, level=AwardLevel.FEDERAL, title="Грамота Министерства")
    (featured,) = featured_mentors(limit=6)
    assert [award.title for award in featured.board_awards] == ["Грамота Министерства"]


def test_featured_mentors_cost_a_constant_number_of_queries(db, django_assert_num_queries):
    for _ in range(8):
        AwardFactory(profile=MentorProfileFactory(photo=PhotoFactory()))
    # Profiles with organisation, municipality and photo; renditions; awards.
    with django_assert_num_queries(3):
        mentors = list(featured_mentors(limit=6))
        seen = [
            (
                m.organisation.name,
                m.municipality.name,
                m.photo.title,
                list(m.photo.renditions.all()),
                m.board_awards,
            )
            for m in mentors
        ]
    assert len(seen) == 6


def test_home_page_shows_featured_mentors_with_their_portraits(client, board):
    mentor = MentorProfileFactory(
        last_name="Смирнова", first_name="Елена", middle_name="Викторовна", photo=PhotoFactory()
    )
    AwardFactory(profile=mentor, title="Лучший наставник года", year=2025)
    html = client.get("/").content.decode()
    assert "Смирнова Елена Викторовна" in html
    assert "Лучший наставник года" in html
    assert 'class="mentor-photo mentor-photo--board"' in html


def test_programme_figures_wait_for_the_programme():
    assert programme_figures() is None
