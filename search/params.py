"""Reading the search page's GET parameters: whatever arrives, something sensible comes out."""

from django.http import QueryDict

from search.facets import FACETS, clean_value

MAX_PAGE = 100_000


def read_params(params):
    """``dict(text, filters, section, page)`` for ``service.search`` from a ``QueryDict``."""
    text = params.get("q", "")
    section = clean_value(params.get("section", "")) or None
    raw_page = params.get("page", "1").strip()
    page = int(raw_page) if raw_page.isascii() and raw_page.isdigit() and len(raw_page) <= 6 else 1
    filters = {facet.name: params.getlist(facet.name) for facet in FACETS if facet.name in params}
    return {
        "text": text,
        "filters": filters,
        "section": section,
        "page": min(max(page, 1), MAX_PAGE),
    }


def query_string(params):
    """``?q=…&type=…`` of a dict of parameters (lists become repeated keys)."""
    query = QueryDict(mutable=True)
    for key, value in params.items():
        if isinstance(value, list | tuple):
            query.setlist(key, [str(v) for v in value])
        elif value not in (None, ""):
            query[key] = str(value)
    return f"?{query.urlencode()}"


def without_value(params, name, value):
    """The current parameters with one facet value unticked (and back to page 1)."""
    query = params.copy()
    query.setlist(name, [v for v in params.getlist(name) if v != value])
    query.pop("page", None)
    return f"?{query.urlencode()}"
