"""The production profile, read in a fresh process from the environment as a deployment would."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
KEY = "k" * 20 + "-a-real-random-production-key-with-enough-entropy-0123456789"

PRINT_SETTINGS = """
import json, logging
from django.conf import settings as s
from django.core.files.storage import storages
logging.getLogger("portal.demo").warning("проверка журнала", extra={"practice": 7})
print(json.dumps({
    "session_secure": s.SESSION_COOKIE_SECURE, "csrf_secure": s.CSRF_COOKIE_SECURE,
    "language_secure": s.LANGUAGE_COOKIE_SECURE, "session_httponly": s.SESSION_COOKIE_HTTPONLY,
    "hsts": s.SECURE_HSTS_SECONDS, "ssl_redirect": s.SECURE_SSL_REDIRECT,
    "redirect_exempt": s.SECURE_REDIRECT_EXEMPT,
    "middleware": s.MIDDLEWARE, "static_storage": s.STORAGES["staticfiles"]["BACKEND"],
    "media_storage": type(storages["default"]).__module__ + "." + type(storages["default"]).__name__,
    "media_options": {k: v for k, v in s.STORAGES["default"].get("OPTIONS", {}).items() if k != "secret_key"},
    "db": {k: v for k, v in s.DATABASES["default"].items() if k in ("ENGINE", "CONN_MAX_AGE", "CONN_HEALTH_CHECKS")},
    "pool": {k: v for k, v in s.DATABASES["default"].get("OPTIONS", {}).get("pool", {}).items()},
    "cache": s.CACHES["default"]["BACKEND"], "layer": s.CHANNEL_LAYERS["default"]["BACKEND"],
    "page_cache": s.PORTAL_PAGE_CACHE_SECONDS, "img_src": s.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"],
    "docs_serve": getattr(s, "WAGTAILDOCS_SERVE_METHOD", None), "debug": s.DEBUG,
}, default=str))
"""


def production(**env_extra):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE", "SECRET_KEY"}
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "portal.settings.production",
            "SECRET_KEY": KEY,
            "ALLOWED_HOSTS": "nastavnik.example.org",
            "DATABASE_URL": "postgres://portal@db.example.org:5432/portal",
            "REDIS_URL": "redis://cache.example.org:6379/0",
            **env_extra,
        }
    )
    return subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", PRINT_SETTINGS],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(scope="module")
def default_profile():
    result = production()
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1]), result.stderr


def test_cookies_are_secure_and_https_is_enforced(default_profile):
    values, _log = default_profile
    assert values["session_secure"] and values["csrf_secure"] and values["language_secure"]
    assert values["session_httponly"]
    assert values["hsts"] >= 31536000
    assert values["ssl_redirect"]
    assert values["redirect_exempt"] == ["^healthz"]
    assert values["debug"] is False


def test_postgresql_through_a_checked_connection_pool(default_profile):
    values, _log = default_profile
    assert values["db"]["ENGINE"] == "django.db.backends.postgresql"
    assert values["db"]["CONN_MAX_AGE"] == 0  # the pool replaces persistent connections under ASGI
    assert values["db"]["CONN_HEALTH_CHECKS"] is True  # Django hands psycopg_pool its check
    assert values["pool"]["max_size"] >= values["pool"]["min_size"] >= 1
    assert values["pool"]["timeout"] <= 10


def test_redis_for_cache_and_channel_layer(default_profile):
    values, _log = default_profile
    assert values["cache"] == "portal.cache_backends.ResilientRedisCache"
    assert values["layer"] == "channels_redis.core.RedisChannelLayer"
    assert values["page_cache"] > 0


def test_static_files_compressed_with_hashed_names(default_profile):
    values, _log = default_profile
    assert values["static_storage"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert values["middleware"][:2] == [
        "django.middleware.security.SecurityMiddleware",
        "whitenoise.middleware.WhiteNoiseMiddleware",
    ]


def test_media_on_disk_by_default(default_profile):
    values, _log = default_profile
    assert values["media_storage"] == "django.core.files.storage.filesystem.FileSystemStorage"


def test_logs_are_json_lines(default_profile):
    _values, log = default_profile
    line = json.loads(next(line for line in log.splitlines() if "проверка журнала" in line))
    assert line["level"] == "WARNING"
    assert line["logger"] == "portal.demo"
    assert line["practice"] == 7
    assert line["time"].endswith("+00:00")
    assert "request_id" in line


def test_media_on_s3_compatible_storage_by_setting():
    result = production(
        MEDIA_STORAGE="s3",
        AWS_STORAGE_BUCKET_NAME="nastavnik-media",
        AWS_ACCESS_KEY_ID="portal",
        AWS_SECRET_ACCESS_KEY="secret-value",
        AWS_S3_ENDPOINT_URL="https://storage.example.org",
        AWS_S3_REGION_NAME="ru-central1",
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values["media_storage"] == "storages.backends.s3.S3Storage"
    assert values["media_options"]["bucket_name"] == "nastavnik-media"
    assert values["media_options"]["endpoint_url"] == "https://storage.example.org"
    assert values["media_options"]["file_overwrite"] is False
    assert values["media_options"]["querystring_auth"] is False
    assert "secret-value" not in result.stdout
    assert "https://storage.example.org" in values["img_src"]
    assert values["docs_serve"] == "serve_view"


def test_s3_without_credentials_refuses_to_start():
    result = production(MEDIA_STORAGE="s3", AWS_STORAGE_BUCKET_NAME="nastavnik-media")
    assert result.returncode != 0
    assert "AWS_ACCESS_KEY_ID" in result.stderr
