"""Settings shared by every environment.

Everything that differs between a laptop and a regional deployment comes from
the environment (DATABASE_URL, REDIS_URL, ELASTICSEARCH_URL, SECRET_KEY,
ALLOWED_HOSTS, DEBUG); see README.md.
"""

import os
from pathlib import Path

from django.utils.translation import gettext_lazy as _

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # daphne first: it turns `runserver` into an ASGI server (HTTP + WebSocket).
    "daphne",
    "portal",
    "home",
    "practices",
    "communities",
    "events",
    "mentoring",
    "search",
    "wagtail.api.v2",
    "rest_framework",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "channels",
    "django_ratelimit",
    "axes",
    "csp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "portal.logs.RequestIdMiddleware",
    # The Content Security Policy wraps everything, cached pages included.
    "portal.csp.PortalCSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.middleware.SiteLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Inside CSRF, sessions and language: a hit still gets its own CSRF token and cookie.
    "portal.page_cache.PageCacheMiddleware",
    "portal.middleware.ServiceUnavailableMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"
ASGI_APPLICATION = "portal.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "portal.context_processors.navigation",
            ],
        },
    },
]

# SQLite in the project folder unless DATABASE_URL says otherwise
# (postgres://user@host:5432/name for the scale-out profile).
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while the demo loader or a registration writes.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", "timeout": 20}
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Django drops a broken persistent connection (e.g. after a database restart)
# instead of failing the next request with it.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
AUTH_USER_MODEL = "portal.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses locked-out clients before any password is checked (django-axes).
    "portal.security.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Redis for the channel layer and the cache when REDIS_URL is set; otherwise
