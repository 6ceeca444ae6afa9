"""Speed of the portal's search: indexing 10,000 practices and answering 200 varied queries.

    .venv/bin/python benchmarks/search.py                       # SQLite and PostgreSQL
    .venv/bin/python benchmarks/search.py --backends sqlite --practices 2000
    ELASTICSEARCH_URL=http://127.0.0.1:9200 .venv/bin/python benchmarks/search.py

For each available backend (the database backend on SQLite and on PostgreSQL;
Elasticsearch when ELASTICSEARCH_URL is set) a fresh database gets the demo
page tree and N practices, then the script prints:

- bulk indexing time (`manage.py search_index --rebuild` without the progress bar);
- the time to re-index one page after it is published (median, p95);
- median and p95 latency of 200 varied queries through the search service
  (one to five words, word forms, typos with spelling suggestions, facet filters,
  section search, deeper pages), with the SQL queries per search;
- median and p95 of 200 suggestions as one types;
- median and p95 of rendering the results page (Django test client) and its SQL queries.

Targets (issue #4): database backend p95 under 100 ms on SQLite, under 50 ms on PostgreSQL.

The PostgreSQL database named by --postgres-url (default: the search helper's own
`portal_search`) is EMPTIED: its `public` schema is dropped and re-created.
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGETS_MS = {"sqlite": 100, "postgres": 50}

# Sentences in the words of the programme documents (see /work/shared/seeds).
SENTENCES = [
    "Наставник и молодой педагог вместе планируют уроки и разбирают трудные ситуации.",
    "Проект направлен на адаптацию и сопровождение молодых педагогов в первые три года работы.",
    "Формируется список наставников из числа опытных педагогических работников школы.",
    "Наставнические пары разрабатывают индивидуальный план развития молодого специалиста.",
    "В основе плана лежит конкретная профессиональная проблема или дефицит педагога.",
    "Онлайн-лаборатория объединяет педагогов-наставников района для обмена опытом.",
    "Неформальные профессиональные сообщества помогают выстраивать траектории развития.",
    "Ученики старших классов проводят консультации для пятиклассников по математике.",
    "Студенты колледжа сопровождают проекты школьников от идеи до защиты.",
    "Инженеры предприятия ведут профпробы и индивидуальные проекты старшеклассников.",
    "Дневник наставника фиксирует встречи, задачи и продвижение наставляемого.",
    "Анкетирование наставляемых показывает удовлетворённость программой наставничества.",
    "Фестиваль открытых уроков завершает годовой цикл работы наставнических пар.",
    "Аукцион педагогических идей собирает лучшие находки молодых учителей района.",
    "Конкурс «Лучший наставник года» выявляет и поощряет сильные практики.",
    "Виртуальная доска почёта рассказывает о достижениях наставников.",
    "Методист сопровождает внедрение целевой модели наставничества в образовательной организации.",
    "Групповое наставничество строится как цикл встреч, интенсивов и диалоговых площадок.",
    "Воспитатели детского сада осваивают игровые технологии вместе с наставником.",
    "Учителя начальных классов обсуждают формирующее оценивание и обратную связь.",
    "Программа включает семинары, мастер-классы и круглые столы для наставников.",
    "Показатели программы: доля молодых педагогов, охваченных наставничеством.",
    "Итоговая презентация показывает результаты работы пары за учебный год.",
    "Педагог-психолог помогает молодому учителю справиться с профессиональным выгоранием.",
    "Взаимопосещение уроков развивает навыки самоанализа и рефлексии.",
    "Цифровые инструменты помогают организовать дистанционное наставничество.",
    "Тьюторство и консультирование дополняют классические формы наставничества.",
    "Наставник помогает освоить требования обновлённых федеральных стандартов.",
    "Работодатель предлагает студентам стажировку на производстве по индивидуальному плану.",
    "Школа молодого педагога проводит занятия по классному руководству и работе с родителями.",
]
TOPICS = [
    "Школа молодого педагога",
    "Наставничество ученик–ученик",
    "Онлайн-лаборатория наставников",
    "Аукцион педагогических идей",
    "Дневник наставника",
    "Профессия в лицах",
    "Траектория развития",
    "Клуб молодых учителей",
    "Первый год без выгорания",
    "Проектная неделя",
    "Открытый урок",
    "Формирующее оценивание",
    "Классное руководство",
    "Игровые технологии в детском саду",
    "Робототехника со студентами",
    "Стажировка на производстве",
    "Консультанты по математике",
    "Диалоговая площадка",
    "Методический десант",
    "Педагогическая мастерская",
]
QUALIFIERS = [
    "для молодых педагогов",
    "в начальной школе",
    "в основной школе",
    "в колледже",
    "в детском саду",
    "с наставником",
    "для старшеклассников",
    "для пятиклассников",
    "в сельской школе",
    "района",
]
QUERIES_ONE = [
    "наставник",
    "наставничества",
    "педагогов",
    "выгорание",
    "робототехника",
    "дневник",
    "аукцион",
    "стажировки",
    "оценивания",
    "консультации",
    "рефлексия",
    "траектории",
]
QUERIES_MANY = [
    "как адаптировать молодого педагога",
    "наставничество ученик-ученик",
    "аукцион педагогических идей",
    "молодой учитель классное руководство",
    "игровые технологии детский сад",
    "индивидуальный план развития молодого специалиста",
    "профессиональное выгорание молодого учителя",
    "стажировка студентов на производстве",
    "онлайн-лаборатория педагогов-наставников района",
    "открытые уроки фестиваль",
    "формирующее оценивание начальная школа",
    "консультации по математике для пятиклассников",
]
TYPOS = ["наставнечество", "педогогов", "выгарание", "робатотехника", "yfcnfdybr", "gtlfujub"]
PREFIXES = [
    "на",
    "нас",
    "настав",
    "пед",
    "педаг",
    "шко",
    "школа мол",
    "аук",
    "дне",
    "проф",
    "онл",
    "кл",
]


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def summary(values):
    return {"median": statistics.median(values), "p95": percentile(values, 0.95)}


def varied_queries(count, rng):
    """(text, filters, section, page) tuples: what teachers type, in a reproducible mix."""
    forms = ["uchenik-uchenik", "uchitel-uchitel", "student-uchenik", "gruppovoe"]
    queries = []
    for i in range(count):
        kind = i % 8
        if kind in (0, 1):
            queries.append((rng.choice(QUERIES_ONE), {}, None, 1))
        elif kind in (2, 3):
            queries.append((rng.choice(QUERIES_MANY), {}, None, 1))
        elif kind == 4:
            queries.append(
                (rng.choice(QUERIES_MANY), {"mentoring_form": [rng.choice(forms)]}, None, 1)
            )
        elif kind == 5:
            queries.append((rng.choice(QUERIES_ONE + QUERIES_MANY), {}, "practices", 1))
        elif kind == 6:
            queries.append((rng.choice(QUERIES_ONE), {}, None, rng.randint(2, 6)))
        else:
            queries.append((rng.choice(TYPOS), {}, None, 1))
    return queries


# --- the worker: one backend, one fresh database -----------------------------


def build_practices(count, rng):
    """Create ``count`` live practice pages fast (bulk rows, not one save per page)."""
    import uuid

    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from django.utils import timezone

    from wagtail.models import Locale, Page

    from home import demo as home_demo
    from portal.demo import ensure_child_page
    from practices.models import MentoringForm, PracticeIndexPage, PracticePage

    class Quiet:
        def created(self, what):
            pass

    home = home_demo.load(Quiet())
    index, _ = ensure_child_page(home, PracticeIndexPage, "praktiki", title="Банк практик")
    forms = [*MentoringForm.objects.all(), None]
    content_type = ContentType.objects.get_for_model(PracticePage)
    locale = Locale.get_default()
    now = timezone.now()
    with transaction.atomic():
        pages = []
        for number in range(1, count + 1):
            title = f"{rng.choice(TOPICS)} {rng.choice(QUALIFIERS)} № {number}"
            slug = f"praktika-{number}"
            pages.append(
                Page(
                    title=title,
                    draft_title=title,
                    slug=slug,
                    content_type=content_type,
                    path=PracticePage._get_path(index.path, index.depth + 1, number),
                    depth=index.depth + 1,
                    numchild=0,
                    url_path=f"{index.url_path}{slug}/",
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=now,
                    last_published_at=now,
                    live_revision=None,
                    locale=locale,
                    translation_key=uuid.uuid4(),
                )
            )
        Page.objects.bulk_create(pages, batch_size=500)
        Page.objects.filter(pk=index.pk).update(numchild=count)
        for page in Page.objects.filter(path__startswith=index.path, depth=index.depth + 1):
            summary_text = " ".join(rng.sample(SENTENCES, rng.randint(3, 7)))
            practice = PracticePage(
                page_ptr=page, summary=summary_text[:600], mentoring_form=rng.choice(forms)
            )
            # raw: the child row only, as fixtures load it (the page row exists).
            practice.save_base(raw=True, force_insert=True)


def timed(function, *args, **kwargs):
    started = time.perf_counter()
    result = function(*args, **kwargs)
    return (time.perf_counter() - started) * 1000, result


def timed_cpu(function, *args, **kwargs):
    """Wall and this process's CPU milliseconds: on a shared machine the CPU time
    shows what the search itself costs (the database server's time is not in it)."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = function(*args, **kwargs)
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000, result


def worker(options):
    import django

    # The script's own folder would shadow the `search` app with this file.
    sys.path[0] = str(ROOT)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    django.setup()

    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from practices.models import PracticePage
    from search import service

    rng = random.Random(4)
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    build_practices(options.practices, rng)
    created_s = time.perf_counter() - started

    backend = service.configured_backend()
    if backend.name == "elasticsearch":
        call_command("search_index", rebuild=True, backend="database", verbosity=0)
    index_ms, _ = timed(
        call_command, "search_index", rebuild=True, backend=backend.name, verbosity=0
    )

    pks = list(PracticePage.objects.values_list("pk", flat=True))
    updates = []
    for pk in rng.sample(pks, 50):
        ms, _ = timed(service.refresh, PracticePage, [pk])
        updates.append(ms)

    queries = varied_queries(options.queries, rng)
    for text, filters, section, page in queries[:10]:  # warm caches and connections
        service.search(text, filters=filters, section=section, page=page)
    latencies, cpu_times, sql_counts, totals, nothing = [], [], [], [], 0
    load_before = os.getloadavg()[0]
    for text, filters, section, page in queries:
        with CaptureQueriesContext(connection) as captured:
            ms, cpu, results = timed_cpu(
                service.search, text, filters=filters, section=section, page=page
            )
        latencies.append(ms)
        cpu_times.append(cpu)
        sql_counts.append(len(captured))
        totals.append(results.total)
        nothing += results.total == 0

    suggest_times = []
    for i in range(options.queries):
        ms, _ = timed(
            service.suggest, PREFIXES[i % len(PREFIXES)], "practices" if i % 3 == 0 else None
        )
        suggest_times.append(ms)

    client = Client(HTTP_HOST="127.0.0.1")
    page_times, page_sql = [], []
    for text, filters, section, page in queries[:50]:
        params = {"q": text, "page": page, **filters}
        if section:
            params["section"] = section
        with CaptureQueriesContext(connection) as captured:
            ms, response = timed(client.get, "/search/", params)
        assert response.status_code == 200, response.status_code
        page_times.append(ms)
        page_sql.append(len(captured))

    if backend.name == "elasticsearch":
        backend.drop()
    print(
        json.dumps(
            {
                "backend": options.label,
                "engine": backend.name,
                "database": connection.vendor,
                "practices": options.practices,
                "create_s": created_s,
                "index_ms": index_ms,
                "update": summary(updates),
                "queries": len(queries),
                "search": summary(latencies),
                "search_cpu": summary(cpu_times),
                "load": (load_before, os.getloadavg()[0]),
                "sql_per_search": statistics.median(sql_counts),
                "median_total": statistics.median(totals),
                "no_results": nothing,
                "suggest": summary(suggest_times),
                "page": summary(page_times),
                "sql_per_page": {"min": min(page_sql), "max": max(page_sql)},
                "debug": settings.DEBUG,
            }
        )
    )


# --- the driver ----------------------------------------------------------------


def reset_postgres(url):
    import psycopg

    with psycopg.connect(url.replace("postgres://", "postgresql://"), autocommit=True) as conn:
        conn.execute("DROP SCHEMA public CASCADE")
        conn.execute("CREATE SCHEMA public")


def run(label, env, options):
    command = [
        sys.executable,
        __file__,
        "--worker",
        label,
        "--practices",
        str(options.practices),
        "--queries",
        str(options.queries),
    ]
    environment = {
        **os.environ,
        "DEBUG": "0",
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        **env,
    }
    environment.pop("REDIS_URL", None)
    output = subprocess.run(command, env=environment, cwd=ROOT, capture_output=True, text=True)
    if output.returncode:
        print(output.stdout, output.stderr, file=sys.stderr)
        raise SystemExit(f"{label}: the worker failed")
    return json.loads(output.stdout.strip().splitlines()[-1])


def report(result):
    def line(label, text):
        print(f"  {label:<38} {text}")

    def spread(figures):
        return f"медиана {figures['median']:.1f} мс, p95 {figures['p95']:.1f} мс"

    target = TARGETS_MS.get(result["backend"])
    verdict = ""
    if target:
        verdict = (
            f"  (цель p95 < {target} мс: {'да' if result['search']['p95'] < target else 'НЕТ'})"
        )
    print(
        f"\n== {result['backend']}: {result['engine']} на {result['database']}, {result['practices']} практик"
    )
    line("создание страниц (подготовка):", f"{result['create_s']:.1f} с")
    seconds = result["index_ms"] / 1000
    line("индексация целиком:", f"{seconds:.2f} с ({result['practices'] / seconds:.0f} док./с)")
    line("переиндексация одной страницы:", spread(result["update"]))
    line(f"поиск ({result['queries']} запросов):", spread(result["search"]) + verdict)
    line("   из них ЦП этого процесса:", spread(result["search_cpu"]))
    line(
        "   SQL на поиск (медиана):",
        f"{result['sql_per_search']}; найдено (медиана) {result['median_total']}, "
        f"без результатов {result['no_results']}",
    )
    line("подсказки при вводе:", spread(result["suggest"]))
    line(
        "страница результатов (HTTP, 50):",
        f"{spread(result['page'])}; SQL на страницу "
        f"{result['sql_per_page']['min']}–{result['sql_per_page']['max']}",
    )
    line(
        "нагрузка машины (load average):",
        f"{result['load'][0]:.1f} → {result['load'][1]:.1f} на {os.cpu_count()} ядрах",
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--practices", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--backends", default="sqlite,postgres,elasticsearch")
    parser.add_argument(
        "--postgres-url",
        default=os.environ.get(
            "BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/portal_search"
        ),
    )
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.worker:
        options.label = options.worker
        worker(options)
        return

    wanted = options.backends.split(",")
    print(f"Поиск: {options.practices} практик, {options.queries} запросов на каждый бэкенд")
    if "sqlite" in wanted:
        with tempfile.TemporaryDirectory() as folder:
            url = f"sqlite:///{folder}/bench.sqlite3"
            report(run("sqlite", {"DATABASE_URL": url, "ELASTICSEARCH_URL": ""}, options))
    if "postgres" in wanted:
        reset_postgres(options.postgres_url)
        report(
            run(
                "postgres", {"DATABASE_URL": options.postgres_url, "ELASTICSEARCH_URL": ""}, options
            )
        )
    if "elasticsearch" in wanted:
        if not os.environ.get("ELASTICSEARCH_URL"):
            print("\n== elasticsearch: пропущено (ELASTICSEARCH_URL не задан)")
        else:
            with tempfile.TemporaryDirectory() as folder:
                env = {
                    "DATABASE_URL": f"sqlite:///{folder}/bench.sqlite3",
                    "SEARCH_BACKEND": "elasticsearch",
                    "SEARCH_INDEX_PREFIX": f"bench-{int(time.time())}",
                }
                report(run("elasticsearch", env, options))


if __name__ == "__main__":
    main()
