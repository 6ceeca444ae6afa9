"""The honour board: which mentors it shows, in what order, and how visitors filter it.

The award filters (year, level) apply to one and the same award: «региональный,
2024» finds mentors with a regional award of 2024, not a regional award of 2019
plus any award of 2024. Each card then shows the awards that matched.

The board changes a few times a year and is read every day, so what it shows is
cached under a version that any change to mentors, awards, photos or the
vocabularies replaces (``mentoring.signals``): the filter choices as data, the
results as a template fragment (``{% cache %}`` keyed by ``board_cache_key``).
"""

from uuid import uuid4

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import OuterRef, Prefetch, Q, Subquery
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

import django_filters

from mentoring.models import Award, AwardLevel, MentorProfile, Municipality
from practices.models import Competency, Subject

BOARD_PAGE_SIZE = 24
VERSION_KEY = "mentoring:honour-board:version"
CACHE_TIMEOUT = 24 * 60 * 60  # a day; any change replaces the version long before
# Pages beyond this are rendered but never cached: a crawler walking ?page=1…10⁶ must
# not fill the cache.
MAX_CACHED_PAGE = 50

# Areas of expertise come from two vocabularies shared with the practice bank;
# the filter value says which one: ``predmet.matematika``, ``kompetenciya.ocenivanie``.
EXPERTISE_KINDS = {
    "predmet": ("subjects", Subject, _("Предметные области")),
    "kompetenciya": ("competencies", Competency, _("Компетенции")),
}


def board_version():
    """The current version of everything the board shows; changes on any relevant save."""
    version = cache.get(VERSION_KEY)
    if version is None:
        version = uuid4().hex
        cache.add(VERSION_KEY, version, None)
        version = cache.get(VERSION_KEY, version)
    return version


def invalidate_board():
    cache.set(VERSION_KEY, uuid4().hex, None)


def _collect_choices():
    """What the filters offer: only values some awarded mentor has, so no filter is a dead end."""
    awarded = MentorProfile.objects.awarded()
    expertise = {}
    for kind, (_relation, model, _label) in EXPERTISE_KINDS.items():
        terms = model.objects.filter(mentors__in=awarded).distinct().order_by("sort_order", "name")
        expertise[kind] = list(terms.values_list("slug", "name"))
    return {
        "years": list(Award.objects.order_by("-year").values_list("year", flat=True).distinct()),
        "expertise": expertise,
        "municipalities": list(
            Municipality.objects.filter(mentors__in=awarded)
            .distinct()
            .order_by("name")
            .values_list("slug", "name")
        ),
    }


def filter_choices():
    key = f"mentoring:honour-board:choices:{board_version()}"
    choices = cache.get(key)
    if choices is None:
        choices = _collect_choices()
        cache.set(key, choices, CACHE_TIMEOUT)
    return choices


class HonourBoardFilter(django_filters.FilterSet):
    year = django_filters.ChoiceFilter(
        label=_("Год награждения"),
        empty_label=_("Все годы"),
        method="filter_by_award",
    )
    level = django_filters.ChoiceFilter(
        label=_("Уровень награды"),
        empty_label=_("Все уровни"),
        choices=AwardLevel.choices,
        method="filter_by_award",
    )
    expertise = django_filters.ChoiceFilter(
        label=_("Область экспертизы"),
        empty_label=_("Все области"),
        method="filter_by_expertise",
    )
    municipality = django_filters.ChoiceFilter(
        label=_("Муниципалитет"),
        empty_label=_("Все муниципалитеты"),
        field_name="municipality__slug",
    )

    class Meta:
        model = MentorProfile
        fields = ["year", "level", "expertise", "municipality"]

    def __init__(self, data=None, queryset=None, **kwargs):
        super().__init__(data=data, queryset=queryset, **kwargs)
        choices = filter_choices()
        self.filters["year"].extra["choices"] = [(str(y), str(y)) for y in choices["years"]]
        self.filters["expertise"].extra["choices"] = [
            (EXPERTISE_KINDS[kind][2], [(f"{kind}.{slug}", name) for slug, name in terms])
            for kind, terms in choices["expertise"].items()
            if terms
        ]
        self.filters["municipality"].extra["choices"] = choices["municipalities"]

    def cleaned(self):
        """The valid part of the filter form (a stale value in one field spoils nothing else)."""
        if not self.is_bound:
            return {}
        self.form.is_valid()
        return self.form.cleaned_data

    def award_conditions(self):
        """The award filters as one Q over Award, or an empty Q when none is chosen."""
        data = self.cleaned()
        conditions = Q()
        if data.get("year"):
            conditions &= Q(year=int(data["year"]))
        if data.get("level"):
            conditions &= Q(level=data["level"])
        return conditions

    def filter_by_award(self, queryset, name, value):
        # Applied jointly by board_queryset(award_conditions()), so that one award matches both.
        return queryset

    def filter_by_expertise(self, queryset, name, value):
        kind, _dot, slug = value.partition(".")
        relation = EXPERTISE_KINDS[kind][0]
        return queryset.filter(**{f"{relation}__slug": slug})

    @property
    def is_filtered(self):
        return any(self.cleaned().get(name) for name in self.filters)


def board_queryset(award_conditions=None):
    """Awarded mentors, the newest and highest awards first, ready for cards.

    ``award_conditions`` narrows both the order and the awards each card lists
    to those that matched the filters.
    """
    award_conditions = award_conditions or Q()
    matching = Award.objects.filter(award_conditions, profile=OuterRef("pk"))
    return (
        MentorProfile.objects.for_cards()
        .annotate(award_score=Subquery(matching.best_score()))
        .filter(award_score__isnull=False)
        .order_by("-award_score", "last_name", "first_name")
        .prefetch_related(
            Prefetch(
                "awards",
                queryset=Award.objects.filter(award_conditions).by_importance(),
                to_attr="board_awards",
            )
        )
    )


def _cache_key(board_filter, request):
    """The fragment key for this request, or None when it must not be cached (junk input)."""
    if board_filter.is_bound and board_filter.form.errors:
        return None
    page = request.GET.get("page", "1")
    if not page.isdigit() or not 1 <= int(page) <= MAX_CACHED_PAGE:
        return None
    data = board_filter.cleaned()
    filters = [str(data.get(name) or "") for name in board_filter.filters]
    return ":".join([board_version(), get_language() or "", page, *filters])


def board_context(request):
    """Context of the honour board page: the filter form and, lazily, one page of cards.

    The results are computed only if the template's cached fragment misses.
    """
    board_filter = HonourBoardFilter(request.GET)
    is_filtered = board_filter.is_filtered

    def results():
        board_filter.queryset = board_queryset(board_filter.award_conditions())
        paginator = Paginator(board_filter.qs, BOARD_PAGE_SIZE)
        page_obj = paginator.get_page(request.GET.get("page"))
        return {
            "page_obj": page_obj,
            "mentors": page_obj.object_list,
            "board_is_empty": paginator.count == 0 and not is_filtered,
        }

    return {
        "filter_form": board_filter.form,
        "is_filtered": is_filtered,
        "board": SimpleLazyObject(results),
        "board_cache_key": _cache_key(board_filter, request),
        "board_cache_timeout": CACHE_TIMEOUT,
    }
