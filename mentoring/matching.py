"""Mentor suggestions for a mentee's request, with the score explained.

No black box: a suggestion's score is the sum of named reasons, each with its
points, and the curator sees every reason. The scoring works on plain facts
(``RequestFacts``, ``MentorFacts``) so it is tested without a database;
``suggestions_for`` loads those facts for a whole programme in a constant
number of queries, however many requests and mentors there are.

Points (``POINTS``):

- each deficit of the request that the mentor's competencies answer — 3;
- the same subject — 2; the same education level — 2;
- the mentoring form the mentee asked for — 1;
- the same organisation — 2, or else the same municipality — 1
  (meeting after lessons is easy when you work in one building or district);
- free places — 1. A mentor without free places is kept at the end of the
  list, marked «мест нет», and cannot be chosen.
"""

from dataclasses import dataclass, field

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

POINTS = {
    "deficit": 3,
    "subject": 2,
    "level": 2,
    "form": 1,
    "organisation": 2,
    "municipality": 1,
    "capacity": 1,
}


@dataclass(frozen=True)
class Reason:
    code: str
    label: str
    points: int


@dataclass(frozen=True)
class Term:
    """A taxonomy value as matching sees it: an id and a name to explain with."""

    id: int
    name: str


@dataclass(frozen=True)
class DeficitFacts:
    id: int
    name: str
    competencies: frozenset = frozenset()  # ids of competencies answering it


@dataclass(frozen=True)
class RequestFacts:
    id: int
    teacher_id: int | None = None
    deficits: tuple = ()
    subject: Term | None = None
    level: Term | None = None
    form: Term | None = None
    organisation: Term | None = None
    municipality: Term | None = None


@dataclass(frozen=True)
class MentorFacts:
    id: int
    name: str
    user_id: int | None = None
    competencies: tuple = ()  # Term
    subjects: frozenset = frozenset()
    levels: frozenset = frozenset()
    forms: frozenset = frozenset()
    organisation_id: int | None = None
    municipality_id: int | None = None
    capacity: int = 1
    taken: int = 0
    profile: object = field(default=None, compare=False, hash=False, repr=False)
    pool_entry: object = field(default=None, compare=False, hash=False, repr=False)

    @property
    def free(self):
        return max(self.capacity - self.taken, 0)


@dataclass
class Suggestion:
    mentor: MentorFacts
    reasons: list
    full: bool = False

    @property
    def score(self):
        return sum(reason.points for reason in self.reasons)

    def reasons_as_data(self):
        """The reasons as JSON-friendly dicts, kept with the pair that was formed."""
        return [{"code": r.code, "label": r.label, "points": r.points} for r in self.reasons]


def score(request, mentor):
    """The suggestion of ``mentor`` for ``request``: every reason with its points."""
    reasons = []
    competency_names = {term.id: term.name for term in mentor.competencies}
    for deficit in request.deficits:
        matching = sorted(
            competency_names[c] for c in deficit.competencies & competency_names.keys()
        )
        if matching:
            reasons.append(
                Reason(
                    "deficit",
                    _("Помогает с дефицитом «%(deficit)s»: %(competencies)s")
                    % {"deficit": deficit.name, "competencies": ", ".join(matching)},
                    POINTS["deficit"],
                )
            )
    if request.subject and request.subject.id in mentor.subjects:
        reasons.append(
            Reason(
                "subject",
                _("Тот же предмет: %(name)s") % {"name": request.subject.name},
                POINTS["subject"],
            )
        )
    if request.level and request.level.id in mentor.levels:
        reasons.append(
            Reason(
                "level",
                _("Тот же уровень образования: %(name)s") % {"name": request.level.name},
                POINTS["level"],
            )
        )
    if request.form and request.form.id in mentor.forms:
        reasons.append(
            Reason(
                "form",
                _("Работает в желаемой форме: %(name)s") % {"name": request.form.name},
                POINTS["form"],
            )
        )
    if request.organisation and request.organisation.id == mentor.organisation_id:
        reasons.append(
            Reason(
                "organisation",
                _("Из той же организации: %(name)s") % {"name": request.organisation.name},
                POINTS["organisation"],
            )
        )
    elif request.municipality and request.municipality.id == mentor.municipality_id:
        reasons.append(
            Reason(
                "municipality",
                _("Из того же муниципалитета: %(name)s") % {"name": request.municipality.name},
                POINTS["municipality"],
            )
        )
    full = mentor.free == 0
    if full:
        reasons.append(
            Reason(
                "full",
                _("Мест нет: заняты все %(capacity)s") % {"capacity": mentor.capacity},
                0,
            )
        )
    else:
        reasons.append(
            Reason(
                "capacity",
                _("Есть свободные места: %(free)s из %(capacity)s")
                % {"free": mentor.free, "capacity": mentor.capacity},
                POINTS["capacity"],
            )
        )
    return Suggestion(mentor=mentor, reasons=reasons, full=full)


