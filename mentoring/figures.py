"""Figures of a programme, as its reports count them.

- pairs proposed, formed (confirmed, whatever happened next), active, finished, declined;
- «доля молодых педагогов, вовлечённых в наставничество»: young teachers (under 35,
  or in their first three years of work) in a formed pair, out of the young
  teachers known to the programme — for each organisation, the number it
  reported or, if larger, the young teachers of it who made a request;
- satisfaction: the average of the 1–5 answers of the programme's surveys;
- practices published in the bank by the programme's mentors.

``compute`` is pure (tested with known data); ``gather`` reads a programme in a
constant number of queries and hands the rows to it.
"""

from dataclasses import dataclass, field

from django.db.models import Avg, Count, Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

YOUNG_AGE = 35  # «в возрасте до 35 лет»
YOUNG_YEARS = 3  # «не позднее 3 лет с момента начала работы»


def is_young(age, career_start_year, on):
    """Under 35, or fewer than three full years since the career started (as of ``on``)."""
    if age is not None and age < YOUNG_AGE:
        return True
    return career_start_year is not None and on.year - career_start_year < YOUNG_YEARS


def share(part, whole):
    """A whole percentage, or None when there is nothing to take a share of."""
    return round(100 * part / whole) if whole else None


@dataclass(frozen=True)
class RequestRow:
    """What the figures need of a request: no names, no free text."""

    organisation_id: int
    age: int | None
    career_start_year: int | None
    in_formed_pair: bool


@dataclass(frozen=True)
class SurveyRow:
    title: str
    average: float | None
    answers: int
    moment: str = "start"


@dataclass
class ProgrammeFigures:
    requests: int = 0
    proposed: int = 0
    confirmed: int = 0
    active: int = 0
    finished: int = 0
    declined: int = 0
    young_covered: int = 0
    young_known: int = 0
    satisfaction: float | None = None
    satisfaction_answers: int = 0
    surveys: list = field(default_factory=list)
    practices_published: int = 0

    @property
    def formed(self):
        return self.confirmed + self.active + self.finished

    @property
    def young_share(self):
        return share(self.young_covered, self.young_known)


def compute(
    *,
    pair_states,
    requests,
    reported_young=None,
    scores=(),
    surveys=(),
    practices_published=0,
    on=None,
):
    """Figures from plain rows.

    ``pair_states``: {state: number of pairs}; ``requests``: RequestRow for each
    request; ``reported_young``: {organisation id: young teachers it reported or
    None}; ``scores``: every 1–5 answer; ``surveys``: SurveyRow per survey.
    """
    on = on or timezone.localdate()
    figures = ProgrammeFigures(
        requests=len(requests),
        proposed=pair_states.get("proposed", 0),
        confirmed=pair_states.get("confirmed", 0),
        active=pair_states.get("active", 0),
        finished=pair_states.get("finished", 0),
        declined=pair_states.get("declined", 0),
        surveys=list(surveys),
        practices_published=practices_published,
    )
    young_by_organisation = {}
    for row in requests:
        if is_young(row.age, row.career_start_year, on):
            young_by_organisation[row.organisation_id] = (
                young_by_organisation.get(row.organisation_id, 0) + 1
            )
            figures.young_covered += row.in_formed_pair
    reported = {k: v for k, v in (reported_young or {}).items() if v is not None}
    figures.young_known = sum(
        max(reported.get(org, 0), young_by_organisation.get(org, 0))
        for org in reported.keys() | young_by_organisation.keys()
    )
    scores = list(scores)
    figures.satisfaction_answers = len(scores)
    if scores:
        figures.satisfaction = round(sum(scores) / len(scores), 1)
    return figures


def gather(programme, on=None):
    """The figures of ``programme``: seven queries, whatever its size."""
    from mentoring.models import (
        MenteeRequest,
        MentorPoolEntry,
        Pair,
        PairMembership,
        ProgrammeOrganisation,
        SurveyAnswer,
    )
    from mentoring.models.pairs import FORMED_STATES
    from practices.listings import published_practices
    from practices.models import PracticeAuthor

    states = dict(
        Pair.objects.filter(programme=programme)
        .values("state")
        .annotate(n=Count("pk"))
        .values_list("state", "n")
    )
    in_formed_pair = PairMembership.objects.filter(
        request=OuterRef("pk"), pair__state__in=FORMED_STATES, declined_at__isnull=True
    )
    requests = [
        RequestRow(*row)
        for row in MenteeRequest.objects.filter(programme=programme)
        .annotate(paired=Exists(in_formed_pair))
        .values_list("organisation_id", "age", "career_start_year", "paired")
    ]
    reported = dict(
        ProgrammeOrganisation.objects.filter(programme=programme).values_list(
            "organisation_id", "young_teachers"
        )
    )
    scores = SurveyAnswer.objects.filter(
        response__survey__programme=programme, score__isnull=False
    ).values_list("score", flat=True)
    surveys = [
        SurveyRow(title, round(average, 1) if average is not None else None, answers, moment)
        for title, average, answers, moment in programme.surveys.annotate(
            average=Avg("responses__answers__score"),
            answers=Count("responses__answers__score"),
        ).values_list("title", "average", "answers", "moment")
    ]
    mentors = MentorPoolEntry.objects.filter(programme=programme).values("mentor_id")
    practices = (
        published_practices()
        .filter(pk__in=PracticeAuthor.objects.filter(author__in=mentors).values("page_id"))
        .count()
    )
    return compute(
        pair_states=states,
        requests=requests,
        reported_young=reported,
        scores=scores,
        surveys=surveys,
        practices_published=practices,
        on=on,
    )


def headline(figures):
    """The few figures the home page shows, as label/value pairs."""
    items = [
        {"label": _("Наставнических пар сформировано"), "value": figures.formed},
        {"label": _("Пар работает сейчас"), "value": figures.active},
    ]
    if figures.young_share is not None:
        items.append(
            {
                "label": _("Молодых педагогов вовлечено в наставничество"),
                "value": f"{figures.young_share}\u00a0%",
            }
        )
    if figures.satisfaction is not None:
        items.append(
            {
                "label": _("Удовлетворённость участников"),
                "value": _("%(score)s из 5") % {"score": _number(figures.satisfaction)},
            }
        )
    items.append(
        {"label": _("Практик наставников программы в банке"), "value": figures.practices_published}
    )
    return items


def _number(value):
    from django.utils.formats import number_format

    return number_format(value, decimal_pos=1)


# The home page's figures are counts over a whole programme: a few minutes' delay is
# harmless, a handful of aggregate queries on every visit to the home page is not.
HOME_CACHE_KEY = "mentoring:home-programme-figures"
HOME_CACHE_SECONDS = 300


def programme_figures(on=None):
    """Headline figures of the programme under way (or the first to come), for the home page.

    Counts only, no personal data: the home page is public. Cached for five minutes.
    """
    from django.core.cache import cache
    from django.utils.translation import get_language

    key = f"{HOME_CACHE_KEY}:{get_language()}"  # the labels are translated
    if on is None:
        cached = cache.get(key)
        if cached is not None:
            return cached or None
    items = _programme_figures(on)
    if on is None:
        cache.set(key, items or [], HOME_CACHE_SECONDS)
    return items


def _programme_figures(on=None):
    from mentoring.models import Programme

    today = on or timezone.localdate()
    programme = (
        Programme.objects.filter(starts_on__lte=today).order_by("-starts_on").first()
        or Programme.objects.order_by("starts_on").first()
    )
    if programme is None:
        return None
    return headline(gather(programme, on=today))
