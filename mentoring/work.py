"""What a mentor has done on the portal, gathered from the apps that own it.

The profile never asks other apps' models directly: it calls their listing
functions (``practices_by_author``, ``communities_moderated_by``,
``events_led_by``), so authorship, moderation and speaking stay defined in one
place each. Here we only order, cap and count what those functions return.
"""

from dataclasses import dataclass, field

from communities.listings import communities_moderated_by
from events.listings import events_led_by
from practices.listings import practices_by_author

# A profile lists this many items per kind and says how many more there are.
WORK_LIMIT = 12


@dataclass
class WorkList:
    items: list = field(default_factory=list)
    total: int = 0

    def __bool__(self):
        return bool(self.items)

    @property
    def more(self):
        return self.total - len(self.items)


def _take(queryset, ordering=(), select=(), limit=WORK_LIMIT):
    """The first ``limit`` items of ``queryset`` and the total, in one query unless it overflows."""
    if hasattr(queryset, "order_by"):
        if select:
            queryset = queryset.select_related(*select)
        if ordering:
            queryset = queryset.order_by(*ordering)
        items = list(queryset[: limit + 1])
        total = len(items) if len(items) <= limit else queryset.count()
    else:  # a plain list from a listing function still works
        items = list(queryset)
        total = len(items)
    return WorkList(items=items[:limit], total=total)


@dataclass
class MentorWork:
    practices: WorkList
    communities: WorkList
    events: WorkList

    @property
    def is_empty(self):
        return not (self.practices or self.communities or self.events)


def gather_work(profile, limit=WORK_LIMIT):
    """Practices ``profile`` authored, communities they moderate, events they led or spoke at."""
    practices = _take(
        practices_by_author(profile),
        ordering=("-first_published_at", "title"),
        select=("mentoring_form",),
        limit=limit,
    )
    if profile.user_id is not None:
        communities = _take(
            communities_moderated_by(profile.user), ordering=("title",), limit=limit
        )
    else:
        communities = WorkList()  # moderators are accounts; a mentor without one moderates nothing
    events = _take(
        events_led_by(profile),
        ordering=("-starts_at", "title"),
        select=("event_type",),
        limit=limit,
    )
    return MentorWork(practices=practices, communities=communities, events=events)
