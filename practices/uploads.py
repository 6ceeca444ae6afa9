"""Checks of the files a mentor uploads with a practice: images and documents.

Type is judged by the content, not by the name alone: an image must open in
Pillow as the format its extension claims, within the size and pixel limits
of the Wagtail settings; a document must have an allowed extension
(``WAGTAILDOCS_EXTENSIONS``), fit ``WAGTAILDOCS_MAX_UPLOAD_SIZE`` and look inside
like what its extension says (PDF header, Office Open XML / OpenDocument
package, OLE2 compound file, RTF, plain text).
"""

import os
import warnings
import zipfile

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from PIL import Image, UnidentifiedImageError

# Extension → the format Pillow must find inside.
IMAGE_FORMATS = {"jpg": "JPEG", "jpeg": "JPEG", "png": "PNG", "webp": "WEBP", "gif": "GIF"}

OOXML_PARTS = {
    "docx": "word/document.xml",
    "xlsx": "xl/workbook.xml",
    "pptx": "ppt/presentation.xml",
}
ODF_MIMETYPES = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
    "odp": b"application/vnd.oasis.opendocument.presentation",
}
OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
OLE2_EXTENSIONS = {"doc", "xls", "ppt"}
SNIFF_BYTES = 64 * 1024


def extension_of(name):
    return os.path.splitext(name or "")[1].lower().lstrip(".")


def allowed_image_extensions():
    return [ext for ext in settings.WAGTAILIMAGES_EXTENSIONS if ext in IMAGE_FORMATS]


def allowed_document_extensions():
    return list(settings.WAGTAILDOCS_EXTENSIONS)


def _check_size(upload, limit):
    if limit is not None and upload.size > limit:
        raise ValidationError(
            _("Файл «%(name)s» слишком большой (%(size)s); можно не больше %(limit)s."),
            code="file_too_large",
            params={
                "name": upload.name,
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(limit),
            },
        )
    if upload.size == 0:
        raise ValidationError(
            _("Файл «%(name)s» пустой."), code="empty", params={"name": upload.name}
        )


def validate_image(upload):
    """A real JPG/PNG/WEBP image of allowed size and pixel count, else a Russian ValidationError."""
    extensions = allowed_image_extensions()
    extension = extension_of(upload.name)
    if extension not in extensions:
        raise ValidationError(
            _("«%(name)s» — не поддерживаемый формат изображения. Можно: %(formats)s."),
            code="invalid_extension",
            params={"name": upload.name, "formats": ", ".join(ext.upper() for ext in extensions)},
        )
    _check_size(upload, getattr(settings, "WAGTAILIMAGES_MAX_UPLOAD_SIZE", None))
    max_pixels = getattr(settings, "WAGTAILIMAGES_MAX_IMAGE_PIXELS", None)
    not_an_image = ValidationError(
        _(
            "Файл «%(name)s» не открывается как изображение: возможно, он повреждён или это другой тип файла."
        ),
        code="invalid_image",
        params={"name": upload.name},
    )
    try:
        upload.seek(0)
        with warnings.catch_warnings():
            # A decompression bomb must fail here, not in the rendition code later.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                found_format = image.format
                width, height = image.size
                frames = getattr(image, "n_frames", 1)
                image.verify()
    except (Image.DecompressionBombWarning, Image.DecompressionBombError) as error:
        raise ValidationError(
            _("Изображение «%(name)s» слишком большое по числу точек."),
            code="too_many_pixels",
            params={"name": upload.name},
        ) from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise not_an_image from error
    finally:
        upload.seek(0)
    if found_format != IMAGE_FORMATS[extension]:
        raise ValidationError(
            _("Файл «%(name)s» назван как %(extension)s, но внутри у него формат %(found)s."),
            code="format_mismatch",
            params={"name": upload.name, "extension": extension.upper(), "found": found_format},
        )
    if max_pixels is not None and width * height * frames > max_pixels:
        raise ValidationError(
            _(
                "Изображение «%(name)s» слишком большое: %(width)s×%(height)s точек; можно не больше %(megapixels)s млн точек."
            ),
            code="too_many_pixels",
            params={
                "name": upload.name,
                "width": width,
                "height": height,
                "megapixels": max_pixels // 1_000_000,
            },
        )


