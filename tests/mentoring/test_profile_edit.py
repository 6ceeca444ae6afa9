"""Mentors edit their own profile on the site, and only their own."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.images import get_image_model

import pytest
from PIL import Image as PILImage

from mentoring import photos
from mentoring.models import Award, MentorProfile
from practices.models import Competency, Subject
from tests.mentoring.factories import (
    AwardFactory,
    MentorProfileFactory,
    MunicipalityFactory,
    OrganisationFactory,
    PhotoFactory,
    image_bytes,
)

pytestmark = pytest.mark.django_db
EDIT_URL = "/mentoring/moj-profil/"


def form_data(mentor, **changes):
    profile = mentor
    data = {
        "last_name": profile.last_name,
        "first_name": profile.first_name,
        "middle_name": profile.middle_name,
        "position": profile.position,
        "organisation": profile.organisation_id or "",
        "municipality": profile.municipality_id or "",
        "teaching_since": profile.teaching_since or "",
        "story": profile.story,
    }
    data.update(changes)
    return data


@pytest.fixture
def own_profile(mentor_user):
    return MentorProfileFactory(
        user=mentor_user,
        last_name="Смирнова",
        first_name="Елена",
        middle_name="Викторовна",
        slug="smirnova-elena-viktorovna",
    )


def test_url_is_stable():
    assert reverse("mentoring:profile_edit") == EDIT_URL


def test_anonymous_visitor_is_sent_to_sign_in(client):
    response = client.get(EDIT_URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert client.post(EDIT_URL, {"position": "x"}).status_code == 302


def test_teacher_without_profile_is_told_whom_to_ask(client, teacher):
    client.force_login(teacher)
    response = client.get(EDIT_URL)
    assert response.status_code == 403
    assert (
        "обратитесь" in response.content.decode()
        or "попросите методиста" in response.content.decode()
    )
    response = client.post(
        EDIT_URL,
        {"last_name": "Взломов", "first_name": "Иван", "municipality": MunicipalityFactory().pk},
    )
    assert response.status_code == 403
    assert not MentorProfile.objects.exists()


def test_mentor_without_profile_starts_one_from_their_account(client, mentor_user):
    municipality = MunicipalityFactory(name="Кировский район", slug="kirovskij-rajon")
    organisation = OrganisationFactory(municipality=municipality, short_name="Лицей № 384")
    client.force_login(mentor_user)
    page = client.get(EDIT_URL).content.decode()
    assert 'value="Смирнова"' in page and 'value="Викторовна"' in page
    assert "Создать профиль" in page
    response = client.post(
        EDIT_URL,
        {
            "last_name": "Смирнова",
            "first_name": "Елена",
            "middle_name": "Викторовна",
            "position": "учитель русского языка",
            "organisation": organisation.pk,
            "teaching_since": 1998,
        },
    )
    profile = MentorProfile.objects.get(user=mentor_user)
    assert response.status_code == 302
    assert response["Location"] == "/mentoring/nastavniki/smirnova-elena-viktorovna/"
    assert profile.municipality == municipality  # follows the organisation
    assert profile.teaching_since == 1998


def test_a_second_mentor_with_the_same_name_gets_a_distinct_address(client, make_user, own_profile):
    from portal.roles import MENTOR

    namesake = make_user(
        "namesake",
        roles=[MENTOR],
        last_name="Смирнова",
        first_name="Елена",
        middle_name="Викторовна",
    )
    client.force_login(namesake)
    client.post(EDIT_URL, form_data(own_profile, organisation=own_profile.organisation_id))
    assert MentorProfile.objects.get(user=namesake).slug == "smirnova-elena-viktorovna-2"


def test_mentor_edits_own_profile_and_expertise(client, mentor_user, own_profile):
    other = MentorProfileFactory(position="учитель физики")
    subject = Subject.objects.get(slug="matematika")
    competencies = list(Competency.objects.filter(slug__in=["ocenivanie", "inklyuziya"]))
    client.force_login(mentor_user)
    response = client.post(
        EDIT_URL,
        form_data(
            own_profile,
            position="заместитель директора по УВР",
            story="Помогаю молодым коллегам.\n\nВторой абзац.",
            subjects=[subject.pk],
            competencies=[c.pk for c in competencies],
        ),
    )
    assert response.status_code == 302
    own_profile.refresh_from_db()
    other.refresh_from_db()
    assert own_profile.position == "заместитель директора по УВР"
    assert list(own_profile.subjects.all()) == [subject]
    assert set(own_profile.competencies.all()) == set(competencies)
    assert other.position == "учитель физики"
    page = client.get(response["Location"]).content.decode()
    assert "Изменения сохранены" in page
    assert "<p>Помогаю молодым коллегам.</p>" in page


def test_crafted_post_cannot_touch_account_address_awards_or_someone_elses_photo(
    client, mentor_user, own_profile, make_user
):
    stranger = make_user("stranger")
    foreign_photo = PhotoFactory()
    victim = MentorProfileFactory(photo=foreign_photo)
    client.force_login(mentor_user)
    client.post(
        EDIT_URL + f"?slug={victim.slug}&profile={victim.pk}",
        form_data(
            own_profile,
            position="новая должность",
            user=stranger.pk,
            slug="hacked",
            photo=foreign_photo.pk,
            profile=victim.pk,
            pk=victim.pk,
            id=victim.pk,
            title="Самонаграждение",
            level="federal",
            year=2024,
            awards=["1"],
        ),
    )
    own_profile.refresh_from_db()
    victim.refresh_from_db()
    assert own_profile.position == "новая должность"
    assert own_profile.user == mentor_user
    assert own_profile.slug == "smirnova-elena-viktorovna"
    assert own_profile.photo is None
    assert victim.position == "учитель математики" and victim.user is None
    assert not Award.objects.exists()


def test_photo_upload_is_cleaned_and_replaces_the_previous_one(client, mentor_user, own_profile):
    client.force_login(mentor_user)
    first = SimpleUploadedFile("one.jpg", image_bytes((800, 1000)), content_type="image/jpeg")
    client.post(EDIT_URL, form_data(own_profile, photo_upload=first))
    own_profile.refresh_from_db()
    old = own_profile.photo
    assert old.collection.name == photos.PHOTO_COLLECTION
    assert old.title == "Смирнова Елена Викторовна"
    assert old.uploaded_by_user == mentor_user
    assert old.has_focal_point()

    image = PILImage.new("RGB", (900, 900), "white")
    exif = PILImage.Exif()
    exif.get_ifd(0x8825).update({1: "N", 2: (59.0, 51.0, 0.0)})
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    second = SimpleUploadedFile("two.jpg", buffer.getvalue(), content_type="image/jpeg")
    client.post(EDIT_URL, form_data(own_profile, photo_upload=second))
    own_profile.refresh_from_db()
    assert own_profile.photo_id != old.pk
    assert not get_image_model().objects.filter(pk=old.pk).exists()
    with own_profile.photo.open_file() as stored:
        assert "exif" not in PILImage.open(stored).info


def test_shared_photo_is_not_deleted_when_replaced(client, mentor_user, own_profile):
    shared = PhotoFactory(collection=photos.photo_collection())
    own_profile.photo = shared
    own_profile.save()
    MentorProfileFactory(photo=shared)
    client.force_login(mentor_user)
    client.post(EDIT_URL, form_data(own_profile, remove_photo="on"))
    own_profile.refresh_from_db()
    assert own_profile.photo is None
    assert get_image_model().objects.filter(pk=shared.pk).exists()


def test_remove_photo(client, mentor_user, own_profile):
    own_profile.photo = PhotoFactory(collection=photos.photo_collection())
    own_profile.save()
    client.force_login(mentor_user)
    page = client.get(EDIT_URL).content.decode()
    assert "Убрать фотографию" in page
    client.post(EDIT_URL, form_data(own_profile, remove_photo="on"))
    own_profile.refresh_from_db()
    assert own_profile.photo is None
    assert not get_image_model().objects.exists()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("portrait.jpg", "Просто текстовый файл".encode(), "не является изображением"),
        (
            "huge.png",
            image_bytes((9000, 9000), fmt="PNG"),
            "Изображение слишком большое: 9000 × 9000 пикселей",
        ),
        ("anim.gif", image_bytes((400, 400), fmt="GIF"), "Формат GIF не подходит"),
        # The header is fine, the picture data is cut off: only decoding finds out.
        ("cut.jpg", image_bytes((800, 800))[:2000], "повреждён"),
    ],
)
def test_bad_upload_is_refused_and_nothing_is_saved(
    client, mentor_user, own_profile, name, data, message
):
    client.force_login(mentor_user)
    response = client.post(
        EDIT_URL,
        form_data(
            own_profile,
            position="должность, которую не сохранят",
            photo_upload=SimpleUploadedFile(name, data),
        ),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert "Профиль не сохранён" in page
    assert 'value="должность, которую не сохранят"' in page  # what was typed is kept
    own_profile.refresh_from_db()
    assert own_profile.position == "учитель математики"
    assert not get_image_model().objects.exists()


def test_failure_while_saving_the_photo_leaves_nothing_half_saved(
    client, mentor_user, own_profile, monkeypatch
):
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("mentoring.profiles.discard_photo", broken)
    own_profile.photo = PhotoFactory(collection=photos.photo_collection())
    own_profile.save()
    client.force_login(mentor_user)
    client.raise_request_exception = False
    upload = SimpleUploadedFile("new.jpg", image_bytes((600, 750)))
    response = client.post(
        EDIT_URL, form_data(own_profile, position="не сохранится", photo_upload=upload)
    )
    assert response.status_code == 500
    own_profile.refresh_from_db()
    assert own_profile.position == "учитель математики"
    assert get_image_model().objects.count() == 1


def test_place_and_year_are_validated_in_russian(client, mentor_user, own_profile):
    client.force_login(mentor_user)
    response = client.post(
        EDIT_URL, form_data(own_profile, organisation="", municipality="", teaching_since=2999)
    )
    page = response.content.decode()
    assert "Укажите организацию или хотя бы муниципалитет" in page
    assert "Год не может быть больше текущего" in page


def test_mentor_sees_the_link_to_their_profile_in_the_header(client, mentor_user, teacher):
    client.force_login(mentor_user)
    assert "Мой профиль наставника" in client.get("/mentoring/moj-profil/").content.decode()
    client.force_login(teacher)
    assert "Мой профиль наставника" not in client.get("/accounts/password/change/").content.decode()


def test_awards_stay_with_the_profile_after_a_mentor_edit(client, mentor_user, own_profile):
    award = AwardFactory(profile=own_profile)
    client.force_login(mentor_user)
    client.post(EDIT_URL, form_data(own_profile, position="учитель"))
    assert list(own_profile.awards.all()) == [award]
