from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from mentoring.models import MentorProfile, Municipality, Organisation


class MentorProfileViewSet(SnippetViewSet):
    model = MentorProfile
    icon = "user"
    list_display = ["full_name", "position", "organisation"]
    search_fields = ["last_name", "first_name", "position"]


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "site"
    list_display = ["short_name", "municipality"]
    list_filter = ["municipality"]
    search_fields = ["name", "short_name"]


class MunicipalityViewSet(SnippetViewSet):
    model = Municipality
    icon = "globe"
    list_display = ["name", "slug"]


class PeopleGroup(SnippetViewSetGroup):
    menu_label = _("Люди и организации")
    menu_icon = "group"
    menu_order = 200
    items = (MentorProfileViewSet, OrganisationViewSet, MunicipalityViewSet)


register_snippet(PeopleGroup)