# the in-memory layer and the local-memory cache of the embedded default.
REDIS_URL = os.environ.get("REDIS_URL", "")
# django-ratelimit warns about any cache class not on its list; Django's own
# RedisCache increments atomically, which is all it needs.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"]
if REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {
                # redis-py 8 reads with a 5 s socket timeout by default, which cuts
                # channels_redis's 5 s BZPOPMIN short: every idle socket would fail
                # each 5 s (redis/redis-py#4091). Reads wait longer than that; a
                # stopped Redis still closes the connection at once.
                "hosts": [
                    {
                        "address": REDIS_URL,
                        "socket_timeout": float(os.environ.get("CHANNELS_SOCKET_TIMEOUT", "15")),
                        "socket_connect_timeout": 2,
                    }
                ],
                "prefix": os.environ.get("CHANNELS_PREFIX", "portal"),
            },
        }
    }
    CACHES = {
        "default": {
            # Django's RedisCache that degrades to "no cache" while Redis is away
            # instead of failing the request (portal/cache_backends.py).
            "BACKEND": "portal.cache_backends.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_PREFIX", "portal"),
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    # One process serves the embedded default, so a per-process cache counts
    # rate limits correctly; several workers need REDIS_URL.
    SILENCED_SYSTEM_CHECKS += ["django_ratelimit.E003"]

# Language, time and formats: Russian first, English alongside.
# Source strings are written in Russian (the language of record); the English
# catalogue translates them, so a missing translation falls back to Russian.
LANGUAGE_CODE = "ru"
LANGUAGES = [("ru", "Русский"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Moscow"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["portal.formats"]
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "collected-static"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Complex page models can exceed Django's default of 1,000 form fields.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Wagtail
WAGTAIL_SITE_NAME = "Наставник.Портал"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = [
    "pdf",
    "docx",
    "doc",
    "odt",
    "pptx",
    "ppt",
    "odp",
    "xlsx",
    "xls",
    "ods",
    "rtf",
    "txt",
]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAIL_USER_EDIT_FORM = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAILEMBEDS_RESPONSIVE_HTML = True

# Elasticsearch is optional; search/ reads this to choose its backend.
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Наставник.Портал <noreply@localhost>")

PORTAL_ROLE_LABELS = {
    "mentor": _("Наставник"),
    "teacher": _("Педагог"),
    "moderator": _("Модератор сообщества"),
    "methodist": _("Методист"),
    "administrator": _("Администратор"),
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "daphne": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
    },
}
WAGTAIL_ALLOW_UNICODE_SLUGS = False  # transliterated ASCII addresses: /praktiki/, not %D0%BF...

# --- communities ---
# Live discussion channels: limits the server enforces for WebSocket and HTTP alike.
COMMUNITIES_MESSAGE_MAX_LENGTH = 4000
# How many messages one person may send, and in what time: PORTAL_RATE_LIMITS["message"].
# Authors may edit or delete their own message for this long; moderators delete any time.
COMMUNITIES_EDIT_WINDOW_MINUTES = 15
# Messages per page of channel history (first load and each «older» step).
COMMUNITIES_HISTORY_PAGE_SIZE = 50
# A connection that sent no heartbeat for this long no longer counts as online.
COMMUNITIES_PRESENCE_TIMEOUT_SECONDS = 75

# --- events ---
# Registering and cancelling, per signed-in person: PORTAL_RATE_LIMITS["registration"].

# --- search ---
# The database backend is the embedded default; ELASTICSEARCH_URL switches the
# portal's search to Elasticsearch (the database index is still kept, and
# answers whenever Elasticsearch cannot). SEARCH_BACKEND may force either.
SEARCH_BACKEND = os.environ.get(
    "SEARCH_BACKEND", "elasticsearch" if ELASTICSEARCH_URL else "database"
)
# Several sites may share one cluster: each names its indexes with its prefix.
SEARCH_INDEX_PREFIX = os.environ.get("SEARCH_INDEX_PREFIX", "nastavnik")
SEARCH_ELASTICSEARCH_TIMEOUT = float(os.environ.get("SEARCH_ELASTICSEARCH_TIMEOUT", "3"))
# After a failed call, Elasticsearch is left alone this many seconds (database meanwhile).
SEARCH_ELASTICSEARCH_RETRY_AFTER = int(os.environ.get("SEARCH_ELASTICSEARCH_RETRY_AFTER", "30"))
SEARCH_PAGE_SIZE = int(os.environ.get("SEARCH_PAGE_SIZE", "10"))
SEARCH_MAX_QUERY_LENGTH = 200
SEARCH_RECOMMENDED_BOOST = 1.5
# Suggestions as one types, per address: PORTAL_RATE_LIMITS["suggest"].

# --- production (issue #9): security, page cache, health ---
from datetime import timedelta  # noqa: E402

from csp.constants import NONE, SELF  # noqa: E402

# Content Security Policy (django-csp): the public site runs only its own
# scripts and styles; no inline code, no CDN. The Wagtail admin gets what it
# needs on its own paths only (PORTAL_CSP_ADMIN_* below, portal/csp.py).
# Video embeds (Wagtail's embed block) need the providers' players as frames.
CSP_FRAME_SOURCES = env_list(
    "CSP_FRAME_SOURCES",
    "https://rutube.ru,https://vk.com,https://vkvideo.ru,https://www.youtube.com,"
    "https://www.youtube-nocookie.com,https://player.vimeo.com",
)
CSP_EXTRA_IMAGE_SOURCES = env_list("CSP_EXTRA_IMAGE_SOURCES")
CSP_DIRECTIVES = {
    "default-src": [SELF],
    "script-src": [SELF],
    "style-src": [SELF],
    "img-src": [SELF, "data:", *CSP_EXTRA_IMAGE_SOURCES],
    "font-src": [SELF],
    # 'self' covers ws:// and wss:// to the same host (CSP Level 3) for the chat.
    "connect-src": [SELF],
    "media-src": [SELF],
    "frame-src": [SELF, *CSP_FRAME_SOURCES],
    "object-src": [NONE],
    "base-uri": [SELF],
    "form-action": [SELF],
    "frame-ancestors": [NONE],
}
CONTENT_SECURITY_POLICY = {"DIRECTIVES": CSP_DIRECTIVES}
# What the Wagtail and Django admins strictly need beyond the public policy,
# applied only under these prefixes (verified by tests/browser/test_production_csp.py).
PORTAL_CSP_ADMIN_PREFIXES = ("/admin/", "/django-admin/")
PORTAL_CSP_ADMIN_REPLACE = {
    # Wagtail 8 still writes inline scripts and styles (dashboard, page editor,
    # choosers): without these two the browser test sees them blocked.
    "script-src": [SELF, "'unsafe-inline'"],
    "style-src": [SELF, "'unsafe-inline'"],
    "img-src": [SELF, "data:", "blob:", *CSP_EXTRA_IMAGE_SOURCES],
    # The page preview and the userbar's frames are the site itself.
    "frame-ancestors": [SELF],
}

# Login: django-axes locks a username on one address out after repeated
# failures; the database handler keeps counting while Redis is away.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "portal.security.lockout_response"
AXES_COOLOFF_MESSAGE = _("Слишком много неудачных попыток входа. Попробуйте позже.")
AXES_PERMALOCK_MESSAGE = _(
    "Слишком много неудачных попыток входа. Обратитесь к администратору портала."
)
# uvicorn --proxy-headers puts the visitor's address into REMOTE_ADDR; the
# forwarded headers themselves are never trusted here (they can be forged).
AXES_IPWARE_META_PRECEDENCE_ORDER = ("REMOTE_ADDR",)
AXES_VERBOSE = False

# Rate limits (django-ratelimit) by name, used through portal.ratelimits.rate_limit(name).
# "N/s|m|h|d"; another app adds its names here or in its own settings block.
PORTAL_RATE_LIMITS = {
    # Sign-in attempts and new accounts, per address.
    "login": os.environ.get("RATE_LIMIT_LOGIN", "10/m"),
    "signup": os.environ.get("RATE_LIMIT_SIGNUP", "5/h"),
    # Chat messages per person, over WebSocket and the HTTP form together (a flood is refused, not stored).
    "message": os.environ.get("RATE_LIMIT_MESSAGE", "20/m"),
    # Registering for and cancelling events, per person.
    "registration": os.environ.get("RATE_LIMIT_REGISTRATION", "10/m"),
    # «Предложить практику» and sending a corrected proposal, per person (counted when sent).
    "proposal": os.environ.get("RATE_LIMIT_PROPOSAL", "10/h"),
    # «Применил(а) в своей работе» marks on practices, per person (counted when recorded).
    "application": os.environ.get("RATE_LIMIT_APPLICATION", "30/h"),
    # Search suggestions as one types, per address.
    "suggest": os.environ.get("RATE_LIMIT_SUGGEST", "120/m"),
}
RATELIMIT_VIEW = "portal.views.rate_limited"
# While the cache is away, let requests through rather than refuse everyone.
RATELIMIT_FAIL_OPEN = True

# Whole-page cache for anonymous visitors (portal/page_cache.py): off unless
# PAGE_CACHE_SECONDS > 0 (production turns it on). Publishing, unpublishing,
# moving or deleting a page, or saving one of these models, empties it.
PORTAL_PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "0"))
# How long a worker trusts the content version it read (one cache round trip per hit, not two).
PORTAL_PAGE_CACHE_VERSION_SECONDS = float(os.environ.get("PAGE_CACHE_VERSION_SECONDS", "1"))
PORTAL_PAGE_CACHE_EXCLUDE = (
    "/admin/",
    "/django-admin/",
    "/accounts/",
    "/api/",
    "/search/",
    "/documents/",
    "/i18n/",
    "/healthz",
    "/static/",
    "/media/",
)
# Records that anonymous pages show besides the pages' own fields (those come with
# publishing): saving one empties the whole cache at once. Left out on purpose:
# users (a sign-in saves last_login; names reach pages through profiles) and the
# frequent records below.
PORTAL_PAGE_CACHE_INVALIDATED_BY = [
    "wagtailcore.site",
    "wagtailimages.image",
    "wagtaildocs.document",
    "wagtailredirects.redirect",
    "taggit.tag",
    "portal.footersettings",
    # The honour board, mentor profiles and practice authors.
    "mentoring.mentorprofile",
    "mentoring.award",
    "mentoring.organisation",
    "mentoring.municipality",
    "practices.mentoringform",
    "practices.educationlevel",
    "practices.subject",
    "practices.competency",
    "events.eventtype",
    # Member counts and the channel list on community pages and cards.
    "communities.membership",
    "communities.channel",
]
# Records written all the time, and the page each belongs to (attributes from the
# record): that page and everything under its address are stale at once; the rest
# of the site (cards and lists with the same counts) within the seconds below, once
# per burst — not emptied many times a second under load (portal/page_cache.py).
# None: no page at once, everything within the seconds below.
PORTAL_PAGE_CACHE_FREQUENT = {
    # Seats left and the waiting list: a visitor decides by them.
    "events.registration": "event",
    # «Применили в работе: N».
    "practices.practiceapplication": "practice",
    # Message counts and the last message of each channel; «active communities». A live
    # discussion writes every few seconds, and its channel page (live, never cached) is
    # where it is read: the community page catching up within seconds is enough.
    "communities.message": None,
}
PORTAL_PAGE_CACHE_FREQUENT_SECONDS = float(os.environ.get("PAGE_CACHE_FREQUENT_SECONDS", "10"))

