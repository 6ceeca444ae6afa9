"""The portal's search service: one API over every backend.

    results = search("наставничество ученик-ученик", filters={"type": ["practices"]}, page=2)
    completions = suggest("настав", section="practices")

Reads go to the configured backend (``SEARCH_BACKEND``); when Elasticsearch is
configured but cannot answer, the database backend answers instead and a
warning is logged. Writes always go to the database index (in the caller's
transaction, so the fallback is never stale) and, when Elasticsearch is the
configured backend, to Elasticsearch once the transaction commits.
"""

import logging
from collections import defaultdict

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page

from search.backends import BackendUnavailable
from search.backends.database import DatabaseBackend
from search.query import parse_query
from search.registry import registry
from search.results import SearchResults, Suggestion
from search.spelling import replace_words
from search.text import clean_text, looks_like_wrong_layout, switch_layout

logger = logging.getLogger(__name__)

DATABASE = DatabaseBackend()
# Elasticsearch's default window: deeper pages are not served.
MAX_RESULT_WINDOW = 10_000
REBUILD_BATCH = 500

_elasticsearch = {}


def elasticsearch_backend():
    """The Elasticsearch backend of the current settings, or None when none is configured."""
    url = settings.ELASTICSEARCH_URL
    if not url:
        return None
    key = (url, settings.SEARCH_INDEX_PREFIX, settings.SEARCH_ELASTICSEARCH_TIMEOUT)
    if key not in _elasticsearch:
        from search.backends.elasticsearch import ElasticsearchBackend

        _elasticsearch[key] = ElasticsearchBackend(
            url=url,
            prefix=settings.SEARCH_INDEX_PREFIX,
            timeout=settings.SEARCH_ELASTICSEARCH_TIMEOUT,
            retry_after=settings.SEARCH_ELASTICSEARCH_RETRY_AFTER,
        )
    return _elasticsearch[key]


def configured_backend():
    if settings.SEARCH_BACKEND == "elasticsearch":
        backend = elasticsearch_backend()
        if backend is not None:
            return backend
    return DATABASE


def backends_to_write():
    backend = configured_backend()
    return [DATABASE] if backend is DATABASE else [DATABASE, backend]


def log_unavailable(error):
    """One warning per outage (``error.fresh``), whoever meets it first: a search or /healthz."""
    log = logger.warning if error.fresh else logger.debug
    log("Elasticsearch недоступен (%s): поиск выполняется по базе данных.", error)


def _read(operation, *args):
    backend = configured_backend()
    if backend is not DATABASE:
        try:
            return getattr(backend, operation)(*args)
        except BackendUnavailable as error:
            log_unavailable(error)
    return getattr(DATABASE, operation)(*args)


# --- reading -----------------------------------------------------------------


