"""Search backends: the database (embedded default) and Elasticsearch.

Both take ``IndexRecord`` objects to write and a ``SearchRequest`` to answer,
and return the same ``SearchResults``; ``search/service.py`` chooses one from
the settings and falls back to the database when Elasticsearch is away.
"""


class BackendUnavailable(Exception):
    """The backend cannot answer now (server down, index missing); the database can.

    ``fresh`` is False when the backend did not even try (it failed moments
    ago), so that one outage is logged once, not once per request.
    """

    def __init__(self, message, fresh=True):
        super().__init__(message)
        self.fresh = fresh


class SearchBackend:
    name = ""

    def index(self, records):
        """Add or replace the documents of ``records`` (an iterable of ``IndexRecord``)."""
        raise NotImplementedError

    def delete(self, keys):
        """Remove the documents with these ``(content_type_id, object_id)`` keys."""
        raise NotImplementedError

    def rebuild(self, batches):
        """Replace the whole index with the records of ``batches`` (lists of ``IndexRecord``)."""
        raise NotImplementedError

    def search(self, request):
        """``SearchResults`` of one page of ``request``, with facet counts."""
        raise NotImplementedError

    def count(self, request):
        """How many documents ``request`` finds (filters applied)."""
        raise NotImplementedError

    def suggest(self, text, section=None, limit=8):
        """Titles completing what is being typed: a list of ``Completion``."""
        raise NotImplementedError

    def spelling(self, words):
        """{misspelled word: indexed word} for the words the index does not know."""
        raise NotImplementedError
