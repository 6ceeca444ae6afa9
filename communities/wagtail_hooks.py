"""The admin side of communities: members, channels and message moderation."""

from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from communities.models import Channel, Membership, Message


class MembershipViewSet(ModelViewSet):
    model = Membership
    icon = "group"
    menu_label = _("Участники")
    list_display = ["user", "community", "role", "status", "requested_at", "muted_until"]
    list_filter = ["status", "role", "community"]
    search_fields = ["user__username", "user__last_name", "user__first_name"]
    form_fields = ["community", "user", "role", "status", "note", "muted_until"]
    ordering = ["community", "-role", "user__last_name"]


class ChannelViewSet(ModelViewSet):
    model = Channel
    icon = "comment"
    menu_label = _("Каналы")
    list_display = ["name", "community", "is_public", "is_archived", "created_at"]
    list_filter = ["community", "is_public", "is_archived"]
    search_fields = ["name", "description"]
    form_fields = [
        "community",
        "name",
        "slug",
        "description",
        "is_public",
        "is_archived",
        "sort_order",
    ]


class MessageViewSet(ModelViewSet):
    model = Message
    icon = "openquote"
    menu_label = _("Сообщения")
    list_display = ["__str__", "author", "channel", "created_at", "is_pinned", "deleted_at"]
    list_filter = ["channel__community", "is_pinned"]
    search_fields = ["text", "author__username", "author__last_name"]
    form_fields = ["text", "is_pinned"]
    ordering = ["-created_at"]
    inspect_view_enabled = True

    def get_queryset(self, request):
        return Message.objects.select_related("author", "channel", "channel__community")


class CommunitiesViewSetGroup(ModelViewSetGroup):
    menu_label = _("Сообщества")
    menu_icon = "group"
    menu_order = 310
    items = [
        MembershipViewSet("community_memberships"),
        ChannelViewSet("community_channels"),
        MessageViewSet("community_messages"),
    ]


@hooks.register("register_admin_viewset")
def register_communities_viewsets():
    return CommunitiesViewSetGroup()
