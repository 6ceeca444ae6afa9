import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from django.core.cache import cache

import pytest

from .stack import (
    HTTP_PORT,
    HTTPS_PORT,
    NGINX,
    ROOT,
    PortalServer,
    PrivatePostgres,
    PrivateRedis,
    port_at,
    port_is_free,
    prepare_database,
    production_env,
    wait_for,
)


@pytest.fixture
def page_cache(settings):
    """The anonymous page cache switched on (as in production), starting empty."""
    from portal.page_cache import forget_local_version

    settings.PORTAL_PAGE_CACHE_SECONDS = 300
    cache.clear()
    forget_local_version()
    yield
    cache.clear()
    forget_local_version()


@pytest.fixture
def rate_limits(settings):
    """django-ratelimit switched back on (the test profile turns it off), counters empty."""
    settings.RATELIMIT_ENABLE = True
    cache.clear()
    yield settings
    cache.clear()


def on_postgres():
    return os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))


needs_postgres = pytest.mark.skipif(
    not on_postgres(),
    reason="needs PostgreSQL: runs in the PostgreSQL + Redis pass of .ci/run",
)


@pytest.fixture(scope="session")
def stack():
    """A production-profile server on loopback: 2 uvicorn workers, a private PostgreSQL
    cluster and a private Redis (ports PORT_BASE + 1 to 3), so fault tests may stop them.

    Migrated from scratch and filled with the demo content, like a new deployment.
    """
    if not on_postgres():
        pytest.skip("needs PostgreSQL: runs in the PostgreSQL + Redis pass of .ci/run")
    postgres = PrivatePostgres(port_at(1)).init().start()
    redis = server = None
    try:
        postgres.create_database("portal_stack")
        redis = PrivateRedis(port_at(2)).start()
        env = production_env(
            postgres.url("portal_stack"),
            redis.url(8),
            DB_POOL_TIMEOUT=3,
            # Chat messages and registrations written by the demo and the tests refresh the
            # site-wide content version within a second, not ten: a fault test's pages
            # cached "before the fault" are not invalidated half-way through it.
            PAGE_CACHE_FREQUENT_SECONDS=1,
            # nginx passes Host without the port; a browser's forms through the
            # proxy (test ports, not 443) send it in Origin.
            CSRF_TRUSTED_ORIGINS=f"https://127.0.0.1:{HTTPS_PORT}",
        )
        prepare_database(env)
        server = PortalServer(port_at(3), env, workers=2).start()
        yield {"postgres": postgres, "redis": redis, "server": server, "env": env}
    finally:
        if server is not None:
            server.stop()
        if redis is not None:
            redis.stop()
        postgres.destroy()


@pytest.fixture(scope="session")
def proxy(stack):
    """deploy/nginx.conf in front of the stack's workers: TLS (a self-signed certificate),
    static files from collected-static, WebSocket upgrade, on ports PORT_BASE + 5 and + 6."""
    if not Path(NGINX).exists():
        pytest.skip("nginx is not installed (.ci/run installs nginx-light)")
    folder = Path(tempfile.mkdtemp(prefix="portal-nginx-"))
    subprocess.run(
        [
            shutil.which("openssl") or "/usr/bin/openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
            "-keyout",
            str(folder / "key.pem"),
            "-out",
            str(folder / "cert.pem"),
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )
    (folder / "media" / "documents").mkdir(parents=True)
    (folder / "media" / "documents" / "private.pdf").write_bytes(b"%PDF-1.7 private")
    proxy_conf = (ROOT / "deploy" / "portal_proxy.conf").read_text()
    site = (ROOT / "deploy" / "nginx.conf").read_text()
    for old, new in {
        "127.0.0.1:8600": f"127.0.0.1:{stack['server'].port}",
        "/srv/portal/collected-static/": f"{ROOT}/collected-static/",
        "/srv/portal/media/": f"{folder}/media/",
        "/etc/nginx/portal_proxy.conf": str(folder / "portal_proxy.conf"),
        "/etc/ssl/certs/nastavnik.example.org.pem": str(folder / "cert.pem"),
        "/etc/ssl/private/nastavnik.example.org.key": str(folder / "key.pem"),
        "/var/log/nginx/portal.access.json": str(folder / "access.json"),
        "listen 443 ssl http2;": f"listen 127.0.0.1:{HTTPS_PORT} ssl http2;",
        "listen 80;": f"listen 127.0.0.1:{HTTP_PORT};",
    }.items():
        site = site.replace(old, new)
    site = "\n".join(line for line in site.splitlines() if "listen [::]" not in line)
    (folder / "portal_proxy.conf").write_text(proxy_conf)
    (folder / "portal.conf").write_text(site)
    (folder / "nginx.conf").write_text(
        f"""user root;
pid {folder}/nginx.pid;
error_log {folder}/error.log;
events {{}}
http {{
    include /etc/nginx/mime.types;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    include {folder}/portal.conf;
}}
"""
    )
    checked = subprocess.run(
        [NGINX, "-t", "-c", str(folder / "nginx.conf")], capture_output=True, text=True, timeout=30
    )
    assert checked.returncode == 0, checked.stderr
    for port in (HTTPS_PORT, HTTP_PORT):
        assert port_is_free(port), port
    process = subprocess.Popen([NGINX, "-c", str(folder / "nginx.conf"), "-g", "daemon off;"])
    try:
        wait_for(lambda: not port_is_free(HTTPS_PORT), 15, "nginx start")
        yield {"url": f"https://127.0.0.1:{HTTPS_PORT}", "folder": folder}
    finally:
        process.terminate()
        process.wait(15)
        shutil.rmtree(folder, ignore_errors=True)
