from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from portal.ratelimits import is_limited, retry_after_seconds
from search import service
from search.facets import TYPE
from search.params import query_string, read_params, without_value
from search.registry import registry


class ResultsPage:
    """What ``includes/pagination.html`` reads, for results the backend already paginated."""

    def __init__(self, results):
        self.number = results.request.page
        self.paginator = self
        self.num_pages = results.num_pages

    def has_previous(self):
        return self.number > 1

    def has_next(self):
        return self.number < self.num_pages

    def previous_page_number(self):
        return self.number - 1

    def next_page_number(self):
        return self.number + 1


def _suggestion_links(results):
    return [
        {"suggestion": suggestion, "url": query_string(suggestion.params)}
        for suggestion in results.suggestions
    ]


def _selected_chips(request, results):
    chips = []
    for facet in results.facets:
        for option in facet.selected:
            chips.append(
                {
                    "facet": facet.label,
                    "label": option.label,
                    "url": without_value(request.GET, facet.name, option.value),
                }
            )
    return chips


@require_GET
def search(request):
    params = read_params(request.GET)
    section = registry.for_section(params["section"]) if params["section"] else None
    results = service.search(**params) if params["text"].strip() else None
    facets = []
    if results is not None:
        # Inside a section the content type is fixed: no point offering it.
        facets = [f for f in results.facets if not (section and f.name == TYPE)]
    context = {
        "search_query": results.request.text if results else "",
        "results": results,
        "page_obj": ResultsPage(results) if results and results.total else None,
        "facets": facets,
        "chips": _selected_chips(request, results) if results else [],
        "suggestion_links": _suggestion_links(results) if results else [],
        "section": section,
        "sections": registry.sections(),
        "everywhere_url": query_string({"q": params["text"]}),
        "reset_url": query_string(
            {"q": params["text"], "section": section.section if section else None}
        ),
    }
    return TemplateResponse(request, "search/search.html", context)


@require_GET
def suggest(request):
    """Suggestions as one types (the header search box): a small JSON list of titles."""
    if is_limited(request, "suggest", key="ip"):
        response = JsonResponse(
            {"results": [], "error": _("Слишком много запросов: подождите немного.")}, status=429
        )
        response["Retry-After"] = str(retry_after_seconds("suggest"))
        return response
    params = read_params(request.GET)
    completions = service.suggest(params["text"], section=params["section"])
    if completions:
        status = _("Подсказок: %(count)s. Выбирайте стрелками вверх и вниз, Enter — открыть.") % {
            "count": len(completions)
        }
    else:
        status = _("Подсказок нет.")
    response = JsonResponse(
        {
            "query": params["text"][:100],
            "status": status,
            "results": [
                {
                    "title": completion.title,
                    "url": completion.url,
                    "section": completion.section,
                    "type": completion.type_label,
                    "parts": [[text, matched] for text, matched in completion.parts],
                }
                for completion in completions
            ],
        }
    )
    response["Cache-Control"] = "private, max-age=30"
    return response
