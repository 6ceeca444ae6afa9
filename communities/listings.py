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


def searchable_messages():
    """Messages any visitor may read, for the site search: never a closed community's.

    Live, public (no Wagtail view restriction) open communities, public channels,
    messages not deleted. Search shows them with ``channel.get_absolute_url()``
    + ``#message-<id>``.
    """
    from communities.models import MembershipPolicy, Message

    public_pages = CommunityPage.objects.live().public().values("pk")
    return Message.objects.filter(
        channel__community__in=public_pages,
        channel__community__membership_policy=MembershipPolicy.OPEN,
        channel__is_public=True,
        deleted_at__isnull=True,
    ).select_related("author", "channel", "channel__community")
