from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Поиск")

    def ready(self):
        # Each app registers what it indexes in its own `indexing.py`.
        autodiscover_modules("indexing")
        from search import signals

        signals.connect()
