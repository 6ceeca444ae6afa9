"""A mentoring programme: its stages and organisations, the mentees' requests, the mentor pool.

The stages follow the programme documents: a base of mentees with their
requests, a base of mentors, forming pairs or groups, the pairs' work on their
plans, closing with results and awards.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from mentoring.models.people import EARLIEST_YEAR, validate_not_future_year
from portal.taxonomy import Term


class ProgrammeLevel(models.TextChoices):
    SCHOOL = "school", _("программа образовательной организации")
    DISTRICT = "district", _("муниципальная (районная) программа")


class StageKind(models.TextChoices):
    """Этапы программы, in the order they run."""

    MENTEE_BASE = "mentee_base", _("Формирование базы наставляемых")
    MENTOR_BASE = "mentor_base", _("Формирование базы наставников")
    PAIRING = "pairing", _("Формирование наставнических пар и групп")
    WORK = "work", _("Работа наставнических пар и групп")
    CLOSING = "closing", _("Завершение программы")


class InteractionFormat(models.TextChoices):
    """How a pair meets: the seeds' «очно, онлайн, очно-дистанционно»."""

    IN_PERSON = "in_person", _("очно")
    REMOTE = "remote", _("дистанционно")
    MIXED = "mixed", _("смешанный")


class Programme(ClusterableModel):
    """Программа наставничества: a school's or a district's, run by its curator.

    The curator (куратор) sees the requests, the pool, the pairs and the
    figures; methodists see every programme.
    """

    title = models.CharField(_("название"), max_length=255)
    slug = models.SlugField(_("код для адресов"), max_length=100, unique=True)
    level = models.CharField(_("уровень"), max_length=20, choices=ProgrammeLevel.choices)
    goal = models.TextField(
        _("цель программы"),
        max_length=2000,
        blank=True,
        help_text=_("Одна-две фразы из положения или дорожной карты."),
    )
    curator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("куратор"),
        on_delete=models.PROTECT,
        related_name="curated_programmes",
    )
    starts_on = models.DateField(_("начало"))
    ends_on = models.DateField(_("окончание"))
    accepts_requests = models.BooleanField(
        _("приём запросов открыт"),
        default=True,
        help_text=_("Пока приём открыт, педагоги подают запросы на наставника на сайте."),
    )
    created_at = models.DateTimeField(_("создана"), auto_now_add=True)

    panels = [
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldPanel("level"),
        FieldPanel("goal"),
        FieldPanel("curator"),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
        FieldPanel("accepts_requests"),
        InlinePanel("stages", heading=_("Этапы"), label=_("этап")),
        InlinePanel(
            "participants", heading=_("Организации-участники"), label=_("организация"), min_num=1
        ),
    ]

    class Meta:
        ordering = ["-starts_on", "title"]
        verbose_name = _("программа наставничества")
        verbose_name_plural = _("программы наставничества")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("mentoring:programme", args=[self.slug])

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("Программа не может закончиться раньше начала.")})

    def current_stage(self, on=None):
        """The stage running on ``on`` (today by default), or None between stages."""
        on = on or timezone.localdate()
        for stage in self.stages.all():
            if stage.starts_on <= on <= stage.ends_on:
                return stage
        return None


class ProgrammeStage(Orderable):
    programme = ParentalKey(Programme, on_delete=models.CASCADE, related_name="stages")
    kind = models.CharField(_("этап"), max_length=20, choices=StageKind.choices)
    starts_on = models.DateField(_("начало"))
    ends_on = models.DateField(_("окончание"))
    note = models.CharField(_("что происходит"), max_length=300, blank=True)

    panels = [
        FieldPanel("kind"),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("этап программы")
        verbose_name_plural = _("этапы программы")
        constraints = [
            models.UniqueConstraint(fields=["programme", "kind"], name="unique_stage_per_programme")
        ]

    def __str__(self):
        return self.get_kind_display()

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("Этап не может закончиться раньше начала.")})


class ProgrammeOrganisation(Orderable):
    """An organisation taking part, with the number of its young teachers if the school reported it.

    That number is the denominator of «доля молодых педагогов, вовлечённых в
    наставничество»; without it only the teachers who made a request are known.
    """

    programme = ParentalKey(Programme, on_delete=models.CASCADE, related_name="participants")
    organisation = models.ForeignKey(
        "mentoring.Organisation",
        verbose_name=_("организация"),
        on_delete=models.PROTECT,
        related_name="programme_participations",
    )
    young_teachers = models.PositiveSmallIntegerField(
        _("молодых педагогов в организации"),
        null=True,
        blank=True,
        help_text=_("До 35 лет или с опытом работы до трёх лет; по данным организации."),
    )

    panels = [FieldPanel("organisation"), FieldPanel("young_teachers")]

    class Meta(Orderable.Meta):
        verbose_name = _("организация-участник")
        verbose_name_plural = _("организации-участники")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "organisation"], name="unique_programme_organisation"
            )
        ]

    def __str__(self):
        return str(self.organisation)


class ProfessionalDeficit(Term):
    """Профессиональный дефицит: what a young teacher asks help with.

    Each deficit names the competencies that answer it, so that the matching
    can compare a request with the expertise mentors state in their profiles.
    """

    competencies = models.ManyToManyField(
        "practices.Competency",
        verbose_name=_("компетенции наставника, которые помогают"),
        blank=True,
        related_name="deficits",
    )

    panels = [*Term.panels, FieldPanel("competencies")]

    class Meta(Term.Meta):
        verbose_name = _("профессиональный дефицит")
        verbose_name_plural = _("профессиональные дефициты")


