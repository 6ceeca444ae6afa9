"""Speed of the events section: pages, feeds, exports and registration, on a full calendar.

    .venv/bin/python benchmarks/events.py [--events 300] [--people 400] [--runs 40]

Builds the demo content plus ``--events`` more events (half past, half upcoming, every
type) with registrations in a fresh database: SQLite in memory by default, or the database
in DATABASE_URL (PostgreSQL: also races concurrent registrations for the last seats).
Prints median and p95 in ms and SQL queries per page, the same page measured with few and
with many events, and ratios to the home page measured in the same run and to the Wagtail
bakerydemo anchors of /work/shared/bench/README.md (index 33–39 ms / 40–48 queries,
detail 14–21 ms / 14–22 queries).
"""

import argparse
import contextlib
import datetime
import os
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, connections  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

BAKERY_INDEX_MS, BAKERY_INDEX_QUERIES = 36.0, 44
BAKERY_DETAIL_MS, BAKERY_DETAIL_QUERIES = 17.5, 18


def percentile(values, share):
    ordered = sorted(values)
    return ordered[max(int(len(ordered) * share) - 1, 0)]


def measure(client, url, runs):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - start) * 1000)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return statistics.median(times), percentile(times, 0.95), len(queries)


def build_calendar(extra_events, people):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from events.models import EventIndexPage, EventPage, EventType, Registration

    index = EventIndexPage.objects.get()
    types = list(EventType.objects.all())
    User = get_user_model()
    teachers = Group.objects.get(name="Педагог")
    users = User.objects.bulk_create(
        [
            User(username=f"bench{n}", email=f"bench{n}@example.org", last_name=f"Учитель{n}")
            for n in range(people)
        ]
    )
    teachers.user_set.add(*users)
    now = timezone.now()
    registrations = []
    for n in range(extra_events):
        days = (n // 2 + 1) * (1 if n % 2 else -1)
        starts = now + datetime.timedelta(days=days, hours=n % 5)
        event = EventPage(
            title=f"Семинар наставников № {n}",
            slug=f"bench-{n}",
            event_type=types[n % len(types)],
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=3),
            format=["in_person", "online", "blended"][n % 3],
            venue="ИМЦ Московского района",
            summary="Семинар для наставников и молодых педагогов района.",
            capacity=40,
            results="<p>Итоги семинара.</p>" if days < 0 else "",
        )
        index.add_child(instance=event)
        for k in range(45):  # 40 seats and a waiting list of 5
            user = users[(n * 7 + k) % len(users)]
            registrations.append(
                Registration(
                    event=event,
                    user=user,
                    status="confirmed" if k < 40 else "waitlisted",
                    organisation="Школа",
                    queued_at=now - datetime.timedelta(minutes=k),
                    consent_at=now,
                )
            )
    Registration.objects.bulk_create(registrations, ignore_conflicts=True)
    return users


def page_table(client, runs, label):
    from events.models import EventPage

    event = (
        EventPage.objects.live()
        .upcoming()
        .filter(capacity__isnull=False)
        .order_by("-capacity")
        .first()
    )
    rows = [
        ("home (anchor)", "/"),
        ("index: upcoming", "/meropriyatiya/"),
        ("index: filtered", "/meropriyatiya/?type=seminar&format=online"),
        ("month calendar", "/meropriyatiya/kalendar/"),
        ("archive", "/meropriyatiya/arhiv/"),
        ("event page", event.url),
        ("my events", reverse("events:my_events")),
        ("feed .ics (upcoming)", reverse("events:feed")),
    ]
    results = {}
    print(f"\n{label}")
    print(f"  {'page':26s} {'median':>8s} {'p95':>8s} {'queries':>8s}")
    for name, url in rows:
        median, p95, queries = measure(client, url, runs)
        results[name] = (median, p95, queries)
        print(f"  {name:26s} {median:7.1f}ms {p95:7.1f}ms {queries:8d}")
    median, p95, queries = measure_uncached_feed(client, runs)
    results["feed .ics (uncached)"] = (median, p95, queries)
    print(f"  {'feed .ics (uncached)':26s} {median:7.1f}ms {p95:7.1f}ms {queries:8d}")
    return results


def measure_uncached_feed(client, runs):
    """The feed as a calendar program sees it right after an editor published an event."""
    from events.views.calendars import forget_cached_feeds

    url = reverse("events:feed")
    times = []
    for _ in range(max(runs // 4, 5)):
        forget_cached_feeds()
        start = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - start) * 1000)
    forget_cached_feeds()
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return statistics.median(times), percentile(times, 0.95), len(queries)


