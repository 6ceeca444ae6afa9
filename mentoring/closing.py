"""Closing a programme: the curator marks the best pairs and mentors, which feeds the honour board.

A mark is an ``Award`` of the mentor (the model the board already shows): the
level follows the programme's (a school's programme awards at school level, a
district's at municipal level). Marking twice changes nothing. The award names
the programme, never the mentee: the board is public, the pair's data is not.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mentoring.models import Award, AwardLevel, PairState, ProgrammeLevel

BEST_PAIR_TITLE = "Лучшая наставническая пара программы «%(programme)s»"
BEST_MENTOR_TITLE = "Лучший наставник программы «%(programme)s»"


class ClosingError(Exception):
    pass


def award_level(programme):
    return AwardLevel.SCHOOL if programme.level == ProgrammeLevel.SCHOOL else AwardLevel.MUNICIPAL


def _award_year(programme, on=None):
    # The year the programme ends, unless it ends in the future (awards cannot be).
    today = on or timezone.localdate()
    return min(programme.ends_on.year, today.year)


@transaction.atomic
def mark_best_pair(pair):
    if pair.best_award_id is not None:
        return pair.best_award
    if pair.state != PairState.FINISHED:
        raise ClosingError(_("Лучшей можно отметить только завершившую работу пару."))
    programme = pair.programme
    award = Award.objects.create(
        profile=pair.mentor,
        title=BEST_PAIR_TITLE % {"programme": programme.title},
        level=award_level(programme),
        year=_award_year(programme),
        issuer=programme.title,
        citation=_("За результативную работу наставнической пары и представленный итог."),
    )
    pair.best_award = award
    pair.save(update_fields=["best_award"])
    return award


@transaction.atomic
def mark_best_mentor(entry):
    if entry.best_award_id is not None:
        return entry.best_award
    programme = entry.programme
    award = Award.objects.create(
        profile=entry.mentor,
        title=BEST_MENTOR_TITLE % {"programme": programme.title},
        level=award_level(programme),
        year=_award_year(programme),
        issuer=programme.title,
        citation=_("За системную работу с молодыми педагогами в программе наставничества."),
    )
    entry.best_award = award
    entry.save(update_fields=["best_award"])
    return award
