"""The database backend's index: one entry per document, its stems, the vocabulary.

The index lives in the portal's own database, so it is written in the same
transaction as the page it describes: a rolled-back publish leaves no trace in
it. On PostgreSQL the entries carry a ``tsvector`` (``russian`` configuration,
title weighted A, body B) behind a GIN index; on SQLite (and any other
database) the ``IndexTerm`` rows are an inverted index of Snowball stems.
"""

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

# Separators of the compact facet column (never inside a slug or a label we keep).
FACET_SEP = "\x1e"
PART_SEP = "\x1f"


class IndexEntry(models.Model):
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("тип содержимого"), on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(_("идентификатор объекта"))
    section = models.CharField(_("раздел"), max_length=40, db_index=True)
    title = models.TextField(_("заголовок"))
    body = models.TextField(_("текст"), blank=True)
    keywords = models.TextField(_("ключевые слова"), blank=True)
    url = models.CharField(_("адрес"), max_length=500)
    boost = models.FloatField(_("вес"), default=1.0)
    recommended = models.BooleanField(_("рекомендована"), default=False)
    date = models.DateTimeField(_("дата"), null=True, blank=True)
    badges = models.JSONField(_("метки"), default=list, blank=True)
    # "facet␟slug␟label␞facet␟slug␟label…": read for every match when counting
    # facets, so it is kept as one short string rather than JSON or rows.
    facet_data = models.TextField(_("значения фасетов"), blank=True)
    # Filled on PostgreSQL only (see DatabaseBackend); unused elsewhere.
    search_vector = SearchVectorField(null=True, editable=False)
    indexed_at = models.DateTimeField(_("проиндексировано"), auto_now=True)

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

    @staticmethod
    def encode_facets(facets):
        return FACET_SEP.join(
            PART_SEP.join((name, slug, label))
            for name, values in facets.items()
            for slug, label in values
        )

    @staticmethod
    def decode_facets(data):
        """[(facet, slug, label), …] of a ``facet_data`` string."""
        if not data:
            return []
        return [tuple(item.split(PART_SEP, 2)) for item in data.split(FACET_SEP)]


class IndexTerm(models.Model):
    """A stem of one entry: the inverted index of the SQLite (generic) strategy."""

    entry = models.ForeignKey(IndexEntry, on_delete=models.CASCADE, related_name="terms")
    stem = models.CharField(_("основа"), max_length=64)
    # 3 if the title has it + 1 if the body (or keywords) has it + a little for repetition:
    # the ranking reads it as is (see search/backends/database.py).
    weight = models.FloatField(_("вес"))
    in_title = models.BooleanField(_("в заголовке"), default=False)

    class Meta:
        verbose_name = _("основа слова")
        verbose_name_plural = _("основы слов")
        indexes = [
            # Covering index: a query reads only the index, never the table.
            models.Index(fields=["stem", "entry", "weight", "in_title"], name="search_term_stem"),
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
