from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Case, IntegerField, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

# The earliest year a career or an award can start: no one active today began before it.
EARLIEST_YEAR = 1960


def current_year():
    return timezone.localdate().year


def validate_not_future_year(value):
    if value > current_year():
        raise ValidationError(
            _("Год не может быть больше текущего (%(year)s)."), params={"year": current_year()}
        )


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


class MentorProfileQuerySet(models.QuerySet):
    def awarded(self):
        """Mentors with at least one award: the people of the honour board."""
        return self.filter(models.Exists(Award.objects.filter(profile=models.OuterRef("pk"))))

    def for_cards(self):
        """Everything a mentor card shows, in a constant number of queries."""
        from mentoring.photos import with_photo_renditions

        return with_photo_renditions(
            self.select_related("organisation", "municipality", "photo"), "board"
        )


class MentorProfile(index.Indexed, models.Model):
    """A mentor as the portal shows them: who they are, where they work, what they are good at.

    A profile may exist without an account (a mentor who never signs in); the
    mentor edits it on the site, awards are added by methodists in the admin.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("учётная запись"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mentor_profile",
        help_text=_("Наставник с учётной записью сам редактирует свой профиль на сайте."),
    )
    last_name = models.CharField(_("фамилия"), max_length=150)
    first_name = models.CharField(_("имя"), max_length=150)
    middle_name = models.CharField(_("отчество"), max_length=150, blank=True)
    slug = models.SlugField(
        _("адрес профиля"),
        max_length=120,
        unique=True,
        blank=True,
        help_text=_(
            "Оставьте пустым: адрес составится из ФИО. Не меняйте у опубликованного профиля."
        ),
    )
    position = models.CharField(_("должность"), max_length=255, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("организация"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mentors",
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("муниципалитет"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mentors",
        help_text=_("Заполняется по организации; укажите вручную, только если организации нет."),
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("фотография"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    teaching_since = models.PositiveSmallIntegerField(
        _("в образовании с (год)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(EARLIEST_YEAR), validate_not_future_year],
        help_text=_("Год начала педагогической работы: по нему считается стаж."),
    )
    subjects = models.ManyToManyField(
        "practices.Subject",
        verbose_name=_("предметные области"),
        blank=True,
        related_name="mentors",
    )
    competencies = models.ManyToManyField(
        "practices.Competency",
        verbose_name=_("компетенции, в которых помогает"),
        blank=True,
        related_name="mentors",
    )
    education_levels = models.ManyToManyField(
        "practices.EducationLevel",
        verbose_name=_("уровни образования"),
        blank=True,
        related_name="mentors",
    )
    mentoring_forms = models.ManyToManyField(
        "practices.MentoringForm",
        verbose_name=_("формы наставничества"),
        blank=True,
        related_name="mentors",
    )
    story = models.TextField(
        _("о себе"),
        max_length=2000,
        blank=True,
        help_text=_("Несколько абзацев: путь в профессии, чем можете помочь молодому коллеге."),
    )
    updated_at = models.DateTimeField(_("изменён"), auto_now=True)

    objects = MentorProfileQuerySet.as_manager()

    panels = [
        FieldPanel("user"),
        MultiFieldPanel(
            [FieldPanel("last_name"), FieldPanel("first_name"), FieldPanel("middle_name")],
            heading=_("ФИО"),
        ),
        FieldPanel("slug"),
        FieldPanel("photo"),
        MultiFieldPanel(
            [
                FieldPanel("position"),
                FieldPanel("organisation"),
                FieldPanel("municipality"),
                FieldPanel("teaching_since"),
            ],
            heading=_("Место работы и стаж"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("subjects"),
                FieldPanel("competencies"),
                FieldPanel("education_levels"),
                FieldPanel("mentoring_forms"),
            ],
            heading=_("Области экспертизы"),
        ),
        FieldPanel("story"),
        HelpPanel(
            content=_(
                "Награды наставника вносятся в разделе «Люди и организации → Награды наставников»."
            )
        ),
    ]
    search_fields = [
        index.SearchField("last_name"),
        index.SearchField("first_name"),
        index.SearchField("middle_name"),
        index.AutocompleteField("last_name"),
        index.SearchField("position"),
        index.SearchField("story"),
        index.RelatedFields("organisation", [index.SearchField("name")]),
        index.RelatedFields("municipality", [index.SearchField("name")]),
        index.RelatedFields("subjects", [index.SearchField("name")]),
        index.RelatedFields("competencies", [index.SearchField("name")]),
        index.FilterField("municipality_id"),
    ]

    class Meta:
        ordering = ["last_name", "first_name", "middle_name"]
        verbose_name = _("профиль наставника")
        verbose_name_plural = _("профили наставников")

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self.unique_slug()
        # The municipality follows the organisation: one source of truth for the board filter.
        if self.organisation_id is not None:
            organisation = self.organisation
            if self.municipality_id != organisation.municipality_id:
                self.municipality_id = organisation.municipality_id
                update_fields = kwargs.get("update_fields")
                if update_fields is not None:
                    kwargs["update_fields"] = {*update_fields, "municipality"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("mentoring:mentor_profile", args=[self.slug])

    @property
    def full_name(self):
        return " ".join(p for p in [self.last_name, self.first_name, self.middle_name] if p)

    def unique_slug(self):
        """A readable, unique address: ``smirnova-elena-viktorovna``, then ``-2``, ``-3`` …"""
        from portal.demo import translit_slug

        base = translit_slug(self.full_name, max_length=100) or "nastavnik"
        taken = set(
            MentorProfile.objects.exclude(pk=self.pk)
            .filter(slug__startswith=base)
            .values_list("slug", flat=True)
        )
        slug, number = base, 1
        while slug in taken:
            number += 1
            slug = f"{base}-{number}"
        return slug

    @property
    def short_name(self):
        """«Смирнова Е. В.»: for lists of authors and speakers."""
        initials = " ".join(f"{part[0]}." for part in [self.first_name, self.middle_name] if part)
        return f"{self.last_name} {initials}".strip()

    @property
    def initials(self):
        """Two letters for the placeholder of a mentor without a photo."""
        return "".join(part[0] for part in [self.first_name, self.last_name] if part).upper()

    @property
    def years_of_experience(self):
        if not self.teaching_since:
            return None
        return max(current_year() - self.teaching_since, 0)


class AwardLevel(models.TextChoices):
    """Уровень награды, from the school up: the board sorts the federal ones first."""

    SCHOOL = "school", _("школьный")
    MUNICIPAL = "municipal", _("муниципальный")
    REGIONAL = "regional", _("региональный")
    FEDERAL = "federal", _("федеральный")

    @classmethod
    def rank(cls, value):
        return cls.values.index(value) + 1

    @classmethod
    def rank_expression(cls, field="level"):
        """An SQL expression ranking levels (school 1 … federal 4) for ordering and Max()."""
        return Case(
            *[When(**{field: value}, then=Value(cls.rank(value))) for value in cls.values],
            default=Value(0),
            output_field=IntegerField(),
        )


class AwardQuerySet(models.QuerySet):
    def by_importance(self):
        """Newest first; within a year, the highest level first."""
        return self.alias(level_rank=AwardLevel.rank_expression()).order_by(
            "-year", "-level_rank", "title"
        )

    def best_score(self):
        """The single number that orders mentors on the board: year × 10 + level rank.

        The largest score is the newest award and, within its year, the highest
        level, so one correlated subquery both orders the board and tells
        whether a mentor has any (matching) award at all.
        """
        return (
            self.annotate(score=models.F("year") * 10 + AwardLevel.rank_expression())
            .order_by("-score")
            .values("score")[:1]
        )


class Award(models.Model):
    """Награда наставника: «Лучший наставник года», грамота, нагрудный знак «Педагог-наставник».

    Entered by methodists in the admin; a mentor never edits their own awards.
    """

    profile = models.ForeignKey(
        MentorProfile,
        verbose_name=_("наставник"),
        on_delete=models.CASCADE,
        related_name="awards",
    )
    title = models.CharField(
        _("награда"),
        max_length=255,
        help_text=_(
            "Например: «Победитель конкурса „Лучший наставник года“», «Почётная грамота», "
            "«Нагрудный знак „Педагог-наставник“»."
        ),
    )
    level = models.CharField(_("уровень"), max_length=20, choices=AwardLevel.choices)
    year = models.PositiveSmallIntegerField(
        _("год"), validators=[MinValueValidator(EARLIEST_YEAR), validate_not_future_year]
    )
    issuer = models.CharField(
        _("кем вручена"),
        max_length=255,
        blank=True,
        help_text=_("Например: «Управление образования администрации г.о. Серпухов»."),
    )
    citation = models.TextField(
        _("формулировка"),
        max_length=600,
        blank=True,
        help_text=_("За что: одна-две фразы, как в приказе или на грамоте."),
    )
    created_at = models.DateTimeField(_("внесена"), auto_now_add=True)

    objects = AwardQuerySet.as_manager()

    panels = [
        FieldPanel("profile"),
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("level"), FieldPanel("year")]),
        FieldPanel("issuer"),
        FieldPanel("citation"),
    ]

    class Meta:
        ordering = ["-year", "title"]
        verbose_name = _("награда наставника")
        verbose_name_plural = _("награды наставников")
        indexes = [models.Index(fields=["year", "level"], name="mentoring_award_year_level")]

    def __str__(self):
        return f"{self.title} ({self.year})"

    @property
    def level_rank(self):
        return AwardLevel.rank(self.level)


class HonourBoardPage(Page):
    """Доска почёта: awarded mentors with their photos, filtered by year, level, expertise, place."""

    intro = RichTextField(_("вступление"), blank=True, features=["bold", "italic", "link"])
    criteria = RichTextField(
        _("кто попадает на доску почёта"),
        blank=True,
        features=["bold", "italic", "link", "ul", "ol"],
        help_text=_("Коротко: какие награды учитываются, кто и когда вносит их на доску."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("criteria")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("доска почёта")
        verbose_name_plural = _("доски почёта")

    def get_context(self, request, *args, **kwargs):
        from mentoring.board import board_context

        context = super().get_context(request, *args, **kwargs)
        context.update(board_context(request))
        return context
