from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from practices.models import (
    Competency,
    EducationLevel,
    MentoringForm,
    PracticeApplication,
    Subject,
)


class TermViewSet(SnippetViewSet):
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name"]
    ordering = ["sort_order", "name"]


class MentoringFormViewSet(TermViewSet):
    model = MentoringForm
    icon = "group"
    list_display = ["name", "short_name", "slug", "sort_order"]


class EducationLevelViewSet(TermViewSet):
    model = EducationLevel
    icon = "list-ol"
    list_display = ["name", "short_name", "slug", "sort_order"]


class SubjectViewSet(TermViewSet):
    model = Subject
    icon = "doc-full"


class CompetencyViewSet(TermViewSet):
    model = Competency
    icon = "tick-inverse"


class PracticeApplicationViewSet(SnippetViewSet):
    """Who applied which practice, for the methodists' reports (export to CSV/XLSX).

    Methodists may view and delete (an inappropriate comment), never add or edit a mark.
    """

    model = PracticeApplication
    icon = "success"
    menu_label = _("Применения практик")
    add_to_admin_menu = True
    menu_order = 310
    list_display = ["practice", "user", "comment", "created_at"]
    list_filter = ["created_at"]
    list_export = ["practice", "user", "comment", "created_at"]
    export_filename = "primeneniya-praktik"
    search_fields = ["comment", "practice__title", "user__last_name"]
    search_backend_name = None
    ordering = ["-created_at"]

    def get_queryset(self, request):
        return PracticeApplication.objects.select_related("practice", "user")


class PracticeTaxonomyGroup(SnippetViewSetGroup):
    menu_label = _("Справочники практик")
    menu_icon = "tag"
    menu_order = 300
    items = (
        MentoringFormViewSet,
        EducationLevelViewSet,
        SubjectViewSet,
        CompetencyViewSet,
    )


register_snippet(PracticeTaxonomyGroup)
register_snippet(PracticeApplicationViewSet)


@hooks.register("register_log_actions")
def register_practice_log_actions(actions):
    actions.register_action(
        "practices.recommend",
        _("Рекомендовать к тиражированию"),
        _("Методист рекомендовал практику к тиражированию"),
    )
    actions.register_action(
        "practices.unrecommend",
        _("Снять рекомендацию"),
        _("Методист снял отметку «рекомендована к тиражированию»"),
    )
