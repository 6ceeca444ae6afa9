"""deploy/nginx.conf in front of the uvicorn workers: TLS, static files, request ids, WebSocket upgrade."""

import gzip
import json
import re
import shutil
import socket
import ssl
import subprocess
import tempfile
import urllib.request
from pathlib import Path

import pytest

from .stack import ROOT, NoRedirect, port_is_free, wait_for

pytestmark = pytest.mark.postgres
HTTPS_PORT, HTTP_PORT = 8605, 8606
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


@pytest.fixture(scope="module")
def proxy(stack):
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


def get(url, headers=None):
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE  # the test's own self-signed certificate
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310 - loopback
    opener = urllib.request.build_opener(urllib.request.HTTPSHandler(context=context), NoRedirect)
    try:
        with opener.open(request, timeout=15) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def test_pages_through_the_proxy_carry_its_request_id_into_both_logs(proxy):
    status, headers, body = get(proxy["url"] + "/")
    assert status == 200
    assert "Наставник.Портал" in body.decode()
    assert "max-age=31536000" in headers["Strict-Transport-Security"]  # Django saw https
    request_id = headers["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", request_id)
    wait_for(lambda: (proxy["folder"] / "access.json").exists(), 5, "the access log")
    entries = [
        json.loads(line) for line in (proxy["folder"] / "access.json").read_text().splitlines()
    ]
    entry = next(e for e in entries if e["request_id"] == request_id)
    assert entry["status"] == 200 and entry["uri"] == "/"
    assert entry["page_cache"] in {"hit", "miss"}


def test_plain_http_goes_to_https(proxy):
    request = urllib.request.Request(f"http://127.0.0.1:{HTTP_PORT}/praktiki/")
    try:
        urllib.request.build_opener(NoRedirect).open(request, timeout=10)
        code, location = None, None
    except urllib.error.HTTPError as error:
        code, location = error.code, error.headers["Location"]
    assert code == 301
    assert location.startswith("https://")


def test_static_files_come_from_nginx_compressed_and_immutable(proxy):
    html = get(proxy["url"] + "/")[2].decode()
    stylesheet = re.search(r'href="(/static/css/portal\.[0-9a-f]{12}\.css)"', html).group(1)
    status, headers, body = get(proxy["url"] + stylesheet, {"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    assert "immutable" in headers["Cache-Control"]
    assert "X-Request-ID" not in headers  # nginx answered, the workers were not asked
    assert b"--accent" in gzip.decompress(body)


def test_private_documents_are_not_served_from_disk(proxy):
    status, _headers, _body = get(proxy["url"] + "/media/documents/private.pdf")
    assert status == 404


def test_websocket_upgrade_reaches_the_workers(proxy):
    """The handshake passes nginx: the portal's own origin check answers it (403 without an Origin)."""
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    with (
        socket.create_connection(("127.0.0.1", HTTPS_PORT), timeout=10) as raw,
        context.wrap_socket(raw, server_hostname="127.0.0.1") as tls,
    ):
        tls.sendall(
            b"GET /ws/communities/channels/1/ HTTP/1.1\r\n"
            b"Host: 127.0.0.1\r\n"
            b"Upgrade: websocket\r\nConnection: Upgrade\r\n"
            b"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
        )
        answer = tls.recv(4096).decode("latin-1")
    status_line = answer.split("\r\n", 1)[0]
    assert status_line.split()[1] == "403", answer
    # uvicorn's plain-text refusal, not one of nginx's own HTML error pages.
    assert "content-type: text/plain" in answer.lower()
    assert "<html" not in answer.lower()
