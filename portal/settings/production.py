"""The scale-out profile: PostgreSQL, Redis, Elasticsearch, several ASGI workers.

Every value comes from the environment; see README.md, «Производственный режим».
Run it with `make serve-prod` (uvicorn workers) behind the proxy of deploy/nginx.conf.
"""

import logging
import os
import warnings

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import (
    CSP_DIRECTIVES,
    DATABASES,
    MIDDLEWARE,
    PORTAL_CSP_ADMIN_REPLACE,
    STORAGES,
    env_bool,
)

DEBUG = env_bool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY or SECRET_KEY.startswith(("dev-only", "test-only")) or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        "SECRET_KEY is missing or is a development default: set a random value of at least "
        "50 characters in the environment (python -c 'import secrets; print(secrets.token_urlsafe(50))')."
    )

# --- HTTPS, cookies, headers ------------------------------------------------
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# The proxy and monitoring probe the health endpoint over plain HTTP on loopback.
SECURE_REDIRECT_EXEMPT = [r"^healthz"]
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", True)
LANGUAGE_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"

# --- database ---------------------------------------------------------------
# Under ASGI every request runs in its own thread, so Django's persistent
# connections would pile up: PostgreSQL gets psycopg's connection pool instead,
# checked before each use so a restarted server costs no failed request.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool("DB_POOL", True):
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # With a pool, Django turns this into psycopg_pool's check before each use.
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": int(os.environ.get("DB_POOL_MIN_SIZE", "2")),
        "max_size": int(os.environ.get("DB_POOL_MAX_SIZE", "10")),
        # Fail a request in a few seconds rather than hang while the database is away.
        "timeout": float(os.environ.get("DB_POOL_TIMEOUT", "5")),
    }
    DATABASES["default"]["OPTIONS"].setdefault("connect_timeout", 5)
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("DB_CONN_MAX_AGE", "60"))

# --- static files: WhiteNoise, compressed, hashed names cached for a year ----
MIDDLEWARE = [
    MIDDLEWARE[0],  # SecurityMiddleware first, then WhiteNoise, as WhiteNoise asks
    "whitenoise.middleware.WhiteNoiseMiddleware",
    *MIDDLEWARE[1:],
]
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Files whose names carry no hash (favicon, robots) for a day; hashed ones get
# "max-age=315360000, immutable" from WhiteNoise itself.
WHITENOISE_MAX_AGE = int(os.environ.get("STATIC_MAX_AGE", str(60 * 60 * 24)))

# --- media: the disk (MEDIA_ROOT) or S3-compatible storage -------------------
MEDIA_STORAGE = os.environ.get("MEDIA_STORAGE", "filesystem").strip().lower()
if MEDIA_STORAGE == "s3":
    missing = [
        name
        for name in ("AWS_STORAGE_BUCKET_NAME", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY")
        if not os.environ.get(name)
    ]
    if missing:
        raise ImproperlyConfigured(
            f"MEDIA_STORAGE=s3 needs {', '.join(missing)} in the environment."
        )
    S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL") or None
    S3_CUSTOM_DOMAIN = os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
            "access_key": os.environ["AWS_ACCESS_KEY_ID"],
            "secret_key": os.environ["AWS_SECRET_ACCESS_KEY"],
            "endpoint_url": S3_ENDPOINT_URL,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "custom_domain": S3_CUSTOM_DOMAIN,
            # Wagtail keeps its own names; never overwrite an uploaded file.
            "file_overwrite": False,
            "default_acl": None,
            # Public images are plain URLs: a cached page must not carry expiring signatures.
            "querystring_auth": env_bool("AWS_QUERYSTRING_AUTH", False),
        },
    }
    # Documents go through Django, which checks private collections first.
    WAGTAILDOCS_SERVE_METHOD = "serve_view"
    # Pictures come from the bucket's host: allow it for images only.
    from urllib.parse import urlsplit

    media_origin = (
        f"https://{S3_CUSTOM_DOMAIN}"
        if S3_CUSTOM_DOMAIN
        else (
            "{0.scheme}://{0.netloc}".format(urlsplit(S3_ENDPOINT_URL))
            if S3_ENDPOINT_URL
            else "https://*.amazonaws.com"
        )
    )
    CSP_DIRECTIVES["img-src"] = [*CSP_DIRECTIVES["img-src"], media_origin]
    CSP_DIRECTIVES["media-src"] = [*CSP_DIRECTIVES["media-src"], media_origin]
    PORTAL_CSP_ADMIN_REPLACE["img-src"] = [*PORTAL_CSP_ADMIN_REPLACE["img-src"], media_origin]
elif MEDIA_STORAGE != "filesystem":
    raise ImproperlyConfigured("MEDIA_STORAGE must be 'filesystem' or 's3'.")

# --- caching of anonymous pages ---------------------------------------------
PORTAL_PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "120"))

# --- structured logs: one JSON object per line on stderr --------------------
# Python warnings become log records too ("py.warnings"), so no line escapes the JSON.
logging.captureWarnings(True)
# WhiteNoise hands Django a synchronous file iterator; under ASGI Django reads
# it whole and warns on every static file. Harmless for our CSS/JS sizes, and
# the proxy serves /static/ itself in a real deployment (deploy/nginx.conf).
warnings.filterwarnings(
    "ignore", message="StreamingHttpResponse must consume synchronous iterators", category=Warning
)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "portal.logs.RequestIdFilter"}},
    "formatters": {
        "json": {
            "()": "portal.logs.JsonFormatter",
            "fmt": "%(levelname)s %(name)s %(message)s %(request_id)s %(process)d",
        }
    },
    "handlers": {
        "json": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["json"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # uvicorn's own loggers join the JSON stream once Django has started in a worker.
        "uvicorn": {"handlers": ["json"], "level": "INFO", "propagate": False},
        "uvicorn.error": {"handlers": ["json"], "level": "INFO", "propagate": False},
        "uvicorn.access": {"handlers": ["json"], "level": "WARNING", "propagate": False},
        "django.request": {"level": "ERROR"},
        "django.security": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        "daphne": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
    },
}
