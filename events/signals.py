"""Keep the waiting list moving when an organiser adds seats or lifts the limit."""

import logging

from wagtail.signals import page_published

logger = logging.getLogger(__name__)


def promote_waiting_list_on_publish(sender, instance, **kwargs):
    from events.registration import fill_from_waiting_list

    promoted = fill_from_waiting_list(instance)
    if promoted:
        logger.info("Event %s published with more seats: %d promoted", instance.pk, len(promoted))


def connect():
    from events.models import EventPage

    page_published.connect(
        promote_waiting_list_on_publish, sender=EventPage, dispatch_uid="events-promote-on-publish"
    )
