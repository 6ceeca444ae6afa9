"""Mentors and programme figures that other parts of the portal show (the home page)."""

from django.db.models import (
    BooleanField,
    ExpressionWrapper,
    F,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
)

from mentoring.models import Award, MentorProfile


def featured_mentors(limit=6):
    """Mentors for the honour-board strip of the home page.

    Awarded mentors first and, among them, those with a photo and the newest,
    highest awards; while the board is still filling up, other mentors (with
    photos first) complete the strip. Each mentor carries ``board_awards`` (their
    newest, highest award) and the renditions of the board card: three queries in all.
    """
    awards = Award.objects.filter(profile=OuterRef("pk"))
    return (
        MentorProfile.objects.for_cards()
        .annotate(award_score=Subquery(awards.best_score()))
        .alias(
            has_award=ExpressionWrapper(Q(award_score__isnull=False), output_field=BooleanField()),
            has_photo=ExpressionWrapper(Q(photo__isnull=False), output_field=BooleanField()),
        )
        .order_by(
            # Any award beats none, a photo beats none, then the newest, highest award.
            F("has_award").desc(),
            F("has_photo").desc(),
            F("award_score").desc(nulls_last=True),
            "last_name",
            "first_name",
        )
        .prefetch_related(
            # The strip is a teaser: each card names the mentor's newest, highest award.
            Prefetch("awards", queryset=Award.objects.by_importance()[:1], to_attr="board_awards")
        )[:limit]
    )


def programme_figures():
    """Headline figures of the mentoring programme under way; None until a programme exists."""
    from mentoring.figures import programme_figures as figures

    return figures()
