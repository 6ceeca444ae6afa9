from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index


class CommunityIndexPage(Page):
    intro = RichTextField(_("вступление"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["communities.CommunityPage"]
    max_count = 1

    class Meta:
        verbose_name = _("каталог сообществ")
        verbose_name_plural = _("каталоги сообществ")


class CommunityPage(Page):
    """Неформальное профессиональное сообщество. Issue #5 adds membership and channels."""

    purpose = models.TextField(_("цель сообщества"), max_length=600)

    content_panels = [*Page.content_panels, FieldPanel("purpose")]
    search_fields = [*Page.search_fields, index.SearchField("purpose")]

    parent_page_types = ["communities.CommunityIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("сообщество")
        verbose_name_plural = _("сообщества")
