"""The read-only JSON API of the bank: ``/api/v2/practices/`` (Wagtail API v2).

Lists live, public practices with their taxonomy fields; accepts the same filter
parameters as the bank's page (``form``, ``level``, ``subject``, ``competency``,
``tag``, ``municipality``, ``recommended``) besides Wagtail's own (``search``,
``order``, ``limit``, ``offset``, ``fields``).
"""

from django.db.models import Prefetch

from wagtail.api.v2.filters import OrderingFilter, SearchFilter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet

from rest_framework.filters import BaseFilterBackend

from practices.filters import FILTER_PARAMS, PracticeFilterSet
from practices.models import PracticeAuthor, PracticePage, PracticeResource

LISTING_FIELDS = [
    "summary",
    "mentoring_form",
    "education_levels",
    "subjects",
    "competencies",
    "tags",
    "authors",
    "organisation",
    "municipality",
    "recommended",
    "applications_count",
]


class PracticeFacetFilter(BaseFilterBackend):
    """The bank's own filters, by slug: ``?form=uchitel-uchitel&level=ooo&recommended=1``."""

    def filter_queryset(self, request, queryset, view):
        params = {name: request.GET[name] for name in FILTER_PARAMS if name in request.GET}
        if not params:
            return queryset
        filterset = PracticeFilterSet(params, queryset=queryset)
        if not filterset.is_valid():
            errors = "; ".join(
                f"{name}: {' '.join(messages)}" for name, messages in filterset.errors.items()
            )
            raise BadRequestError(f"filter error. {errors}")
        for name, value in filterset.active_values().items():
            queryset = filterset.filters[name].filter(queryset, value)
        return queryset


class PracticesAPIViewSet(PagesAPIViewSet):
    name = "practices"
    model = PracticePage
    filter_backends = [PracticeFacetFilter, OrderingFilter, SearchFilter]
    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(FILTER_PARAMS)
    listing_default_fields = [*PagesAPIViewSet.listing_default_fields, *LISTING_FIELDS]

    def get_queryset(self):
        # Only practices, whatever ``type`` says; every relation a listing shows, prefetched.
        return (
            PracticePage.objects.filter(pk__in=self.get_base_queryset().values("pk"))
            .select_related("mentoring_form", "organisation", "municipality")
            .prefetch_related(
                "education_levels",
                "subjects",
                "competencies",
                "tags",
                Prefetch("authors", queryset=PracticeAuthor.objects.select_related("author")),
                Prefetch("resources", queryset=PracticeResource.objects.select_related("document")),
            )
            .order_by("-first_published_at", "-pk")
        )
