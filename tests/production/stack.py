"""A private production stack on loopback: PostgreSQL cluster, Redis, uvicorn workers.

Used by the fault tests (which stop and restart these servers, never the
shared ones) and by ``benchmarks/load.py``. Everything listens on 127.0.0.1
only, on ports the caller chooses.
"""

import glob
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv").exists() else sys.executable
# The production tests' servers listen on PORT_BASE + 1 ... + 49 (8601-8649 by default);
# PORTAL_TEST_PORT_BASE moves them, so two checkouts on one machine do not collide.
PORT_BASE = int(os.environ.get("PORTAL_TEST_PORT_BASE", "8600"))


def port_at(offset):
    """The port ``offset`` places above PORT_BASE (1 to 49)."""
    assert 0 < offset < 50, offset
    return PORT_BASE + offset


# deploy/nginx.conf in front of the stack (the ``proxy`` fixture).
HTTPS_PORT, HTTP_PORT = port_at(5), port_at(6)
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def pg_bin(name):
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if found:
        return found[-1]
    path = shutil.which(name)
    if path is None:
        raise FileNotFoundError(
            f"{name} not found: install PostgreSQL (apt-get install postgresql)"
        )
    return path


def port_is_free(port):
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) != 0


def wait_for(predicate, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise TimeoutError(f"{what} did not happen within {timeout} s")


class PrivatePostgres:
    """A throw-away PostgreSQL cluster (initdb) in a temporary folder, trust auth on loopback."""

    def __init__(self, port):
        self.port = port
        self.folder = Path(tempfile.mkdtemp(prefix="portal-pg-"))
        self.data = self.folder / "data"
        self.as_postgres = os.geteuid() == 0  # initdb refuses to run as root

    def _run(self, *command, check=True):
        if self.as_postgres:
            command = ("runuser", "-u", "postgres", "--", *command)
        return subprocess.run(command, check=check, capture_output=True, text=True, timeout=120)

    def init(self):
        if not port_is_free(self.port):
            raise RuntimeError(f"port {self.port} is taken")
        if self.as_postgres:
            shutil.chown(self.folder, "postgres", "postgres")
        self._run(
            pg_bin("initdb"),
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        )
        return self

    def start(self):
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={self.folder} -c fsync=off"
        self._run(
            pg_bin("pg_ctl"),
            "-D",
            str(self.data),
            "-o",
            options,
            "-l",
            str(self.folder / "log"),
            "-w",
            "start",
        )
        return self

    def stop(self, mode="fast"):
        self._run(pg_bin("pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop", check=False)

    def is_running(self):
        return not port_is_free(self.port)

    def url(self, name):
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def create_database(self, name):
        subprocess.run(
            [pg_bin("createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", name],
            check=True,
            capture_output=True,
            timeout=60,
        )

    def destroy(self):
        self.stop("immediate")
        shutil.rmtree(self.folder, ignore_errors=True)


class PrivateRedis:
    """A redis-server of our own on loopback, no persistence."""

    def __init__(self, port):
        self.port = port
        self.process = None

    def start(self):
        if not port_is_free(self.port):
            raise RuntimeError(f"port {self.port} is taken")
        self.process = subprocess.Popen(
            [
                shutil.which("redis-server") or "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for(lambda: not port_is_free(self.port), 15, "Redis start")
        return self

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(15)
        self.process = None
        wait_for(lambda: port_is_free(self.port), 15, "Redis stop")

    def url(self, db=8):
        return f"redis://127.0.0.1:{self.port}/{db}"


def production_env(database_url, redis_url, **extra):
    """The environment of a production-profile process on loopback."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "DJANGO_SETTINGS_MODULE",
            "DATABASE_URL",
            "REDIS_URL",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
            "ELASTICSEARCH_URL",
        }
        and not key.startswith("PYTEST")
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "portal.settings.production",
            "SECRET_KEY": "bench-" + secrets.token_urlsafe(48),
            "DATABASE_URL": database_url,
            "REDIS_URL": redis_url,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "CSRF_TRUSTED_ORIGINS": "",
            "STATIC_ROOT": str(ROOT / "collected-static"),
            "PYTHONUNBUFFERED": "1",
        }
    )
    env.update({key: str(value) for key, value in extra.items()})
    return env


def manage(*args, env, timeout=600):
    result = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def collect_static(env):
    """Run collectstatic unless STATIC_ROOT's manifest is newer than every source of static files.

    Compressing Wagtail's admin assets takes about a minute on these machines;
    the result only changes with static/ or the installed packages.
    """
    manifest = Path(env["STATIC_ROOT"]) / "staticfiles.json"
    if manifest.exists():
        sources = [
            ROOT / "requirements.lock",
            *(path for path in (ROOT / "static").rglob("*") if path.is_file()),
        ]
        if manifest.stat().st_mtime > max(path.stat().st_mtime for path in sources):
            return
    manage("collectstatic", "--noinput", env=env)


def prepare_database(env, demo=True):
    """Migrate, collect static files and (optionally) load the demo content."""
    manage("migrate", "--noinput", env=env)
    collect_static(env)
    if demo:
        manage("load_demo", env=env)


class PortalServer:
    """uvicorn with ``workers`` processes serving portal.asgi in the production profile."""

    def __init__(self, port, env, workers=2, log_path=None, app="portal.asgi:application"):
        self.app = app
        self.port = port
        self.env = env
        self.workers = workers
        if log_path is None:
            handle, log_path = tempfile.mkstemp(prefix="portal-server-", suffix=".log")
            os.close(handle)
        self.log_path = Path(log_path)
        self.process = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout=90):
        if not port_is_free(self.port):
            raise RuntimeError(f"port {self.port} is taken")
        self._log = open(self.log_path, "ab")  # noqa: SIM115 - kept open while the server runs
        self.process = subprocess.Popen(
            [
                PYTHON,
                "-m",
                "uvicorn",
                self.app,
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--workers",
                str(self.workers),
                "--proxy-headers",
                "--forwarded-allow-ips",
                "127.0.0.1",
                "--lifespan",
                "off",
                "--no-access-log",
                "--no-server-header",
                "--log-config",
                str(ROOT / "deploy" / "uvicorn-logging.json"),
            ],
            cwd=ROOT,
            env=self.env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_for(self._answers, timeout, "the portal server start")
        return self

    def _answers(self):
        if self.process.poll() is not None:
            raise RuntimeError(f"the server exited:\n{self.log()}")
        try:
            # Loopback http only: the URL is built here from a port number.
            with urllib.request.urlopen(f"{self.url}/healthz/live", timeout=2) as response:  # noqa: S310
                return response.status == 200
        except (urllib.error.URLError, OSError):
            return False

    def log(self):
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(10)
        self.process = None
        if getattr(self, "_log", None):
            self._log.close()


def fetch(url, *, method="GET", headers=None, data=None, timeout=10):
    """One HTTP request as the proxy would forward it: returns (status, headers, body bytes)."""
    request = urllib.request.Request(url, method=method, data=data)  # noqa: S310 - loopback tests only
    request.add_header("X-Forwarded-Proto", "https")  # what nginx sets after TLS
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=timeout) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def health(url):
    status, _headers, body = fetch(f"{url}/healthz")
    return status, json.loads(body)


class Visitor:
    """A browser-like client over loopback: keeps cookies (Secure ones too, as the
    proxy terminates TLS) and posts forms with their CSRF token."""

    def __init__(self, base_url):
        self.base_url = base_url
        self.cookies = {}

    def _headers(self, extra=None):
        headers = {"Host": self.base_url.split("//", 1)[1]}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        headers.update(extra or {})
        return headers

    def _remember(self, headers):
        for header in headers.get_all("Set-Cookie") or []:
            name, value = header.split(";", 1)[0].split("=", 1)
            if "Max-Age=0" in header or "expires=Thu, 01 Jan 1970" in header:
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value

    def get(self, path, headers=None):
        status, response_headers, body = fetch(self.base_url + path, headers=self._headers(headers))
        self._remember(response_headers)
        return status, response_headers, body.decode("utf-8", "replace")

    def post_form(self, path, fields):
        """GET the form for its token, then POST it as the browser would."""
        from urllib.parse import urlencode

        status, _headers, html = self.get(path)
        assert status == 200, (path, status)
        token = html.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
        origin = "https://" + self.base_url.split("//", 1)[1]
        status, response_headers, body = fetch(
            self.base_url + path,
            method="POST",
            data=urlencode({**fields, "csrfmiddlewaretoken": token}).encode(),
            headers=self._headers(
                {
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Origin": origin,
                    "Referer": origin + path,
                }
            ),
        )
        self._remember(response_headers)
        return status, response_headers, body.decode("utf-8", "replace")
