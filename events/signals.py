"""Reactions to editors' actions on event pages.

- Publishing an event with more seats (or no limit) moves the waiting list at once.
- Publishing, unpublishing or deleting an event retires the cached iCalendar feeds.
"""

import logging

from django.db.models.signals import post_delete

from wagtail.signals import page_published, page_unpublished

logger = logging.getLogger(__name__)


def promote_waiting_list_on_publish(sender, instance, **kwargs):
    from events.registration import fill_from_waiting_list

    promoted = fill_from_waiting_list(instance)
    if promoted:
        logger.info("Event %s published with more seats: %d promoted", instance.pk, len(promoted))


def forget_cached_feeds(sender, **kwargs):
    from events.views.calendars import forget_cached_feeds

    forget_cached_feeds()


def connect():
    from events.models import EventPage

    page_published.connect(
        promote_waiting_list_on_publish, sender=EventPage, dispatch_uid="events-promote-on-publish"
    )
    for signal, uid in [
        (page_published, "events-feed-published"),
        (page_unpublished, "events-feed-unpublished"),
        (post_delete, "events-feed-deleted"),
    ]:
        signal.connect(forget_cached_feeds, sender=EventPage, dispatch_uid=uid)
