"""Template helpers of the events app: date ranges in Moscow time, seat status."""

from django import template
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _

register = template.Library()


def _time_tag(value, text):
    return format_html('<time datetime="{}">{}</time>', value.isoformat(), text)


@register.simple_tag
def event_dates(event, with_year=True):
    """«23 ноября 2026, 10:00–16:00» or «23 ноября, 10:00 — 25 ноября 2026, 16:00» (Moscow)."""
    start = timezone.localtime(event.starts_at)
    end = timezone.localtime(event.ends_at)
    date_format = "DATE_FORMAT" if with_year else "MONTH_DAY_FORMAT"
    if start.date() == end.date():
        return format_html(
            "{}, {}–{}",
            formats.date_format(start, date_format),
            _time_tag(start, formats.time_format(start, "TIME_FORMAT")),
            _time_tag(end, formats.time_format(end, "TIME_FORMAT")),
        )
    same_year = start.year == end.year
    start_text = "{}, {}".format(
        formats.date_format(start, "MONTH_DAY_FORMAT" if same_year else date_format),
        formats.time_format(start, "TIME_FORMAT"),
    )
    end_text = "{}, {}".format(
        formats.date_format(end, date_format), formats.time_format(end, "TIME_FORMAT")
    )
    return format_html("{} — {}", _time_tag(start, start_text), _time_tag(end, end_text))


@register.simple_tag
def seat_status(event):
    """A short phrase about seats, or '' when counts were not loaded with the listing."""
    if not hasattr(event, "confirmed_count") or not event.registration_enabled:
        return ""
    if event.capacity is None:
        return ""
    left = event.seats_left
    if left:
        # No plural forms: «Свободных мест: 21» reads right for any number in Russian.
        return _("Свободных мест: %(count)s") % {"count": left}
    if event.waiting_list_enabled:
        return _("Мест нет, запись в лист ожидания")
    return _("Мест нет")


@register.filter
def month_param(value):
    return f"{value.year:04d}-{value.month:02d}"


@register.filter
def status_for(registrations, event):
    """The visitor's registration status for ``event`` from a {event id: status} mapping."""
    if not registrations:
        return ""
    return registrations.get(event.pk, "")


@register.filter
def session_kind(value):
    """The label of an agenda item's kind: "workshop" → «Мастер-класс»."""
    from events.blocks import SessionKind

    return dict(SessionKind.choices).get(value, "")


@register.simple_tag
def event_dates_text(event):
    """The same date range as ``event_dates``, as plain text (letters, calendars)."""
    from django.utils.html import strip_tags

    return strip_tags(event_dates(event))
