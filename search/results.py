"""What a search answers, the same whichever backend ran it."""

import datetime
from dataclasses import dataclass, field

from django.utils.safestring import SafeString

from search.facets import FACETS, FACETS_BY_NAME, TYPE
from search.query import SearchRequest


@dataclass(frozen=True)
class Hit:
    key: str
    section: str
    type_label: str
    title: str
    title_html: SafeString  # escaped, <mark> around matched words
    snippet_html: SafeString
    url: str
    recommended: bool = False
    date: datetime.datetime | None = None
    badges: tuple = ()
    score: float = 0.0


@dataclass(frozen=True)
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class FacetResult:
    name: str
    label: str
    options: tuple

    @property
    def selected(self):
        return [option for option in self.options if option.selected]

    @property
    def has_selection(self):
        return any(option.selected for option in self.options)


@dataclass(frozen=True)
class Suggestion:
    """Something to search for when nothing was found: a spelling, a broader search."""

    kind: str  # "spelling", "layout", "without_filters", "everywhere", "word"
    text: str  # the query to run
    count: int
    params: dict = field(default_factory=dict)  # the GET parameters of that search


@dataclass(frozen=True)
class Completion:
    """One suggestion as the visitor types: a title that leads straight to its page."""

    title: str
    url: str
    section: str
    type_label: str
    parts: tuple  # ((text, matched), …) so the client marks matches without HTML


@dataclass
class SearchResults:
    request: SearchRequest
    hits: list = field(default_factory=list)
    total: int = 0
    facets: list = field(default_factory=list)
    backend: str = "database"
    suggestions: list = field(default_factory=list)
    notices: list = field(default_factory=list)

    @property
    def num_pages(self):
        size = self.request.page_size
        return max(1, -(-self.total // size)) if size else 1


def facet_results(counts, labels, request):
    """Ordered ``FacetResult`` list from counts {(facet, value): n} and labels {(facet, value): label}.

    Every value with matches is offered; a selected value stays visible (with its
    count, possibly 0) so that it can be unticked.
    """
    from search.registry import registry

    labels = dict(labels)
    for section, section_label in registry.sections():
        # Section names in the visitor's language, not the one of indexing time.
        labels[(TYPE, section)] = str(section_label)
    results = []
    for facet in FACETS:
        selected = set(request.filters.get(facet.name, ()))
        options = {
            value: FacetOption(value, labels.get((name, value), value), count, value in selected)
            for (name, value), count in counts.items()
            if name == facet.name and count > 0
        }
        for value in selected:
            if value not in options:
                # A value no match carries (or a hand-made URL): show it anyway
                # so that the visitor sees why nothing is found and can untick it.
                label = labels.get((facet.name, value), value)
                options[value] = FacetOption(value, label, 0, True)
        if not options:
            continue
        if facet.name == TYPE:
            ordered = sorted(options.values(), key=lambda o: (-o.count, o.label))
        else:
            ordered = sorted(options.values(), key=lambda o: (not o.selected, -o.count, o.label))
        results.append(FacetResult(facet.name, str(facet.label), tuple(ordered)))
    return results


def facet_label(name):
    facet = FACETS_BY_NAME.get(name)
    return str(facet.label) if facet else name
