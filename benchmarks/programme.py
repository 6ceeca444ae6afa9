"""Speed of the mentoring programme's pages, with the demo programme and at ten times its size.

Run from the project folder (a throwaway test database is created and dropped):

    .venv/bin/python benchmarks/programme.py            # SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_programme \\
    REDIS_URL=redis://127.0.0.1:6379/10 .venv/bin/python benchmarks/programme.py

Prints, per page, the median and p95 of the server time through Django's test client,
the CPU time of this process and the SQL queries: first with the demo programme
(18 requests, 10 mentors, 15 pairs), then with 180 more requests, 40 more mentors and
60 more pairs with plans. The curator's desk ranks every mentor for every waiting
request (matching), the dashboard computes the figures and draws the charts, the
export writes the XLSX. «О портале» is the anchor: ratios to it survive the machine's load.
"""

import datetime
import os
import statistics
import sys
import time
from pathlib import Path

# The project instead of this folder: benchmarks/channels.py would shadow the channels package.
sys.path.remove(str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "20"))


def measure(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    times, cpu = [], []
    for _ in range(RUNS):
        start, start_cpu = time.perf_counter(), time.process_time()
        client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    times.sort()
    p95 = times[max(int(len(times) * 0.95) - 1, 0)]
    return statistics.median(times), p95, len(queries), statistics.median(cpu)


def pages():
    from mentoring.models import Pair
    from mentoring.programme_demo import SLUG

    pair = Pair.objects.filter(programme__slug=SLUG, state="active").order_by("pk").first()
    return [
        ("anchor: О портале", "/o-portale/"),
        ("curator's desk", f"/mentoring/programmy/{SLUG}/kurator/"),
        ("dashboard", f"/mentoring/programmy/{SLUG}/pokazateli/"),
        ("XLSX export", f"/mentoring/programmy/{SLUG}/pokazateli.xlsx"),
        ("pair page", pair.get_absolute_url()),
        ("programme page", f"/mentoring/programmy/{SLUG}/"),
    ]


def grow(requests=180, mentors=40, pairs=60):
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from mentoring import pairing, plans
    from mentoring.models import (
        MenteeRequest,
        MentorPoolEntry,
        MentorProfile,
        Organisation,
        ProfessionalDeficit,
        Programme,
    )
    from mentoring.programme_demo import SLUG
    from practices.models import Competency, Subject

    programme = Programme.objects.get(slug=SLUG)
    organisations = list(Organisation.objects.all())
    deficits = list(ProfessionalDeficit.objects.all())
    competencies = list(Competency.objects.all())
    subjects = list(Subject.objects.all())
    profiles = []
    for n in range(mentors):
        profile = MentorProfile.objects.create(
            last_name=f"Наставникова{n}",
            first_name="Мария",
            slug=f"bench-mentor-{n}",
            organisation=organisations[n % len(organisations)],
        )
        profile.competencies.add(*competencies[n % 7 : n % 7 + 3])
        profile.subjects.add(subjects[n % len(subjects)])
        MentorPoolEntry.objects.create(programme=programme, mentor=profile, capacity=3)
        profiles.append(profile)
    created = []
    for n in range(requests):
        teacher = get_user_model().objects.create(username=f"bench-teacher-{n}")
        request = MenteeRequest.objects.create(
            programme=programme,
            teacher=teacher,
            organisation=organisations[n % len(organisations)],
            subject=subjects[n % len(subjects)],
            preferred_format="mixed",
            career_start_year=2020 + n % 7,
            age=22 + n % 20,
            deficits_text="Запрос для замера.",
            consent_at=timezone.now(),
        )
        request.deficits.add(*deficits[n % 10 : n % 10 + 2])
        created.append(request)
    for n in range(pairs):
        pair = pairing.form_pair(
            programme, profiles[n % mentors], [created[n]], by=programme.curator, confirm=True
        )
        goal = plans.add_goal(plans.ensure_plan(pair), "Цель")
        for day in range(4):
            plans.add_task(goal, f"Задача {day}", datetime.date(2026, 11, 1 + day))


def report(title, rows):
    anchor, anchor_cpu = rows["anchor: О портале"][0], rows["anchor: О портале"][3]
    print(f"\n{title}")
    print(
        f"{'page':20s} {'median':>9s} {'p95':>9s} {'queries':>8s} {'÷ anchor':>9s} {'cpu med':>9s}"
    )
    for name, (median, p95, queries, cpu) in rows.items():
        print(
            f"{name:20s} {median:7.1f}ms {p95:7.1f}ms {queries:8d} {median / anchor:8.2f}×"
            f" {cpu:7.1f}ms ({cpu / anchor_cpu:.2f}×)"
        )


def main():
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        call_command("load_demo", verbosity=0)
        client = Client(HTTP_HOST="localhost")
        from django.contrib.auth import get_user_model

        client.force_login(get_user_model().objects.get(username="metodist"))  # the curator
        urls = pages()
        demo = {name: measure(client, url) for name, url in urls}
        report(f"Demo programme ({connection.vendor}, {RUNS} runs each)", demo)
        grow()
        large = {name: measure(client, url) for name, url in urls}
        report("Ten times: 198 requests, 50 mentors, 75 pairs", large)
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
