"""Lists of communities that other parts of the portal show (the home page)."""

from communities.models import CommunityPage


def active_communities(limit=4):
    return CommunityPage.objects.live().public().order_by("title")[:limit]
