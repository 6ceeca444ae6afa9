"""Results of a programme's feedback surveys, question by question (for the curator).

Averages for the 1–5 questions, the free-text answers without their authors:
the curator reads what pairs say, the spreadsheet keeps it, no one is named.
"""

from dataclasses import dataclass, field

from django.db.models import Avg, Count, Q

from mentoring.models import QuestionKind, SurveyAnswer, SurveyQuestion


@dataclass
class QuestionResult:
    survey: str
    text: str
    kind: str
    average: float | None
    answers: int
    texts: list = field(default_factory=list)

    @property
    def is_scale(self):
        return self.kind == QuestionKind.SCALE


def question_results(programme):
    """[QuestionResult] of every survey of ``programme``, in survey and question order: two queries."""
    questions = (
        SurveyQuestion.objects.filter(survey__programme=programme)
        .select_related("survey")
        .annotate(
            average=Avg("answers__score"),
            answered=Count(
                "answers", filter=Q(answers__score__isnull=False) | ~Q(answers__text="")
            ),
        )
        .order_by("survey__opens_on", "survey_id", "sort_order", "pk")
    )
    texts = {}
    for question_id, text in (
        SurveyAnswer.objects.filter(
            question__survey__programme=programme, question__kind=QuestionKind.TEXT
        )
        .exclude(text="")
        .order_by("pk")
        .values_list("question_id", "text")
    ):
        texts.setdefault(question_id, []).append(text)
    return [
        QuestionResult(
            survey=question.survey.title,
            text=question.text,
            kind=question.kind,
            average=round(question.average, 1) if question.average is not None else None,
            answers=question.answered,
            texts=texts.get(question.pk, []),
        )
        for question in questions
    ]
