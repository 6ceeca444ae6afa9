"""Counts per filter value of the practice bank, and when they change.

Each facet is counted over the practices matching every *other* active filter
(choosing another value of the same facet replaces the current one, so that
is what its number must predict), by one aggregate query grouped on the
facet's column — the cost follows the size of the filtered set, and the number
of queries never depends on the number of practices.

Counts change only when the bank does, so they are kept in the cache under a
*generation* that every change of the bank renews (publishing, unpublishing,
deleting or moving a practice, editing a taxonomy, restricting a page); a
changed bank is never counted from stale figures. ``FACET_CACHE_SECONDS``
bounds how long an unused entry lives.
"""

import uuid

from django.core.cache import cache
from django.db.models import Count

from taggit.models import Tag

from mentoring.models import Municipality
from practices.models import Competency, EducationLevel, MentoringForm, PracticePage, Subject

FACET_CACHE_SECONDS = 10 * 60
GENERATION_KEY = "practices:bank-generation"
TERMS_GENERATION_KEY = "practices:terms-generation"
TAG_FACET_LIMIT = 24

TERM_MODELS = {
    "form": MentoringForm,
    "level": EducationLevel,
    "subject": Subject,
    "competency": Competency,
    "municipality": Municipality,
}


def generation(key=GENERATION_KEY):
    value = cache.get(key)
    if value is None:
        cache.add(key, uuid.uuid4().hex, timeout=None)
        value = cache.get(key)
    return value


def bank_changed(**kwargs):
    """Signal receiver: forget every count computed before this change of the bank."""
    cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)


def terms_changed(**kwargs):
    """Signal receiver: a taxonomy value or a municipality changed — names and counts are stale."""
    cache.set(TERMS_GENERATION_KEY, uuid.uuid4().hex, timeout=None)
    bank_changed()


def terms():
    """``{param: [(pk, slug, name), ...]}`` in display order, from the cache when unchanged."""
    key = f"practices:terms:{generation(TERMS_GENERATION_KEY)}"
    found = cache.get(key)
    if found is None:
        found = {
            param: list(model.objects.values_list("pk", "slug", "name"))
            for param, model in TERM_MODELS.items()
        }
        cache.set(key, found, FACET_CACHE_SECONDS)
    return found


# Single-valued facets, counted together from one grouped query (see _cube_counts).
CUBE = {
    "form": "mentoring_form_id",
    "municipality": "municipality_id",
    "recommended": "recommended",
}
# Many-valued facets: one grouped query each over their own join.
JOINED = {"level": "education_levels", "subject": "subjects", "competency": "competencies"}


def _group_counts(queryset, field):
    return dict(queryset.order_by().values_list(field).annotate(count=Count("pk")))


def _cube_counts(filterset):
    """Form, municipality, the «рекомендована» mark and the total, from one query.

    The practices matching the other filters are grouped by (form, municipality,
    mark) — a few dozen rows — and each facet sums the groups that satisfy the
    *other two* of these filters, the total those satisfying all three.
    """
    active = filterset.active_values()
    wanted = {
        "form": getattr(active.get("form"), "pk", None),
        "municipality": getattr(active.get("municipality"), "pk", None),
        "recommended": True if active.get("recommended") else None,
    }
    rows = (
        filterset.queryset_without(*CUBE)
        .order_by()
        .values_list(*CUBE.values())
        .annotate(count=Count("pk"))
    )
    counts = {"form": {}, "municipality": {}, "recommended": 0, "total": 0}
    for form, place, recommended, count in rows:
        row = {"form": form, "municipality": place, "recommended": recommended}
        fits = {param: wanted[param] in (None, row[param]) for param in CUBE}
        if fits["municipality"] and fits["recommended"]:
            counts["form"][form] = counts["form"].get(form, 0) + count
        if fits["form"] and fits["recommended"]:
            counts["municipality"][place] = counts["municipality"].get(place, 0) + count
        if fits["form"] and fits["municipality"] and recommended:
            counts["recommended"] += count
        if all(fits.values()):
            counts["total"] += count
    return counts


def compute(filterset):
    """Every count the bank's filter form shows, plus the number of results; five queries."""
    cube = _cube_counts(filterset)
    counts = {
        param: _group_counts(filterset.queryset_without(param), field)
        for param, field in JOINED.items()
    }
    counts["form"] = cube["form"]
    counts["municipality"] = cube["municipality"]
    tags = [
        row
        for row in filterset.queryset_without("tag")
        .values_list("tagged_items__tag_id", "tagged_items__tag__slug", "tagged_items__tag__name")
        .annotate(count=Count("pk"))
        .order_by("-count", "tagged_items__tag__name")[: TAG_FACET_LIMIT + 1]
        if row[0] is not None  # the group of practices without tags
    ][:TAG_FACET_LIMIT]
    return {
        "counts": counts,
        "tags": tags,
        "recommended": cube["recommended"],
        "total": cube["total"],
    }


def cache_key(filterset):
    active = ",".join(
        sorted(
            f"{param}={getattr(value, 'pk', value)}"
            for param, value in filterset.active_values().items()
        )
    )
    return f"practices:facets:{generation()}:{active}"


def facet_counts(filterset):
    """The counts for ``filterset``'s active filters, computed once per bank generation."""
    key = cache_key(filterset)
    found = cache.get(key)
    if found is None:
        found = compute(filterset)
        cache.set(key, found, FACET_CACHE_SECONDS)
    return found


def connect_signals():
    """Called from AppConfig.ready: every change that can alter a count renews the generation."""
    from django.db.models.signals import post_delete, post_save

    from wagtail.models import PageViewRestriction
    from wagtail.signals import page_published, page_unpublished, post_page_move

    uid = "practices-facets-"
    page_published.connect(bank_changed, sender=PracticePage, dispatch_uid=f"{uid}published")
    page_unpublished.connect(bank_changed, sender=PracticePage, dispatch_uid=f"{uid}unpublished")
    post_delete.connect(bank_changed, sender=PracticePage, dispatch_uid=f"{uid}deleted")
    post_page_move.connect(bank_changed, dispatch_uid=f"{uid}moved")
    for model in TERM_MODELS.values():
        post_save.connect(terms_changed, sender=model, dispatch_uid=f"{uid}{model.__name__}-saved")
        post_delete.connect(
            terms_changed, sender=model, dispatch_uid=f"{uid}{model.__name__}-deleted"
        )
    for model in (Tag, PageViewRestriction):
        post_save.connect(bank_changed, sender=model, dispatch_uid=f"{uid}{model.__name__}-saved")
        post_delete.connect(
            bank_changed, sender=model, dispatch_uid=f"{uid}{model.__name__}-deleted"
        )
