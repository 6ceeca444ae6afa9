"""What the portal's search finds among the mentors (see search/registry.py)."""

from django.utils.translation import gettext_lazy as _

from mentoring.models import MentorProfile, Municipality, Organisation
from search.registry import SearchDocument, facet_values, register


def mentor_document(profile):
    organisation = profile.organisation
    return SearchDocument(
        title=profile.full_name,
        body=[
            profile.position,
            organisation.name if organisation else "",
            organisation.short_name if organisation else "",
        ],
        facets={
            "municipality": facet_values(organisation.municipality if organisation else None),
        },
        badges=[
            b for b in [profile.position, organisation.short_name if organisation else ""] if b
        ],
    )


def listed_mentors():
    return MentorProfile.objects.select_related("organisation__municipality")


register(
    MentorProfile,
    section="mentors",
    label=_("Наставник"),
    section_label=_("Наставники"),
    document=mentor_document,
    queryset=listed_mentors,
    refresh_on={
        Organisation: lambda organisation: organisation.mentors.all(),
        Municipality: lambda municipality: MentorProfile.objects.filter(
            organisation__municipality=municipality
        ),
    },
)
