"""Headless load against a production-profile portal on loopback; prints rps, median, p95, errors.

    # start a server itself (PostgreSQL, Redis, uvicorn workers), run the issue's mix:
    .venv/bin/python benchmarks/load.py --serve --workers 2 --duration 20
    # only cached anonymous pages (the issue's 300 requests/s target):
    .venv/bin/python benchmarks/load.py --serve --mix anonymous=1
    # the same without portal/asgi.py's gc.freeze() after start-up, to compare:
    .venv/bin/python benchmarks/load.py --serve --no-gc-freeze
    # the mix offered at a fixed rate (open loop, Poisson arrivals), as real visitors
    # arrive whether or not the server has answered the others:
    .venv/bin/python benchmarks/load.py --serve --rate 60
    # or against a running `make serve-prod` (this shell has its environment:
    # DATABASE_URL, REDIS_URL, SECRET_KEY, for preparing the signed-in visitors):
    .venv/bin/python benchmarks/load.py --url http://127.0.0.1:8600

Scenarios (``--mix name=weight,...``; default ``anonymous=6,search=2,registration=1,chat=1``),
each a kind of virtual user in a closed loop (the next request when the last answered;
that finds the most the server can answer, at which point every request queues), or
with ``--rate`` an open loop (steps arrive at that rate, each timed from its arrival):

- ``anonymous``: anonymous browsing of the public pages found by following the
  links of the home page, served from the page cache (target: at least 300
  requests per second, p95 under 200 ms, no errors);
- ``uncached``: the same pages rendered every time (a session cookie turns the
  page cache off), to show what the cache saves;
- ``search``: the search page with Russian queries;
- ``registration``: a signed-in teacher registers for an event (a form POST with
  the session cookie and the CSRF token) and cancels at once, so seats never
  run out: two requests per step;
- ``chat``: a signed-in member has a channel open over WebSocket (origin check,
  session, membership), posts a message and waits until the server sends it
  back through the Redis channel layer: one step is the time from sending to
  receiving one's own message, stored and broadcast to everyone in the channel.

The signed-in visitors (``bench-load-NNN`` accounts, members of an open
community) and their sessions are made with ``manage.py shell`` in the
server's environment before the clock starts; their messages and registrations
are removed afterwards. A served run lifts the per-person message and
registration limits (``RATE_LIMIT_MESSAGE``, ``RATE_LIMIT_REGISTRATION``): the
virtual users post far faster than a person may, and the limits themselves
are tested in tests/. Every figure is printed per kind and for the mix.
"""

import argparse
import asyncio
import contextlib
import itertools
import json
import os
import random
import re
import secrets
import statistics
import sys
import time
import uuid
from collections import defaultdict
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import aiohttp

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

HEADERS = {"X-Forwarded-Proto": "https", "User-Agent": "portal-load/1"}
SCENARIOS = {}
TARGET_RPS, TARGET_P95_MS = 300, 200
DEFAULT_MIX = "anonymous=6,search=2,registration=1,chat=1"
BENCH_USERS = "bench-load-"
LIFTED_LIMITS = {"RATE_LIMIT_MESSAGE": "1000000/m", "RATE_LIMIT_REGISTRATION": "1000000/m"}
CHAT_TIMEOUT = 15.0


def scenario(name):
    def register(cls):
        cls.name = name
        SCENARIOS[name] = cls
        return cls

    return register


