"""Registering, cancelling and «Мои мероприятия»: thin views over ``events.registration``."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from events import registration as rules
from events.forms import RegistrationForm, initial_for
from events.models import CalendarFeed, EventPage, Registration
from portal.navigation import section_pages
from portal.ratelimits import is_limited, retry_after_seconds


def _event_or_404(pk):
    return get_object_or_404(
        EventPage.objects.live().public().select_related("event_type", "organising_body"), pk=pk
    )


def _over_limit(request):
    """Registering and cancelling share PORTAL_RATE_LIMITS["registration"]; every POST counts."""
    return request.method == "POST" and is_limited(request, "registration", key="user")


def _too_many(request, event):
    retry_after = retry_after_seconds("registration")
    response = TemplateResponse(
        request,
        "events/too_many_requests.html",
        {"event": event, "retry_after": retry_after},
        status=429,
    )
    response["Retry-After"] = str(retry_after)
    return response


def _back(request, event):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(event.get_url(request) + "#registration")


@login_required
def register(request, pk):
    limited = _over_limit(request)
    event = _event_or_404(pk)
    state = rules.registration_state(event, request.user)
    if state.registration is not None:
        messages.info(request, _("Вы уже записаны на это мероприятие."))
        return _back(request, event)
    if not state.can_register:
        messages.error(request, state.refusal)
        return _back(request, event)

    if request.method == "POST":
        if limited:
            return _too_many(request, event)
        form = RegistrationForm(request.POST)
        if form.is_valid():
            try:
                registration = rules.register(event, request.user, **form.registration_fields())
            except rules.RegistrationRefused as refusal:
                messages.error(request, refusal.message)
                return _back(request, event)
            if registration.is_confirmed:
                messages.success(
                    request, _("Вы записаны. Мероприятие появилось в разделе «Мои мероприятия».")
                )
            else:
                messages.success(
                    request,
                    _(
                        "Мест больше нет, вы в листе ожидания. Если место освободится, "
                        "вы получите его автоматически и письмо на почту."
                    ),
                )
            return _back(request, event)
    else:
        form = RegistrationForm(initial=initial_for(request.user))
    return TemplateResponse(
        request,
        "events/register.html",
        {"event": event, "page": event, "form": form, "state": state},
    )


@login_required
def cancel(request, pk):
    limited = _over_limit(request)
    event = _event_or_404(pk)
    registration = Registration.objects.filter(event=event, user=request.user).active().first()
    if registration is None:
        messages.info(request, _("Вы не записаны на это мероприятие."))
        return _back(request, event)
    if request.method == "POST":
        if limited:
            return _too_many(request, event)
        try:
            rules.cancel(registration)
        except rules.RegistrationRefused as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(request, _("Запись отменена."))
        return _back(request, event)
    return TemplateResponse(
        request,
        "events/cancel.html",
        {
            "event": event,
            "page": event,
            "registration": registration,
            "next": request.GET.get("next", ""),
        },
    )


@login_required
def my_events(request):
    now = timezone.now()
    registrations = list(
        Registration.objects.filter(user=request.user, event__live=True)
        .active()
        .with_waitlist_position()
        .select_related("event__event_type")
        .order_by("event__starts_at")
    )
    upcoming = [r for r in registrations if r.event.ends_at >= now]
    past = [r for r in registrations if r.event.ends_at < now]
    past.reverse()
    feed, _created = CalendarFeed.objects.get_or_create(user=request.user)
    feed_url = request.build_absolute_uri(reverse("events:personal_feed", args=[feed.token]))
    return TemplateResponse(
        request,
        "events/my_events.html",
        {
            "upcoming": upcoming,
            "past": past,
            "feed_url": feed_url,
            "webcal_url": "webcal://" + feed_url.split("://", 1)[1],
            "events_index": section_pages(request).get("events"),
        },
    )


@login_required
@require_POST
def reset_feed(request):
    feed, created = CalendarFeed.objects.get_or_create(user=request.user)
    if not created:
        feed.reset()
    messages.success(
        request,
        _("Создан новый адрес календаря. Прежний адрес больше не работает: подпишитесь заново."),
    )
    return redirect("events:my_events")
