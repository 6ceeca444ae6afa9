from django.conf import settings
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