class Scenario:
    """One kind of visitor. ``step`` makes one or more requests, each timed by ``self.timed``."""

    name = "base"
    signed_in = False
    arrived = None

    def __init__(self, base_url, pages, world, record):
        self.base_url = base_url
        self.pages = pages
        self.world = world  # what prepare() made: sessions, channel, event
        self.record = record  # record(label, seconds, ok, cache)

    async def setup(self, session):
        """Once per virtual user before the clock starts (open a socket)."""

    async def teardown(self):
        """Once per virtual user after the clock stopped."""

    async def step(self, session):
        raise NotImplementedError

    @contextlib.asynccontextmanager
    async def timed(self, label=None):
        """Time one request; the body sets ``outcome["ok"]`` and may set ``outcome["cache"]``."""
        outcome = {"ok": False, "cache": None}
        # In an open-loop run the clock starts when the request arrived, not when a
        # free virtual user picked it up: waiting for the server is part of the latency.
        started, self.arrived = self.arrived or time.perf_counter(), None
        try:
            yield outcome
        except (TimeoutError, aiohttp.ClientError, ConnectionError) as error:
            outcome.update(ok=False, cache=type(error).__name__)
        finally:
            self.record(
                label or self.name, time.perf_counter() - started, outcome["ok"], outcome["cache"]
            )

    async def get(self, session, path, **kwargs):
        async with session.get(self.base_url + path, allow_redirects=False, **kwargs) as response:
            await response.read()
            return response


@scenario("anonymous")
class AnonymousBrowsing(Scenario):
    async def step(self, session):
        async with self.timed() as outcome:
            response = await self.get(session, random.choice(self.pages))
            outcome.update(ok=response.status == 200, cache=response.headers.get("X-Page-Cache"))


@scenario("uncached")
class UncachedBrowsing(Scenario):
    async def step(self, session):
        async with self.timed() as outcome:
            # Any session cookie makes the page cache step aside (the key is not a real session).
            response = await self.get(
                session, random.choice(self.pages), headers={"Cookie": "sessionid=load-benchmark"}
            )
            outcome.update(ok=response.status == 200, cache=response.headers.get("X-Page-Cache"))


@scenario("search")
class Search(Scenario):
    QUERIES = [
        "наставничество",
        "молодой педагог",
        "наставник",
        "практика",
        "сообщество",
        "семинар",
    ]

    async def step(self, session):
        async with self.timed() as outcome:
            response = await self.get(
                session, "/search/", params={"q": random.choice(self.QUERIES)}
            )
            outcome["ok"] = response.status == 200


class SignedIn(Scenario):
    signed_in = True

    def account(self):
        """The next prepared account: (session key, CSRF secret)."""
        return next(self.world["accounts"])

    def cookie(self, session_key, csrf_secret):
        return f"sessionid={session_key}; csrftoken={csrf_secret}"

    @property
    def origin(self):
        return "https://" + urlsplit(self.base_url).netloc


@scenario("registration")
class Registration(SignedIn):
    async def post(self, session, path, fields, session_key, secret):
        # The CSRF cookie and the form field carry the same secret, as the
        # browser sends them after loading the event page.
        async with session.post(
            self.base_url + path,
            data={**fields, "csrfmiddlewaretoken": secret},
            headers={
                "Cookie": self.cookie(session_key, secret),
                "Origin": self.origin,
                "Referer": self.origin + self.world["event_path"],
            },
            allow_redirects=False,
        ) as response:
            await response.read()
            return response

    async def step(self, session):
        session_key, secret = self.account()
        event = self.world["event"]
        async with self.timed("registration") as outcome:
            response = await self.post(
                session,
                f"/events/{event}/zapis/",
                {"organisation": "Школа № 1 (нагрузочный тест)", "consent": "on"},
                session_key,
                secret,
            )
            # 302 back to the event page; a 429 or a form sent back would be an error.
            outcome["ok"] = response.status == 302
        async with self.timed("registration") as outcome:
            response = await self.post(session, f"/events/{event}/otmena/", {}, session_key, secret)
            outcome["ok"] = response.status == 302


