"""What the portal's search finds among the events (see search/registry.py)."""

from django.utils.translation import gettext_lazy as _

from events.models import EventPage, EventType
from search.registry import SearchDocument, choice_value, facet_values, register, rich_text


def event_document(page):
    # Never the address, online link or joining details: those are for participants only.
    return SearchDocument(
        title=page.title,
        body=[
            page.summary,
            page.audience,
            page.description,
            page.agenda,
            page.venue,
            rich_text(page.results),
        ],
        keywords=[page.event_type.name],
        facets={
            "event_type": facet_values(page.event_type),
            "event_format": choice_value(page.format, page.get_format_display()),
        },
        date=page.starts_at,
        badges=[page.event_type.name, page.get_format_display()],
    )


def published_events():
    return EventPage.objects.live().public().select_related("event_type")


register(
    EventPage,
    section="events",
    label=_("Мероприятие"),
    section_label=_("Мероприятия"),
    document=event_document,
    queryset=published_events,
    refresh_on={EventType: lambda event_type: event_type.events.all()},
)
