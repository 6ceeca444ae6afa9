"""Whole-page cache for anonymous visitors, emptied when content changes.

A region's teachers mostly read: the same home page, practice and event pages
for thousands of anonymous visitors. ``PageCacheMiddleware`` keeps the
rendered response in the cache under a key made of

    the site-wide content version + scheme + host + path with query + language

and serves it again without touching the database. The content version is a
random token in the cache; publishing, unpublishing, moving or deleting a page
(Wagtail's signals) or saving one of ``PORTAL_PAGE_CACHE_INVALIDATED_BY``
replaces it once the transaction commits, so every old entry stops matching at
once (other worker processes notice within ``PORTAL_PAGE_CACHE_VERSION_SECONDS``).
``PORTAL_PAGE_CACHE_SECONDS`` bounds what no signal announces (an "upcoming
events" list that changes as time passes).

Records written all the time — registrations, «применил» marks, chat messages
(``PORTAL_PAGE_CACHE_FREQUENT``: model -> the page they belong to, or None) —
would empty the whole cache many times a second under load. They make their own
page and everything under its address stale at once (a "subtree" token in the
cache, read with the entry in the same round trip, one per path prefix), and
the rest of the site (lists and cards showing the same counts) within
``PORTAL_PAGE_CACHE_FREQUENT_SECONDS``: the first such change marks the
content "dirty", and the first worker to refresh its version after that delay
replaces the version once for all the changes of the burst.

Never cached: signed-in visitors or anyone with a session or messages cookie,
anything but GET, the prefixes in ``PORTAL_PAGE_CACHE_EXCLUDE``, and responses
that are not 200, stream, set a cookie, are private/no-store/no-cache, vary on
everything, or were rendered after the view wrote to the session or queued a
message. The language cookie is part of the key.

Every cached page still posts its forms: the CSRF tokens rendered into it are
replaced by a placeholder when stored and by the visitor's own token on a hit
(the CSRF middleware then sets the visitor's cookie as usual).
"""

import hashlib
import logging
import re
import secrets
import time
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.middleware.csrf import _unmask_cipher_token, get_token
from django.utils.cache import cc_delim_re

from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

logger = logging.getLogger("portal.page_cache")

VERSION_KEY = "portal:content-version"
# When a frequent change first asked for a site-wide refresh (see the module docstring).
DIRTY_KEY = "portal:content-dirty-since"
SUBTREE_KEY = "portal:page-subtree:"
# A masked CSRF token: 64 characters of Django's CSRF alphabet.
TOKEN_RE = re.compile(rb"(?<![A-Za-z0-9])[A-Za-z0-9]{64}(?![A-Za-z0-9])")
TOKEN_PLACEHOLDER = b"\x00portal-csrf-token\x00"
SKIPPED_HEADERS = {"set-cookie", "content-length"}
UNCACHEABLE_DIRECTIVES = {"private", "no-cache", "no-store"}


def _new_version():
    return secrets.token_hex(8)


# The version as this process last read it, and until when to trust it: a hit
# then costs one cache round trip instead of two. Another worker's publish
# reaches this one within PORTAL_PAGE_CACHE_VERSION_SECONDS.
_local = {"version": None, "until": 0.0}


def forget_local_version():
    _local.update(version=None, until=0.0)


def content_version():
    """The current content version; a fresh one when the cache lost it (nothing stale can match)."""
    now = time.monotonic()
    if _local["version"] is not None and now < _local["until"]:
        return _local["version"]
    stored = cache.get_many([VERSION_KEY, DIRTY_KEY])
    version, dirty_since = stored.get(VERSION_KEY), stored.get(DIRTY_KEY)
    if (
        dirty_since is not None
        and time.time() - dirty_since >= settings.PORTAL_PAGE_CACHE_FREQUENT_SECONDS
    ):
        # Clear the mark first: a change marked after this still gets its own refresh.
        # Two workers doing this at once only refresh twice.
        cache.delete(DIRTY_KEY)
        version = _new_version()
        cache.set(VERSION_KEY, version, timeout=None)
    if version is None:
        version = _new_version()
        cache.add(VERSION_KEY, version, timeout=None)
        version = cache.get(VERSION_KEY) or version
    _local.update(version=version, until=now + settings.PORTAL_PAGE_CACHE_VERSION_SECONDS)
    return version


def _store_new_version():
    version = _new_version()
    cache.set(VERSION_KEY, version, timeout=None)
    _local.update(
        version=version, until=time.monotonic() + settings.PORTAL_PAGE_CACHE_VERSION_SECONDS
    )


def bump_content_version():
    """Make every cached page stale at once, after the current transaction commits.

    After the commit, not before: a request that reads the new version must
    also read the new content, or it would cache the old page under the new key.
    """
    transaction.on_commit(_store_new_version)


def bump_content_version_soon():
    """Make every cached page stale within PORTAL_PAGE_CACHE_FREQUENT_SECONDS, once per burst."""
    transaction.on_commit(lambda: cache.add(DIRTY_KEY, time.time(), timeout=None))


def _subtree_key(path):
    return SUBTREE_KEY + hashlib.sha256(path.encode()).hexdigest()


def _subtree_keys(path):
    """The tokens a page at ``path`` depends on: one per prefix ("/", "/a/", "/a/b/")."""
    parts = [part for part in path.split("/") if part]
    prefixes = ["/"] + ["/" + "/".join(parts[: depth + 1]) + "/" for depth in range(len(parts))]
    return [_subtree_key(prefix) for prefix in prefixes]


