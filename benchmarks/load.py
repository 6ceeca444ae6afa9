"""Headless load against a production-profile portal on loopback; prints rps, median, p95, errors.

    # start a server itself (PostgreSQL portal_prod, Redis db 8, uvicorn workers on :8610):
    .venv/bin/python benchmarks/load.py --serve --workers 2 --duration 20
    # or against a running `make serve-prod`:
    .venv/bin/python benchmarks/load.py --url http://127.0.0.1:8610

Scenarios (``--mix name=weight,...``; default ``anonymous=1``):

- ``anonymous``: anonymous browsing of the public pages found by following the
  links of the home page, served from the page cache (the issue's target:
  at least 300 requests per second, p95 under 200 ms, no errors);
- ``uncached``: the same pages rendered every time (a session cookie turns the
  page cache off), to show what the cache saves;
- ``search``: the search page with Russian queries.

Adding the rest of the issue's mix after the features are merged: subclass
``Scenario`` (``setup`` once per virtual user, ``step`` once per request, both
async with the shared aiohttp session), decorate it with ``@scenario("name")``
and pass ``--mix anonymous=6,search=2,registration=1,chat=1``. Signed-in
scenarios sign in through ``/accounts/login/`` in ``setup`` with the
``form_post`` helper (the CSRF token is taken from the form); a chat scenario
opens ``session.ws_connect(...)`` in ``setup`` and sends/awaits one message per
``step``.
"""

import argparse
import asyncio
import contextlib
import os
import random
import re
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import aiohttp

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

HEADERS = {"X-Forwarded-Proto": "https", "User-Agent": "portal-load/1"}
SCENARIOS = {}
TARGET_RPS, TARGET_P95_MS = 300, 200


def scenario(name):
    def register(cls):
        cls.name = name
        SCENARIOS[name] = cls
        return cls

    return register


class Scenario:
    """One kind of visitor. ``step`` returns (label, ok, extra) after one request."""

    name = "base"

    def __init__(self, base_url, pages):
        self.base_url = base_url
        self.pages = pages

    async def setup(self, session):
        """Once per virtual user before the clock starts (sign in, open a socket)."""

    async def step(self, session):
        raise NotImplementedError

    async def get(self, session, path, **kwargs):
        async with session.get(self.base_url + path, allow_redirects=False, **kwargs) as response:
            await response.read()
            return response


async def form_post(session, base_url, path, fields):
    """POST a form of the site as a browser does: GET it for the CSRF token first."""
    async with session.get(base_url + path) as response:
        html = await response.text()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    origin = "https://" + urlsplit(base_url).netloc
    async with session.post(
        base_url + path,
        data={**fields, "csrfmiddlewaretoken": token},
        headers={"Origin": origin, "Referer": origin + path},
        allow_redirects=False,
    ) as response:
        await response.read()
        return response


@scenario("anonymous")
class AnonymousBrowsing(Scenario):
    async def step(self, session):
        path = random.choice(self.pages)
        response = await self.get(session, path)
        return "anonymous", response.status == 200, response.headers.get("X-Page-Cache")


@scenario("uncached")
class UncachedBrowsing(Scenario):
    async def step(self, session):
        path = random.choice(self.pages)
        # Any session cookie makes the page cache step aside (the key is not a real session).
        response = await self.get(session, path, headers={"Cookie": "sessionid=load-benchmark"})
        return "uncached", response.status == 200, response.headers.get("X-Page-Cache")


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
        response = await self.get(session, "/search/", params={"q": random.choice(self.QUERIES)})
        return "search", response.status == 200, None


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
                )
            ):
                continue
            if target.path not in pages and target.path not in queue:
                queue.append(target.path)
    return pages


async def virtual_user(session, instance, deadline, results):
    await instance.setup(session)
    while time.perf_counter() < deadline:
        started = time.perf_counter()
        try:
            label, ok, cache = await instance.step(session)
        except (TimeoutError, aiohttp.ClientError) as error:
            label, ok, cache = instance.name, False, type(error).__name__
        results[label].append((time.perf_counter() - started, ok, cache))


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def report(results, elapsed):
    print(
        f"\n{'scenario':<11} {'requests':>9} {'rps':>8} {'median ms':>10} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8} {'errors':>7} {'cache hits':>11}"
    )
    total = []
    for label, samples in sorted(results.items()):
        total += samples
        _print_row(label, samples, elapsed)
    if len(results) > 1:
        _print_row("all", total, elapsed)
    return total


