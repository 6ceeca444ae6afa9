"""Speed of the honour board and mentor profiles, at demo size and at ten times the mentors.

Run from the project folder (a throwaway test database is created and dropped):

    .venv/bin/python benchmarks/mentoring.py            # SQLite in memory
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_mentoring \\
    REDIS_URL=redis://127.0.0.1:6379/5 .venv/bin/python benchmarks/mentoring.py

Prints, per page: median and p95 of the server time through Django's test client
(like /work/shared/bench/page_render.py) and the SQL queries, first with the demo
(20 mentors), then with 200 more mentors, 600 more awards; and the ratio of the two.
The board is cached (mentoring.board); it is measured warm (as visitors get it) and
cold (cache cleared before every request: the first visit after a change).
In the same run, «О портале» (a plain StandardPage of the foundation) is measured as
the anchor: absolute times drift with the machine's load, ratios to it do not.
«cpu» is this process's CPU time per request (time.process_time): on a shared machine
it is far steadier than the wall clock, and with SQLite it includes the database work.
Anchors measured with page_render.py on the Wagtail bakerydemo: index pages 33–39 ms /
40–48 queries, detail pages 14–21 ms / 14–22 queries.
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "40"))


def measure(client, url, cold=False):
    from django.core.cache import cache

    response = client.get(url)  # warm: renditions, site root paths, template loading
    assert response.status_code == 200, (url, response.status_code)
    times, cpu = [], []
    for _ in range(RUNS):
        if cold:
            cache.clear()
        start, start_cpu = time.perf_counter(), time.process_time()
        client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    if cold:
        cache.clear()
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    times.sort()
    p95 = times[max(int(len(times) * 0.95) - 1, 0)]
    return statistics.median(times), p95, len(queries), statistics.median(cpu)


def pages():
    from mentoring.models import Award, MentorProfile

    profile = MentorProfile.objects.order_by("-updated_at").first()
    year = Award.objects.order_by("-year").values_list("year", flat=True).first()
    return [
        ("anchor: О портале", "/o-portale/", False),
        ("board", "/doska-pochyota/", False),
        ("board cold", "/doska-pochyota/", True),
        ("board ?year", f"/doska-pochyota/?year={year}", False),
        ("board ?year cold", f"/doska-pochyota/?year={year}", True),
        (
            "board 3 filt. cold",
            f"/doska-pochyota/?year={year}&level=municipal&expertise=predmet.matematika",
            True,
        ),
        ("board p.2 cold", "/doska-pochyota/?page=2", True),
        ("profile", profile.get_absolute_url(), False),
        ("home", "/", False),
    ]


def grow(extra_mentors=200):
    """Add mentors like the demo ones: shared portraits, three awards each, expertise."""
    from mentoring.models import Award, AwardLevel, MentorProfile, Organisation
    from practices.models import Competency, Subject

    organisations = list(Organisation.objects.all())
    photos = list(MentorProfile.objects.exclude(photo=None).values_list("photo_id", flat=True))
    subjects, competencies = list(Subject.objects.all()), list(Competency.objects.all())
    levels = AwardLevel.values
    for number in range(extra_mentors):
        organisation = organisations[number % len(organisations)]
        profile = MentorProfile.objects.create(
            last_name=f"Наставникова{number:03d}",
            first_name="Анна",
            middle_name="Петровна",
            slug=f"bench-{number}",
            position="учитель",
            organisation=organisation,
            photo_id=photos[number % len(photos)] if number % 4 else None,
            teaching_since=1990 + number % 30,
        )
        profile.subjects.add(
            subjects[number % len(subjects)], subjects[(number + 3) % len(subjects)]
        )
        profile.competencies.add(competencies[number % len(competencies)])
        Award.objects.bulk_create(
            Award(
                profile=profile,
                title=f"Грамота № {number}-{k}",
                level=levels[(number + k) % 4],
                year=2018 + (number + k) % 9,
            )
            for k in range(3)
        )


def report(title, rows):
    anchor = rows["anchor: О портале"][0]
    print(f"\n{title}")
    anchor_cpu = rows["anchor: О портале"][3]
    print(
        f"{'page':20s} {'median':>9s} {'p95':>9s} {'queries':>8s} {'÷ anchor':>9s} {'cpu med':>9s} {'÷ anchor':>9s}"
    )
    for name, (median, p95, queries, cpu) in rows.items():
        print(
            f"{name:20s} {median:7.1f}ms {p95:7.1f}ms {queries:8d} {median / anchor:8.2f}×"
            f" {cpu:7.1f}ms {cpu / anchor_cpu:8.2f}×"
        )


def main():
    # No setup_test_environment(): its template instrumentation would inflate every render.
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        call_command("load_demo", verbosity=0)
        client = Client(HTTP_HOST="localhost")
        urls = pages()
        demo = {name: measure(client, url, cold) for name, url, cold in urls}
        report(f"Demo: 20 mentors ({connection.vendor}, {RUNS} runs each)", demo)
        grow(200)
        large = {name: measure(client, url, cold) for name, url, cold in urls}
        report("Ten times the mentors: 220 mentors, 650 awards", large)
        print("\nratio large/demo     median  cpu med   queries")
        for name in demo:
            print(
                f"{name:20s} {large[name][0] / demo[name][0]:6.2f}×"
                f" {large[name][3] / demo[name][3]:7.2f}× {large[name][2] - demo[name][2]:+8d}"
            )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
