"""Who may edit which mentor profile on the site, and how an edit is saved.

A mentor edits only their own profile (the one linked to their account);
methodists and administrators edit any profile and all awards in the admin.
A signed-in mentor without a profile yet starts one from their account's name.
"""

from django.db import transaction

from mentoring.models import MentorProfile
from mentoring.photos import discard_photo, save_photo
from portal.roles import ADMINISTRATOR, MENTOR, METHODIST, has_role


def own_profile(user):
    """The profile linked to ``user``, or None."""
    if not user.is_authenticated:
        return None
    return (
        MentorProfile.objects.select_related("photo", "organisation", "municipality")
        .filter(user=user)
        .first()
    )


def may_start_profile(user):
    """Mentors without a profile may start one; teachers become mentors through a methodist."""
    return has_role(user, MENTOR)


def may_manage_awards(user):
    return has_role(user, METHODIST, ADMINISTRATOR)


def new_profile_for(user):
    """An unsaved profile for ``user``, named as their account is."""
    return MentorProfile(
        user=user,
        last_name=user.last_name,
        first_name=user.first_name,
        middle_name=getattr(user, "middle_name", ""),
    )


@transaction.atomic
def save_own_profile(form, user):
    """Save a valid MentorProfileForm: the profile, its expertise and its photo, or nothing."""
    profile = form.save(commit=False)
    previous_photo = None
    if profile.pk:
        previous_photo = MentorProfile.objects.get(pk=profile.pk).photo
    if not profile.slug:
        profile.slug = profile.unique_slug()  # needed below to name the photo file
    cleaned_photo = form.cleaned_data.get("photo_upload")  # already checked and re-encoded
    if cleaned_photo:
        extension = cleaned_photo.name.rsplit(".", 1)[-1]
        cleaned_photo.name = f"mentor-{profile.slug}.{extension}"
        profile.photo = save_photo(cleaned_photo, title=profile.full_name, user=user)
    elif form.cleaned_data.get("remove_photo"):
        profile.photo = None
    profile.save()
    form.save_m2m()
    if previous_photo is not None and previous_photo.pk != profile.photo_id:
        discard_photo(previous_photo, keep_for=profile)
    return profile
