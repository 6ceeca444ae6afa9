"""Lists of events that other parts of the portal show.

The events app's interface to other apps (home page, communities, mentor profiles).
"""

from django.utils import timezone

from events.models import EventPage


def published_events():
    return EventPage.objects.live().public()


def upcoming_events(limit=4):
    return (
        published_events()
        .filter(ends_at__gte=timezone.now())
        .select_related("event_type")
        .order_by("starts_at")[:limit]
    )


def upcoming_events_of_community(community, limit=4):
    """Upcoming events related to ``community`` (a communities.CommunityPage)."""
    # The link from an event to its community arrives with issue #6.
    return EventPage.objects.none()


def events_led_by(profile):
    """Events that ``profile`` (a mentoring.MentorProfile) organised or spoke at."""
    return EventPage.objects.none()
