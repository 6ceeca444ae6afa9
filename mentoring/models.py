from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index


class Municipality(models.Model):
    """Муниципалитет (район, городской округ): where organisations and people work."""

    name = models.CharField(_("название"), max_length=150, unique=True)
    slug = models.SlugField(_("код для адресов"), max_length=80, unique=True)

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("муниципалитет")
        verbose_name_plural = _("муниципалитеты")

    def __str__(self):
        return self.name


class Organisation(index.Indexed, models.Model):
    """Образовательная организация: школа, детский сад, колледж, ИМЦ."""

    name = models.CharField(_("полное название"), max_length=300)
    short_name = models.CharField(_("краткое название"), max_length=120)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("муниципалитет"),
        on_delete=models.PROTECT,
        related_name="organisations",
    )

    panels = [FieldPanel("name"), FieldPanel("short_name"), FieldPanel("municipality")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("short_name")]

    class Meta:
        ordering = ["short_name"]
        verbose_name = _("образовательная организация")
        verbose_name_plural = _("образовательные организации")
        constraints = [
            models.UniqueConstraint(
                fields=["short_name", "municipality"], name="unique_org_in_municipality"
            )
        ]

    def __str__(self):
        return self.short_name


class MentorProfile(index.Indexed, models.Model):
    """A mentor as the portal shows them. Issue #7 adds photos, expertise and awards.

    A profile may exist without an account (a mentor who never signs in).
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("учётная запись"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mentor_profile",
    )
    last_name = models.CharField(_("фамилия"), max_length=150)
    first_name = models.CharField(_("имя"), max_length=150)
    middle_name = models.CharField(_("отчество"), max_length=150, blank=True)
    slug = models.SlugField(_("адрес профиля"), max_length=120, unique=True)
    position = models.CharField(_("должность"), max_length=255, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("организация"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mentors",
    )

    panels = [
        FieldPanel("user"),
        MultiFieldPanel(
            [FieldPanel("last_name"), FieldPanel("first_name"), FieldPanel("middle_name")],
            heading=_("ФИО"),
        ),
        FieldPanel("slug"),
        FieldPanel("position"),
        FieldPanel("organisation"),
    ]
    search_fields = [
        index.SearchField("last_name"),
        index.SearchField("first_name"),
        index.AutocompleteField("last_name"),
        index.SearchField("position"),
    ]

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("профиль наставника")
        verbose_name_plural = _("профили наставников")

    def __str__(self):
        return self.full_name

    def get_absolute_url(self):
        return reverse("mentoring:mentor_profile", args=[self.slug])

    @property
    def full_name(self):
        return " ".join(p for p in [self.last_name, self.first_name, self.middle_name] if p)


class HonourBoardPage(Page):
    """Доска почёта наставников. Issue #7 fills it with awarded mentors."""

    intro = RichTextField(_("вступление"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("доска почёта")
        verbose_name_plural = _("доски почёта")
