from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from communities.listings import active_communities
from events.listings import upcoming_events
from home.blocks import BodyStreamBlock
from mentoring.listings import featured_mentors, programme_figures
from practices.listings import latest_practices


class HomePage(Page):
    """What is happening on the portal: practices, events, communities, the best mentors."""

    lead = models.CharField(
        _("подзаголовок"),
        max_length=300,
        blank=True,
        help_text=_("Одна-две фразы под названием портала."),
    )
    intro = RichTextField(_("о портале"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("lead"), FieldPanel("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "practices.PracticeIndexPage",
        "communities.CommunityIndexPage",
        "events.EventIndexPage",
        "mentoring.HonourBoardPage",
        "home.StandardPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("главная страница")
        verbose_name_plural = _("главные страницы")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(
            latest_practices=latest_practices(limit=6),
            upcoming_events=upcoming_events(limit=4),
            active_communities=active_communities(limit=4),
            featured_mentors=featured_mentors(limit=6),
            programme_figures=programme_figures(),
        )
        return context


class StandardPage(Page):
    """A plain content page: «О портале», «Положение о наставничестве», contacts."""

    intro = models.TextField(_("вступление"), blank=True, max_length=600)
    body = StreamField(BodyStreamBlock(), verbose_name=_("содержание"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("текстовая страница")
        verbose_name_plural = _("текстовые страницы")
