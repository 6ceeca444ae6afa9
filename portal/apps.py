from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def grant_administrator_everything(sender, using="default", **kwargs):
    """The «Администратор» role holds every model permission, including those of apps added later."""
    from django.contrib.auth.models import Group, Permission

    from portal.roles import ADMINISTRATOR

    group = Group.objects.using(using).filter(name=ADMINISTRATOR).first()
    if group is not None:
        group.permissions.add(*Permission.objects.using(using).all())


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Портал")

    def ready(self):
        post_migrate.connect(grant_administrator_everything, dispatch_uid="portal-admin-role")

        from portal import page_cache

        page_cache.connect_signals()
