"""Live channel throughput and delivery latency, side by side with the bare Channels floor.

For each number of clients N it runs, in the same process and on the same
machine, one after the other:

1. the floor from shared/bench: a bare Channels group broadcast on uvicorn with
   the Redis layer (no auth, no persistence), measured by its own client script;
2. the portal: ``portal.asgi:application`` on uvicorn with the Redis layer and
   1..W worker processes; N signed-in members of one community open the same
   channel over WebSocket (session cookie, origin check, membership check on
   connect and on every frame), post M messages that are validated, rate
   limited, stored and broadcast, and every client times each delivery.

It prints deliveries per second, median and p95 delivery latency for both and
the ratio portal/floor (target: p95 within 1.3x of the floor).

    .venv/bin/python benchmarks/channels.py                  # 100 and 500 clients
    .venv/bin/python benchmarks/channels.py --clients 100 --workers 1,2 --messages 30

Environment: DATABASE_URL (default: a SQLite file in the temporary folder; PostgreSQL
is closer to production), REDIS_URL (default redis://127.0.0.1:6379/3). Ports:
8201 for the portal, 18800 for the floor. Every server it starts, it stops.
"""

import argparse
import asyncio
import contextlib
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PORTAL_PORT = 8201
FLOOR_PORT = 18800
BENCH_USERS = "bench-chat-"
# The same uvicorn flags for the floor and the portal. permessage-deflate makes the
# server compress every frame once per client; --deflate turns it back on for both.
SERVER_FLAGS = ["--ws-per-message-deflate", "false"]
VERBOSE = False
SERVER_LOG_PATH = Path(tempfile.gettempdir()) / "portal-channels-bench-servers.log"
SERVER_LOG = None


def find_floor():
    for parent in Path(__file__).resolve().parents:
        candidate = parent / "shared" / "bench" / "channels_floor_app.py"
        if candidate.exists():
            return candidate.parent
    sys.exit("shared/bench/channels_floor_app.py not found above this folder")


def environment():
    env = dict(os.environ)
    env.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    bench_db = Path(tempfile.gettempdir()) / "portal-channels-bench.sqlite3"
    env.setdefault("DATABASE_URL", f"sqlite:///{bench_db}")
    env.setdefault("REDIS_URL", "redis://127.0.0.1:6379/3")
    env.setdefault("CHANNELS_PREFIX", "bench-communities")
    env.setdefault("CACHE_PREFIX", "bench-communities")
    env.setdefault("DB_CONN_MAX_AGE", "60")
    env["DEBUG"] = "0"
    env["LOG_LEVEL"] = "WARNING"
    env["PYTHONPATH"] = str(ROOT)
    return env


