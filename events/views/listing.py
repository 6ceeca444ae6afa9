"""The three faces of the event index page: upcoming, month calendar, archive.

Called from ``EventIndexPage``'s routes, so they keep the page's URL, breadcrumbs and
navigation; each costs a fixed number of queries whatever the number of events.
"""

from django.core.paginator import InvalidPage, Paginator
from django.http import Http404, QueryDict
from django.urls import reverse
from django.utils import formats, timezone

from events import monthgrid
from events.filters import EventFilter, month_bounds, parse_month
from events.models import Registration
from events.templatetags.events_tags import event_dates

PER_PAGE = 12


def _user_registrations(request, events):
    """event id → status of the visitor's own registrations among ``events`` (one query)."""
    if not request.user.is_authenticated or not events:
        return {}
    return dict(
        Registration.objects.filter(user=request.user, event__in=[event.pk for event in events])
        .active()
        .values_list("event_id", "status")
    )


def _paginate(request, queryset):
    paginator = Paginator(queryset, PER_PAGE)
    try:
        return paginator.page(request.GET.get("page") or 1)
    except InvalidPage as error:
        raise Http404 from error


def _feed_url(filterset):
    """The iCalendar feed with the same type and format as the list on screen."""
    query = QueryDict(mutable=True)
    if filterset.is_bound and filterset.is_valid():
        data = filterset.form.cleaned_data
        if data.get("type"):
            query["type"] = data["type"].slug
        if data.get("format"):
            query["format"] = data["format"]
    url = reverse("events:feed")
    return f"{url}?{query.urlencode()}" if query else url


def _render(index, request, view, template, **context):
    context.update(
        feed_url=_feed_url(context["filter"]),
        view=view,
        upcoming_url=index.route_url("upcoming", request),
        calendar_url=index.route_url("calendar", request),
        archive_url=index.route_url("archive", request),
    )
    return index.render(request, template=template, context_overrides=context)


def upcoming(index, request):
    base = index.events().upcoming()
    filterset = EventFilter(request.GET or None, queryset=base)
    page_obj = _paginate(request, filterset.qs.for_listing())
    return _render(
        index,
        request,
        "upcoming",
        "events/event_index_page.html",
        filter=filterset,
        page_obj=page_obj,
        events=page_obj.object_list,
        my_registrations=_user_registrations(request, page_obj.object_list),
    )


def archive(index, request):
    base = index.events().past()
    filterset = EventFilter(request.GET or None, queryset=base, newest_first=True)
    page_obj = _paginate(request, filterset.qs.for_listing())
    return _render(
        index,
        request,
        "archive",
        "events/event_index_archive.html",
        filter=filterset,
        page_obj=page_obj,
        events=page_obj.object_list,
        my_registrations=_user_registrations(request, page_obj.object_list),
    )


def month_calendar(index, request):
    today = timezone.localdate()
    requested = request.GET.get("month")
    parsed = parse_month(requested)
    if requested and parsed is None:
        raise Http404
    year, month = parsed or (today.year, today.month)
    filterset = EventFilter(request.GET or None, queryset=index.events(), with_month=False)
    events = list(
        filterset.qs.overlapping(*month_bounds(year, month))
        .select_related("event_type")
        .order_by("starts_at", "pk")
    )
    for event in events:
        # Worked out once per event, not once per day it covers: the grid and the phone list
        # show the same event on several days.
        event.calendar_url = event.get_url(request)
        event.calendar_time = formats.time_format(event.local_starts_at, "TIME_FORMAT")
        event.calendar_dates = event_dates(event)
    grid = monthgrid.build(year, month, events, today=today)
    query = request.GET.copy()
    query.pop("page", None)

    def month_link(target):
        query["month"] = f"{target[0]:04d}-{target[1]:02d}"
        return "?" + query.urlencode()

    return _render(
        index,
        request,
        "calendar",
        "events/event_index_calendar.html",
        filter=filterset,
        grid=grid,
        month_title=formats.date_format(grid.first_day, "YEAR_MONTH_FORMAT").capitalize(),
        previous_month_url=month_link(grid.previous),
        next_month_url=month_link(grid.next),
        this_month_url=month_link((today.year, today.month)),
        is_this_month=(year, month) == (today.year, today.month),
        my_registrations=_user_registrations(request, events),
    )