def registration_speed(users, runs):
    from events import registration as rules
    from events.models import EventPage

    event = EventPage.objects.live().upcoming().first()
    event.capacity = len(users) // 2
    event.save()
    from events.models import Registration

    Registration.objects.filter(event=event).delete()
    register_times, cancel_times = [], []
    sample = users[: runs * 2]
    for user in sample:
        start = time.perf_counter()
        rules.register(event, user, organisation="Школа")
        register_times.append((time.perf_counter() - start) * 1000)

    for registration in list(Registration.objects.filter(event=event).confirmed()[:runs]):
        start = time.perf_counter()
        rules.cancel(registration)
        cancel_times.append((time.perf_counter() - start) * 1000)
    print("\nregistration rules (domain functions, mail sent after commit)")
    print(
        f"  register               median {statistics.median(register_times):6.1f}ms  "
        f"p95 {percentile(register_times, 0.95):6.1f}ms  (n={len(register_times)})"
    )
    print(
        f"  cancel + promotion     median {statistics.median(cancel_times):6.1f}ms  "
        f"p95 {percentile(cancel_times, 0.95):6.1f}ms  (n={len(cancel_times)})"
    )


def race(users, threads=8, seats=50):
    from events import registration as rules
    from events.models import EventPage, Registration

    if connection.vendor != "postgresql":
        print("\nconcurrent race: skipped (needs PostgreSQL in DATABASE_URL)")
        return
    event = EventPage.objects.live().upcoming().last()
    event.capacity = seats
    event.waiting_list_enabled = True
    event.save()
    Registration.objects.filter(event=event).delete()
    contenders = users[-threads * 20 :]
    chunks = [contenders[n::threads] for n in range(threads)]
    latencies = []
    barrier = threading.Barrier(threads)

    def worker(chunk):
        barrier.wait()
        for user in chunk:
            start = time.perf_counter()
            rules.register(event, user, organisation="Школа")
            latencies.append((time.perf_counter() - start) * 1000)
        connections.close_all()

    started = time.perf_counter()
    workers = [threading.Thread(target=worker, args=(chunk,)) for chunk in chunks]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()
    wall = time.perf_counter() - started
    confirmed = Registration.objects.filter(event=event).confirmed().count()
    waitlisted = Registration.objects.filter(event=event).waitlisted().count()
    print(f"\nconcurrent race: {threads} threads, {len(contenders)} people, {seats} seats")
    print(
        f"  confirmed {confirmed} (oversold: {max(confirmed - seats, 0)}), waiting list {waitlisted}, "
        f"{len(contenders) / wall:.0f} registrations/s, median {statistics.median(latencies):.1f}ms, "
        f"p95 {percentile(latencies, 0.95):.1f}ms"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=300)
    parser.add_argument("--people", type=int, default=400)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument(
        "--reset",
        action="store_true",
        help="PostgreSQL: empty the database in DATABASE_URL first (drops its public schema)",
    )
    args = parser.parse_args()

    if connection.vendor == "postgresql":
        if args.reset:
            with connection.cursor() as cursor:
                cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
        else:
            tables = connection.introspection.table_names()
            if tables:
                sys.exit(
                    f"{connection.settings_dict['NAME']} is not empty: pass --reset to rebuild it"
                )
    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0)
    from django.contrib.auth import get_user_model

    from events import registration as rules
    from events.models import EventPage

    viewer = get_user_model().objects.get(username="pedagog1")
    client = Client(HTTP_HOST="localhost")
    client.force_login(viewer)
    demo_count = EventPage.objects.count()
    few = page_table(client, args.runs, f"demo calendar: {demo_count} events ({connection.vendor})")

    users = build_calendar(args.events, args.people)
    for event in EventPage.objects.live().upcoming()[:20]:
        with contextlib.suppress(rules.RegistrationRefused):
            rules.register(event, viewer, organisation="Школа № 373")
    many = page_table(
        client,
        args.runs,
        f"full calendar: {EventPage.objects.count()} events, {args.people} people",
    )

    print("\nwith many events vs few (queries must not grow; time ratio)")
    for name, (median, _p95, queries) in many.items():
        base_median, _, base_queries = few[name]
        print(
            f"  {name:26s} queries {base_queries:3d} → {queries:3d}   time ×{median / base_median:4.2f}"
        )
    home = many["home (anchor)"][0]
    print("\nagainst the anchors (full calendar)")
    for name in ["index: upcoming", "month calendar", "archive"]:
        median, _p95, queries = many[name]
        print(
            f"  {name:26s} ×{median / home:4.2f} home in this run; bakerydemo index "
            f"×{median / BAKERY_INDEX_MS:4.2f} time, ×{queries / BAKERY_INDEX_QUERIES:4.2f} queries"
        )
    median, _p95, queries = many["event page"]
    print(
        f"  {'event page':26s} ×{median / home:4.2f} home in this run; bakerydemo detail "
        f"×{median / BAKERY_DETAIL_MS:4.2f} time, ×{queries / BAKERY_DETAIL_QUERIES:4.2f} queries"
    )

    registration_speed(users, min(args.runs, 50))
    race(users)


if __name__ == "__main__":
    main()
