"""Filters of the practice bank: one FilterSet reads the same GET parameters whether they come
from the filter form, a facet link, a tag, the feed URL or the JSON API.

``?form=uchitel-uchitel&level=ooo&competency=ocenivanie&tag=адаптация&municipality=moskovskij-rajon&recommended=1&sort=applied``
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from taggit.models import Tag

import django_filters

from mentoring.models import Municipality
from practices.facets import terms
from practices.models import Competency, EducationLevel, MentoringForm, PracticePage, Subject

SORT_NEWEST = "new"
SORT_MOST_APPLIED = "applied"
SORT_CHOICES = [
    (SORT_NEWEST, _("Сначала новые")),
    (SORT_MOST_APPLIED, _("Чаще применяют")),
]
SORT_ORDER = {
    SORT_NEWEST: ["-first_published_at", "-pk"],
    SORT_MOST_APPLIED: ["-applications_count", "-first_published_at", "-pk"],
}

# Query parameters that narrow the list (everything but the sort order and the page).
FILTER_PARAMS = ["form", "level", "subject", "competency", "tag", "municipality", "recommended"]


class TermChoiceField(forms.ModelChoiceField):
    """A taxonomy value chosen by slug, found in the cached term lists (practices.facets.terms)."""

    def __init__(self, *args, term_param, **kwargs):
        self.term_param = term_param
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        for pk, slug, name in terms()[self.term_param]:
            if slug == value:
                return self.queryset.model(pk=pk, slug=slug, name=name)
        raise ValidationError(
            self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
        )


class TermFilter(django_filters.ModelChoiceFilter):
    field_class = TermChoiceField


class PracticeFilterSet(django_filters.FilterSet):
    form = TermFilter(
        label=_("Форма наставничества"),
        field_name="mentoring_form",
        queryset=MentoringForm.objects.all(),
        to_field_name="slug",
        term_param="form",
        empty_label=_("Все формы"),
    )
    level = TermFilter(
        label=_("Уровень образования"),
        field_name="education_levels",
        queryset=EducationLevel.objects.all(),
        to_field_name="slug",
        term_param="level",
        empty_label=_("Все уровни"),
    )
    subject = TermFilter(
        label=_("Предметная область"),
        field_name="subjects",
        queryset=Subject.objects.all(),
        to_field_name="slug",
        term_param="subject",
        empty_label=_("Все области"),
    )
    competency = TermFilter(
        label=_("Компетенция"),
        field_name="competencies",
        queryset=Competency.objects.all(),
        to_field_name="slug",
        term_param="competency",
        empty_label=_("Все компетенции"),
    )
    tag = django_filters.ModelChoiceFilter(
        label=_("Метка"),
        field_name="tagged_items__tag",
        queryset=Tag.objects.all(),
        to_field_name="slug",
        empty_label=_("Все метки"),
    )
    municipality = TermFilter(
        label=_("Муниципалитет"),
        field_name="municipality",
        queryset=Municipality.objects.all(),
        to_field_name="slug",
        term_param="municipality",
        empty_label=_("Все муниципалитеты"),
    )
    recommended = django_filters.BooleanFilter(
        label=_("Только рекомендованные к тиражированию"),
        method="filter_recommended",
        widget=forms.CheckboxInput,
    )
    sort = django_filters.ChoiceFilter(
        label=_("Порядок"),
        choices=SORT_CHOICES,
        method="sort_by",
        empty_label=None,
    )

    class Meta:
        model = PracticePage
        fields = []

    def filter_recommended(self, queryset, name, value):
        return queryset.filter(recommended=True) if value else queryset

    def sort_by(self, queryset, name, value):
        return queryset.order_by(*SORT_ORDER.get(value, SORT_ORDER[SORT_NEWEST]))

    @property
    def qs(self):
        if not hasattr(self, "_qs"):
            # Filters first (django-filter), then the sort order, which is never empty.
            self._qs = self.sort_by(super().qs, "sort", self.sort_key)
        return self._qs

    @property
    def sort_key(self):
        """The chosen order (the filter named ``sort``), «newest first» by default."""
        if not self.is_bound:
            return SORT_NEWEST
        self.errors  # noqa: B018 — validates the form, so cleaned_data holds the valid values
        return self.form.cleaned_data.get("sort") or SORT_NEWEST

    def active_values(self):
        """``{param: value}`` of the filters that narrow the list (valid values only)."""
        if not self.is_bound:
            return {}
        self.errors  # noqa: B018 — validates the form, so cleaned_data holds the valid values
        return {
            name: value
            for name, value in self.form.cleaned_data.items()
            if name in FILTER_PARAMS and value not in (None, "", False)
        }

    def queryset_without(self, *excluded):
        """The bank narrowed by every active filter except ``excluded``: what a facet counts."""
        queryset = self.queryset.all()
        for name, value in self.active_values().items():
            if name not in excluded:
                queryset = self.filters[name].filter(queryset, value)
        return queryset
