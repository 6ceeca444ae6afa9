"""Lists of events that other parts of the portal show.

The events app's interface to other apps (home page, communities, mentor profiles).
Every function returns live, public events only, with the event type loaded.
"""

from django.db.models import Q
from django.utils import timezone

from events.models import EventPage


def published_events():
    return EventPage.objects.live().public()


def upcoming_events(limit=4):
    """Events that have not ended yet, soonest first (ongoing ones included)."""
    return published_events().upcoming(timezone.now()).select_related("event_type")[:limit]


def upcoming_events_of_community(community, limit=4):
    """Upcoming events related to ``community`` (a communities.CommunityPage)."""
    return (
        published_events()
        .filter(community=community)
        .upcoming(timezone.now())
        .select_related("event_type")[:limit]
    )


def events_led_by(profile):
    """Events that ``profile`` (a mentoring.MentorProfile) organised or spoke at.

    Newest first; speakers are the mentors chosen in the agenda of the published version.
    """
    ids = (
        EventPage.objects.filter(Q(organiser=profile) | Q(speakers=profile))
        .order_by()
        .values_list("pk", flat=True)
    )
    return (
        published_events()
        .filter(pk__in=ids)
        .select_related("event_type")
        .order_by("-starts_at", "-pk")
    )