# Health endpoint (/healthz): name -> (check function, critical). A failing
# critical check answers 503; search falls back to the database, so it only
# marks the answer "degraded". A check whose module is missing is "skipped".
PORTAL_HEALTH_CHECKS = {
    "database": ("portal.health.check_database", True),
    "cache": ("portal.health.check_cache", True),
    "channel_layer": ("portal.health.check_channel_layer", True),
    "search": ("search.health.check", False),
}

# Uploads through the Wagtail admin: documents are checked by content too
# (portal/uploads.py); images by Wagtail itself (format, size, pixels above).
WAGTAILDOCS_DOCUMENT_FORM_BASE = "portal.uploads.CheckedDocumentForm"

# --- mentoring ---
# Mentor photos uploaded from the profile form (checked by content with Pillow,
# re-encoded without EXIF/GPS, downscaled so the stored original stays small).
MENTORING_PHOTO_MAX_UPLOAD_SIZE = int(
    os.environ.get("MENTORING_PHOTO_MAX_UPLOAD_SIZE", 10 * 1024 * 1024)
)
MENTORING_PHOTO_MAX_PIXELS = int(os.environ.get("MENTORING_PHOTO_MAX_PIXELS", 40_000_000))
MENTORING_PHOTO_MIN_SIDE = 200
MENTORING_PHOTO_MAX_STORED_SIDE = 2000
MENTORING_PHOTO_FORMATS = ["JPEG", "PNG", "WEBP"]