def wait_for_port(port, process, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"server on port {port} exited with {process.returncode}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    sys.exit(f"server on port {port} did not start")


def stop(process):
    process.terminate()
    try:
        process.wait(15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def prepare(clients):
    """Bench community, channel and ``clients`` signed-in members; returns (channel id, cookies)."""
    import django

    django.setup()
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )
    from django.contrib.sessions.backends.db import SessionStore

    from communities.models import (
        Channel,
        ChannelPresence,
        CommunityIndexPage,
        CommunityPage,
        Membership,
        MembershipStatus,
    )
    from portal.demo import ensure_child_page

    index = CommunityIndexPage.objects.first()
    if index is None:
        sys.exit("no communities index: run `manage.py load_demo` against this database first")
    community, _ = ensure_child_page(
        index,
        CommunityPage,
        "zamer-skorosti",
        title="Замер скорости живых каналов",
        purpose="Служебное сообщество для benchmarks/channels.py.",
    )
    channel, _ = Channel.objects.get_or_create(
        community=community, slug="zamer", defaults={"name": "Замер"}
    )
    channel.messages.all().delete()
    ChannelPresence.objects.filter(channel=channel).delete()
    User = get_user_model()
    existing = set(
        User.objects.filter(username__startswith=BENCH_USERS).values_list("username", flat=True)
    )
    User.objects.bulk_create(
        [
            User(username=f"{BENCH_USERS}{n:04d}", first_name="Участник", last_name=f"№{n}")
            for n in range(clients)
            if f"{BENCH_USERS}{n:04d}" not in existing
        ]
    )
    users = list(User.objects.filter(username__startswith=BENCH_USERS).order_by("username"))[
        :clients
    ]
    for user in users:
        Membership.objects.get_or_create(
            community=community,
            user=user,
            defaults={"status": MembershipStatus.ACTIVE, "joined_at": community.first_published_at},
        )
    cookies = []
    for user in users:
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        cookies.append(session.session_key)
    return channel.pk, cookies


async def portal_client(channel_id, cookies, messages, gap):
    import websockets

    url = f"ws://127.0.0.1:{PORTAL_PORT}/ws/communities/channels/{channel_id}/"
    origin = f"http://127.0.0.1:{PORTAL_PORT}"
    latencies = []
    expected = len(cookies) * messages
    got = 0
    done = asyncio.Event()
    last_frame = [time.perf_counter()]
    errors = []
    warm = [0]
    worst = {}

    async def listen(ws):
        nonlocal got
        async for raw in ws:
            last_frame[0] = time.perf_counter()
            frame = json.loads(raw)
            if frame["type"] == "message":
                if frame["message"]["text"].startswith("Разогрев"):
                    warm[0] += 1
                    continue
                sent = float(frame["message"]["text"].rsplit("t=", 1)[1])
                latencies.append(time.perf_counter() - sent)
                number = int(frame["message"]["text"].split(" ", 2)[1].rstrip(":"))
                worst[number] = max(worst.get(number, 0), latencies[-1])
                got += 1
                if got >= expected:
                    done.set()
            elif frame["type"] == "error":
                errors.append(frame["message"])

    started = time.perf_counter()
    sockets = []
    for key in cookies:
        ws = await websockets.connect(
            url, origin=origin, additional_headers={"Cookie": f"sessionid={key}"}, max_queue=None
        )
        ready = json.loads(await ws.recv())
        assert ready["type"] == "ready" and ready["can_post"], ready
        sockets.append(ws)
    connect_seconds = time.perf_counter() - started
    tasks = [asyncio.create_task(listen(ws)) for ws in sockets]
    # Presence notices of N arrivals reach every open page: let them settle first.
    while time.perf_counter() - last_frame[0] < 1.0:
        await asyncio.sleep(0.2)
    # Warm-up, not measured: the first post in each worker opens its database and
    # cache connections and fills Django's caches. Spread over many connections so
    # every worker gets some.
    warm_up = min(len(sockets), 10)
    for k in range(warm_up):
        await sockets[(k * 7919) % len(sockets)].send(
            json.dumps({"type": "post", "text": f"Разогрев {k}"})
        )
        await asyncio.sleep(gap)
    while warm[0] < warm_up * len(sockets) and time.perf_counter() - last_frame[0] < 5:
        await asyncio.sleep(0.1)
    t0 = time.perf_counter()
    for k in range(messages):
        text = f"Замер {k}: t={time.perf_counter()!r}"
        await sockets[(warm_up + k) % len(sockets)].send(json.dumps({"type": "post", "text": text}))
        await asyncio.sleep(gap)
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(done.wait(), 60)
    elapsed = time.perf_counter() - t0
    for ws in sockets:
        await ws.close()
    for task in tasks:
        task.cancel()
    if VERBOSE:
        print(
            "  slowest delivery per message, ms:",
            {k: round(v * 1000) for k, v in sorted(worst.items())},
        )
    return latencies, got, expected, elapsed, connect_seconds, errors


def figures(latencies, got, expected, elapsed):
    latencies = sorted(latencies)
    if not latencies:
        return {
            "delivered": f"0/{expected}",
            "median": float("nan"),
            "p95": float("nan"),
            "rate": 0,
        }
    return {
        "delivered": f"{got}/{expected}",
        "median": statistics.median(latencies) * 1000,
        "p95": latencies[max(int(len(latencies) * 0.95) - 1, 0)] * 1000,
        "rate": got / elapsed,
    }


FLOOR_LINE = re.compile(
    r"delivered=(?P<got>\d+)/(?P<expected>\d+) median=(?P<median>[\d.]+)ms "
    r"p95=(?P<p95>[\d.]+)ms deliveries/s=(?P<rate>\d+)"
)


def run_floor(floor_dir, clients, messages, gap, env):
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "channels_floor_app:application",
            "--port",
            str(FLOOR_PORT),
            "--log-level",
            "warning",
            *SERVER_FLAGS,
        ],
        cwd=floor_dir,
        env={**env, "LAYER": "redis", "PYTHONPATH": str(floor_dir)},
        stdout=SERVER_LOG,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_for_port(FLOOR_PORT, server)
        out = subprocess.run(
            [sys.executable, "channels_floor_client.py", str(clients), str(messages), str(gap)],
            cwd=floor_dir,
            capture_output=True,
            text=True,
            timeout=300,
            check=True,
        ).stdout
    finally:
        stop(server)
    match = FLOOR_LINE.search(out)
    if not match:
        sys.exit(f"unexpected floor output: {out}")
    return {
        "delivered": f"{match['got']}/{match['expected']}",
        "median": float(match["median"]),
        "p95": float(match["p95"]),
        "rate": int(match["rate"]),
    }


