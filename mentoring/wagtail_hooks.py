from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, SnippetViewSet, SnippetViewSetGroup

from mentoring.models import Award, MentorProfile, Municipality, Organisation
from mentoring.photos import set_face_focal_point


class MentorProfileViewSet(SnippetViewSet):
    model = MentorProfile
    icon = "user"
    menu_label = _("Профили наставников")
    list_display = ["full_name", "position", "organisation", "municipality", "updated_at"]
    list_filter = ["municipality", "subjects", "competencies"]
    search_fields = ["last_name", "first_name", "middle_name", "position"]
    # Plain database lookups: the SQLite full-text backend cannot search single fields,
    # and a methodist's list of a few hundred people needs no index.
    search_backend_name = None
    ordering = ["last_name", "first_name"]
    copy_view_enabled = False

    def get_queryset(self, request):
        return MentorProfile.objects.select_related("organisation", "municipality")


class AwardCreateView(CreateView):
    """«Добавить награду» from a profile page arrives with ``?profile=<id>``: preselect the mentor."""

    def get_initial(self):
        initial = super().get_initial()
        profile_id = self.request.GET.get("profile", "")
        if profile_id.isdigit() and MentorProfile.objects.filter(pk=profile_id).exists():
            initial["profile"] = profile_id
        return initial


class AwardViewSet(SnippetViewSet):
    """Awards are the methodists' record: only their group holds add/change/delete_award."""

    model = Award
    icon = "pick"
    menu_label = _("Награды наставников")
    add_view_class = AwardCreateView
    list_display = ["title", "profile", "level", "year"]
    list_filter = ["level", "year"]
    search_fields = ["title", "citation", "profile__last_name"]
    search_backend_name = None
    ordering = ["-year", "title"]
    copy_view_enabled = True  # the same award for several mentors of one order

    def get_queryset(self, request):
        return Award.objects.select_related("profile")


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "site"
    list_display = ["short_name", "name", "municipality"]
    list_filter = ["municipality"]
    search_fields = ["name", "short_name"]
    search_backend_name = None


class MunicipalityViewSet(SnippetViewSet):
    model = Municipality
    icon = "globe"
    list_display = ["name", "slug"]


class PeopleGroup(SnippetViewSetGroup):
    menu_label = _("Люди и организации")
    menu_icon = "group"
    menu_order = 200
    items = (MentorProfileViewSet, AwardViewSet, OrganisationViewSet, MunicipalityViewSet)


register_snippet(PeopleGroup)


def _focus_portrait(request, instance):
    # A photo chosen in the admin gets the same face-friendly crop as one uploaded on the site.
    if (
        isinstance(instance, MentorProfile)
        and instance.photo
        and not instance.photo.has_focal_point()
    ):
        set_face_focal_point(instance.photo)
        instance.photo.save(
            update_fields=[
                "focal_point_x",
                "focal_point_y",
                "focal_point_width",
                "focal_point_height",
            ]
        )


hooks.register("after_create_snippet", _focus_portrait)
hooks.register("after_edit_snippet", _focus_portrait)
