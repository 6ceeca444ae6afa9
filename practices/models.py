from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from portal.taxonomy import Term


class MentoringForm(Term):
    """Форма наставничества: the five forms of the national target model, plus group mentoring."""

    short_name = models.CharField(_("краткое название"), max_length=40, blank=True)

    panels = [*Term.panels, FieldPanel("short_name")]

    class Meta(Term.Meta):
        verbose_name = _("форма наставничества")
        verbose_name_plural = _("формы наставничества")


class EducationLevel(Term):
    """Уровень образования: ДОУ, НОО, ООО, СОО, СПО, ДО."""

    short_name = models.CharField(_("аббревиатура"), max_length=10, blank=True)

    panels = [*Term.panels, FieldPanel("short_name")]

    class Meta(Term.Meta):
        verbose_name = _("уровень образования")
        verbose_name_plural = _("уровни образования")


class Subject(Term):
    class Meta(Term.Meta):
        verbose_name = _("предметная область")
        verbose_name_plural = _("предметные области")


class Competency(Term):
    """A professional competency a practice develops (or a deficit it answers)."""

    class Meta(Term.Meta):
        verbose_name = _("компетенция")
        verbose_name_plural = _("компетенции")


class PracticeIndexPage(Page):
    intro = RichTextField(_("вступление"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["practices.PracticePage"]
    max_count = 1

    class Meta:
        verbose_name = _("банк практик")
        verbose_name_plural = _("банки практик")


class PracticePage(Page):
    """Наставническая практика. Issue #3 gives it its full set of fields."""

    summary = models.TextField(_("краткое описание"), max_length=600)
    mentoring_form = models.ForeignKey(
        MentoringForm,
        verbose_name=_("форма наставничества"),
        on_delete=models.PROTECT,
        related_name="practices",
        null=True,
        blank=True,
    )

    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("mentoring_form")]
    search_fields = [*Page.search_fields, index.SearchField("summary")]

    parent_page_types = ["practices.PracticeIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("наставническая практика")
        verbose_name_plural = _("наставнические практики")
