"""Letters to participants: a confirmed seat, a place in the waiting list, a seat freed up.

Sent after the transaction commits (see ``events.registration``), through Django's mail
backend; a failing mail server is logged and never undoes a registration.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from events import ical

logger = logging.getLogger(__name__)


def registered(registration):
    if registration.is_waitlisted:
        _send(
            registration,
            _("Вы в листе ожидания: %(title)s"),
            "events/email/waitlisted.txt",
            with_calendar=False,
        )
    else:
        _send(registration, _("Вы записаны: %(title)s"), "events/email/confirmed.txt")


def promoted(registration):
    _send(registration, _("Для вас освободилось место: %(title)s"), "events/email/promoted.txt")


def _send(registration, subject, template, with_calendar=True):
    user = registration.user
    if not user.email:
        return
    event = registration.event
    context = {
        "registration": registration,
        "event": event,
        "user": user,
        "event_url": event.get_full_url(),
        "my_events_url": _site_root(event) + reverse("events:my_events"),
    }
    message = EmailMessage(
        subject=subject % {"title": event.title},
        body=render_to_string(template, context),
        to=[user.email],
    )
    if with_calendar:
        message.attach(
            f"{event.slug}.ics",
            ical.to_bytes(ical.event_calendar([event], private_for={event.pk})),
            "text/calendar",
        )
    try:
        message.send()
    except Exception:
        logger.exception("Could not send %s to user %s", template, user.pk)


def _site_root(event):
    site = event.get_site()
    return site.root_url if site is not None else settings.WAGTAILADMIN_BASE_URL.rstrip("/")
