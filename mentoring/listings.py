"""Mentors and programme figures that other parts of the portal show (the home page)."""

from mentoring.models import MentorProfile


def featured_mentors(limit=6):
    """Mentors for the honour-board strip of the home page."""
    return MentorProfile.objects.select_related("organisation")[:limit]


def programme_figures():
    """Headline figures of the mentoring programme; None until programmes exist (issue #8)."""
    return None
