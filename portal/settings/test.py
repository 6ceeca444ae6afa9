"""Fast, isolated settings for the pytest suite."""

import os

from .base import *  # noqa: F403
from .base import BASE_DIR, CSP_DIRECTIVES, DATABASES

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = BASE_DIR / "tests" / ".media"
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WAGTAILADMIN_BASE_URL = "http://testserver"
ALLOWED_HOSTS = ["*"]

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # An in-memory database per test run; the file is only for `make run`.
    DATABASES["default"] = {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": ":memory:",
        "TEST": {"NAME": os.environ.get("TEST_SQLITE_NAME") or None},
    }

# --- production (issue #9) ---
# The policy is reported, not enforced, in the suite: Playwright injects the
# vendored axe-core as an inline script. tests/browser/test_production_csp.py
# enforces it on every page it reaches and fails on any violation.
CONTENT_SECURITY_POLICY = None
CONTENT_SECURITY_POLICY_REPORT_ONLY = {"DIRECTIVES": CSP_DIRECTIVES}
PORTAL_PAGE_CACHE_SECONDS = 0
