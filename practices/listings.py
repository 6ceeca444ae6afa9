"""Lists of practices that other parts of the portal show.

These functions are the practice bank's interface to other apps (the home page,
mentor profiles, communities): they return live, public practices only, with
what a practice card shows already loaded (``practices/includes/practice_card.html``
then costs no query per card).
"""

from django.db.models import Prefetch

from practices.models import PracticeAuthor, PracticePage

# Big text columns a card never shows.
CARD_DEFERRED_FIELDS = ["steps", "results", "evidence", "problem"]
AUTHOR_CARD_FIELDS = [
    "page",
    "sort_order",
    "author__last_name",
    "author__first_name",
    "author__middle_name",
    "author__slug",
    "author__user",
]


def published_practices():
    return PracticePage.objects.live().public()


def with_card_data(queryset):
    """What ``practice_card.html`` reads: form, levels, authors, organisation, municipality."""
    return (
        queryset.select_related("mentoring_form", "organisation", "municipality")
        .prefetch_related(
            "education_levels",
            Prefetch(
                "authors",
                # Only the names: a mentor profile may carry a photo, a biography, awards.
                queryset=PracticeAuthor.objects.select_related("author")
                .only(*AUTHOR_CARD_FIELDS)
                .order_by("sort_order"),
            ),
        )
        .defer(*CARD_DEFERRED_FIELDS)
    )


def latest_practices(limit=6):
    return with_card_data(published_practices()).order_by("-first_published_at", "-pk")[:limit]


def practices_by_author(profile):
    """Published practices that ``profile`` (a mentoring.MentorProfile) co-authored, newest first."""
    authored = PracticeAuthor.objects.filter(author=profile).values("page_id")
    return with_card_data(published_practices().filter(pk__in=authored)).order_by(
        "-first_published_at", "-pk"
    )


def practices_by_users(user_ids):
    """Published practices authored by mentors whose accounts are ``user_ids`` (community members)."""
    authored = PracticeAuthor.objects.filter(author__user_id__in=user_ids).values("page_id")
    return with_card_data(published_practices().filter(pk__in=authored)).order_by(
        "-first_published_at", "-pk"
    )
