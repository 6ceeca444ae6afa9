"""Feedback surveys of a programme: at the start and at the end, answered by each pair member.

A small survey model rather than Wagtail form pages: answers belong to a pair
and a person (personal data, never public), and the figures average the 1–5
answers of a programme.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.models import Orderable

SCALE_MIN, SCALE_MAX = 1, 5


class SurveyMoment(models.TextChoices):
    START = "start", _("входная анкета")
    END = "end", _("итоговая анкета")


class QuestionKind(models.TextChoices):
    SCALE = "scale", _("оценка от 1 до 5")
    TEXT = "text", _("свободный ответ")


class Survey(ClusterableModel):
    programme = models.ForeignKey(
        "mentoring.Programme",
        verbose_name=_("программа"),
        on_delete=models.CASCADE,
        related_name="surveys",
    )
    title = models.CharField(_("название"), max_length=255)
    moment = models.CharField(_("когда"), max_length=10, choices=SurveyMoment.choices)
    intro = models.TextField(_("вступление"), max_length=1000, blank=True)
    opens_on = models.DateField(_("открыта с"))
    closes_on = models.DateField(_("открыта по"))

    panels = [
        FieldPanel("programme"),
        FieldPanel("title"),
        FieldPanel("moment"),
        FieldPanel("intro"),
        FieldRowPanel([FieldPanel("opens_on"), FieldPanel("closes_on")]),
        InlinePanel("questions", heading=_("Вопросы"), label=_("вопрос"), min_num=1),
    ]

    class Meta:
        ordering = ["opens_on", "pk"]
        verbose_name = _("анкета обратной связи")
        verbose_name_plural = _("анкеты обратной связи")

    def __str__(self):
        return self.title

    def clean(self):
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError(
                {"closes_on": _("Анкета не может закрыться раньше, чем откроется.")}
            )

    def is_open(self, on=None):
        on = on or timezone.localdate()
        return self.opens_on <= on <= self.closes_on


class SurveyQuestion(Orderable):
    survey = ParentalKey(Survey, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField(_("вопрос"), max_length=300)
    kind = models.CharField(
        _("тип ответа"), max_length=10, choices=QuestionKind.choices, default=QuestionKind.SCALE
    )
    required = models.BooleanField(_("обязательный"), default=True)

    panels = [FieldPanel("text"), FieldPanel("kind"), FieldPanel("required")]

    class Meta(Orderable.Meta):
        verbose_name = _("вопрос анкеты")
        verbose_name_plural = _("вопросы анкеты")

    def __str__(self):
        return self.text


class SurveyResponse(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    pair = models.ForeignKey(
        "mentoring.Pair", on_delete=models.CASCADE, related_name="survey_responses"
    )
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="survey_responses"
    )
    submitted_at = models.DateTimeField(_("заполнена"), auto_now_add=True)

    class Meta:
        ordering = ["submitted_at"]
        verbose_name = _("ответ на анкету")
        verbose_name_plural = _("ответы на анкеты")
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "pair", "respondent"], name="one_response_per_survey_and_person"
            )
        ]

    def __str__(self):
        return f"{self.respondent} — {self.survey}"


class SurveyAnswer(models.Model):
    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(SurveyQuestion, on_delete=models.CASCADE, related_name="answers")
    score = models.PositiveSmallIntegerField(
        _("оценка"),
        null=True,
        blank=True,
        validators=[MinValueValidator(SCALE_MIN), MaxValueValidator(SCALE_MAX)],
    )
    text = models.TextField(_("ответ"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("ответ на вопрос")
        verbose_name_plural = _("ответы на вопросы")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question"], name="one_answer_per_question"
            ),
            models.CheckConstraint(
                condition=models.Q(score__isnull=True)
                | models.Q(score__gte=SCALE_MIN, score__lte=SCALE_MAX),
                name="survey_score_on_scale",
            ),
        ]

    def __str__(self):
        return str(self.score) if self.score is not None else self.text[:60]