def _looks_like(extension, upload, head):
    if extension == "pdf":
        return b"%PDF-" in head[:1024]
    if extension == "rtf":
        return head.lstrip(b"\xef\xbb\xbf").startswith(b"{\\rtf")
    if extension in OLE2_EXTENSIONS:
        return head.startswith(OLE2_SIGNATURE)
    if extension in OOXML_PARTS or extension in ODF_MIMETYPES:
        upload.seek(0)
        if not zipfile.is_zipfile(upload):
            return False
        upload.seek(0)
        try:
            with zipfile.ZipFile(upload) as package:
                names = set(package.namelist())
                if extension in OOXML_PARTS:
                    return "[Content_Types].xml" in names and OOXML_PARTS[extension] in names
                info = package.getinfo("mimetype") if "mimetype" in names else None
                if info is None or info.file_size > 100:
                    return False
                return package.read(info).strip() == ODF_MIMETYPES[extension]
        except (zipfile.BadZipFile, OSError, KeyError):
            return False
    if extension == "txt":
        if b"\x00" in head:
            return False
        for encoding in ("utf-8", "cp1251"):
            try:
                # The sample may cut a multi-byte letter in two; ignore its last bytes.
                head[: len(head) - 4 if len(head) == SNIFF_BYTES else None].decode(encoding)
            except UnicodeDecodeError:
                continue
            return True
        return False
    # An extension added to WAGTAILDOCS_EXTENSIONS without a rule here: trust the name.
    return True


def validate_document(upload):
    """A document of an allowed type whose content matches its extension, within the size limit."""
    extensions = allowed_document_extensions()
    extension = extension_of(upload.name)
    if extension not in extensions:
        raise ValidationError(
            _("«%(name)s» — недопустимый тип документа. Можно: %(formats)s."),
            code="invalid_extension",
            params={"name": upload.name, "formats": ", ".join(ext.upper() for ext in extensions)},
        )
    _check_size(upload, getattr(settings, "WAGTAILDOCS_MAX_UPLOAD_SIZE", None))
    upload.seek(0)
    head = upload.read(SNIFF_BYTES)
    try:
        matches = _looks_like(extension, upload, head)
    finally:
        upload.seek(0)
    if not matches:
        raise ValidationError(
            _(
                "Содержимое файла «%(name)s» не похоже на %(extension)s: возможно, он повреждён или переименован."
            ),
            code="content_mismatch",
            params={"name": upload.name, "extension": extension.upper()},
        )


class ImageUploadField(forms.FileField):
    """An optional illustration: checked by :func:`validate_image`."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.widget.attrs["accept"] = ",".join(
            f"image/{IMAGE_FORMATS[ext].lower()}" for ext in allowed_image_extensions()
        )

    def validate(self, value):
        super().validate(value)
        if value:
            validate_image(value)


class DocumentUploadField(forms.FileField):
    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.widget.attrs["accept"] = ",".join(f".{ext}" for ext in allowed_document_extensions())

    def validate(self, value):
        super().validate(value)
        if value:
            validate_document(value)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleDocumentField(DocumentUploadField):
    """Several documents in one input; each is checked, every problem is reported."""

    widget = MultipleFileInput

    def __init__(self, *, max_files=5, **kwargs):
        self.max_files = max_files
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        files = [upload for upload in files if upload]
        if len(files) > self.max_files:
            raise ValidationError(
                _("Можно приложить не больше %(count)s документов."),
                code="too_many_files",
                params={"count": self.max_files},
            )
        errors, cleaned = [], []
        for upload in files:
            try:
                cleaned.append(super().clean(upload, initial))
            except ValidationError as error:
                errors.extend(error.error_list)
        if errors:
            raise ValidationError(errors)
        return cleaned