def invalidate_subtree(path):
    """Make the cached pages at ``path`` and under it stale, after the transaction commits."""
    if not path:
        return
    if not path.endswith("/"):
        path += "/"
    key = _subtree_key(path)
    # Outlives any entry stored under the old token (an expired token only costs a miss).
    timeout = max(2 * settings.PORTAL_PAGE_CACHE_SECONDS, 3600)
    transaction.on_commit(lambda: cache.set(key, _new_version(), timeout))


def _cache_key(request, version):
    raw = "|".join(
        [
            version,
            request.scheme,
            request.get_host(),
            request.get_full_path(),
            getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE),
        ]
    )
    return "portal:page:" + hashlib.sha256(raw.encode()).hexdigest()


def _cache_control(response):
    header = response.get("Cache-Control", "")
    return {part.split("=", 1)[0].strip().lower() for part in cc_delim_re.split(header) if part}


class PageCacheMiddleware:
    """Serve anonymous GET requests from the cache; store cacheable responses."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = settings.PORTAL_PAGE_CACHE_SECONDS
        if seconds <= 0 or not self._request_is_cacheable(request):
            return self.get_response(request)

        version = content_version()
        key = _cache_key(request, version)
        subtree_keys = _subtree_keys(request.path_info)
        # One round trip: the entry and the tokens of the subtrees it lies in.
        found = cache.get_many([key, *subtree_keys])
        subtrees = [found.get(subtree_key) for subtree_key in subtree_keys]
        entry = found.get(key)
        if entry is not None and entry.get("subtrees") == subtrees:
            return self._rebuild(request, entry)

        response = self.get_response(request)
        if self._response_is_cacheable(request, response):
            cache.set(key, self._freeze(request, response, subtrees), seconds)
            response["X-Page-Cache"] = "miss"
        else:
            response["X-Page-Cache"] = "bypass"
        return response

    # -- what may be cached ------------------------------------------------

    def _request_is_cacheable(self, request):
        if request.method != "GET":
            return False
        if request.path_info.startswith(tuple(settings.PORTAL_PAGE_CACHE_EXCLUDE)):
            return False
        cookies = request.COOKIES
        # A session may hold a sign-in, a passed page password or a pending message.
        return not (
            settings.SESSION_COOKIE_NAME in cookies
            or getattr(settings, "MESSAGE_COOKIE_NAME", "messages") in cookies
        )

    def _response_is_cacheable(self, request, response):
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        if _cache_control(response) & UNCACHEABLE_DIRECTIVES:
            return False
        if "*" in response.get("Vary", ""):
            return False
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return False
        session = getattr(request, "session", None)
        if session is not None and session.modified:
            return False
        messages = getattr(request, "_messages", None)
        return not (messages is not None and getattr(messages, "_queued_messages", None))

    # -- storing and serving -----------------------------------------------

    def _freeze(self, request, response, subtrees):
        content = response.content
        secret = request.META.get("CSRF_COOKIE")
        if secret:

            def placeholder(match):
                token = match.group(0).decode()
                return (
                    TOKEN_PLACEHOLDER if _unmask_cipher_token(token) == secret else match.group(0)
                )

            content = TOKEN_RE.sub(placeholder, content)
        headers = [
            (name, value)
            for name, value in response.headers.items()
            if name.lower() not in SKIPPED_HEADERS
        ]
        return {
            "status": response.status_code,
            "headers": headers,
            "content": content,
            "subtrees": subtrees,
        }

    def _rebuild(self, request, entry):
        content = entry["content"]
        if TOKEN_PLACEHOLDER in content:
            # The visitor's own token; the CSRF middleware sets the matching cookie.
            parts = content.split(TOKEN_PLACEHOLDER)
            content = parts[0] + b"".join(get_token(request).encode() + part for part in parts[1:])
        response = HttpResponse(content, status=entry["status"])
        for name, value in entry["headers"]:
            response[name] = value
        response["X-Page-Cache"] = "hit"
        return response


# -- invalidation ----------------------------------------------------------


def _on_page_change(sender, instance=None, **kwargs):
    bump_content_version()


def _page_of(instance, path):
    """The page a frequent record belongs to: ``path`` of attributes ("channel.community")."""
    target = instance
    for name in path.split("."):
        target = getattr(target, name, None)
        if target is None:
            return None
    return target


def _on_model_change(sender, instance=None, **kwargs):
    meta = sender._meta
    if isinstance(instance, Page):
        # Saving a draft changes nothing visitors see; publish and delete are signalled.
        if kwargs.get("signal") is post_delete:
            bump_content_version()
        return
    watched = settings.PORTAL_PAGE_CACHE_INVALIDATED_BY
    if meta.label_lower in watched or meta.app_label in watched:
        bump_content_version()
        return
    frequent = settings.PORTAL_PAGE_CACHE_FREQUENT
    if meta.label_lower in frequent:
        page_path = frequent[meta.label_lower]
        page = _page_of(instance, page_path) if page_path else None
        if page is not None:
            url = page.get_url() or ""
            invalidate_subtree(urlsplit(url).path)
        bump_content_version_soon()


def connect_signals():
    page_published.connect(_on_page_change, dispatch_uid="portal-page-cache-published")
    page_unpublished.connect(_on_page_change, dispatch_uid="portal-page-cache-unpublished")
    post_page_move.connect(_on_page_change, dispatch_uid="portal-page-cache-moved")
    post_save.connect(_on_model_change, dispatch_uid="portal-page-cache-saved")
    post_delete.connect(_on_model_change, dispatch_uid="portal-page-cache-deleted")
