"""Filters of the event listings (django-filter): type, format and month."""

import datetime
import re

from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

import django_filters

from events.models import EventFormat, EventPage, EventType

MONTH_RE = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


def parse_month(value):
    """``"2026-11"`` → ``(2026, 11)``, or None for anything else."""
    match = MONTH_RE.match(value or "")
    if not match:
        return None
    year, month = int(match[1]), int(match[2])
    if not 2000 <= year <= 2100:
        return None
    return year, month


def month_bounds(year, month):
    """The month as an aware ``[start, end)`` in the current (Moscow) time zone."""
    start = datetime.datetime(year, month, 1)
    end = datetime.datetime(year + month // 12, month % 12 + 1, 1)
    return timezone.make_aware(start), timezone.make_aware(end)


def month_choices(queryset):
    """The months in which events of ``queryset`` start, in the order of the queryset's dates."""
    months = queryset.order_by().datetimes(
        "starts_at", "month", tzinfo=timezone.get_current_timezone()
    )
    return [
        (f"{value:%Y-%m}", formats.date_format(value, "YEAR_MONTH_FORMAT").capitalize())
        for value in months
    ]


class EventFilter(django_filters.FilterSet):
    type = django_filters.ModelChoiceFilter(
        label=_("Вид"),
        field_name="event_type",
        queryset=EventType.objects.all(),
        to_field_name="slug",
        empty_label=_("Все виды"),
    )
    format = django_filters.ChoiceFilter(
        label=_("Формат"), choices=EventFormat.choices, empty_label=_("Любой формат")
    )
    month = django_filters.ChoiceFilter(
        label=_("Месяц"), method="filter_month", empty_label=_("Любой месяц")
    )

    class Meta:
        model = EventPage
        fields = []

    def __init__(self, *args, months=None, newest_first=False, with_month=True, **kwargs):
        super().__init__(*args, **kwargs)
        if with_month:
            choices = month_choices(months if months is not None else self.queryset)
            if newest_first:
                choices.reverse()
            self.filters["month"].extra["choices"] = choices
        else:
            del self.filters["month"]

    def filter_month(self, queryset, name, value):
        parsed = parse_month(value)
        if parsed is None:
            return queryset
        return queryset.overlapping(*month_bounds(*parsed))

    @property
    def active(self):
        """True when the visitor narrowed the list (the empty state says so)."""
        return self.is_bound and any(self.form.cleaned_data.get(name) for name in self.filters)
