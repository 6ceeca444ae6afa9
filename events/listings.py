"""Lists of events that other parts of the portal show (the home page)."""

from django.utils import timezone

from events.models import EventPage


def upcoming_events(limit=4):
    return (
        EventPage.objects.live()
        .public()
        .filter(ends_at__gte=timezone.now())
        .select_related("event_type")
        .order_by("starts_at")[:limit]
    )
