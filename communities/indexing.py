"""What the portal's search finds among the communities (see search/registry.py)."""

from django.utils.translation import gettext_lazy as _

from communities.models import CommunityPage
from search.registry import SearchDocument, register


def community_document(page):
    return SearchDocument(
        title=page.title,
        body=[page.purpose],
    )


def public_communities():
    return CommunityPage.objects.live().public()


register(
    CommunityPage,
    section="communities",
    label=_("Сообщество"),
    section_label=_("Сообщества"),
    document=community_document,
    queryset=public_communities,
)
