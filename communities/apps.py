from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def keep_members_count(sender, instance, **kwargs):
    """Publishing an old revision would bring back its stale members count: recount."""
    from communities.membership import refresh_members_count

    refresh_members_count(instance.pk)


class CommunitiesConfig(AppConfig):
    name = "communities"
    verbose_name = _("Сообщества")

    def ready(self):
        from wagtail.signals import page_published

        from communities.models import CommunityPage

        page_published.connect(
            keep_members_count, sender=CommunityPage, dispatch_uid="communities-members-count"
        )
