"""deploy/nginx.conf in front of the uvicorn workers: TLS, static files, request ids, WebSocket upgrade."""

import gzip
import json
import re
import socket
import ssl
import urllib.request

import pytest

from .stack import HTTP_PORT, HTTPS_PORT, NoRedirect, wait_for

pytestmark = pytest.mark.postgres


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
