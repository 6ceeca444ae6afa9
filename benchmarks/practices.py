"""Speed of the practice bank on 10,000 practices (SQLite file database, Django's test client).

    .venv/bin/python benchmarks/practices.py            # 10,000 practices, 60 timed requests each
    .venv/bin/python benchmarks/practices.py --count 2000 --runs 30

Builds a fresh database in a temporary folder: migrations, the demo content, then
``--count`` more practices inserted in bulk (realistic spread over forms, levels,
subjects, competencies, tags, organisations). Prints, for each page, the median
and p95 time and the number of SQL queries, the queries of the same pages with
only the 34 demo practices (they must be equal: queries do not grow with the
bank), and the ratio of the filtered index median to the 60 ms target.
"""

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_INDEX_MEDIAN_MS = 60.0


def configure(database):
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.dev"
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ["DEBUG"] = "0"
    os.environ["ALLOWED_HOSTS"] = "testserver,localhost"
    os.environ.pop("REDIS_URL", None)
    os.environ["LOG_LEVEL"] = "ERROR"
    import django

    django.setup()


def build_site():
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0)


def bulk_practices(count, seed=20261123):
    """Insert ``count`` live practices under the index without revisions (the shape pages have after publishing)."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from django.utils import timezone

    from taggit.models import Tag
    from wagtail.models import Locale, Page

    from mentoring.models import MentorProfile, Organisation
    from practices.models import (
        Competency,
        EducationLevel,
        MentoringForm,
        PracticeAuthor,
        PracticeIndexPage,
        PracticePage,
        PracticePageTag,
        Subject,
    )

    rng = random.Random(seed)
    index = PracticeIndexPage.objects.get()
    page_type = ContentType.objects.get_for_model(PracticePage)
    locale = Locale.get_default()
    forms = list(MentoringForm.objects.values_list("pk", flat=True))
    levels = list(EducationLevel.objects.values_list("pk", flat=True))
    subjects = list(Subject.objects.values_list("pk", flat=True))
    competencies = list(Competency.objects.values_list("pk", flat=True))
    organisations = list(Organisation.objects.values_list("pk", "municipality_id"))
    authors = list(MentorProfile.objects.values_list("pk", flat=True))
    words = [
        "адаптация",
        "молодой педагог",
        "ИПР",
        "дневник наставника",
        "открытый урок",
        "профориентация",
        "дисциплина",
        "родители",
        "функциональная грамотность",
        "проектная деятельность",
        "инклюзия",
        "цифровые ресурсы",
        "оценивание",
        "выгорание",
        "читательская грамотность",
        "математика",
        "робототехника",
        "СПО",
        "детский сад",
        "социальные партнёры",
        "клуб молодых педагогов",
        "фестиваль",
    ]
    tags = [
        Tag.objects.get_or_create(name=f"{word} {n}" if n else word)[0].pk
        for n in range(3)
        for word in words
    ]
    steps = json.dumps(
        [
            {
                "type": "step",
                "id": str(uuid.uuid4()),
                "value": {
                    "title": f"Шаг {number}",
                    "period": "октябрь",
                    "text": "<p>Наставник и наставляемый встречаются и разбирают урок по карте наблюдения.</p>",
                    "image": None,
                    "image_alt": "",
                    "documents": [],
                },
            }
            for number in range(1, 5)
        ],
        ensure_ascii=False,
    )
    now = timezone.now()
    start = index.numchild

    with transaction.atomic():
        pages = []
        for number in range(count):
            slug = f"bench-{number}"
            published = now - timedelta(hours=3 * number + 200)
            pages.append(
                Page(
                    title=f"Практика наставничества № {number}: {rng.choice(words)} и {rng.choice(words)}",
                    draft_title=f"Практика № {number}",
                    slug=slug,
                    content_type=page_type,
                    path=PracticePage._get_path(index.path, index.depth + 1, start + number + 1),
                    depth=index.depth + 1,
                    numchild=0,
                    url_path=f"{index.url_path}{slug}/",
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=published,
                    last_published_at=published,
                    locale=locale,
                    translation_key=uuid.uuid4(),
                )
            )
        pages = Page.objects.bulk_create(pages, batch_size=500)
        rows = []
        for page in pages:
            organisation, municipality = rng.choice(organisations)
            rows.append(
                (
                    page.pk,
                    "Наставник и молодой педагог вместе планируют уроки и разбирают их по карте наблюдения.",
                    "Молодому педагогу трудно удерживать дисциплину и планировать урок.",
                    rng.choice(forms),
                    "пары «наставник — молодой педагог»",
                    "учебный год",
                    steps,
                    "<p>Все молодые педагоги остались в школе.</p>",
                    "",
                    organisation,
                    municipality,
                    rng.random() < 0.1,
                    None,
                    rng.randrange(0, 40),
                )
            )
        with connection.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO practices_practicepage (page_ptr_id, summary, problem, mentoring_form_id, "
                "participants, duration, steps, results, evidence, organisation_id, municipality_id, "
                "recommended, recommended_at, applications_count) VALUES "
                "(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                rows,
            )
        through = PracticePage.education_levels.through
        through.objects.bulk_create(
            [
                through(practicepage_id=page.pk, educationlevel_id=level)
                for page in pages
                for level in rng.sample(levels, rng.randint(1, 3))
            ],
            batch_size=2000,
        )
        through = PracticePage.subjects.through
        through.objects.bulk_create(
            [
                through(practicepage_id=page.pk, subject_id=subject)
                for page in pages
                for subject in rng.sample(subjects, rng.randint(0, 2))
            ],
            batch_size=2000,
        )
        through = PracticePage.competencies.through
        through.objects.bulk_create(
            [
                through(practicepage_id=page.pk, competency_id=competency)
                for page in pages
                for competency in rng.sample(competencies, rng.randint(1, 3))
            ],
            batch_size=2000,
        )
        PracticePageTag.objects.bulk_create(
            [
                PracticePageTag(content_object_id=page.pk, tag_id=tag)
                for page in pages
                for tag in rng.sample(tags, rng.randint(2, 4))
            ],
            batch_size=2000,
        )
        PracticeAuthor.objects.bulk_create(
            [
                PracticeAuthor(page_id=page.pk, author_id=author, sort_order=order)
                for page in pages
                for order, author in enumerate(rng.sample(authors, rng.randint(1, 2)))
            ],
            batch_size=2000,
        )
        Page.objects.filter(pk=index.pk).update(numchild=start + count)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return pages


def measure(client, targets, runs, cold=False):
    """``{label: (median, p95)}`` in ms. The pages are requested in turn, run after run, so a
    change of the machine's load touches them all alike; ``cold`` forgets the cached counts
    before every request."""
    from practices.facets import bank_changed

    timings = {label: [] for label, _url in targets}
    for _warm_up in range(3):
        for _label, url in targets:
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
    for _run in range(runs):
        for label, url in targets:
            if cold:
                bank_changed()
            started = time.perf_counter()
            client.get(url)
            timings[label].append((time.perf_counter() - started) * 1000)
    return {
        label: (statistics.median(values), statistics.quantiles(values, n=20)[18])
        for label, values in timings.items()
    }


def count_queries(client, url):
    """Queries of one request with nothing of the bank cached (the worst case)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from practices.facets import bank_changed

    client.get(url)
    bank_changed()
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return len(queries)


