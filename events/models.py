from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from portal.taxonomy import Term


class EventType(Term):
    """Вид мероприятия: интенсив, семинар, форум, фестиваль ..."""

    class Meta(Term.Meta):
        verbose_name = _("вид мероприятия")
        verbose_name_plural = _("виды мероприятий")


class EventFormat(models.TextChoices):
    IN_PERSON = "in_person", _("очно")
    ONLINE = "online", _("онлайн")
    BLENDED = "blended", _("смешанный")


class EventIndexPage(Page):
    intro = RichTextField(_("вступление"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count = 1

    class Meta:
        verbose_name = _("календарь мероприятий")
        verbose_name_plural = _("календари мероприятий")


class EventPage(Page):
    """Мероприятие. Issue #6 adds registration, agenda and materials."""

    event_type = models.ForeignKey(
        EventType, verbose_name=_("вид"), on_delete=models.PROTECT, related_name="events"
    )
    starts_at = models.DateTimeField(_("начало"))
    ends_at = models.DateTimeField(_("окончание"))
    format = models.CharField(
        _("формат"), max_length=20, choices=EventFormat.choices, default=EventFormat.IN_PERSON
    )
    summary = models.TextField(_("кратко о мероприятии"), max_length=600)

    content_panels = [
        *Page.content_panels,
        FieldPanel("event_type"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldPanel("format"),
        FieldPanel("summary"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.FilterField("starts_at"),
    ]

    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("мероприятие")
        verbose_name_plural = _("мероприятия")
