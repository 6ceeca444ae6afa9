"""Participants of an event in the Wagtail admin: the list, attendance, cancellation, export.

Only the event's organisers get here (``events.permissions``); every export of personal data
and every change is written to the page's history (Wagtail's audit log).
"""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import HeaderButton
from wagtail.log_actions import log

from events import exports
from events import registration as rules
from events.models import EventPage, Registration
from events.permissions import can_manage_participants, managed_events

EXPORT_FORMATS = {
    "csv": ("text/csv; charset=utf-8", exports.to_csv),
    "xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        exports.to_xlsx,
    ),
}


def _managed_event_or_403(request, pk):
    event = get_object_or_404(EventPage.objects.select_related("event_type", "organiser"), pk=pk)
    if not can_manage_participants(request.user, event):
        raise PermissionDenied
    return event


class ParticipantsIndexView(WagtailAdminTemplateMixin, TemplateView):
    """The events a person organises, with how full they are."""

    template_name = "events/admin/participants_index.html"
    page_title = gettext_lazy("Участники мероприятий")
    header_icon = "group"
    past_shown = 30

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        now = timezone.now()
        events = managed_events(self.request.user, EventPage.objects.all()).for_listing()
        context["upcoming"] = list(events.upcoming(now))
        context["past"] = list(events.past(now)[: self.past_shown])
        return context


class ParticipantsView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "events/admin/participants.html"
    header_icon = "group"

    def dispatch(self, request, pk):
        self.event = _managed_event_or_403(request, pk)
        return super().dispatch(request)

    def get_page_title(self):
        return _("Участники")

    def get_page_subtitle(self):
        return self.event.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("events_admin:index"), "label": _("Участники мероприятий")},
            {"url": "", "label": self.event.title},
        ]

    def get_header_buttons(self):
        return [
            HeaderButton(
                _("Скачать CSV"),
                url=reverse("events_admin:export", args=[self.event.pk, "csv"]),
                icon_name="download",
            ),
            HeaderButton(
                _("Скачать XLSX"),
                url=reverse("events_admin:export", args=[self.event.pk, "xlsx"]),
                icon_name="download",
            ),
            HeaderButton(
                _("Редактировать мероприятие"),
                url=reverse("wagtailadmin_pages:edit", args=[self.event.pk]),
                icon_name="edit",
            ),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        registrations = list(
            Registration.objects.filter(event=self.event)
            .select_related("user")
            .with_waitlist_position()
            .order_by("queued_at", "pk")
        )
        confirmed = [r for r in registrations if r.is_confirmed]
        context.update(
            event=self.event,
            confirmed=confirmed,
            waitlisted=[r for r in registrations if r.is_waitlisted],
            cancelled=[r for r in registrations if r.is_cancelled],
            attendance_open=rules.attendance_open(self.event),
            attended_count=sum(1 for r in confirmed if r.attended),
            live_url=self.event.url if self.event.live else "",
        )
        return context

    def post(self, request):
        if not rules.attendance_open(self.event):
            messages.error(request, _("Присутствие отмечают в день мероприятия и после него."))
            return redirect("events_admin:participants", self.event.pk)
        present = {int(value) for value in request.POST.getlist("present") if value.isdigit()}
        confirmed_ids = (
            Registration.objects.filter(event=self.event).confirmed().values_list("pk", flat=True)
        )
        marks = {pk: pk in present for pk in confirmed_ids}
        changed = rules.mark_attendance(self.event, marks)
        if changed:
            log(
                instance=self.event,
                action="events.attendance",
                user=request.user,
                data={"changed": changed, "present": len(present & set(marks))},
            )
        messages.success(
            request,
            _("Отметки сохранены: присутствовали %(present)s из %(total)s.")
            % {"present": len(present & set(marks)), "total": len(marks)},
        )
        return redirect("events_admin:participants", self.event.pk)


class CancelRegistrationView(WagtailAdminTemplateMixin, TemplateView):
    """An organiser cancels someone's registration, after a confirmation page."""

    template_name = "events/admin/cancel_registration.html"
    header_icon = "group"

    def dispatch(self, request, pk, registration_id):
        self.event = _managed_event_or_403(request, pk)
        self.registration = get_object_or_404(
            Registration.objects.filter(event=self.event).active().select_related("user"),
            pk=registration_id,
        )
        return super().dispatch(request)

    def get_page_title(self):
        return _("Отмена записи")

    def get_page_subtitle(self):
        return self.event.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("events_admin:index"), "label": _("Участники мероприятий")},
            {
                "url": reverse("events_admin:participants", args=[self.event.pk]),
                "label": self.event.title,
            },
            {"url": "", "label": _("Отмена записи")},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(event=self.event, registration=self.registration)
        return context

    def post(self, request):
        try:
            promoted = rules.cancel(self.registration, by_organiser=True)
        except rules.RegistrationRefused as refusal:
            messages.error(request, refusal.message)
        else:
            log(
                instance=self.event,
                action="events.registration.cancel",
                user=request.user,
                data={"registration": self.registration.pk, "promoted": len(promoted)},
            )
            message = _("Запись отменена.")
            if promoted:
                message += " " + _("Из листа ожидания переведено: %(count)s.") % {
                    "count": len(promoted)
                }
            messages.success(request, message)
        return redirect("events_admin:participants", self.event.pk)


def export(request, pk, fmt):
    event = _managed_event_or_403(request, pk)
    content_type, render = EXPORT_FORMATS[fmt]
    registrations = exports.export_registrations(event)
    content = render(registrations, event) if fmt == "xlsx" else render(registrations)
    log(
        instance=event,
        action="events.participants.export",
        user=request.user,
        data={"format": fmt, "rows": len(registrations)},
    )
    stamp = timezone.localtime().strftime("%Y-%m-%d")
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="uchastniki-{event.slug}-{stamp}.{fmt}"'
    )
    response["Cache-Control"] = "private, no-store"
    return response