def pages_to_measure():
    from practices.models import PracticeIndexPage, PracticePage

    index = PracticeIndexPage.objects.get().url
    # A demo practice: it has resources, authors, tags and related practices.
    practice = PracticePage.objects.live().filter(slug__startswith="shkola-molodogo").first().url
    tag = (
        PracticePage.objects.live()
        .get(url_path__endswith="/shkola-molodogo-pedagoga-pervyy-god-bez-vygoraniya/")
        .tags.first()
        .slug
    )
    return [
        (
            "index, filtered (form + level, most applied)",
            f"{index}?form=uchitel-uchitel&level=ooo&sort=applied",
        ),
        (
            "index, filtered (tag + competency + recommended, page 2)",
            f"{index}?tag={tag}&competency=adaptaciya&recommended=1&page=2",
        ),
        ("index, no filter", index),
        ("practice page", practice),
        ("feed (RSS), filtered", "/practices/rss/?level=ooo"),
        ("API listing, filtered", "/api/v2/practices/?form=gruppovoe&limit=20"),
        # The floor of this run: a plain Wagtail page of the same site, same load.
        ("anchor: plain page «О портале»", "/o-portale/"),
    ]


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--count", type=int, default=10_000, help="practices to add to the demo bank"
    )
    parser.add_argument("--runs", type=int, default=60, help="timed requests per page")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-practices-") as folder:
        configure(Path(folder) / "bench.sqlite3")
        from django.test import Client

        started = time.perf_counter()
        build_site()
        client = Client()
        targets = pages_to_measure()
        small = {label: count_queries(client, url) for label, url in targets}
        bulk_practices(args.count)
        from practices.models import PracticePage

        total = PracticePage.objects.live().count()
        print(
            f"Наставник.Портал — банк практик: {total} опубликованных практик, SQLite, "
            f"подготовка {time.perf_counter() - started:.0f} с, {args.runs} замеров на страницу\n"
        )
        print("Счётчики фильтров кешируются до изменения банка; «без кеша» — они считаются заново")
        print("при каждом запросе (первый запрос после публикации). Запросы SQL — без кеша.\n")
        print(f"{'страница':58} {'медиана':>9} {'p95':>9} {'запросов':>9} {'при 34':>7}")
        warm = measure(client, targets, args.runs)
        cold = measure(
            client, [t for t in targets if t[0].startswith("index")], args.runs, cold=True
        )
        results = {}
        for label, url in targets:
            median, p95 = warm[label]
            queries = count_queries(client, url)
            results[label] = (median, p95, queries)
            print(f"{label:58} {median:6.1f} мс {p95:6.1f} мс {queries:9d} {small[label]:7d}")
            if label in cold:
                median, p95 = cold[label]
                results[f"{label} cold"] = (median, p95, queries)
                print(f"{'  … без кеша счётчиков':58} {median:6.1f} мс {p95:6.1f} мс")
        grows = [label for label, url in targets if results[label][2] > small[label]]
        warm, cold = results[targets[0][0]][0], results[f"{targets[0][0]} cold"][0]
        load = os.getloadavg()[0]
        floor = results[targets[-1][0]][0]
        print()
        print(
            f"Цель: медиана отфильтрованного списка < {TARGET_INDEX_MEDIAN_MS:.0f} мс — {warm:.1f} мс "
            f"({warm / TARGET_INDEX_MEDIAN_MS:.2f} от цели), без кеша {cold:.1f} мс "
            f"({cold / TARGET_INDEX_MEDIAN_MS:.2f})."
        )
        print(
            f"Относительно простой страницы того же прогона: {warm / floor:.1f}× (без кеша "
            f"{cold / floor:.1f}×); средняя загрузка машины {load:.1f} на {os.cpu_count()} ядра."
        )
        print(
            "Число запросов не растёт с числом практик."
            if not grows
            else f"Растёт число запросов: {grows}"
        )


if __name__ == "__main__":
    main()
