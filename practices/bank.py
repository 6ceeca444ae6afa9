"""Browsing the bank: the filtered, counted, paginated list, and what a practice page shows.

The counts come from practices.facets; the number of queries of either page
never depends on the number of practices.
"""

from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from portal.navigation import section_pages
from practices.applications import application_of, can_apply, recent_feedback
from practices.facets import facet_counts, terms
from practices.filters import FILTER_PARAMS, SORT_CHOICES, PracticeFilterSet
from practices.listings import published_practices, with_card_data
from practices.models import PracticePageTag
from practices.publishing import can_propose

PAGE_SIZE = 12
RELATED_LIMIT = 3
# Practices sharing tags considered for «Похожие практики», the most overlapping first.
RELATED_CANDIDATES = 40


@dataclass(frozen=True)
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass(frozen=True)
class Facet:
    param: str
    label: str
    empty_label: str
    options: list = field(default_factory=list)

    @property
    def selected(self):
        return next((option for option in self.options if option.selected), None)


@dataclass(frozen=True)
class ActiveFilter:
    param: str
    label: str
    value: str
    remove_url: str


def url_without(request, *params):
    """The current address without ``params`` (and without ``page``: a new list starts at 1)."""
    query = request.GET.copy()
    for param in (*params, "page"):
        query.pop(param, None)
    return f"?{query.urlencode()}" if query else request.path


EMPTY_LABELS = {
    "form": _("Все формы"),
    "level": _("Все уровни"),
    "subject": _("Все области"),
    "competency": _("Все компетенции"),
    "municipality": _("Все муниципалитеты"),
    "tag": _("Все метки"),
}


def _facet(filterset, param, values, counts, selected):
    """``values``: ``(pk, slug, name)`` in display order; ``counts``: ``{pk: count}``."""
    selected_pk = getattr(selected, "pk", None)
    options = [
        FacetOption(slug, name, counts.get(pk, 0), pk == selected_pk) for pk, slug, name in values
    ]
    return Facet(param, filterset.filters[param].label, EMPTY_LABELS[param], options)


def facets(filterset):
    """The facets of the filter form with a count for every value (practices.facets)."""
    active = filterset.active_values()
    found = facet_counts(filterset)
    term_lists = terms()
    result = {
        param: _facet(
            filterset, param, term_lists[param], found["counts"][param], active.get(param)
        )
        for param in ("form", "level", "subject", "competency")
    }
    # Only places that have practices (or the chosen one) are worth a line.
    chosen_place = getattr(active.get("municipality"), "pk", None)
    places = [
        place
        for place in term_lists["municipality"]
        if found["counts"]["municipality"].get(place[0]) or place[0] == chosen_place
    ]
    result["municipality"] = _facet(
        filterset,
        "municipality",
        places,
        found["counts"]["municipality"],
        active.get("municipality"),
    )
    tag = active.get("tag")
    tags = [(pk, slug, name) for pk, slug, name, _count in found["tags"]]
    if tag is not None and tag.pk not in {pk for pk, _slug, _name in tags}:
        # A rare tag chosen from a practice page: show it first, with the current result count.
        tags.insert(0, (tag.pk, tag.slug, tag.name))
    tag_counts = {pk: count for pk, _slug, _name, count in found["tags"]}
    if tag is not None:
        tag_counts.setdefault(tag.pk, found["total"])
    result["tag"] = _facet(filterset, "tag", tags, tag_counts, tag)
    result["recommended_count"] = found["recommended"]
    result["total"] = found["total"]
    return result


def active_filters(filterset, request):
    """The chips above the results, each with the link that removes it."""
    chips = []
    for param, value in filterset.active_values().items():
        remove_url = url_without(request, param)
        if param == "recommended":
            chips.append(
                ActiveFilter(param, _("Отметка"), _("рекомендована к тиражированию"), remove_url)
            )
        else:
            label = filterset.filters[param].label
            chips.append(ActiveFilter(param, label, getattr(value, "name", str(value)), remove_url))
    # Keep the order of the form.
    chips.sort(key=lambda chip: FILTER_PARAMS.index(chip.param))
    return chips


def browse_bank(request):
    """Context of the practice index page for ``request.GET``."""
    filterset = PracticeFilterSet(request.GET or None, queryset=published_practices())
    facet_list = facets(filterset)
    total = facet_list["total"]
    paginator = Paginator(with_card_data(filterset.qs), PAGE_SIZE)
    paginator.count = total  # counted with the facets (and cached with them)
    page_obj = paginator.get_page(request.GET.get("page"))
    return {
        "filterset": filterset,
        "facets": facet_list,
        "active_filters": active_filters(filterset, request),
        "reset_url": url_without(request, *FILTER_PARAMS),
        "sort": filterset.sort_key,
        "sort_choices": SORT_CHOICES,
        "page_obj": page_obj,
        "practices": page_obj.object_list,
        "result_count": total,
        "can_propose": can_propose(request.user),
        "feed_query": request.GET.urlencode() if filterset.active_values() else "",
    }


# --- A practice page -------------------------------------------------------------------------


def related_practices(practice, tags, limit=RELATED_LIMIT):
    """Practices sharing most tags with ``practice`` (the same form first among equals, then the
    newest), topped up with others of the same form.

    The overlap is counted on the tag links alone, through their index on the tag,
    so the cost follows the tags' popularity, not the size of the bank.
    """
    base = published_practices().exclude(pk=practice.pk)
    chosen = []
    if tags:
        shared = dict(
            PracticePageTag.objects.filter(tag__in=tags)
            .exclude(content_object_id=practice.pk)
            .values_list("content_object_id")
            .annotate(shared=Count("id"))
            .order_by("-shared", "-content_object_id")[:RELATED_CANDIDATES]
        )
        candidates = base.filter(pk__in=list(shared)).values_list(
            "pk", "mentoring_form_id", "first_published_at"
        )
        chosen = [
            pk
            for pk, _form, _published in sorted(
                candidates,
                key=lambda row: (
                    -shared[row[0]],
                    row[1] != practice.mentoring_form_id,
                    -row[2].timestamp() if row[2] else 0,
                ),
            )
        ][:limit]
    if len(chosen) < limit and practice.mentoring_form_id:
        chosen += list(
            base.filter(mentoring_form_id=practice.mentoring_form_id)
            .exclude(pk__in=chosen)
            .order_by("-recommended", "-first_published_at")
            .values_list("pk", flat=True)[: limit - len(chosen)]
        )
    if not chosen:
        return []
    by_pk = {item.pk: item for item in with_card_data(base.filter(pk__in=chosen))}
    return [by_pk[pk] for pk in chosen if pk in by_pk]


def practice_page_context(practice, request):
    """What a practice page shows beside its own fields; a fixed number of queries."""
    tags = list(practice.tags.all())
    authors = [link.author for link in practice.authors.select_related("author__organisation")]
    saved = practice.pk is not None and practice.live
    user = request.user
    index = section_pages(request).get("practices")
    return {
        "index_url": index.get_url(request) if index else "",
        "tags": tags,
        "authors": authors,
        "levels": list(practice.education_levels.all()),
        "subjects": list(practice.subjects.all()),
        "competencies": list(practice.competencies.all()),
        "resources": list(practice.resources.select_related("document")),
        "related_practices": related_practices(practice, tags) if saved else [],
        "feedback": recent_feedback(practice) if saved else [],
        "my_application": application_of(practice, user) if saved else None,
        "can_apply": saved and can_apply(user, practice, authors=authors),
    }
