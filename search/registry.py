"""What the portal's search indexes: each app registers its content here.

``search/`` knows nothing about practices, events or mentors. Each app says, in
its own ``indexing.py`` (imported by ``SearchConfig.ready()``), which objects
are public — ``queryset`` — and how one of them reads as a search document —
``document``::

    def practice_document(page):
        return SearchDocument(
            title=page.title,
            body=[page.summary],
            facets={"mentoring_form": facet_values(page.mentoring_form)},
        )

    register(
        PracticePage,
        section="practices",
        label=_("Практика"),
        section_label=_("Практики"),
        document=practice_document,
        queryset=lambda: PracticePage.objects.live().public().select_related("mentoring_form"),
    )

``queryset`` is the single truth about what may be found: rebuilding walks it,
and after a signal an object is (re)indexed when it is still in it and removed
from the index when it is not (unpublished, made private, hidden).
"""

import datetime
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured
from django.db import models

from wagtail.blocks import StreamValue
from wagtail.models import Page
from wagtail.rich_text import RichText, get_text_for_indexing

from search.facets import FACETS_BY_NAME, TYPE, clean_value
from search.text import clean_text

FacetValue = tuple[str, str]  # (slug for the URL, label for people)


@dataclass
class SearchDocument:
    """One object as the search sees it; built by an app's ``document`` function.

    - ``title``: ranks above everything else and is what suggestions offer;
    - ``body``: texts searched and quoted in the snippet: plain strings,
      StreamField values, or ``rich_text(page.intro)`` for a rich text field;
    - ``keywords``: words searched like the body but never quoted (the names
      of an event's type, of a practice's tags and competencies);
    - ``facets``: facet name (see ``search/facets.py``) → ``facet_values(...)``;
    - ``recommended``: the «рекомендована» mark, boosted and shown as a badge;
    - ``boost``: any further weight (1.0 is neutral);
    - ``date``: shown with the result (an event's start);
    - ``badges``: short labels shown under the title (the form of mentoring,
      the organisation of a mentor);
    - ``url``: where the result leads; by default the page's URL or the
      object's ``get_absolute_url()``.
    """

    title: str
    body: Iterable = ()
    keywords: Iterable[str] = ()
    facets: Mapping[str, Iterable[FacetValue]] = field(default_factory=dict)
    recommended: bool = False
    boost: float = 1.0
    date: datetime.datetime | None = None
    badges: Iterable[str] = ()
    url: str | None = None


@dataclass(frozen=True)
class IndexRecord:
    """A document ready for a backend: identity, text, facets and weight."""

    content_type_id: int
    object_id: int
    section: str
    title: str
    body: str
    keywords: str
    url: str
    facets: dict  # name → tuple of (slug, label), the type facet included
    boost: float
    recommended: bool
    date: datetime.datetime | None
    badges: tuple

    @property
    def key(self):
        return f"{self.content_type_id}:{self.object_id}"


@dataclass(frozen=True)
class Registration:
    model: type
    section: str
    label: str
    section_label: str
    document: Callable
    queryset: Callable
    # Models whose change alters documents of this type, and how to find the
    # affected objects: {MentoringForm: lambda form: form.practices.all()}.
    refresh_on: Mapping = field(default_factory=dict)

    @property
    def is_page(self):
        return issubclass(self.model, Page)

    @property
    def content_type_id(self):
        return ContentType.objects.get_for_model(self.model, for_concrete_model=False).pk


def facet_values(*terms):
    """``(slug, name)`` of each taxonomy term (``Term`` or taggit ``Tag``); ``None`` skipped."""
    return [(term.slug, term.name) for term in terms if term is not None]


def choice_value(value, label):
    """A facet value from a model choice: ``choice_value(event.format, event.get_format_display())``."""
    return [(str(value), str(label))] if value else []


def rich_text(html):
    """Plain text of a ``RichTextField`` value (an HTML string): ``body=[rich_text(page.intro)]``."""
    return get_text_for_indexing(html or "")


def plain_text(value):
    """Plain text of a body part: a string as written, a StreamField or ``RichText`` value."""
    if value is None:
        return ""
    if isinstance(value, StreamValue):
        return " ".join(
            str(part) for part in value.stream_block.get_searchable_content(value) if part
        )
    if isinstance(value, RichText):
        return get_text_for_indexing(value.source)
    return str(value)


class Registry:
    def __init__(self):
        self._by_model = {}
        self._by_section = {}

    def register(
        self, model, *, section, label, section_label, document, queryset, refresh_on=None
    ):
        if section in self._by_section and self._by_section[section].model is not model:
            raise ImproperlyConfigured(f"Search section «{section}» is registered twice.")
        registration = Registration(
            model=model,
            section=section,
            label=label,
            section_label=section_label,
            document=document,
            queryset=queryset,
            refresh_on=dict(refresh_on or {}),
        )
        self._by_model[model] = registration
        self._by_section[section] = registration
        return registration

    def unregister(self, model):
        registration = self._by_model.pop(model, None)
        if registration is not None:
            self._by_section.pop(registration.section, None)

    def __iter__(self):
        return iter(list(self._by_model.values()))

    def __len__(self):
        return len(self._by_model)

    def for_model(self, model):
        """The registration of ``model`` or of the registered model it inherits from."""
        for klass in model.__mro__:
            if klass in self._by_model:
                return self._by_model[klass]
        return None

    def for_section(self, section):
        return self._by_section.get(section)

    def sections(self):
        """(section, label) of every registered section, in registration order."""
        return [(r.section, r.section_label) for r in self._by_section.values()]

    def dependants(self, model):
        """(registration, finder) pairs for registrations refreshed when ``model`` changes."""
        return [
            (registration, finder)
            for registration in self
            for dependency, finder in registration.refresh_on.items()
            if issubclass(model, dependency)
        ]

    def record(self, registration, obj):
        """The ``IndexRecord`` of ``obj``, or None when it has no document or no address."""
        document = registration.document(obj)
        if document is None:
            return None
        url = document.url
        if url is None:
            url = obj.get_url() if registration.is_page else obj.get_absolute_url()
        if not url:
            return None  # not reachable on any site (e.g. outside the site tree)
        facets = {TYPE: ((registration.section, str(registration.section_label)),)}
        for name, values in document.facets.items():
            if name not in FACETS_BY_NAME or name == TYPE:
                raise ImproperlyConfigured(
                    f"{registration.model.__name__}: unknown search facet «{name}»; "
                    "add it to search/facets.py."
                )
            cleaned = tuple(
                dict.fromkeys(
                    (slug, clean_text(str(label)))
                    for slug, label in values
                    if clean_value(str(slug)) == str(slug)
                )
            )
            if cleaned:
                facets[name] = cleaned
        boost = float(document.boost)
        if document.recommended:
            boost *= settings.SEARCH_RECOMMENDED_BOOST
        body = "\n".join(
            text for text in (clean_text(plain_text(part)) for part in document.body) if text
        )
        return IndexRecord(
            content_type_id=registration.content_type_id,
            object_id=obj.pk,
            section=registration.section,
            title=clean_text(document.title),
            body=body,
            keywords=" ".join(clean_text(str(k)) for k in document.keywords if k),
            url=url,
            facets=facets,
            boost=boost,
            recommended=bool(document.recommended),
            date=document.date,
            badges=tuple(clean_text(str(b)) for b in document.badges if b),
        )


registry = Registry()
register = registry.register


def is_registered_instance(instance):
    return isinstance(instance, models.Model) and registry.for_model(type(instance)) is not None