@scenario("chat")
class Chat(SignedIn):
    async def setup(self, session):
        session_key, secret = self.account()
        url = self.base_url.replace("http://", "ws://", 1)
        self.socket = await session.ws_connect(
            f"{url}/ws/communities/channels/{self.world['channel']}/",
            headers={"Cookie": self.cookie(session_key, secret), "Origin": self.origin},
            autoping=True,
        )
        await self._frame("ready")

    async def _frame(self, kind, match=None, client_id=None):
        """The next frame of ``kind`` (that ``match`` accepts), or the error about ``client_id``."""
        while True:
            message = await self.socket.receive(timeout=CHAT_TIMEOUT)
            if message.type != aiohttp.WSMsgType.TEXT:
                raise ConnectionError(f"socket closed: {message.type.name} {message.data}")
            frame = json.loads(message.data)
            if frame["type"] == "error" and client_id and frame.get("client_id") == client_id:
                return frame
            if frame["type"] == kind and (match is None or match(frame)):
                return frame

    async def step(self, session):
        client_id = uuid.uuid4().hex
        text = f"Нагрузочный тест {client_id[:8]}"
        async with self.timed() as outcome:
            await self.socket.send_str(
                json.dumps({"type": "post", "text": text, "client_id": client_id})
            )
            frame = await self._frame(
                "message",
                match=lambda f: f.get("message", {}).get("text") == text,
                client_id=client_id,
            )
            outcome["ok"] = frame["type"] == "message"

    async def teardown(self):
        with contextlib.suppress(Exception):
            await self.socket.close()


# -- preparing the signed-in visitors ------------------------------------------------

PREPARE = """
import json
from datetime import timedelta

from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.models import Group
from django.contrib.sessions.backends.db import SessionStore
from django.db.models import F
from django.utils import timezone

from communities import membership
from communities.models import CommunityPage, MembershipPolicy
from events import registration as rules
from events.models import EventPage, Registration
from portal import roles
from portal.models import User

community = (
    CommunityPage.objects.live().public()
    .filter(membership_policy=MembershipPolicy.OPEN, channels__is_public=True,
            channels__is_archived=False)
    .order_by("pk").first()
)
channel = community.channels.filter(is_public=True, is_archived=False).order_by("pk").first()
teachers = Group.objects.get(name=roles.TEACHER)
sessions = []
users = []
for number in range(COUNT):
    user, created = User.objects.get_or_create(
        username=f"PREFIX{number:03d}",
        defaults={"first_name": "Нагрузка", "last_name": f"Тестовая {number}",
                  "email": f"PREFIX{number:03d}@example.org"},
    )
    if created:
        user.set_unusable_password()
        user.save()
        user.groups.add(teachers)
    own = membership.membership_of(user, community)
    if own is None or not own.is_active:
        membership.join(user, community)
    for left_over in Registration.objects.filter(user=user).active():
        rules.cancel(left_over)
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    sessions.append(store.session_key)
    users.append(user)
now = timezone.now()
events = (
    EventPage.objects.live().public()
    .filter(registration_enabled=True, starts_at__gt=now + timedelta(days=1))
    .order_by(F("capacity").desc(nulls_first=True), "starts_at")
)
event = next(e for e in events if rules.registration_state(e, users[0]).can_register)
print(json.dumps({"sessions": sessions, "channel": channel.pk, "event": event.pk,
                  "event_path": event.url, "community": community.title}))
"""

CLEAN_UP = """
from communities.models import Message
from events.models import Registration
print(Message.objects.filter(author__username__startswith="PREFIX").delete()[0],
      Registration.objects.filter(user__username__startswith="PREFIX").delete()[0])
"""


def prepare(env, count):
    from tests.production.stack import manage

    script = PREPARE.replace("COUNT", str(count)).replace("PREFIX", BENCH_USERS)
    out = manage("shell", "-c", script, env=env)
    world = json.loads(out.strip().splitlines()[-1])
    # Each account keeps one CSRF secret, as one browser keeps its cookie.
    accounts = [
        (key, "".join(secrets.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(32)))
        for key in world["sessions"]
    ]
    world["accounts"] = itertools.cycle(accounts)
    return world


def clean_up(env):
    from tests.production.stack import manage

    manage("shell", "-c", CLEAN_UP.replace("PREFIX", BENCH_USERS), env=env)


# -- running -----------------------------------------------------------------------


