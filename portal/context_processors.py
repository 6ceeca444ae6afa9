from django.utils.functional import SimpleLazyObject

from portal.navigation import main_navigation, section_pages


def navigation(request):
    """Lazy, so pages that never render the header (feeds, JSON) pay nothing."""
    return {
        "main_navigation": SimpleLazyObject(lambda: main_navigation(request)),
        "section_pages": SimpleLazyObject(lambda: section_pages(request)),
    }
