"""The main navigation: one entry per section of the portal.

Each section is the first live index page of its type on the current site, so
editors can move or rename index pages without touching templates.
"""

from dataclasses import dataclass

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page, Site

SECTIONS = [
    ("practices", "practices.PracticeIndexPage", _("Практики")),
    ("communities", "communities.CommunityIndexPage", _("Сообщества")),
    ("events", "events.EventIndexPage", _("Мероприятия")),
    ("honour_board", "mentoring.HonourBoardPage", _("Доска почёта")),
]


@dataclass(frozen=True)
class NavItem:
    key: str
    label: str
    url: str
    active: bool


def section_pages(request):
    """Map section key → the live index page of that section on this site.

    One query per request, remembered on the request: the header, the footer
    and the home page all ask for it.
    """
    cached = getattr(request, "_portal_section_pages", None)
    if cached is not None:
        return cached
    site = Site.find_for_request(request)
    keys_by_type = {
        ContentType.objects.get_for_model(apps.get_model(label)).pk: key
        for key, label, _label in SECTIONS
    }
    pages = Page.objects.live().filter(content_type_id__in=keys_by_type).order_by("path")
    if site is not None:
        pages = pages.descendant_of(site.root_page, inclusive=True)
    found = {}
    for page in pages:
        found.setdefault(keys_by_type[page.content_type_id], page)
    request._portal_section_pages = found
    return found


def main_navigation(request):
    pages = section_pages(request)
    path = request.path
    items = []
    for key, _model, label in SECTIONS:
        page = pages.get(key)
        if page is None:
            continue
        url = page.get_url(request)
        if url:
            items.append(NavItem(key, label, url, path.startswith(url)))
    if request.user.is_authenticated:
        # The programme keeps personal data: its pages are for signed-in people only.
        programmes_url = reverse("mentoring:programmes")
        active = path.startswith(programmes_url) or path.startswith(reverse("mentoring:my_pairs"))
        items.append(NavItem("programme", _("Программа наставничества"), programmes_url, active))
    search_url = reverse("search")
    items.append(NavItem("search", _("Поиск"), search_url, path.startswith(search_url)))
    return items
