"""What the portal's search finds among the communities (see search/registry.py)."""

from django.utils.translation import gettext_lazy as _

from communities.models import CommunityPage
from search.registry import SearchDocument, register, rich_text


def community_document(page):
    # Channel messages are members' discussions: searched inside the community, not here.
    return SearchDocument(
        title=page.title,
        body=[page.purpose, rich_text(page.description)],
        badges=[page.get_membership_policy_display()],
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
