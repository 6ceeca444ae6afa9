"""Browsing the bank: the filtered, counted, paginated list, and what a practice page shows.

Every count is one aggregate query per facet, computed over the practices that
match all *other* active filters (choosing another value of the same facet
replaces the current one, so that is what its number must predict). The number
of queries never depends on the number of practices.
"""

from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.utils.translation import gettext_lazy as _

from taggit.models import Tag

from mentoring.models import Municipality
from portal.navigation import section_pages
from practices.applications import application_of, can_apply, recent_feedback
from practices.filters import FILTER_PARAMS, SORT_CHOICES, PracticeFilterSet
from practices.listings import published_practices, with_card_data
from practices.models import Competency, EducationLevel, MentoringForm, Subject
from practices.publishing import can_propose

PAGE_SIZE = 12
TAG_FACET_LIMIT = 24
RELATED_LIMIT = 3


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


# param → (taxonomy model, label of the «any» choice); labels come from the FilterSet.
TERM_FACETS = [
    ("form", MentoringForm, _("Все формы")),
    ("level", EducationLevel, _("Все уровни")),
    ("subject", Subject, _("Все области")),
    ("competency", Competency, _("Все компетенции")),
]


def _term_facet(filterset, param, model, empty_label, selected):
    matching = filterset.queryset_without(param).values("pk")
    terms = model.objects.annotate(
        practice_count=Count("practices", filter=Q(practices__in=matching))
    )
    options = [
        FacetOption(
            value=term.slug,
            label=str(term),
            count=term.practice_count,
            selected=selected is not None and term.pk == selected.pk,
        )
        for term in terms
    ]
    return Facet(param, filterset.filters[param].label, empty_label, options)


def _municipality_facet(filterset, selected):
    matching = filterset.queryset_without("municipality").values("pk")
    places = Municipality.objects.annotate(
        practice_count=Count("practices", filter=Q(practices__in=matching))
    ).filter(Q(practice_count__gt=0) | Q(pk=getattr(selected, "pk", None)))
    options = [
        FacetOption(
            place.slug, place.name, place.practice_count, place.pk == getattr(selected, "pk", None)
        )
        for place in places
    ]
    return Facet(
        "municipality", filterset.filters["municipality"].label, _("Все муниципалитеты"), options
    )


def _tag_facet(filterset, selected, total):
    matching = filterset.queryset_without("tag").values("pk")
    tags = list(
        Tag.objects.filter(practices_practicepagetag_items__content_object__in=matching)
        .annotate(practice_count=Count("practices_practicepagetag_items"))
        .order_by("-practice_count", "name")[:TAG_FACET_LIMIT]
    )
    options = [
        FacetOption(tag.slug, tag.name, tag.practice_count, tag.pk == getattr(selected, "pk", None))
        for tag in tags
    ]
    if selected is not None and not any(option.selected for option in options):
        # A rare tag chosen from a practice page: its count is the current result count.
        options.insert(0, FacetOption(selected.slug, selected.name, total, True))
    return Facet("tag", filterset.filters["tag"].label, _("Все метки"), options)


def facets(filterset, total):
    """The facets of the filter form with a count for every value; seven aggregate queries."""
    active = filterset.active_values()
    result = {
        param: _term_facet(filterset, param, model, empty_label, active.get(param))
        for param, model, empty_label in TERM_FACETS
    }
    result["tag"] = _tag_facet(filterset, active.get("tag"), total)
    result["municipality"] = _municipality_facet(filterset, active.get("municipality"))
    result["recommended_count"] = (
        filterset.queryset_without("recommended").filter(recommended=True).count()
    )
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
    paginator = Paginator(with_card_data(filterset.qs), PAGE_SIZE)
    page_obj = paginator.get_page(request.GET.get("page"))
    total = paginator.count
    return {
        "filterset": filterset,
        "facets": facets(filterset, total),
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
    """Practices that share most tags with ``practice``, then others of the same form.

    Only practices sharing a tag are counted (through the tag index), so the cost
    follows the tags' popularity, not the size of the bank.
    """
    base = published_practices().exclude(pk=practice.pk)
    chosen = []
    if tags:
        same_form = Case(
            When(mentoring_form_id=practice.mentoring_form_id, then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
        chosen = list(
            base.filter(tagged_items__tag__in=tags)
            .annotate(shared_tags=Count("tagged_items"), same_form=same_form)
            .order_by("-shared_tags", "-same_form", "-first_published_at")
            .values_list("pk", flat=True)[:limit]
        )
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
