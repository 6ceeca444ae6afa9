from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, SnippetViewSet, SnippetViewSetGroup

from mentoring import access, result_documents
from mentoring.models import (
    Award,
    ExportLog,
    MenteeRequest,
    MentorPoolEntry,
    MentorProfile,
    Municipality,
    Organisation,
    Pair,
    ProfessionalDeficit,
    Programme,
    Survey,
)
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


# --- The programme (issue #8) ---------------------------------------------------------


class LimitedPolicy(ModelPermissionPolicy):
    """Model permissions, but only for ``actions``: what the admin must never do, it cannot.

    Requests are made by teachers (with their consent) and pairs by the curator on
    the site; the export log is a record nobody edits.
    """

    def __init__(self, model, actions, **kwargs):
        super().__init__(model, **kwargs)
        self.actions = set(actions)

    def user_has_permission(self, user, action):
        return action in self.actions and super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        return action in self.actions and super().user_has_permission_for_instance(
            user, action, instance
        )

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([a for a in actions if a in self.actions])


register_permission_policy(
    MenteeRequest, LimitedPolicy(MenteeRequest, {"view", "change", "delete"}), exact_class=True
)
register_permission_policy(
    Pair, LimitedPolicy(Pair, {"view", "change", "delete"}), exact_class=True
)
register_permission_policy(ExportLog, LimitedPolicy(ExportLog, {"view"}), exact_class=True)


class ProgrammeViewSet(SnippetViewSet):
    model = Programme
    icon = "calendar-alt"
    menu_label = _("Программы")
    list_display = ["title", "level", "curator", "starts_on", "ends_on", "accepts_requests"]
    list_filter = ["level", "accepts_requests"]
    search_fields = ["title"]
    search_backend_name = None
    copy_view_enabled = False

    def get_queryset(self, request):
        return Programme.objects.select_related("curator")


class DeficitViewSet(SnippetViewSet):
    model = ProfessionalDeficit
    icon = "help"
    menu_label = _("Профессиональные дефициты")
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name"]
    search_backend_name = None
    ordering = ["sort_order", "name"]


class MentorPoolViewSet(SnippetViewSet):
    model = MentorPoolEntry
    icon = "user"
    menu_label = _("База наставников")
    list_display = ["mentor", "programme", "capacity", "active"]
    list_filter = ["programme", "active"]
    search_fields = ["mentor__last_name"]
    search_backend_name = None
    copy_view_enabled = False

    def get_queryset(self, request):
        return MentorPoolEntry.objects.select_related("mentor", "programme")


class MenteeRequestViewSet(SnippetViewSet):
    """Personal data: only methodists and administrators hold the permissions to see it here."""

    model = MenteeRequest
    icon = "mail"
    menu_label = _("Запросы наставляемых")
    list_display = ["teacher", "organisation", "programme", "created_at", "consent_at"]
    list_filter = ["programme", "preferred_format"]
    search_fields = ["teacher__last_name", "teacher__first_name"]
    search_backend_name = None
    copy_view_enabled = False

    def get_queryset(self, request):
        return MenteeRequest.objects.select_related("teacher", "organisation", "programme")


class PairViewSet(SnippetViewSet):
    model = Pair
    icon = "link"
    menu_label = _("Наставнические пары")
    list_display = ["__str__", "programme", "state", "created_at"]
    list_filter = ["programme", "state"]
    search_fields = ["mentor__last_name"]
    search_backend_name = None
    copy_view_enabled = False

    def get_queryset(self, request):
        return Pair.objects.select_related("mentor", "programme").prefetch_related(
            "memberships__request__teacher"
        )


class SurveyViewSet(SnippetViewSet):
    model = Survey
    icon = "list-ul"
    menu_label = _("Анкеты обратной связи")
    list_display = ["title", "programme", "moment", "opens_on", "closes_on"]
    list_filter = ["programme", "moment"]
    search_backend_name = None


class ExportLogViewSet(SnippetViewSet):
    model = ExportLog
    icon = "download"
    menu_label = _("Журнал выгрузок")
    list_display = ["created_at", "user", "what", "file_format", "rows"]
    list_filter = ["programme", "file_format"]
    search_fields = ["what", "user__last_name"]
    search_backend_name = None
    ordering = ["-created_at"]
    copy_view_enabled = False
    inspect_view_enabled = True

    def get_queryset(self, request):
        return ExportLog.objects.select_related("user", "programme")


class ProgrammeGroup(SnippetViewSetGroup):
    menu_label = _("Программа наставничества")
    menu_icon = "group"
    menu_order = 210
    items = (
        ProgrammeViewSet,
        MentorPoolViewSet,
        MenteeRequestViewSet,
        PairViewSet,
        SurveyViewSet,
        DeficitViewSet,
        ExportLogViewSet,
    )


register_snippet(ProgrammeGroup)


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


@hooks.register("construct_document_chooser_queryset")
def hide_pair_result_documents(documents, request):
    """Pairs' result documents are personal data: only those who oversee programmes choose them."""
    if access.sees_all_programmes(request.user):
        return documents
    return documents.exclude(collection__name=result_documents.COLLECTION_NAME)
