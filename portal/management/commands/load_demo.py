from importlib import import_module

from django.core.management import BaseCommand, call_command
from django.db import transaction

# Order matters: people and organisations before the practices they author,
# practices and communities before the events that refer to them; the mentoring
# programme last, as its pairs' results link to practices and events.
DEMO_MODULES = [
    "home.demo",
    "mentoring.demo",
    "practices.demo",
    "communities.demo",
    "events.demo",
    "mentoring.programme_demo",
]


class Command(BaseCommand):
    help = (
        "Builds the page tree and Russian demo content. Safe to run again: nothing is duplicated."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            home = import_module("home.demo").load(self)
            for name in DEMO_MODULES[1:]:
                import_module(name).load(self, home)
        # Wagtail's reference index powers "usage" counts in the admin.
        call_command("rebuild_references_index", verbosity=0)
        call_command("search_index", rebuild=True, verbosity=0)  # the portal's search (search/)
        self.stdout.write(self.style.SUCCESS("Демо-содержимое готово."))

    def created(self, what):
        """Report one created record; demo modules call it so a second run stays quiet."""
        if self.verbosity >= 1:
            self.stdout.write(f"  + {what}")

    def execute(self, *args, **options):
        self.verbosity = options.get("verbosity", 1)
        return super().execute(*args, **options)