async def discover_pages(session, base_url, limit=30):
    """Public pages reachable from the home page (what an anonymous visitor browses)."""
    pages, queue = [], ["/"]
    while queue and len(pages) < limit:
        path = queue.pop(0)
        if path in pages:
            continue
        async with session.get(base_url + path, allow_redirects=False) as response:
            if response.status != 200 or "text/html" not in response.headers.get(
                "Content-Type", ""
            ):
                continue
            html = await response.text()
        pages.append(path)
        for href in re.findall(r'href="([^"#]+)"', html):
            target = urlsplit(urljoin(base_url + path, href))
            if target.netloc != urlsplit(base_url).netloc or target.query:
                continue
            if target.path.startswith(
                (
                    "/static/",
                    "/media/",
                    "/admin",
                    "/accounts/",
                    "/search/",
                    "/documents/",
                    "/django-admin",
                    "/events/",  # calendar feeds
                )
            ):
                continue
            # Channel pages are live (never cached): the chat scenario covers them.
            if "/kanal/" in target.path:
                continue
            if target.path not in pages and target.path not in queue:
                queue.append(target.path)
    return pages


def allocate(mix, concurrency):
    """Virtual users per scenario in proportion to the weights, at least one each."""
    total = sum(mix.values())
    counts = {name: max(1, round(concurrency * weight / total)) for name, weight in mix.items()}
    while sum(counts.values()) > concurrency and max(counts.values()) > 1:
        largest = max(counts, key=counts.get)
        counts[largest] -= 1
    return counts


async def virtual_user(session, instance, deadline):
    while time.perf_counter() < deadline:
        await instance.step(session)


async def open_loop(session, users, mix, rate, deadline):
    """Requests arrive at ``rate`` per second (Poisson arrivals, kinds drawn by weight)
    whatever the server's speed, each taken by an idle virtual user of its kind.

    A closed loop (``virtual_user``) sends the next request only when the last one
    answered, so a slow server is offered less work and its queue never shows; here a
    server that falls behind shows in the latency, measured from each arrival.
    """
    idle = {name: asyncio.Queue() for name in mix}
    for user in users:
        idle[user.name].put_nowait(user)
    kinds, weights = list(mix), list(mix.values())
    in_flight = set()

    async def serve_one(kind, arrived):
        user = await idle[kind].get()
        try:
            user.arrived = arrived
            await user.step(session)
        finally:
            idle[kind].put_nowait(user)

    next_arrival = time.perf_counter()
    while next_arrival < deadline:
        await asyncio.sleep(max(0.0, next_arrival - time.perf_counter()))
        task = asyncio.create_task(serve_one(random.choices(kinds, weights)[0], next_arrival))
        in_flight.add(task)
        task.add_done_callback(in_flight.discard)
        next_arrival += random.expovariate(rate)
    if in_flight:
        await asyncio.gather(*in_flight)


async def run(base_url, mix, concurrency, duration, warmup, world, rate=None):
    connector = aiohttp.TCPConnector(limit=concurrency * 2, force_close=False)
    timeout = aiohttp.ClientTimeout(total=30)
    # The cookies of each request are set by hand: one jar would mix the accounts.
    async with aiohttp.ClientSession(
        headers=HEADERS,
        connector=connector,
        timeout=timeout,
        cookie_jar=aiohttp.DummyCookieJar(),
    ) as session:
        pages = await discover_pages(session, base_url)
        print(f"{len(pages)} public pages: {', '.join(pages[:8])}{' …' if len(pages) > 8 else ''}")
        for path in pages:  # fill the cache and the workers' imports
            async with session.get(base_url + path) as response:
                await response.read()
        results = defaultdict(list)
        recording = {"on": False}

        def record(label, seconds, ok, cache):
            if recording["on"]:
                results[label].append((seconds, ok, cache))

        users = [
            SCENARIOS[name](base_url, pages, world, record)
            for name, count in allocate(mix, concurrency).items()
            for _ in range(count)
        ]
        for user in users:
            await user.setup(session)
        try:
            if warmup:
                await asyncio.gather(
                    *(virtual_user(session, u, time.perf_counter() + warmup) for u in users)
                )
            recording["on"] = True
            started = time.perf_counter()
            if rate:
                await open_loop(session, users, mix, rate, started + duration)
            else:
                await asyncio.gather(*(virtual_user(session, u, started + duration) for u in users))
            elapsed = time.perf_counter() - started
            recording["on"] = False
        finally:
            for user in users:
                await user.teardown()
    return results, elapsed, allocate(mix, concurrency)


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def summary(samples, elapsed):
    times = [seconds * 1000 for seconds, _ok, _cache in samples]
    return {
        "requests": len(samples),
        "rps": len(samples) / elapsed,
        "median": statistics.median(times),
        "p95": percentile(times, 0.95),
        "p99": percentile(times, 0.99),
        "max": max(times),
        "errors": sum(1 for _s, ok, _c in samples if not ok),
        "hits": 100 * sum(1 for _s, _ok, cache in samples if cache == "hit") / len(samples),
    }