def rank(request, mentors, *, excluded=frozenset(), limit=None):
    """Suggestions for ``request``, best first; mentors without free places last, marked.

    A mentor is never suggested to themselves, nor again to a request whose pair
    with them was declined (``excluded``: mentor ids).
    """
    suggestions = [
        score(request, mentor)
        for mentor in mentors
        if mentor.id not in excluded
        and (mentor.user_id is None or mentor.user_id != request.teacher_id)
    ]
    suggestions.sort(key=lambda s: (s.full, -s.score, -s.mentor.free, s.mentor.name))
    return suggestions[:limit] if limit else suggestions


# --- Loading the facts ------------------------------------------------------------------


def _term(obj):
    return Term(obj.pk, obj.name) if obj is not None else None


def request_facts(request):
    """Facts of a MenteeRequest loaded with ``MenteeRequest.objects.for_matching()``."""
    organisation = request.organisation
    return RequestFacts(
        id=request.pk,
        teacher_id=request.teacher_id,
        deficits=tuple(
            DeficitFacts(d.pk, d.name, frozenset(c.pk for c in d.competencies.all()))
            for d in request.deficits.all()
        ),
        subject=_term(request.subject),
        level=_term(request.education_level),
        form=_term(request.preferred_form),
        organisation=Term(organisation.pk, organisation.short_name) if organisation else None,
        municipality=_term(organisation.municipality) if organisation else None,
    )


def load_pool(programme):
    """Facts of every active mentor in the programme's pool: six queries in all."""
    from mentoring.models import MentorPoolEntry, PairMembership
    from mentoring.models.pairs import OCCUPYING_STATES
    from practices.models import Competency

    taken = (
        PairMembership.objects.filter(
            pair__programme=programme,
            pair__mentor=OuterRef("mentor"),
            pair__state__in=OCCUPYING_STATES,
            declined_at__isnull=True,
        )
        .values("pair__mentor")
        .annotate(count=Count("pk"))
        .values("count")
    )
    entries = (
        MentorPoolEntry.objects.filter(programme=programme, active=True)
        .select_related("mentor__organisation", "mentor__municipality")
        .prefetch_related(
            Prefetch("mentor__competencies", queryset=Competency.objects.only("pk", "name")),
            "mentor__subjects",
            "mentor__education_levels",
            "mentor__mentoring_forms",
        )
        .annotate(taken=Coalesce(Subquery(taken, output_field=IntegerField()), 0))
    )
    return [
        MentorFacts(
            id=entry.mentor.pk,
            name=entry.mentor.full_name,
            user_id=entry.mentor.user_id,
            competencies=tuple(Term(c.pk, c.name) for c in entry.mentor.competencies.all()),
            subjects=frozenset(s.pk for s in entry.mentor.subjects.all()),
            levels=frozenset(level.pk for level in entry.mentor.education_levels.all()),
            forms=frozenset(f.pk for f in entry.mentor.mentoring_forms.all()),
            organisation_id=entry.mentor.organisation_id,
            municipality_id=entry.mentor.municipality_id,
            capacity=entry.capacity,
            taken=entry.taken,
            profile=entry.mentor,
            pool_entry=entry,
        )
        for entry in entries
    ]


def declined_mentors(programme):
    """request id → ids of mentors whose pair with it was declined."""
    from mentoring.models import PairMembership, PairState

    declined = {}
    rows = PairMembership.objects.filter(
        pair__programme=programme, pair__state=PairState.DECLINED
    ).values_list("request_id", "pair__mentor_id")
    for request_id, mentor_id in rows:
        declined.setdefault(request_id, set()).add(mentor_id)
    return declined


def suggestions_for(programme, requests, limit=5):
    """{request id: [Suggestion, …]} for ``requests`` (loaded ``for_matching()``)."""
    mentors = load_pool(programme)
    declined = declined_mentors(programme)
    return {
        request.pk: rank(
            request_facts(request),
            mentors,
            excluded=frozenset(declined.get(request.pk, ())),
            limit=limit,
        )
        for request in requests
    }


def suggestion_for(programme, request, mentor):
    """The suggestion of one mentor for one request (to keep with the pair formed), or None."""
    for suggestion in suggestions_for(programme, [request], limit=None)[request.pk]:
        if suggestion.mentor.id == mentor.pk:
            return suggestion
    return None
