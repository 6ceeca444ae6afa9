"""The month calendar of events, laid out by Python's ``calendar`` module on the server.

Weeks start on Monday, days are Moscow days: an event at 00:30 on the 1st (21:30 UTC the
day before) belongs to the 1st. A multi-day event appears on each of its days.
"""

import calendar
import datetime
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.dates import WEEKDAYS, WEEKDAYS_ABBR


@dataclass(frozen=True)
class Entry:
    """An event on one day of the grid; ``starts_here`` is False on its following days."""

    event: object
    starts_here: bool


@dataclass
class Day:
    date: datetime.date
    in_month: bool
    is_today: bool
    entries: list = field(default_factory=list)

    @property
    def events(self):
        return [entry.event for entry in self.entries]


@dataclass
class MonthGrid:
    year: int
    month: int
    weeks: list
    weekdays: list

    @property
    def first_day(self):
        return datetime.date(self.year, self.month, 1)

    @property
    def previous(self):
        first = self.first_day - datetime.timedelta(days=1)
        return first.year, first.month

    @property
    def next(self):
        last = datetime.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        following = last + datetime.timedelta(days=1)
        return following.year, following.month

    @property
    def days_with_events(self):
        """Days of this month that have events: the list shown on narrow screens."""
        return [day for week in self.weeks for day in week if day.in_month and day.entries]

    @property
    def event_count(self):
        return len({event.pk for day in self.days_with_events for event in day.events})


def build(year, month, events, today=None):
    """Lay ``events`` (ordered by start) out on the weeks of ``year``-``month``."""
    today = today or timezone.localdate()
    weeks = calendar.Calendar(firstweekday=calendar.MONDAY).monthdatescalendar(year, month)
    days = {
        date: Day(date=date, in_month=date.month == month, is_today=date == today)
        for week in weeks
        for date in week
    }
    first, last = weeks[0][0], weeks[-1][-1]
    for event in events:
        first_day = timezone.localtime(event.starts_at).date()
        start = max(first_day, first)
        # An event ending exactly at midnight does not spill into the next day.
        last_moment = max(event.ends_at - datetime.timedelta(microseconds=1), event.starts_at)
        end = min(timezone.localtime(last_moment).date(), last)
        date = start
        while date <= end:
            days[date].entries.append(Entry(event, starts_here=date == first_day))
            date += datetime.timedelta(days=1)
    return MonthGrid(
        year=year,
        month=month,
        weeks=[[days[date] for date in week] for week in weeks],
        weekdays=[(WEEKDAYS_ABBR[index], WEEKDAYS[index]) for index in range(7)],
    )
