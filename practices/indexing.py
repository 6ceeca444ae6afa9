"""What the portal's search finds in the practice bank (see search/registry.py)."""

from django.utils.translation import gettext_lazy as _

from practices.models import MentoringForm, PracticePage
from search.registry import SearchDocument, facet_values, register


def practice_document(page):
    return SearchDocument(
        title=page.title,
        body=[page.summary],
        facets={
            "mentoring_form": facet_values(page.mentoring_form),
        },
        badges=[page.mentoring_form.name] if page.mentoring_form else [],
    )


def published_practices():
    return PracticePage.objects.live().public().select_related("mentoring_form")


register(
    PracticePage,
    section="practices",
    label=_("Практика"),
    section_label=_("Практики"),
    document=practice_document,
    queryset=published_practices,
    refresh_on={MentoringForm: lambda form: form.practices.all()},
)
