from django.urls import include, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets.button import Button
from wagtail.log_actions import LogFormatter
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from events import admin_urls
from events.models import EventPage, EventType
from events.permissions import can_manage_participants
from portal.roles import ADMINISTRATOR, MENTOR, METHODIST, has_role


class EventTypeViewSet(SnippetViewSet):
    model = EventType
    icon = "date"
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name"]
    ordering = ["sort_order", "name"]
    menu_order = 310
    add_to_admin_menu = True


register_snippet(EventTypeViewSet)


@hooks.register("register_admin_urls")
def register_participant_urls():
    return [path("events/participants/", include(admin_urls, namespace="events_admin"))]


class ParticipantsMenuItem(MenuItem):
    def is_shown(self, request):
        # Methodists see every event; mentors and owners see the events they organise.
        return has_role(request.user, METHODIST, ADMINISTRATOR, MENTOR) or (
            EventPage.objects.filter(owner=request.user).exists()
        )


@hooks.register("register_admin_menu_item")
def register_participants_menu_item():
    return ParticipantsMenuItem(
        gettext_lazy("Участники мероприятий"),
        reverse("events_admin:index"),
        icon_name="group",
        order=305,
    )


def _participants_button(page, user, priority):
    if not isinstance(page.specific_deferred, EventPage):
        return None
    event = page.specific_deferred
    if not can_manage_participants(user, event):
        return None
    return Button(
        _("Участники"),
        url=reverse("events_admin:participants", args=[page.pk]),
        icon_name="group",
        priority=priority,
    )


@hooks.register("register_page_header_buttons")
def participants_header_button(page, user, view_name, next_url=None):
    button = _participants_button(page, user, priority=25)
    if button is not None:
        yield button


@hooks.register("register_page_listing_more_buttons")
def participants_listing_button(page, user, next_url=None):
    button = _participants_button(page, user, priority=15)
    if button is not None:
        yield button


@hooks.register("register_log_actions")
def register_event_log_actions(actions):
    @actions.register_action("events.participants.export")
    class ExportFormatter(LogFormatter):
        label = gettext_lazy("Выгрузка списка участников")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            return _("Выгружен список участников (%(format)s, строк: %(rows)s)") % {
                "format": str(data.get("format", "")).upper(),
                "rows": data.get("rows", "?"),
            }

    @actions.register_action("events.attendance")
    class AttendanceFormatter(LogFormatter):
        label = gettext_lazy("Отметка присутствия")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            return _("Отмечено присутствие: пришли %(present)s") % {
                "present": data.get("present", "?")
            }

    @actions.register_action("events.registration.cancel")
    class CancelFormatter(LogFormatter):
        label = gettext_lazy("Отмена записи организатором")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            return _("Организатор отменил запись; из листа ожидания переведено: %(promoted)s") % {
                "promoted": data.get("promoted", 0)
            }
