"""Helpers for the demo content that every app's ``demo.py`` builds on.

Demo loading is idempotent: a record is found by its slug (or natural key)
and created only when missing, so a second ``load_demo`` changes nothing.
"""

from django.utils.text import slugify

from anyascii import anyascii


def translit_slug(text, max_length=80):
    """An ASCII slug for Russian text: «Клуб молодых педагогов» → ``klub-molodykh-pedagogov``."""
    return slugify(anyascii(text))[:max_length].strip("-")


def ensure_child_page(parent, model, slug, **fields):
    """Return the child page of ``parent`` with ``slug``, creating and publishing it if missing.

    Returns ``(page, created)``. An existing page is left exactly as it is.
    """
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific, False
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page, True
