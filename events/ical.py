"""iCalendar (RFC 5545) output through the ``icalendar`` library.

Times are written in Europe/Moscow with its VTIMEZONE, so a calendar program anywhere
shows the event at the right moment. The exact address and the online link go only into
calendars of people registered for the event (``private_for``).
"""

import datetime
from functools import lru_cache
from urllib.parse import urlsplit

from django.utils import timezone
from django.utils.translation import gettext as _

from icalendar import Calendar, Event, Timezone, vCalAddress
from icalendar.enums import STATUS

PRODID = "-//Наставник.Портал//Мероприятия//RU"
REFRESH_INTERVAL = datetime.timedelta(hours=6)


def event_uid(event, host):
    # Stable across edits and feeds: calendar programs update the entry instead of duplicating it.
    return f"event-{event.pk}@{host}"


def _location(event, private):
    parts = []
    if event.has_place:
        if event.venue:
            parts.append(event.venue)
        if private and event.address:
            parts.append(event.address)
    if event.has_online_part:
        parts.append(event.online_url if private and event.online_url else _("онлайн"))
    return ", ".join(parts)


def _description(event, url, private, waitlisted):
    lines = [event.summary]
    if event.audience:
        lines.append(_("Для кого: %(audience)s") % {"audience": event.audience})
    if waitlisted:
        lines.append(_("Вы в листе ожидания. Когда освободится место, мы пришлём письмо."))
    if private:
        if event.has_place and event.address:
            lines.append(_("Адрес: %(address)s") % {"address": event.address})
        if event.has_online_part and event.online_url:
            lines.append(_("Подключение: %(url)s") % {"url": event.online_url})
        if event.has_online_part and event.online_details:
            lines.append(event.online_details)
    lines.append(url)
    return "\n\n".join(line for line in lines if line)


def event_component(event, *, private=False, waitlisted=False, request=None, stamp=None):
    url = event.get_full_url(request) or ""
    host = urlsplit(url).hostname or "nastavnik.portal"
    component = Event.new(
        uid=event_uid(event, host),
        summary=event.title,
        start=timezone.localtime(event.starts_at),
        end=timezone.localtime(event.ends_at),
        description=_description(event, url, private, waitlisted),
        location=_location(event, private) or None,
        url=url or None,
        categories=[event.event_type.name],
        status=STATUS.TENTATIVE if waitlisted else STATUS.CONFIRMED,
        stamp=stamp or timezone.now(),
        last_modified=event.last_published_at,
    )
    if event.contact_email:
        organizer = vCalAddress(f"mailto:{event.contact_email}")
        name = event.organising_body.short_name if event.organising_body_id else ""
        if name:
            organizer.params["CN"] = name
        component.add("organizer", organizer)
    return component


def event_calendar(events, *, name=None, private_for=(), waitlisted=(), request=None):
    """A VCALENDAR of ``events``; ids in ``private_for`` get the address and the online link."""
    stamp = timezone.now()
    calendar = Calendar.new(
        prodid=PRODID,
        name=name,
        refresh_interval=REFRESH_INTERVAL,
        subcomponents=[
            event_component(
                event,
                private=event.pk in private_for,
                waitlisted=event.pk in waitlisted,
                request=request,
                stamp=stamp,
            )
            for event in events
        ],
    )
    calendar.add("X-PUBLISHED-TTL", REFRESH_INTERVAL)
    if events:
        first_year = min(timezone.localtime(event.starts_at).year for event in events) - 1
        last_year = max(max(timezone.localtime(event.ends_at).year for event in events) + 1, 2038)
        calendar.subcomponents.insert(
            0, _vtimezone(timezone.get_current_timezone_name(), first_year, last_year)
        )
    return calendar


@lru_cache(maxsize=16)
def _vtimezone(tzid, first_year, last_year):
    """The VTIMEZONE of the site's zone, computed once per span of years (it costs ~30 ms)."""
    return Timezone.from_tzid(
        tzid, first_date=datetime.date(first_year, 1, 1), last_date=datetime.date(last_year, 12, 31)
    )


def to_bytes(calendar):
    return calendar.to_ical()
