"""Lists of communities that other parts of the portal show.

The communities app's interface to other apps (home page, mentor profiles).
"""

from communities.models import CommunityPage


def active_communities(limit=4):
    return CommunityPage.objects.live().public().order_by("title")[:limit]


def communities_moderated_by(user):
    """Live communities in which ``user`` is a moderator."""
    # Membership and moderators arrive with issue #5.
    return CommunityPage.objects.none()


def communities_of_member(user):
    """Live communities ``user`` belongs to."""
    return CommunityPage.objects.none()
