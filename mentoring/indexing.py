"""What the portal's search finds among the mentors (see search/registry.py)."""

from django.utils.translation import gettext_lazy as _

from mentoring.models import Award, MentorProfile, Municipality, Organisation
from practices.models import Competency, EducationLevel, MentoringForm, Subject
from search.registry import SearchDocument, facet_values, register


def mentor_document(profile):
    organisation = profile.organisation
    subjects = list(profile.subjects.all())
    competencies = list(profile.competencies.all())
    levels = list(profile.education_levels.all())
    forms = list(profile.mentoring_forms.all())
    awards = list(profile.awards.all())
    return SearchDocument(
        title=profile.full_name,
        body=[
            profile.position,
            profile.story,
            *(f"{award.title} ({award.year}). {award.citation}" for award in awards),
        ],
        keywords=[
            organisation.name if organisation else "",
            organisation.short_name if organisation else "",
            profile.municipality.name if profile.municipality else "",
            *(term.name for term in [*subjects, *competencies, *levels, *forms]),
        ],
        facets={
            "municipality": facet_values(profile.municipality),
            "subject": facet_values(*subjects),
            "competency": facet_values(*competencies),
            "education_level": facet_values(*levels),
            "mentoring_form": facet_values(*forms),
        },
        badges=[
            b for b in [profile.position, organisation.short_name if organisation else ""] if b
        ],
    )


def listed_mentors():
    return MentorProfile.objects.select_related("organisation", "municipality").prefetch_related(
        "subjects", "competencies", "education_levels", "mentoring_forms", "awards"
    )


register(
    MentorProfile,
    section="mentors",
    label=_("Наставник"),
    section_label=_("Наставники"),
    document=mentor_document,
    queryset=listed_mentors,
    refresh_on={
        Organisation: lambda organisation: organisation.mentors.all(),
        Municipality: lambda municipality: municipality.mentors.all(),
        Award: lambda award: MentorProfile.objects.filter(pk=award.profile_id),
        Subject: lambda term: term.mentors.all(),
        Competency: lambda term: term.mentors.all(),
        EducationLevel: lambda term: term.mentors.all(),
        MentoringForm: lambda term: term.mentors.all(),
    },
)