def search(text, filters=None, section=None, page=1, page_size=None):
    """One page of results for ``text`` with facet counts; never raises on visitors' input.

    ``filters``: {facet name: [values]} (see ``search/facets.py``);
    ``section``: a registered section («practices») to search alone.
    """
    request = parse_query(text, filters=filters, section=section, page=page, page_size=page_size)
    notices = list(request.notices)
    if request.section and registry.for_section(request.section) is None:
        notices.append(_("Такого раздела нет: искали по всему порталу."))
        request = request.with_changes(section=None)
    if not request.is_searchable:
        return SearchResults(request=request, notices=notices)
    last_page = max(1, MAX_RESULT_WINDOW // request.page_size)
    if request.page > last_page:
        request = request.with_changes(page=last_page)
    results = _read("search", request)
    if results.total and request.page > results.num_pages:
        # A page past the end (an old link, a hand-made URL): show the last one.
        results = _read("search", request.with_changes(page=min(results.num_pages, last_page)))
    results.notices = notices
    if not results.total:
        results.suggestions = alternatives(results.request)
    return results


def count(request):
    return _read("count", request)


def suggest(text, section=None, limit=8):
    """Titles completing what is being typed (``Completion`` list), at most ``limit``."""
    text = clean_text(str(text or ""))[:100]
    if len(text) < 2:
        return []
    if section and registry.for_section(section) is None:
        section = None
    return _read("suggest", text, section, limit)


def alternatives(request):
    """What to try when nothing is found: a spelling, the other layout, broader searches.

    Only searches that find something are offered, with their counts.
    """
    found = []

    def offer(kind, text, filters, section):
        candidate = parse_query(text, filters=filters, section=section, page_size=1)
        if not candidate.is_searchable:
            return
        number = count(candidate)
        if number:
            params = {"q": text, **{name: list(values) for name, values in filters.items()}}
            if section:
                params["section"] = section
            found.append(Suggestion(kind, text, number, params))

    corrections = _read("spelling", request.words)
    if corrections:
        offer(
            "spelling",
            replace_words(request.text, corrections),
            request.filters,
            request.section,
        )
    if looks_like_wrong_layout(request.text):
        offer("layout", switch_layout(request.text), request.filters, request.section)
    if request.filters:
        offer("without_filters", request.text, {}, request.section)
    if request.section:
        offer("everywhere", request.text, {}, None)
    if len(request.terms) > 1 and not found:
        for term in request.terms[:5]:
            offer("word", term.word, {}, request.section)
    return found


# --- writing -----------------------------------------------------------------


def _write(operation, payload):
    if not payload:
        return
    for backend in backends_to_write():
        if backend is DATABASE:
            getattr(DATABASE, operation)(payload)
        else:
            transaction.on_commit(lambda b=backend: _write_remote(b, operation, payload))


def _write_remote(backend, operation, payload):
    try:
        getattr(backend, operation)(payload)
    except BackendUnavailable as error:
        logger.warning(
            "Elasticsearch недоступен (%s): индекс догонит команда `manage.py search_index --rebuild`.",
            error,
        )


def refresh(model, pks):
    """Bring the index in line with the objects ``pks`` of ``model`` as they are now.

    Objects still in their registration's queryset (published, public …) are
    (re)indexed; the others are removed.
    """
    registration = registry.for_model(model)
    pks = list(dict.fromkeys(pks))
    if registration is None or not pks:
        return
    records = []
    for obj in registration.queryset().filter(pk__in=pks):
        record = registry.record(registration, obj)
        if record is not None:
            records.append(record)
    indexed = {record.object_id for record in records}
    stale = [(registration.content_type_id, pk) for pk in pks if pk not in indexed]
    _write("delete", stale)
    _write("index", records)


def remove(model, pks):
    registration = registry.for_model(model)
    if registration is not None:
        _write("delete", [(registration.content_type_id, pk) for pk in pks])


def refresh_subtree(page):
    """Re-read a page and its descendants: after a move, a slug change or new privacy."""
    rows = Page.objects.filter(path__startswith=page.path).values_list("pk", "content_type_id")
    by_type = defaultdict(list)
    for pk, content_type_id in rows:
        by_type[content_type_id].append(pk)
    for content_type_id, pks in by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is not None:
            refresh(model, pks)


def iter_records(registrations=None, progress=None):
    """Batches of ``IndexRecord`` of every registered object (rebuilds read this)."""
    for registration in registrations or registry:
        batch = []
        for obj in registration.queryset().iterator(chunk_size=REBUILD_BATCH):
            record = registry.record(registration, obj)
            if progress is not None:
                progress.update(1)
            if record is not None:
                batch.append(record)
            if len(batch) >= REBUILD_BATCH:
                yield batch
                batch = []
        if batch:
            yield batch


def total_objects():
    return sum(registration.queryset().count() for registration in registry)


def rebuild(backend=None, progress=None):
    """Rebuild one backend's index (the configured ones by default) from every registration."""
    for target in [backend] if backend is not None else backends_to_write():
        target.rebuild(iter_records(progress=progress))


def section_choices():
    return registry.sections()
