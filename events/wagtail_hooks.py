from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from events.models import EventType


class EventTypeViewSet(SnippetViewSet):
    model = EventType
    icon = "date"
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name"]
    menu_order = 310
    add_to_admin_menu = True


register_snippet(EventTypeViewSet)
