"""Checks of uploaded files: extension, size and that the content is what the name says.

Images are checked by Wagtail itself (``WagtailImageField``: the format read
by Willow must be one of ``WAGTAILIMAGES_EXTENSIONS`` and match the
extension, ``WAGTAILIMAGES_MAX_UPLOAD_SIZE``, ``WAGTAILIMAGES_MAX_IMAGE_PIXELS``);
a form of another app that takes a photo should use that field too.

Documents are checked by Wagtail only by extension and size; a program renamed
``.pdf`` would pass. ``validate_document_file`` also reads the beginning of
the file and refuses content that does not match its extension. The Wagtail
admin's document forms use it through ``WAGTAILDOCS_DOCUMENT_FORM_BASE``;
another app's upload form calls it from ``clean_<field>``.
"""

import os
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from wagtail.documents.forms import BaseDocumentForm
from wagtail.models import Collection

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc, .xls, .ppt
OOXML_PARTS = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}
ODF_TYPES = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
    "odp": b"application/vnd.oasis.opendocument.presentation",
}
HEAD_BYTES = 64 * 1024


def _read_head(file):
    file.seek(0)
    head = file.read(HEAD_BYTES)
    file.seek(0)
    return head


def _zip_names(file):
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            names = archive.namelist()
            mimetype = archive.read("mimetype") if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, KeyError, EOFError):
        return None, b""
    finally:
        file.seek(0)
    return names, mimetype.strip()


def content_matches_extension(file, extension):
    """True when the bytes of ``file`` are a document of type ``extension``."""
    head = _read_head(file)
    if extension == "pdf":
        return head.startswith(b"%PDF-")
    if extension in {"doc", "xls", "ppt"}:
        return head.startswith(OLE2)
    if extension == "rtf":
        return head.startswith(b"{\\rtf")
    if extension in OOXML_PARTS:
        names, _mimetype = _zip_names(file)
        return bool(
            names
            and "[Content_Types].xml" in names
            and any(name.startswith(OOXML_PARTS[extension]) for name in names)
        )
    if extension in ODF_TYPES:
        names, mimetype = _zip_names(file)
        return bool(names) and mimetype == ODF_TYPES[extension]
    if extension in {"txt", "csv"}:
        # Plain text has no NUL bytes and no signature of a binary format.
        return b"\x00" not in head and not head.startswith((b"%PDF-", OLE2, b"PK\x03\x04", b"MZ"))
    # An extension allowed by the settings but unknown here: the extension check is all we have.
    return True


def validate_document_file(file):
    """Raise ValidationError (in Russian) unless ``file`` is an allowed document that is what it claims."""
    extension = os.path.splitext(file.name)[1].lstrip(".").lower()
    allowed = [ext.lower() for ext in getattr(settings, "WAGTAILDOCS_EXTENSIONS", None) or []]
    if allowed and extension not in allowed:
        raise ValidationError(
            _(
                "Файлы с расширением «%(extension)s» не принимаются. Допустимые форматы: %(allowed)s."
            ),
            code="invalid_extension",
            params={"extension": extension or "—", "allowed": ", ".join(allowed)},
        )
    limit = getattr(settings, "WAGTAILDOCS_MAX_UPLOAD_SIZE", None)
    if limit is not None and file.size > limit:
        raise ValidationError(
            _("Файл слишком большой (%(size)s). Наибольший допустимый размер — %(limit)s."),
            code="file_too_large",
            params={"size": filesizeformat(file.size), "limit": filesizeformat(limit)},
        )
    if not content_matches_extension(file, extension):
        raise ValidationError(
            _(
                "Содержимое файла не соответствует расширению «.%(extension)s». "
                "Загрузите настоящий документ этого формата."
            ),
            code="content_mismatch",
            params={"extension": extension},
        )


class CheckedDocumentForm(BaseDocumentForm):
    """Wagtail's document form plus the content check (``WAGTAILDOCS_DOCUMENT_FORM_BASE``)."""

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if file and "file" in self.changed_data:
            validate_document_file(file)
        return file


def collection_named(name):
    """The collection called ``name`` under the root, created on first use."""
    collection = Collection.objects.filter(name=name).first()
    if collection is None:
        collection = Collection.get_first_root_node().add_child(name=name)
    return collection
