"""Lists of practices that other parts of the portal show.

These functions are the practice bank's interface to other apps (the home page,
mentor profiles, communities): they return live, public practices only.
"""

from practices.models import PracticePage


def published_practices():
    return PracticePage.objects.live().public()


def latest_practices(limit=6):
    return (
        published_practices()
        .select_related("mentoring_form")
        .order_by("-first_published_at")[:limit]
    )


def practices_by_author(profile):
    """Published practices that ``profile`` (a mentoring.MentorProfile) co-authored."""
    # Authors arrive with the practice bank (issue #3).
    return PracticePage.objects.none()


def practices_by_users(user_ids):
    """Published practices authored by mentors whose accounts are ``user_ids`` (community members)."""
    return PracticePage.objects.none()
