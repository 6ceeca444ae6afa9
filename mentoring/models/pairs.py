"""A pair (or a group: one mentor, several mentees) and what it keeps while it works.

The individual development plan (ИПР) holds goals and their tasks; both sides
write the «Мои достижения» / «Мои дефициты» self-assessment at the start and at
the end; the mentor keeps a diary of meetings; either side comments. At the
end the pair presents its result.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from mentoring.models.programmes import InteractionFormat


class PairState(models.TextChoices):
    PROPOSED = "proposed", _("предложена")
    CONFIRMED = "confirmed", _("подтверждена")
    ACTIVE = "active", _("активна")
    FINISHED = "finished", _("завершена")
    DECLINED = "declined", _("отклонена")


# A mentor's places are taken by these pairs: a proposal already reserves one.
OCCUPYING_STATES = [PairState.PROPOSED, PairState.CONFIRMED, PairState.ACTIVE]
# «Сформированные пары» of the programme reports: confirmed, whatever happened next.
FORMED_STATES = [PairState.CONFIRMED, PairState.ACTIVE, PairState.FINISHED]


class PairQuerySet(models.QuerySet):
    def live(self):
        return self.exclude(state=PairState.DECLINED)

    def formed(self):
        return self.filter(state__in=FORMED_STATES)

    def occupying(self):
        return self.filter(state__in=OCCUPYING_STATES)

    def with_progress(self):
        """Annotate ``tasks_total`` and ``tasks_done`` (one query for any number of pairs)."""
        return self.annotate(
            tasks_total=Count("plan__goals__tasks", distinct=True),
            tasks_done=Count(
                "plan__goals__tasks",
                filter=Q(plan__goals__tasks__status=TaskStatus.DONE),
                distinct=True,
            ),
        )

    def for_lists(self):
        """What a list of pairs shows: mentor, mentees' names, the plan's progress."""
        return (
            self.select_related("programme", "mentor__organisation")
            .prefetch_related(
                models.Prefetch(
                    "memberships",
                    queryset=PairMembership.objects.select_related(
                        "request__teacher", "request__organisation"
                    ),
                )
            )
            .with_progress()
        )


class Pair(models.Model):
    """Наставническая пара или группа: one mentor and one or more mentees (through their requests)."""

    programme = models.ForeignKey(
        "mentoring.Programme",
        verbose_name=_("программа"),
        on_delete=models.CASCADE,
        related_name="pairs",
    )
    mentor = models.ForeignKey(
        "mentoring.MentorProfile",
        verbose_name=_("наставник"),
        on_delete=models.PROTECT,
        related_name="pairs",
    )
    requests = models.ManyToManyField(
        "mentoring.MenteeRequest",
        through="mentoring.PairMembership",
        verbose_name=_("наставляемые"),
        related_name="pairs",
    )
    state = models.CharField(
        _("состояние"), max_length=20, choices=PairState.choices, default=PairState.PROPOSED
    )
    match_score = models.PositiveSmallIntegerField(_("баллы подбора"), default=0)
    match_reasons = models.JSONField(
        _("почему подобрана"),
        default=list,
        blank=True,
        help_text=_("Составляющие баллов подбора на момент формирования пары."),
    )
    formed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("кто сформировал"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("предложена"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("подтверждена"), null=True, blank=True)
    started_on = models.DateField(_("начало работы"), null=True, blank=True)
    finished_on = models.DateField(_("завершение"), null=True, blank=True)
    declined_at = models.DateTimeField(_("отклонена"), null=True, blank=True)
    declined_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("кто отклонил"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decline_reason = models.TextField(_("причина отказа"), max_length=1000, blank=True)
    best_award = models.ForeignKey(
        "mentoring.Award",
        verbose_name=_("награда «Лучшая наставническая пара»"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = PairQuerySet.as_manager()

    panels = [
        FieldPanel("programme", read_only=True),
        FieldPanel("mentor", read_only=True),
        FieldPanel("state"),
        FieldRowPanel([FieldPanel("started_on"), FieldPanel("finished_on")]),
        MultiFieldPanel(
            [FieldPanel("declined_by", read_only=True), FieldPanel("decline_reason")],
            heading=_("Отказ"),
        ),
    ]

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("наставническая пара")
        verbose_name_plural = _("наставнические пары")
        indexes = [models.Index(fields=["programme", "state"], name="mentoring_pair_state")]

    def __str__(self):
        names = ", ".join(m.request.teacher_name for m in self.current_memberships)
        return f"{self.mentor.short_name} — {names}" if names else self.mentor.short_name

    def get_absolute_url(self):
        return reverse("mentoring:pair", args=[self.pk])

    @property
    def current_memberships(self):
        """Mentees still in the pair (a mentee who left a group keeps a declined membership)."""
        return [m for m in self.memberships.all() if m.declined_at is None]

    @property
    def is_group(self):
        return len(self.current_memberships) > 1

    @property
    def progress(self):
        """Share of done tasks, 0–100; needs ``with_progress()`` or loads the plan."""
        total = getattr(self, "tasks_total", None)
        done = getattr(self, "tasks_done", None)
        if total is None:
            from mentoring.plans import task_counts

            done, total = task_counts(self)
        return round(100 * done / total) if total else 0


class PairMembership(models.Model):
    """A mentee in a pair, through their request; a mentee who left a group keeps the record."""

    pair = models.ForeignKey(Pair, on_delete=models.CASCADE, related_name="memberships")
    request = models.ForeignKey(
        "mentoring.MenteeRequest",
        verbose_name=_("запрос наставляемого"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    joined_at = models.DateTimeField(_("включён"), auto_now_add=True)
    declined_at = models.DateTimeField(_("вышел из группы"), null=True, blank=True)
    decline_reason = models.TextField(_("причина"), max_length=1000, blank=True)

    class Meta:
        ordering = ["joined_at", "pk"]
        verbose_name = _("наставляемый в паре")
        verbose_name_plural = _("наставляемые в паре")
        constraints = [
            models.UniqueConstraint(fields=["pair", "request"], name="unique_request_in_pair")
        ]

    def __str__(self):
        return self.request.teacher_name


class DevelopmentPlan(models.Model):
    """Индивидуальный план развития (ИПР): the problem it answers, then goals and tasks."""

    pair = models.OneToOneField(Pair, on_delete=models.CASCADE, related_name="plan")
    problem = models.TextField(
        _("проблема или потребность"),
        max_length=2000,
        blank=True,
        help_text=_("В основе плана — конкретная проблема молодого педагога, которую решает пара."),
    )
    expected_result = models.TextField(_("ожидаемый результат"), max_length=2000, blank=True)
    updated_at = models.DateTimeField(_("изменён"), auto_now=True)

    class Meta:
        verbose_name = _("индивидуальный план развития")
        verbose_name_plural = _("индивидуальные планы развития")

    def __str__(self):
        return str(_("ИПР пары «%(pair)s»") % {"pair": self.pair})


class Goal(models.Model):
    plan = models.ForeignKey(DevelopmentPlan, on_delete=models.CASCADE, related_name="goals")
    title = models.CharField(_("цель"), max_length=300)
    sort_order = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("цель плана")
        verbose_name_plural = _("цели плана")

    def __str__(self):
        return self.title


class TaskStatus(models.TextChoices):
    PLANNED = "planned", _("запланирована")
    IN_PROGRESS = "in_progress", _("в работе")
    DONE = "done", _("выполнена")


class Task(models.Model):
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(_("задача"), max_length=300)
    due_on = models.DateField(_("срок"))
    status = models.CharField(
        _("статус"), max_length=20, choices=TaskStatus.choices, default=TaskStatus.PLANNED
    )
    done_on = models.DateField(_("выполнена"), null=True, blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["due_on", "sort_order", "pk"]
        verbose_name = _("задача плана")
        verbose_name_plural = _("задачи плана")

    def __str__(self):
        return self.title


class SelfAssessmentMoment(models.TextChoices):
    START = "start", _("в начале работы")
    END = "end", _("в конце работы")


class SelfAssessment(models.Model):
    """The «Мои достижения» / «Мои дефициты» tables of a pair member, at the start and at the end."""

    pair = models.ForeignKey(Pair, on_delete=models.CASCADE, related_name="self_assessments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="self_assessments"
    )
    moment = models.CharField(_("когда"), max_length=10, choices=SelfAssessmentMoment.choices)
    achievements = models.TextField(_("Мои достижения"), max_length=3000)
    deficits = models.TextField(_("Мои дефициты"), max_length=3000)
    updated_at = models.DateTimeField(_("изменена"), auto_now=True)

    class Meta:
        ordering = ["moment", "pk"]
        verbose_name = _("самооценка")
        verbose_name_plural = _("самооценки")
        constraints = [
            models.UniqueConstraint(
                fields=["pair", "author", "moment"], name="one_self_assessment_per_moment"
            )
        ]

    def __str__(self):
        return f"{self.author} — {self.get_moment_display()}"


class DiaryEntry(models.Model):
    """Дневник наставника: one meeting of the pair, written up by the mentor."""

    pair = models.ForeignKey(Pair, on_delete=models.CASCADE, related_name="diary")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    met_on = models.DateField(_("дата встречи"))
    format = models.CharField(_("формат"), max_length=20, choices=InteractionFormat.choices)
    topic = models.CharField(_("тема встречи"), max_length=300)
    notes = models.TextField(_("что сделали, что договорились"), max_length=4000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-met_on", "-pk"]
        verbose_name = _("запись дневника наставника")
        verbose_name_plural = _("дневник наставника")

    def __str__(self):
        return f"{self.met_on:%d.%m.%Y} {self.topic}"


class Comment(models.Model):
    pair = models.ForeignKey(Pair, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField(_("комментарий"), max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("комментарий")
        verbose_name_plural = _("комментарии")

    def __str__(self):
        return self.text[:60]


class PairResult(models.Model):
    """Итог работы пары for the final presentation: a practice, a talk at an event, a document."""

    pair = models.OneToOneField(Pair, on_delete=models.CASCADE, related_name="result")
    summary = models.TextField(
        _("чего достигли"),
        max_length=3000,
        help_text=_("Что изменилось у наставляемого: уроки, результаты учеников, уверенность."),
    )
    practice = models.ForeignKey(
        "practices.PracticePage",
        verbose_name=_("практика в банке"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    event = models.ForeignKey(
        "events.EventPage",
        verbose_name=_("выступление на мероприятии"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("документ"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    url = models.URLField(_("ссылка"), max_length=500, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("изменён"), auto_now=True)

    class Meta:
        verbose_name = _("итог работы пары")
        verbose_name_plural = _("итоги работы пар")

    def __str__(self):
        return str(_("Итог пары «%(pair)s»") % {"pair": self.pair})

    def clean(self):
        if not self.summary.strip():
            raise ValidationError({"summary": _("Опишите, чего достигла пара.")})
