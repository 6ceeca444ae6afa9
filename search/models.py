"""The database backend's index: one entry per document, its stems, the vocabulary.

The index lives in the portal's own database, so it is written in the same
transaction as the page it describes: a rolled-back publish leaves no trace in
it. On PostgreSQL the entries carry a ``tsvector`` (``russian`` configuration,
title weighted A, body B) behind a GIN index; on SQLite (and any other
database) the ``IndexTerm`` rows are an inverted index of Snowball stems.
"""

import hashlib

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

# Separators of the compact facet column (never inside a slug or a label we keep).
FACET_SEP = "\x1e"
PART_SEP = "\x1f"


class IndexFacetSet(models.Model):
    """One combination of facet values, shared by every entry that has it.

    The key is a hash of the content, so a process may cache what a key means
    for ever: the same key always stands for the same values.
    """

    id = models.BigIntegerField(primary_key=True)
    # "facet␟slug␟label␞facet␟slug␟label…"
    data = models.TextField(_("значения фасетов"))

    class Meta:
        verbose_name = _("набор значений фасетов")
        verbose_name_plural = _("наборы значений фасетов")

    def __str__(self):
        return self.data.replace(FACET_SEP, "; ").replace(PART_SEP, " ")

    @staticmethod
    def encode(facets):
        return FACET_SEP.join(
            PART_SEP.join((name, slug, label))
            for name, values in sorted(facets.items())
            for slug, label in values
        )

    @staticmethod
    def key(data):
        digest = hashlib.blake2b(data.encode(), digest_size=8).digest()
        return int.from_bytes(digest, "big") >> 1  # a positive 63-bit integer

    @staticmethod
    def decode(data):
        """[(facet, slug, label), …] of a ``data`` string."""
        if not data:
            return []
        return [tuple(item.split(PART_SEP, 2)) for item in data.split(FACET_SEP)]


class IndexEntry(models.Model):
    # Fixed-width columns first, then the vectors, then the texts: PostgreSQL
    # finds a column at a fixed offset only while no variable-width column
    # precedes it, and a search reads the facet set, boost and vectors of
    # thousands of rows but the texts of ten.
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("тип содержимого"), on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(_("идентификатор объекта"))
    facet_set = models.ForeignKey(
        IndexFacetSet,
        verbose_name=_("значения фасетов"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    boost = models.FloatField(_("вес"), default=1.0)
    recommended = models.BooleanField(_("рекомендована"), default=False)
    date = models.DateTimeField(_("дата"), null=True, blank=True)
    indexed_at = models.DateTimeField(_("проиндексировано"), auto_now=True)
    # Filled on PostgreSQL only (see DatabaseBackend), each behind a GIN index.
    search_vector = SearchVectorField(null=True, editable=False)
    title_vector = SearchVectorField(null=True, editable=False)
    section = models.CharField(_("раздел"), max_length=40, db_index=True)
    title = models.TextField(_("заголовок"))
    body = models.TextField(_("текст"), blank=True)
    keywords = models.TextField(_("ключевые слова"), blank=True)
    url = models.CharField(_("адрес"), max_length=500)
    badges = models.JSONField(_("метки"), default=list, blank=True)

    class Meta:
        verbose_name = _("запись поискового индекса")
        verbose_name_plural = _("записи поискового индекса")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="search_entry_object"
            )
        ]

    def __str__(self):
        return self.title

    @property
    def key(self):
        return f"{self.content_type_id}:{self.object_id}"


class IndexTerm(models.Model):
    """A stem of one entry: the inverted index of the SQLite (generic) strategy.

    A query reads only the covering index (stem → entry, weight, facet set):
    everything ranking and facet counts need, without touching the entries.
    """

    entry = models.ForeignKey(IndexEntry, on_delete=models.CASCADE, related_name="terms")
    stem = models.CharField(_("основа"), max_length=64)
    # (3 if the title has it + 1 if the body or keywords have it + a little for
    # repetition) × the entry's boost: see search/backends/database.py.
    weight = models.FloatField(_("вес"))
    facet_set_id = models.BigIntegerField(_("набор значений фасетов"))
    in_title = models.BooleanField(_("в заголовке"), default=False)

    class Meta:
        verbose_name = _("основа слова")
        verbose_name_plural = _("основы слов")
        indexes = [
            models.Index(
                fields=["stem", "entry", "weight", "facet_set_id", "in_title"],
                name="search_term_stem",
            ),
            models.Index(fields=["entry"], name="search_term_entry"),
        ]

    def __str__(self):
        return self.stem


class IndexWord(models.Model):
    """A word of the indexed texts with the number of entries holding it: spelling suggestions."""

    word = models.CharField(_("слово"), max_length=64, unique=True)
    stem = models.CharField(_("основа"), max_length=64)
    initial = models.CharField(_("первая буква"), max_length=1)
    length = models.PositiveSmallIntegerField(_("длина"))
    entries = models.PositiveIntegerField(_("записей"), default=0)

    class Meta:
        verbose_name = _("слово словаря")
        verbose_name_plural = _("слова словаря")
        indexes = [models.Index(fields=["initial", "length"], name="search_word_shape")]

    def __str__(self):
        return self.word
