"""The demo: twenty mentors with awards over several years, portraits drawn with Pillow, accounts."""

from django.contrib.auth import get_user_model
from django.core.management import call_command

import pytest
from PIL import Image as PILImage

from mentoring.demo import draw_portrait
from mentoring.models import Award, AwardLevel, MentorProfile, Municipality, Organisation
from portal.roles import MENTOR, METHODIST, TEACHER

pytestmark = pytest.mark.django_db


def test_demo_fills_the_honour_board(demo_site, client):
    profiles = MentorProfile.objects.all()
    assert profiles.count() == 20
    assert all(p.photo_id and p.photo.has_focal_point() for p in profiles)
    assert all(p.awards.exists() for p in profiles)
    assert all(p.municipality_id and p.teaching_since and p.subjects.exists() for p in profiles)
    assert set(Award.objects.values_list("level", flat=True)) == set(AwardLevel.values)
    assert len(set(Award.objects.values_list("year", flat=True))) >= 5
    titles = " ".join(Award.objects.values_list("title", flat=True))
    for name in ["Лучший наставник года", "Педагог-наставник", "грамота"]:
        assert name in titles
    assert Municipality.objects.count() >= 4 and Organisation.objects.count() >= 10
    response = client.get("/doska-pochyota/")
    assert "Наставников на доске: 20" in response.content.decode()


def test_demo_accounts(demo_site, client):
    User = get_user_model()
    for username, role in [("metodist", METHODIST), ("nastavnik1", MENTOR), ("pedagog1", TEACHER)]:
        user = User.objects.get(username=username)
        assert user.check_password("demo12345")
        assert user.groups.filter(name=role).exists()
    nastavnik = User.objects.get(username="nastavnik1")
    assert nastavnik.mentor_profile.slug == "smirnova-elena-viktorovna"
    assert client.login(username="nastavnik1", password="demo12345")
    assert client.get("/mentoring/moj-profil/").status_code == 200


def test_demo_is_idempotent_and_respects_existing_accounts(demo_site):
    User = get_user_model()
    user = User.objects.get(username="nastavnik1")
    user.set_password("changed-by-the-mentor")
    user.save()
    counts = (MentorProfile.objects.count(), Award.objects.count(), Organisation.objects.count())
    from wagtail.images import get_image_model

    images = get_image_model().objects.count()
    call_command("load_demo", verbosity=0)
    assert (
        MentorProfile.objects.count(),
        Award.objects.count(),
        Organisation.objects.count(),
    ) == counts
    assert get_image_model().objects.count() == images
    user.refresh_from_db()
    assert user.check_password("changed-by-the-mentor")


def test_demo_leaves_profiles_to_their_mentors(demo_site):
    profile = MentorProfile.objects.get(slug="smirnova-elena-viktorovna")
    profile.photo = None
    profile.position = "заместитель директора"
    profile.save()
    call_command("load_demo", verbosity=0)
    profile.refresh_from_db()
    assert profile.photo is None and profile.position == "заместитель директора"


def test_demo_does_not_reset_accounts_created_by_other_demos(make_user):
    # Another app's demo may have created nastavnik1 first: ours must not reset it.
    existing = make_user("nastavnik1", password="own-password", roles=[TEACHER])
    call_command("load_demo", verbosity=0)
    existing.refresh_from_db()
    assert existing.check_password("own-password")
    assert existing.groups.filter(name=MENTOR).exists()


def test_portraits_are_deterministic_and_distinct():
    first = draw_portrait("smirnova", feminine=True)
    assert first == draw_portrait("smirnova", feminine=True)
    assert first != draw_portrait("kuznetsov", feminine=False)
    import io

    image = PILImage.open(io.BytesIO(first))
    assert (image.format, image.size) == ("JPEG", (600, 750))
