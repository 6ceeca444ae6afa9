"""Lists of practices that other parts of the portal show (the home page)."""

from practices.models import PracticePage


def latest_practices(limit=6):
    return (
        PracticePage.objects.live()
        .public()
        .select_related("mentoring_form")
        .order_by("-first_published_at")[:limit]
    )
