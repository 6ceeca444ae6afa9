import time

from django.core.management import BaseCommand, CommandError

from tqdm import tqdm

from search import service
from search.backends import BackendUnavailable
from search.models import IndexEntry


class Command(BaseCommand):
    help = (
        "Поисковый индекс портала: без параметров — сведения о нём; "
        "--rebuild — пересобрать целиком из опубликованного содержимого."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--rebuild", action="store_true", help="пересобрать индекс целиком (с индикатором)"
        )
        parser.add_argument(
            "--backend",
            choices=["configured", "database", "elasticsearch"],
            default="configured",
            help="какой индекс пересобрать: настроенные (по умолчанию), базы данных или Elasticsearch",
        )

    def handle(self, *args, rebuild=False, backend="configured", verbosity=1, **options):
        targets = self._targets(backend)
        if not rebuild:
            self._status(targets)
            return
        total = service.total_objects()
        for target in targets:
            started = time.perf_counter()
            with tqdm(
                total=total,
                desc=f"Индекс ({target.name})",
                unit=" док.",
                disable=verbosity == 0,
                # The raw stream: Django's wrapper would end each redraw with a newline.
                file=self.stderr._out,
            ) as progress:
                try:
                    service.rebuild(target, progress=progress)
                except BackendUnavailable as error:
                    if backend == "elasticsearch":
                        raise CommandError(f"Elasticsearch недоступен: {error}") from error
                    # The demo loader calls this: a missing cluster must not stop it.
                    self.stderr.write(
                        self.style.WARNING(f"Индекс {target.name} не пересобран: {error}")
                    )
                    continue
            if verbosity:
                self.stdout.write(
                    self.style.SUCCESS(
                        f"Индекс {target.name}: {total} объектов за "
                        f"{time.perf_counter() - started:.1f} с."
                    )
                )

    @staticmethod
    def _targets(backend):
        if backend == "database":
            return [service.DATABASE]
        if backend == "elasticsearch":
            es = service.elasticsearch_backend()
            if es is None:
                raise CommandError("ELASTICSEARCH_URL не задан: индекса Elasticsearch нет.")
            return [es]
        return service.backends_to_write()

    def _status(self, targets):
        self.stdout.write(f"Поиск отвечает из: {service.configured_backend().name}")
        for section, label in service.section_choices():
            indexed = IndexEntry.objects.filter(section=section).count()
            self.stdout.write(f"  {label}: {indexed} в индексе базы данных")
        self.stdout.write(f"  опубликовано объектов: {service.total_objects()}")
        if any(target.name == "elasticsearch" for target in targets):
            self.stdout.write(f"  Elasticsearch: {service.elasticsearch_backend().url}")
