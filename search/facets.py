"""The facets the search page offers, in the order it shows them.

A facet appears on the page as soon as some indexed document supplies values
for it (``SearchDocument.facets``); until an app's registration fills a facet,
it simply stays hidden. Adding a facet is one line here plus one line in the
``indexing.py`` of the app that has the field.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Facet:
    name: str  # the GET parameter: ?mentoring_form=uchitel-uchitel
    label: str
    # Shown folded on phones and collapsed when the list is long.
    max_values: int = 12


# The content type facet is filled by the registry (each registration is a
# section); every other facet by the apps' document builders.
TYPE = "type"

FACETS = (
    Facet(TYPE, _("Раздел")),
    Facet("mentoring_form", _("Форма наставничества")),
    Facet("education_level", _("Уровень образования")),
    Facet("subject", _("Предметная область")),
    Facet("competency", _("Компетенции")),
    Facet("event_type", _("Вид мероприятия")),
    Facet("event_format", _("Формат мероприятия")),
    Facet("municipality", _("Муниципалитет")),
    Facet("tag", _("Теги"), max_values=20),
)
FACETS_BY_NAME = {facet.name: facet for facet in FACETS}

# Facet values travel in URLs: slugs only (letters, digits, «-», «_», «.»; tag
# slugs keep their Cyrillic), so nothing a visitor types reaches a query
# unchecked. The separators of the database backend's compact facet column can
# therefore never occur inside a value.
VALUE_RE = re.compile(r"^[-\w.]{1,100}$")
MAX_VALUES_PER_FACET = 20


def clean_value(value):
    """A facet value from a URL, or None when it cannot be one."""
    value = (value or "").strip()
    return value if VALUE_RE.match(value) else None
