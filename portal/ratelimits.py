"""Rate limits by name for the portal's endpoints (django-ratelimit underneath).

The rates live in ``settings.PORTAL_RATE_LIMITS`` ("login": "10/m", ...), so an
operator tunes them without touching code. Three ways in:

- a view: ``@rate_limit("registration")`` on a function view, or
  ``@method_decorator(rate_limit("message"), name="post")`` on a class. Over
  the limit the request gets the Russian 429 page (``portal.views.rate_limited``,
  JSON for JSON clients) with ``Retry-After``;
- code that has a request but decides itself: ``is_limited(request, "suggest")``;
  or, for actions counted only once they succeed (a proposal that fails
  validation costs nothing), ``is_used_up(request, "proposal")`` before and
  ``count_use(request, "proposal")`` after;
- code without a request (the chat's WebSocket consumer and its HTTP form share
  one counter): ``usage_for("message", f"user:{user.pk}")``, or
  ``is_limited_for(...)`` for a plain yes or no.

``period_in_words(name)`` says the period in Russian for messages («в минуту»).

The key defaults to the signed-in user, else the visitor's address. While the
cache is unreachable the limits let requests through (``RATELIMIT_FAIL_OPEN``):
the sign-in lockout (django-axes) keeps its counts in the database.
"""

from functools import wraps

from django.conf import settings
from django.utils.translation import gettext as _

from django_ratelimit import UNSAFE
from django_ratelimit.core import get_usage
from django_ratelimit.decorators import ratelimit

DEFAULT_KEY = "user_or_ip"
PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def rate_for(name):
    """The configured rate of ``name`` ("10/m"); a missing name is a programming error."""
    try:
        return settings.PORTAL_RATE_LIMITS[name]
    except KeyError:
        raise KeyError(f"No rate limit named {name!r} in PORTAL_RATE_LIMITS") from None


def _period(name):
    """(multiplier, unit) of the named rate: "20/m" -> (1, "m"), "100/5m" -> (5, "m")."""
    count_and_unit = rate_for(name).split("/", 1)[1]
    digits = "".join(ch for ch in count_and_unit if ch.isdigit())
    return int(digits or 1), count_and_unit[-1]


def retry_after_seconds(name):
    """The period of the named rate in seconds, for the Retry-After header."""
    multiplier, unit = _period(name)
    return multiplier * PERIODS[unit]


def period_in_words(name):
    """«в минуту», «в час» … or «за 5 мин» for the named rate's period."""
    multiplier, unit = _period(name)
    if multiplier == 1:
        return {"s": _("в секунду"), "m": _("в минуту"), "h": _("в час"), "d": _("в сутки")}[unit]
    units = {"s": _("с"), "m": _("мин"), "h": _("ч"), "d": _("сут.")}
    return _("за %(count)s %(unit)s") % {"count": multiplier, "unit": units[unit]}


def _group(name):
    return f"portal:{name}"


def _rate(name):
    # Read at call time, so overriding the settings (tests, env) applies at once.
    return lambda group, request: rate_for(name)


def rate_limit(name, *, key=DEFAULT_KEY, method=UNSAFE):
    """Decorator: refuse more than the named rate of ``method`` requests per key."""
    rate_for(name)  # fail at import time on a misspelt name
    decorator = ratelimit(group=_group(name), key=key, rate=_rate(name), method=method, block=True)

    def wrap(view):
        limited_view = decorator(view)

        @wraps(view)
        def wrapped(request, *args, **kwargs):
            request.rate_limit_name = name  # for the 429 page's Retry-After
            return limited_view(request, *args, **kwargs)

        return wrapped

    return wrap


def is_limited(request, name, *, key=DEFAULT_KEY, increment=True):
    """Count this request against the named limit; True when it is over."""
    usage = get_usage(request, group=_group(name), key=key, rate=_rate(name), increment=increment)
    if usage is not None and usage["should_limit"]:
        request.rate_limit_name = name
        return True
    return False


def is_used_up(request, name, *, key=DEFAULT_KEY):
    """True when the allowance is spent already; counts nothing (see ``count_use``)."""
    usage = get_usage(request, group=_group(name), key=key, rate=_rate(name), increment=False)
    if usage is not None and usage["count"] >= usage["limit"]:
        request.rate_limit_name = name
        return True
    return False


def count_use(request, name, *, key=DEFAULT_KEY):
    """Count one action that happened against the named limit."""
    get_usage(request, group=_group(name), key=key, rate=_rate(name), increment=True)


class _Caller:
    """What django-ratelimit needs of a request when there is none (WebSocket)."""

    method = "POST"

    def __init__(self, identity):
        self.identity = identity


def usage_for(name, identity, *, increment=True):
    """Count one action of ``identity`` ("user:42"); django-ratelimit's usage
    ({"count", "limit", "should_limit", "time_left"}), or None while limits are
    off or the cache is away (fail open)."""
    return get_usage(
        _Caller(identity),
        group=_group(name),
        key=lambda group, caller: caller.identity,
        rate=_rate(name),
        increment=increment,
    )


def is_limited_for(name, identity, *, increment=True):
    """Count one action of ``identity`` ("user:42") against the named limit; True when over."""
    usage = usage_for(name, identity, increment=increment)
    return usage is not None and usage["should_limit"]