def report(results, elapsed):
    print(
        f"\n{'kind':<13} {'requests':>9} {'rps':>8} {'median ms':>10} {'p95 ms':>8} "
        f"{'p99 ms':>8} {'max ms':>8} {'errors':>7} {'cache hits':>11}"
    )
    total, rows = [], {}
    for label, samples in sorted(results.items()):
        total += samples
        rows[label] = summary(samples, elapsed)
    if len(results) > 1:
        rows["all (the mix)"] = summary(total, elapsed)
    for label, row in rows.items():
        print(
            f"{label:<13} {row['requests']:>9} {row['rps']:>8.1f} {row['median']:>10.1f} "
            f"{row['p95']:>8.1f} {row['p99']:>8.1f} {row['max']:>8.1f} {row['errors']:>7} "
            f"{row['hits']:>10.1f}%"
        )
    errors = defaultdict(int)
    for label, samples in results.items():
        for _s, ok, cache in samples:
            if not ok:
                errors[(label, cache)] += 1
    for (label, cause), number in sorted(errors.items(), key=lambda item: -item[1]):
        print(f"  errors: {label} {cause or 'unexpected answer'} x{number}")
    return total, rows


def process_tree_cpu_seconds(root_pid):
    """CPU seconds (user + system) used so far by ``root_pid`` and its children (Linux /proc)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total, parents = 0.0, {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(entry.name)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / ticks)
    tree = {root_pid}
    for _ in range(3):  # supervisor -> workers (-> their helpers)
        tree |= {pid for pid, (ppid, _cpu) in parents.items() if ppid in tree}
    for pid in tree:
        if pid in parents:
            total += parents[pid][1]
    return total


def parse_mix(text):
    mix = {}
    for part in text.split(","):
        name, _, weight = part.partition("=")
        if name.strip() not in SCENARIOS:
            raise SystemExit(f"unknown scenario {name!r}; known: {', '.join(SCENARIOS)}")
        mix[name.strip()] = int(weight or 1)
    return mix


@contextlib.contextmanager
def serve(port, workers, env, app):
    """Migrate (no-op when done), collect static files, load the demo, run uvicorn workers."""
    from tests.production.stack import PortalServer, prepare_database

    print(f"preparing {env['DATABASE_URL']} (migrate, collectstatic, demo) …", flush=True)
    prepare_database(env)
    server = PortalServer(port, env, workers=workers, app=app).start()
    try:
        yield server
    finally:
        server.stop()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8610")
    parser.add_argument(
        "--serve", action="store_true", help="start a production-profile server for the run"
    )
    parser.add_argument("--port", type=int, default=8610)
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WORKERS", "2")))
    parser.add_argument(
        "--app", default="portal.asgi:application", help="the ASGI application a served run starts"
    )
    parser.add_argument(
        "--no-gc-freeze",
        action="store_true",
        help="served run: start the workers without gc.freeze() (PORTAL_GC_FREEZE=0)",
    )
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/portal_prod"
        ),
    )
    parser.add_argument(
        "--redis-url", default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/8")
    )
    parser.add_argument("--mix", default=DEFAULT_MIX, help="scenario=weight,...")
    parser.add_argument(
        "--concurrency",
        type=int,
        default=32,
        help="virtual users (with --rate: at most this many requests in progress)",
    )
    parser.add_argument(
        "--rate",
        type=float,
        default=None,
        help="open loop: requests (steps) arriving per second, Poisson; default: closed loop",
    )
    parser.add_argument("--duration", type=float, default=20.0)
    parser.add_argument("--warmup", type=float, default=3.0)
    parser.add_argument("--accounts", type=int, default=40, help="signed-in visitors to prepare")
    args = parser.parse_args()
    mix = parse_mix(args.mix)
    signed_in = any(SCENARIOS[name].signed_in for name in mix)

    from tests.production.stack import production_env

    if args.serve:
        env = production_env(
            args.database_url,
            args.redis_url,
            PORTAL_GC_FREEZE="0" if args.no_gc_freeze else "1",
            **LIFTED_LIMITS,
        )
    else:
        # The running server's own environment (SECRET_KEY signs the sessions made here).
        env = dict(os.environ, DJANGO_SETTINGS_MODULE="portal.settings.production")
    server_cpu = None
    context = (
        serve(args.port, args.workers, env, args.app) if args.serve else contextlib.nullcontext()
    )
    with context as server:
        url = server.url if server else args.url
        workers = args.workers if server else "?"
        world = prepare(env, args.accounts) if signed_in else {}
        print(
            f"load: {url} ({args.app if server else 'running server'}"
            f"{', no gc.freeze()' if server and args.no_gc_freeze else ''}), mix {args.mix}, "
            f"{args.concurrency} virtual users {dict(allocate(mix, args.concurrency))}, "
            + (
                f"open loop: {args.rate:g} arrivals/s, "
                if args.rate
                else "closed loop (each sends again when answered), "
            )
            + f"{args.duration:.0f} s (uvicorn workers: {workers})"
        )
        if signed_in:
            print(
                f"signed in: {args.accounts} accounts; chat in «{world['community']}», "
                f"registration for {world['event_path']}"
                + (f"; limits lifted: {', '.join(LIFTED_LIMITS)}" if server else "")
            )
        load_before = os.getloadavg()[0]
        cpu_before = process_tree_cpu_seconds(server.process.pid) if server else None
        try:
            results, elapsed, _users = asyncio.run(
                run(url, mix, args.concurrency, args.duration, args.warmup, world, args.rate)
            )
            if server:
                server_cpu = process_tree_cpu_seconds(server.process.pid) - cpu_before
        finally:
            if signed_in:
                clean_up(env)
    total, _rows = report(results, elapsed)
    cores = os.cpu_count()
    print(
        f"\nmachine: {cores} cores, load average {load_before:.1f} before the run, "
        f"{os.getloadavg()[0]:.1f} after (other processes share the cores)"
    )
    if server_cpu is not None:
        # The page discovery and warm-up requests count in the CPU too: a slight overestimate.
        per_request = 1000 * server_cpu / max(1, len(total))
        print(
            f"server CPU: {per_request:.2f} ms per request -> about {1000 * cores / per_request:.0f} "
            f"requests/s if the portal had the {cores} cores to itself"
        )
    times = [seconds * 1000 for seconds, _ok, _cache in total]
    errors = sum(1 for _s, ok, _c in total if not ok)
    rps, p95 = len(total) / elapsed, percentile(times, 0.95)
    if set(mix) == {"anonymous"}:
        verdict = "met" if rps >= TARGET_RPS and p95 < TARGET_P95_MS and errors == 0 else "NOT met"
        print(
            f"\ntarget (cached anonymous pages): >= {TARGET_RPS} rps, p95 < {TARGET_P95_MS} ms, 0 errors -> {verdict}"
        )
    else:
        verdict = "met" if p95 < TARGET_P95_MS and errors == 0 else "NOT met"
        offered = f" at {args.rate:g} arrivals/s offered" if args.rate else " in a closed loop"
        print(f"\ntarget (the mix): p95 < {TARGET_P95_MS} ms, 0 errors{offered} -> {verdict}")
    return 0 if errors == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
