from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from practices.models import Competency, EducationLevel, MentoringForm, Subject


class TermViewSet(SnippetViewSet):
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name"]
    ordering = ["sort_order", "name"]


class MentoringFormViewSet(TermViewSet):
    model = MentoringForm
    icon = "group"


class EducationLevelViewSet(TermViewSet):
    model = EducationLevel
    icon = "list-ol"


class SubjectViewSet(TermViewSet):
    model = Subject
    icon = "doc-full"


class CompetencyViewSet(TermViewSet):
    model = Competency
    icon = "tick-inverse"


class PracticeTaxonomyGroup(SnippetViewSetGroup):
    menu_label = _("Справочники практик")
    menu_icon = "tag"
    menu_order = 300
    items = (MentoringFormViewSet, EducationLevelViewSet, SubjectViewSet, CompetencyViewSet)


register_snippet(PracticeTaxonomyGroup)
