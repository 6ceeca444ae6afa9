from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


def set_up_review_for_new_index(sender, instance, created, raw=False, **kwargs):
    """A new practice index gets the review workflow and the roles' page permissions."""
    if created and not raw:
        from practices.publishing import ensure_review_setup

        ensure_review_setup(instance)


class PracticesConfig(AppConfig):
    name = "practices"
    verbose_name = _("Банк практик")

    def ready(self):
        from practices.facets import connect_signals
        from practices.models import PracticeIndexPage

        connect_signals()
        post_save.connect(
            set_up_review_for_new_index,
            sender=PracticeIndexPage,
            dispatch_uid="practices-index-review-setup",
        )
