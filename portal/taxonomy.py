from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class Term(index.Indexed, models.Model):
    """A value of a controlled vocabulary (form of mentoring, level, subject ...).

    Concrete taxonomies subclass this and are edited as snippets; the slug is
    what filters put in URLs, so it never changes once published.
    """

    name = models.CharField(_("название"), max_length=150, unique=True)
    slug = models.SlugField(_("код для адресов"), max_length=80, unique=True, allow_unicode=False)
    description = models.TextField(_("пояснение"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("порядок"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name
