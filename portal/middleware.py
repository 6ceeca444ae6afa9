import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.utils import translation


class SiteLanguageMiddleware:
    """Russian unless the visitor chose English with the switcher in the footer.

    Unlike Django's LocaleMiddleware this ignores the browser's Accept-Language:
    a Russian teacher on an English-language laptop still gets the Russian site.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.known = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.known else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class ServiceUnavailableMiddleware:
    """A lost database connection answers 503 «try again in a minute», not a bare 500.

    The page is rendered without the database (no context processors), says in
    Russian that nothing saved is lost, and asks clients to retry after
    ``Retry-After`` seconds. Django drops the broken connection at the end of
    the request (``CONN_HEALTH_CHECKS``/the pool's check), so the next request
    after the database is back succeeds.
    """

    RETRY_AFTER = 30

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logging.getLogger("portal.database").error(
            "Database unavailable while serving %s: %s", request.path, type(exception).__name__
        )
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = str(self.RETRY_AFTER)
        return response
