"""Only methodists (and administrators) add and edit awards; mentors cannot, not even by a crafted POST."""

from django.contrib.auth.models import Group

import pytest

from mentoring.models import Award, AwardLevel, MentorProfile
from portal.roles import ADMINISTRATOR, MENTOR, METHODIST, MODERATOR, TEACHER
from tests.mentoring.factories import AwardFactory, MentorProfileFactory

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/snippets/mentoring/award/add/"


def edit_url(award):
    return f"/admin/snippets/mentoring/award/edit/{award.pk}/"


def delete_url(award):
    return f"/admin/snippets/mentoring/award/delete/{award.pk}/"


def award_post(profile, **changes):
    data = {
        "profile": profile.pk,
        "title": "Победитель конкурса «Лучший наставник года»",
        "level": AwardLevel.REGIONAL,
        "year": 2025,
        "issuer": "Комитет по образованию",
        "citation": "За системную работу с молодыми педагогами.",
    }
    data.update(changes)
    return data


def group_codenames(name):
    return set(
        Group.objects.get(name=name)
        .permissions.filter(content_type__app_label="mentoring")
        .values_list("codename", flat=True)
    )


def test_award_permissions_belong_to_methodists_and_administrators():
    for role in (METHODIST, ADMINISTRATOR):
        assert {"add_award", "change_award", "delete_award", "view_award"} <= group_codenames(role)
    for role in (MENTOR, TEACHER, MODERATOR):
        assert not {c for c in group_codenames(role) if c.endswith("_award")}
    # Mentors edit their profile on the site, not in the admin.
    assert "change_mentorprofile" not in group_codenames(MENTOR)
    assert {"add_mentorprofile", "change_mentorprofile"} <= group_codenames(METHODIST)


def test_methodist_adds_an_award_in_the_admin(client, methodist):
    profile = MentorProfileFactory()
    client.force_login(methodist)
    assert client.get(ADD_URL).status_code == 200
    response = client.post(ADD_URL, award_post(profile))
    assert response.status_code == 302, response.content.decode()[:2000]
    award = Award.objects.get()
    assert (award.profile, award.level, award.year) == (profile, "regional", 2025)


def test_methodist_edits_and_deletes_awards(client, methodist):
    award = AwardFactory(year=2023)
    client.force_login(methodist)
    client.post(edit_url(award), award_post(award.profile, year=2022, level="federal"))
    award.refresh_from_db()
    assert (award.year, award.level) == (2022, "federal")
    client.post(delete_url(award))
    assert not Award.objects.exists()


def test_add_award_link_preselects_the_mentor(client, methodist):
    profile = MentorProfileFactory()
    client.force_login(methodist)
    page = client.get(f"{ADD_URL}?profile={profile.pk}").content.decode()
    assert f'<input type="hidden" name="profile" value="{profile.pk}"' in page
    # Garbage in the address is ignored, not an error.
    assert client.get(f"{ADD_URL}?profile=abc").status_code == 200


def test_award_in_the_future_is_refused(client, methodist):
    profile = MentorProfileFactory()
    client.force_login(methodist)
    response = client.post(ADD_URL, award_post(profile, year=2999))
    assert response.status_code == 200
    assert "Год не может быть больше текущего" in response.content.decode()
    assert not Award.objects.exists()


@pytest.mark.parametrize("role", [MENTOR, MODERATOR])
def test_admin_users_without_the_right_cannot_add_awards_even_with_a_crafted_post(
    client, make_user, role
):
    user = make_user("someone", roles=[role])
    profile = MentorProfileFactory(user=user)
    client.force_login(user)
    assert client.get("/admin/").status_code == 200  # they do use the admin for other things
    assert client.get(ADD_URL).status_code in (302, 403)
    response = client.post(ADD_URL, award_post(profile))
    assert response.status_code in (302, 403)
    assert not Award.objects.exists()


def test_mentor_cannot_change_or_delete_their_award_in_the_admin(client, mentor_user):
    profile = MentorProfileFactory(user=mentor_user)
    award = AwardFactory(profile=profile, level="school", year=2021)
    client.force_login(mentor_user)
    client.post(edit_url(award), award_post(profile, level="federal", year=2025))
    client.post(delete_url(award))
    award.refresh_from_db()
    assert (award.level, award.year) == ("school", 2021)


def test_mentor_cannot_edit_profiles_in_the_admin(client, mentor_user):
    profile = MentorProfileFactory(user=mentor_user, position="учитель")
    client.force_login(mentor_user)
    url = f"/admin/snippets/mentoring/mentorprofile/edit/{profile.pk}/"
    assert client.get(url).status_code in (302, 403)
    client.post(
        url,
        {
            "last_name": "Иванова",
            "first_name": "Ольга",
            "slug": profile.slug,
            "position": "директор",
        },
    )
    profile.refresh_from_db()
    assert profile.position == "учитель"


def test_teacher_has_no_admin_at_all(client, teacher):
    client.force_login(teacher)
    response = client.post(ADD_URL, award_post(MentorProfileFactory()))
    assert response.status_code == 302
    assert not Award.objects.exists()


def test_methodist_choosing_a_photo_in_the_admin_gets_the_face_crop(client, methodist):
    from tests.mentoring.factories import PhotoFactory

    photo = PhotoFactory()
    assert not photo.has_focal_point()
    profile = MentorProfileFactory()
    client.force_login(methodist)
    response = client.post(
        f"/admin/snippets/mentoring/mentorprofile/edit/{profile.pk}/",
        {
            "last_name": profile.last_name,
            "first_name": profile.first_name,
            "middle_name": "",
            "slug": profile.slug,
            "photo": photo.pk,
            "position": "учитель",
            "organisation": profile.organisation_id,
            "municipality": "",
            "teaching_since": "",
            "story": "",
            "user": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    photo.refresh_from_db()
    assert photo.has_focal_point()
    assert MentorProfile.objects.get(pk=profile.pk).photo == photo


def test_methodist_admin_listings_work(client, methodist):
    profile = MentorProfileFactory(last_name="Смирнова")
    AwardFactory(profile=profile, title="Лучший наставник года", level="regional", year=2024)
    client.force_login(methodist)
    awards = client.get("/admin/snippets/mentoring/award/?level=regional&year=2024")
    assert awards.status_code == 200
    html = awards.content.decode()
    assert "Лучший наставник года" in html and "Смирнова" in html
    assert "региональный" in html
    profiles = client.get("/admin/snippets/mentoring/mentorprofile/?q=Смирнова")
    assert profiles.status_code == 200
    assert "Смирнова" in profiles.content.decode()
    found = client.get("/admin/snippets/mentoring/award/?q=Смирнова").content.decode()
    assert "Лучший наставник года" in found
    assert client.get("/admin/snippets/mentoring/organisation/?q=школа").status_code == 200
    assert (
        client.get(f"/admin/snippets/mentoring/mentorprofile/edit/{profile.pk}/").status_code == 200
    )
