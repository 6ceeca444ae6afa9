"""Lists of communities that other parts of the portal show.

The communities app's interface to other apps (home page, mentor profiles).
"""

from django.db.models import F, Max

from communities.models import CommunityPage, MembershipRole, MembershipStatus


def active_communities(limit=4):
    """Live public communities, the ones with the most recent discussion first."""
    return (
        CommunityPage.objects.live()
        .public()
        .annotate(last_message_at=Max("channels__messages__created_at"))
        .order_by(F("last_message_at").desc(nulls_last=True), "-members_count", "title")[:limit]
    )


def communities_moderated_by(user):
    """Live communities in which ``user`` is a moderator."""
    if not user.is_authenticated:
        return CommunityPage.objects.none()
    return (
        CommunityPage.objects.live()
        .filter(
            memberships__user=user,
            memberships__status=MembershipStatus.ACTIVE,
            memberships__role=MembershipRole.MODERATOR,
        )
        .order_by("title")
    )


def communities_of_member(user):
    """Live communities ``user`` belongs to."""
    if not user.is_authenticated:
        return CommunityPage.objects.none()
    return (
        CommunityPage.objects.live()
        .filter(memberships__user=user, memberships__status=MembershipStatus.ACTIVE)
        .order_by("title")
    )
