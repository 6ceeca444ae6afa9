"""The honour board: which mentors it shows, in what order, and how visitors filter it.

The award filters (year, level) apply to one and the same award: «региональный,
2024» finds mentors with a regional award of 2024, not a regional award of 2019
plus any award of 2024. Each card then shows the awards that matched.
"""

from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Prefetch, Q, Subquery
from django.utils.translation import gettext_lazy as _

import django_filters

from mentoring.models import Award, AwardLevel, MentorProfile, Municipality
from practices.models import Competency, Subject

BOARD_PAGE_SIZE = 24

# Areas of expertise come from two vocabularies shared with the practice bank;
# the filter value says which one: ``predmet.matematika``, ``kompetenciya.ocenivanie``.
EXPERTISE_KINDS = {
    "predmet": ("subjects", Subject, _("Предметные области")),
    "kompetenciya": ("competencies", Competency, _("Компетенции")),
}


def expertise_choices(profiles):
    """Grouped choices of the areas the mentors in ``profiles`` actually have (no dead ends)."""
    groups = []
    for kind, (_relation, model, label) in EXPERTISE_KINDS.items():
        terms = model.objects.filter(mentors__in=profiles).distinct().order_by("sort_order", "name")
        options = [(f"{kind}.{slug}", name) for slug, name in terms.values_list("slug", "name")]
        if options:
            groups.append((label, options))
    return groups


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
    municipality = django_filters.ModelChoiceFilter(
        label=_("Муниципалитет"),
        empty_label=_("Все муниципалитеты"),
        field_name="municipality",
        to_field_name="slug",
        queryset=Municipality.objects.none(),
    )

    class Meta:
        model = MentorProfile
        fields = ["year", "level", "expertise", "municipality"]

    def __init__(self, data=None, queryset=None, **kwargs):
        super().__init__(data=data, queryset=queryset, **kwargs)
        awarded = MentorProfile.objects.awarded()
        years = Award.objects.order_by("-year").values_list("year", flat=True).distinct()
        self.filters["year"].extra["choices"] = [(str(year), str(year)) for year in years]
        self.filters["expertise"].extra["choices"] = expertise_choices(awarded)
        self.filters["municipality"].queryset = Municipality.objects.filter(
            mentors__in=awarded
        ).distinct()

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
    matching = Award.objects.filter(award_conditions, profile=OuterRef("pk")).by_importance()
    return (
        MentorProfile.objects.for_cards()
        .filter(Exists(matching))
        .annotate(
            latest_award_year=Subquery(matching.values("year")[:1]),
            top_award_rank=Subquery(
                matching.annotate(rank=AwardLevel.rank_expression())
                .order_by("-year", "-rank")
                .values("rank")[:1]
            ),
        )
        .order_by("-latest_award_year", "-top_award_rank", "last_name", "first_name")
        .prefetch_related(
            Prefetch(
                "awards",
                queryset=Award.objects.filter(award_conditions).by_importance(),
                to_attr="board_awards",
            )
        )
    )


def board_context(request):
    """Context of the honour board page: the filter form, one page of cards, the counts."""
    board_filter = HonourBoardFilter(request.GET)
    board_filter.queryset = board_queryset(board_filter.award_conditions())
    paginator = Paginator(board_filter.qs, BOARD_PAGE_SIZE)
    page_obj = paginator.get_page(request.GET.get("page"))
    is_filtered = board_filter.is_filtered
    return {
        "filter_form": board_filter.form,
        "mentors": page_obj.object_list,
        "page_obj": page_obj,
        "is_filtered": is_filtered,
        "board_is_empty": paginator.count == 0 and not is_filtered,
    }
