"""The events app's models: the pages, the event-type snippet, registrations and feeds."""

from events.models.pages import (
    EventFormat,
    EventIndexPage,
    EventPage,
    EventPageQuerySet,
    EventRelatedPractice,
)
from events.models.registrations import CalendarFeed, Registration, RegistrationStatus
from events.models.snippets import EventType

__all__ = [
    "CalendarFeed",
    "EventFormat",
    "EventIndexPage",
    "EventPage",
    "EventPageQuerySet",
    "EventRelatedPractice",
    "EventType",
    "Registration",
    "RegistrationStatus",
]
