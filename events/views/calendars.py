"""iCalendar downloads and subscriptions: one event, all upcoming events, a person's own."""

import datetime
from urllib.parse import urlencode

from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from events import ical
from events.filters import EventFilter
from events.models import CalendarFeed, EventPage, Registration, RegistrationStatus
from events.permissions import can_manage_participants

# How long finished events stay in subscribed calendars, so last week's seminar is still there.
KEEP_PAST = datetime.timedelta(days=60)
FEED_LIMIT = 500
# Past events drop out of the window by themselves, so even the cache expires.
FEED_CACHE_SECONDS = 15 * 60
FEED_VERSION_KEY = "events:feed-version"


def feed_cache_key(query):
    version = cache.get_or_set(FEED_VERSION_KEY, 1, None)
    language = get_language() or ""
    filters = urlencode(sorted((k, v) for k, v in query.items() if k in ("type", "format")))
    return f"events:feed:{version}:{language}:{filters}"


def forget_cached_feeds():
    """Called when an event is published, unpublished or deleted."""
    try:
        cache.incr(FEED_VERSION_KEY)
    except ValueError:  # not set yet (or evicted): nothing cached under it anyway
        cache.set(FEED_VERSION_KEY, 1, None)


def _calendar_response(calendar, filename=None, private=False):
    response = HttpResponse(ical.to_bytes(calendar), content_type="text/calendar; charset=utf-8")
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store" if private else "public, max-age=900"
    if private:
        response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@require_GET
def event_ics(request, pk):
    event = get_object_or_404(
        EventPage.objects.live().public().select_related("event_type", "organising_body"), pk=pk
    )
    private = can_manage_participants(request.user, event) or (
        request.user.is_authenticated
        and Registration.objects.filter(event=event, user=request.user).confirmed().exists()
    )
    calendar = ical.event_calendar(
        [event], name=event.title, private_for={event.pk} if private else (), request=request
    )
    return _calendar_response(calendar, filename=f"{event.slug}.ics", private=private)


@require_GET
def upcoming_feed(request):
    """All upcoming events (and those of the last weeks); ``?type=`` and ``?format=`` narrow it.

    Calendar programs poll this every few hours and it holds only public facts, so the
    rendered calendar is cached until an event is published, unpublished or deleted.
    """
    key = feed_cache_key(request.GET)
    content = cache.get(key)
    if content is None:
        content = ical.to_bytes(_upcoming_calendar(request))
        cache.set(key, content, FEED_CACHE_SECONDS)
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "public, max-age=900"
    return response


def _upcoming_calendar(request):
    since = timezone.now() - KEEP_PAST
    base = EventPage.objects.live().public().filter(ends_at__gte=since)
    filterset = EventFilter(request.GET or None, queryset=base, with_month=False)
    events = list(
        filterset.qs.select_related("event_type", "organising_body").order_by("starts_at", "pk")[
            :FEED_LIMIT
        ]
    )
    return ical.event_calendar(events, name=_("Мероприятия — Наставник.Портал"), request=request)


@require_GET
def personal_feed(request, token):
    """A person's registrations, fetched by a calendar program with the secret token only."""
    feed = CalendarFeed.objects.filter(token=token).select_related("user").first()
    if feed is None or not feed.user.is_active:
        raise Http404
    since = timezone.now() - KEEP_PAST
    registrations = list(
        Registration.objects.filter(user=feed.user, event__live=True, event__ends_at__gte=since)
        .active()
        .select_related("event__event_type", "event__organising_body")
        .order_by("event__starts_at")[:FEED_LIMIT]
    )
    events = [registration.event for registration in registrations]
    calendar = ical.event_calendar(
        events,
        name=_("Мои мероприятия — Наставник.Портал"),
        private_for={r.event_id for r in registrations if r.status == RegistrationStatus.CONFIRMED},
        waitlisted={r.event_id for r in registrations if r.status == RegistrationStatus.WAITLISTED},
        request=request,
    )
    return _calendar_response(calendar, private=True)