def run_portal(channel_id, cookies, messages, gap, workers, env, app="portal.asgi:application"):
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            app,
            "--port",
            str(PORTAL_PORT),
            "--workers",
            str(workers),
            "--log-level",
            "warning",
            *SERVER_FLAGS,
        ],
        cwd=ROOT,
        env=env,
        stdout=SERVER_LOG,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_for_port(PORTAL_PORT, server)
        time.sleep(1.0 * workers)  # every worker imports Django before it accepts
        latencies, got, expected, elapsed, connect_seconds, errors = asyncio.run(
            portal_client(channel_id, cookies, messages, gap)
        )
    finally:
        stop(server)
    result = figures(latencies, got, expected, elapsed)
    result["connect"] = connect_seconds
    result["errors"] = errors
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", default="100,500", help="comma-separated client counts")
    parser.add_argument("--messages", type=int, default=30, help="messages per run")
    parser.add_argument("--gap", type=float, default=0.2, help="seconds between posts")
    parser.add_argument("--workers", default="1,2", help="comma-separated ASGI worker counts")
    parser.add_argument(
        "--verbose", action="store_true", help="print the slowest delivery of each message"
    )
    parser.add_argument(
        "--gc-freeze",
        action="store_true",
        help="also run the portal with its start-up heap frozen (benchmarks/channels_gc_frozen_asgi.py)",
    )
    parser.add_argument("--deflate", action="store_true", help="keep permessage-deflate on")
    args = parser.parse_args()
    global VERBOSE, SERVER_LOG
    VERBOSE = args.verbose
    SERVER_LOG = SERVER_LOG_PATH.open("w")
    if args.deflate:
        SERVER_FLAGS[:] = ["--ws-per-message-deflate", "true"]
    env = environment()
    os.environ.update(env)
    # Python put this script's folder first on the import path, where this file,
    # channels.py, would shadow Django Channels for everything imported below.
    here = Path(__file__).resolve().parent
    sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != here]
    floor_dir = find_floor()
    print(
        f"database: {env['DATABASE_URL'].split('@')[-1]}  redis: {env['REDIS_URL']}  "
        f"messages: {args.messages}, gap {args.gap}s, cores: {os.cpu_count()}, "
        f"load: {os.getloadavg()[0]:.1f}, uvicorn {' '.join(SERVER_FLAGS)}"
    )
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )
    subprocess.run([sys.executable, "manage.py", "load_demo", "-v0"], cwd=ROOT, env=env, check=True)
    rows = []
    for clients in [int(n) for n in args.clients.split(",")]:
        channel_id, cookies = prepare(clients)
        floor = run_floor(floor_dir, clients, args.messages, args.gap, env)
        rows.append((clients, "floor (bare broadcast)", floor, None))
        for workers in [int(n) for n in args.workers.split(",")]:
            for frozen in [False, True] if args.gc_freeze else [False]:
                prepare(clients)  # a clean channel for each run
                portal = run_portal(
                    channel_id,
                    cookies,
                    args.messages,
                    args.gap,
                    workers,
                    # portal/asgi.py freezes by default now: the baseline runs without.
                    {**env, "PORTAL_GC_FREEZE": "1" if frozen else "0"},
                    app="benchmarks.channels_gc_frozen_asgi:application"
                    if frozen
                    else "portal.asgi:application",
                )
                name = f"portal, {workers} worker(s)" + (", gc.freeze" if frozen else "")
                rows.append((clients, name, portal, floor))
    print()
    print(
        f"{'clients':>7}  {'server':<24}{'delivered':>13}{'deliv/s':>8}{'median ms':>11}"
        f"{'p95 ms':>9}{'p95/floor':>11}"
    )
    for clients, name, result, floor in rows:
        ratio = f"{result['p95'] / floor['p95']:.2f}x" if floor else ""
        print(
            f"{clients:>7}  {name:<24}{result['delivered']:>13}{result['rate']:>8.0f}"
            f"{result['median']:>11.1f}{result['p95']:>9.1f}{ratio:>11}"
        )
        if result.get("errors"):
            print(f"         refused: {len(result['errors'])} ({result['errors'][0]})")
    print("\nTarget: portal p95 within 1.3x of the floor at the same client count.")
    print(f"Servers' own output: {SERVER_LOG_PATH}")


if __name__ == "__main__":
    main()