def _print_row(label, samples, elapsed):
    times = [seconds * 1000 for seconds, _ok, _cache in samples]
    errors = sum(1 for _s, ok, _c in samples if not ok)
    hits = sum(1 for _s, _ok, cache in samples if cache == "hit")
    print(
        f"{label:<11} {len(samples):>9} {len(samples) / elapsed:>8.1f} {statistics.median(times):>10.1f} "
        f"{percentile(times, 0.95):>8.1f} {percentile(times, 0.99):>8.1f} {max(times):>8.1f} {errors:>7} "
        f"{100 * hits / len(samples):>10.1f}%"
    )


async def run(base_url, mix, concurrency, duration, warmup):
    connector = aiohttp.TCPConnector(limit=concurrency, force_close=False)
    timeout = aiohttp.ClientTimeout(total=30)
    async with aiohttp.ClientSession(
        headers=HEADERS, connector=connector, timeout=timeout
    ) as session:
        pages = await discover_pages(session, base_url)
        print(f"{len(pages)} public pages: {', '.join(pages[:8])}{' …' if len(pages) > 8 else ''}")
        for path in pages:  # fill the cache and the workers' imports
            async with session.get(base_url + path) as response:
                await response.read()
        weights = [(SCENARIOS[name], weight) for name, weight in mix.items()]
        population = [cls for cls, weight in weights for _ in range(weight)]
        users = [random.choice(population)(base_url, pages) for _ in range(concurrency)]
        if warmup:
            await asyncio.gather(
                *(
                    virtual_user(session, user, time.perf_counter() + warmup, defaultdict(list))
                    for user in users
                )
            )
        results = defaultdict(list)
        started = time.perf_counter()
        await asyncio.gather(
            *(virtual_user(session, user, started + duration, results) for user in users)
        )
        elapsed = time.perf_counter() - started
    return results, elapsed


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
def serve(port, workers, database_url, redis_url):
    """Migrate (no-op when done), collect static files, load the demo, run uvicorn workers."""
    from tests.production.stack import PortalServer, prepare_database, production_env

    env = production_env(database_url, redis_url)
    print(f"preparing {database_url} (migrate, collectstatic, demo) …", flush=True)
    prepare_database(env)
    server = PortalServer(port, env, workers=workers).start()
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
        "--database-url",
        default=os.environ.get(
            "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/portal_prod"
        ),
    )
    parser.add_argument(
        "--redis-url", default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/8")
    )
    parser.add_argument(
        "--mix", default="anonymous=1", help="scenario=weight,... e.g. anonymous=6,search=1"
    )
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--duration", type=float, default=20.0)
    parser.add_argument("--warmup", type=float, default=3.0)
    args = parser.parse_args()
    mix = parse_mix(args.mix)

    server_cpu = None
    context = (
        serve(args.port, args.workers, args.database_url, args.redis_url)
        if args.serve
        else contextlib.nullcontext()
    )
    with context as server:
        url = server.url if server else args.url
        workers = args.workers if server else "?"
        print(
            f"load: {url}, mix {args.mix}, {args.concurrency} concurrent, {args.duration:.0f} s (uvicorn workers: {workers})"
        )
        load_before = os.getloadavg()[0]
        cpu_before = process_tree_cpu_seconds(server.process.pid) if server else None
        results, elapsed = asyncio.run(run(url, mix, args.concurrency, args.duration, args.warmup))
        if server:
            server_cpu = process_tree_cpu_seconds(server.process.pid) - cpu_before
    total = report(results, elapsed)
    cores = os.cpu_count()
    print(
        f"\nmachine: {cores} cores, load average {load_before:.1f} before the run, "
        f"{os.getloadavg()[0]:.1f} after (other processes share the cores)"
    )
    if server_cpu is not None:
        # The page discovery and warm-up requests count in the CPU too: a slight overestimate.
        measured = sum(len(samples) for samples in results.values())
        per_request = 1000 * server_cpu / max(1, measured)
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
        print(f"\ntarget (the mix): p95 < {TARGET_P95_MS} ms, 0 errors -> {verdict}")
    return 0 if errors == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