class MenteeRequestQuerySet(models.QuerySet):
    def for_matching(self):
        """What matching and the curator's list read, in a constant number of queries."""
        return self.select_related(
            "teacher", "organisation__municipality", "subject", "education_level", "preferred_form"
        ).prefetch_related("deficits__competencies")


class MenteeRequest(models.Model):
    """Запрос наставляемого: what a teacher wants to improve and how they would like to work.

    Personal data: seen only by its author, the programme's curator and
    methodists. It is stored only with the teacher's consent, whose time is kept.
    """

    programme = models.ForeignKey(
        Programme, verbose_name=_("программа"), on_delete=models.CASCADE, related_name="requests"
    )
    teacher = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("педагог"),
        on_delete=models.CASCADE,
        related_name="mentee_requests",
    )
    organisation = models.ForeignKey(
        "mentoring.Organisation",
        verbose_name=_("организация"),
        on_delete=models.PROTECT,
        related_name="mentee_requests",
    )
    position = models.CharField(_("должность"), max_length=255, blank=True)
    deficits = models.ManyToManyField(
        ProfessionalDeficit,
        verbose_name=_("в чём нужна помощь"),
        related_name="requests",
    )
    deficits_text = models.TextField(
        _("своими словами"),
        max_length=2000,
        blank=True,
        help_text=_("Что именно не получается или что хочется освоить: ситуация, класс, предмет."),
    )
    subject = models.ForeignKey(
        "practices.Subject",
        verbose_name=_("предметная область"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    education_level = models.ForeignKey(
        "practices.EducationLevel",
        verbose_name=_("уровень образования"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    preferred_form = models.ForeignKey(
        "practices.MentoringForm",
        verbose_name=_("желаемая форма наставничества"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    preferred_format = models.CharField(
        _("формат встреч"), max_length=20, choices=InteractionFormat.choices
    )
    age = models.PositiveSmallIntegerField(
        _("возраст, полных лет"),
        null=True,
        blank=True,
        validators=[MinValueValidator(16), MaxValueValidator(80)],
        help_text=_("Необязательно: нужен только для отчёта о молодых педагогах (до 35 лет)."),
    )
    career_start_year = models.PositiveSmallIntegerField(
        _("год начала педагогической работы"),
        validators=[MinValueValidator(EARLIEST_YEAR), validate_not_future_year],
    )
    consent_at = models.DateTimeField(_("согласие на обработку персональных данных"))
    created_at = models.DateTimeField(_("подан"), auto_now_add=True)
    updated_at = models.DateTimeField(_("изменён"), auto_now=True)

    objects = MenteeRequestQuerySet.as_manager()

    panels = [
        FieldPanel("programme"),
        FieldPanel("teacher"),
        MultiFieldPanel(
            [FieldPanel("organisation"), FieldPanel("position")], heading=_("Место работы")
        ),
        FieldPanel("deficits"),
        FieldPanel("deficits_text"),
        MultiFieldPanel(
            [
                FieldPanel("subject"),
                FieldPanel("education_level"),
                FieldPanel("preferred_form"),
                FieldPanel("preferred_format"),
            ],
            heading=_("Пожелания"),
        ),
        FieldRowPanel([FieldPanel("age"), FieldPanel("career_start_year")]),
        FieldPanel("consent_at", read_only=True),
    ]

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("запрос наставляемого")
        verbose_name_plural = _("запросы наставляемых")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "teacher"], name="one_request_per_teacher_and_programme"
            )
        ]

    def __str__(self):
        return f"{self.teacher} — {self.programme}"

    def get_absolute_url(self):
        return reverse("mentoring:request", args=[self.programme.slug])

    def years_of_experience(self, on=None):
        on = on or timezone.localdate()
        return max(on.year - self.career_start_year, 0)

    @property
    def teacher_name(self):
        return self.teacher.get_full_name() or self.teacher.get_username()


class MentorPoolEntryQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)


class MentorPoolEntry(models.Model):
    """A mentor in a programme's pool: how many mentees they take and when they are free."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("программа"), on_delete=models.CASCADE, related_name="pool"
    )
    mentor = models.ForeignKey(
        "mentoring.MentorProfile",
        verbose_name=_("наставник"),
        on_delete=models.CASCADE,
        related_name="pool_entries",
    )
    capacity = models.PositiveSmallIntegerField(
        _("сколько наставляемых готов взять"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(15)],
    )
    availability = models.CharField(
        _("когда удобно встречаться"),
        max_length=300,
        blank=True,
        help_text=_("Например: «вторник и четверг после 15:00, онлайн — в любой день»."),
    )
    active = models.BooleanField(
        _("принимает наставляемых"),
        default=True,
        help_text=_("Снимите отметку, чтобы наставник больше не попадал в подбор пар."),
    )
    best_award = models.ForeignKey(
        "mentoring.Award",
        verbose_name=_("награда «Лучший наставник программы»"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("добавлен"), auto_now_add=True)

    objects = MentorPoolEntryQuerySet.as_manager()

    panels = [
        FieldPanel("programme"),
        FieldPanel("mentor"),
        FieldPanel("capacity"),
        FieldPanel("availability"),
        FieldPanel("active"),
    ]

    class Meta:
        ordering = ["mentor__last_name", "mentor__first_name"]
        verbose_name = _("наставник в программе")
        verbose_name_plural = _("база наставников")
        constraints = [
            models.UniqueConstraint(fields=["programme", "mentor"], name="unique_mentor_in_pool")
        ]

    def __str__(self):
        return f"{self.mentor} — {self.programme}"
