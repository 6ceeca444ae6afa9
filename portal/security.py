"""Sign-in protection: django-axes' lockout as the first authentication backend."""

from math import ceil

from django.conf import settings
from django.template.response import TemplateResponse

from axes.backends import AxesStandaloneBackend
from axes.helpers import get_cool_off, get_failure_limit


class LockoutBackend(AxesStandaloneBackend):
    """django-axes' lockout check, tolerant of calls without a request.

    Every sign-in form of the portal, the Wagtail admin and the Django admin
    passes the request, so lockout applies to all of them. A call without one
    (``Client.login`` in tests, a management command checking a password)
    cannot be tied to a client, so it is left to the next backend instead of
    raising.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def lockout_response(request, original_response=None, credentials=None):
    """The lockout page in the site's layout, in Russian, with 429 (``AXES_LOCKOUT_CALLABLE``)."""
    cool_off = get_cool_off(request)
    minutes = ceil(cool_off.total_seconds() / 60) if cool_off else None
    response = TemplateResponse(
        request,
        "registration/lockout.html",
        {"failure_limit": get_failure_limit(request, credentials), "minutes": minutes},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
    if minutes:
        response["Retry-After"] = str(minutes * 60)
    # Axes hands this back from its middleware, after Django's rendering step.
    return response.render()
