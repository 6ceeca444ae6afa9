"""What the portal's search finds in the practice bank (see search/registry.py)."""

from django.utils.translation import gettext_lazy as _

from taggit.models import Tag

from mentoring.models import MentorProfile, Organisation
from practices.models import Competency, EducationLevel, MentoringForm, PracticePage, Subject
from search.registry import SearchDocument, facet_values, register, rich_text


def practice_document(page):
    levels = list(page.education_levels.all())
    subjects = list(page.subjects.all())
    competencies = list(page.competencies.all())
    tags = list(page.tags.all())
    authors = [authorship.author for authorship in page.authors.all()]
    return SearchDocument(
        title=page.title,
        body=[
            page.summary,
            page.problem,
            page.steps,
            rich_text(page.results),
            rich_text(page.evidence),
            page.participants,
        ],
        keywords=[
            *(term.name for term in [*competencies, *subjects, *tags]),
            *(author.full_name for author in authors),
            page.organisation.name if page.organisation else "",
        ],
        facets={
            "mentoring_form": facet_values(page.mentoring_form),
            "education_level": facet_values(*levels),
            "subject": facet_values(*subjects),
            "competency": facet_values(*competencies),
            "tag": facet_values(*tags),
            "municipality": facet_values(page.municipality),
        },
        recommended=page.recommended,
        badges=[page.mentoring_form.name] if page.mentoring_form else [],
    )


def published_practices():
    return (
        PracticePage.objects.live()
        .public()
        .select_related("mentoring_form", "organisation", "municipality")
        .prefetch_related("education_levels", "subjects", "competencies", "tags", "authors__author")
    )


register(
    PracticePage,
    section="practices",
    label=_("Практика"),
    section_label=_("Практики"),
    document=practice_document,
    queryset=published_practices,
    refresh_on={
        MentoringForm: lambda term: term.practices.all(),
        EducationLevel: lambda term: term.practices.all(),
        Subject: lambda term: term.practices.all(),
        Competency: lambda term: term.practices.all(),
        Organisation: lambda organisation: organisation.practices.all(),
        Tag: lambda tag: PracticePage.objects.filter(tags=tag),
        MentorProfile: lambda profile: PracticePage.objects.filter(authors__author=profile),
    },
)
