"""Checks of uploaded files, unit by unit."""

import io
import zipfile

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

import pytest

from practices.uploads import validate_document, validate_image
from tests.practices.conftest import docx_upload, image_bytes, pdf_upload, png_upload


def upload(name, content):
    return SimpleUploadedFile(name, content)


def zipped(files):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for name, content in files.items():
            package.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "good",
    [
        png_upload(),
        upload("foto.jpg", image_bytes("JPEG")),
        upload("foto.JPEG", image_bytes("JPEG")),
        upload("foto.webp", image_bytes("WEBP")),
    ],
)
def test_good_images_pass_and_stay_readable(good):
    validate_image(good)
    assert good.read(4)  # the file is rewound for saving


@pytest.mark.parametrize(
    ("bad", "code"),
    [
        (upload("foto.png", b"GIF89a not really"), "invalid_image"),
        (upload("foto.png", image_bytes("JPEG")), "format_mismatch"),
        (upload("foto.bmp", image_bytes("BMP")), "invalid_extension"),
        (upload("foto", image_bytes("PNG")), "invalid_extension"),
    ],
)
def test_bad_images_fail_with_a_code(bad, code):
    with pytest.raises(ValidationError) as error:
        validate_image(bad)
    assert error.value.code == code


@override_settings(WAGTAILIMAGES_MAX_IMAGE_PIXELS=100)
def test_pixel_limit():
    with pytest.raises(ValidationError) as error:
        validate_image(png_upload(size=(20, 20)))
    assert error.value.code == "too_many_pixels"


def test_decompression_bombs_are_refused(monkeypatch):
    from PIL import Image

    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 100)
    with pytest.raises(ValidationError) as error:
        validate_image(png_upload(size=(30, 30)))
    assert error.value.code == "too_many_pixels"


@pytest.mark.parametrize(
    "good",
    [
        pdf_upload(),
        docx_upload(),
        upload("tablica.xlsx", zipped({"[Content_Types].xml": "<T/>", "xl/workbook.xml": "<w/>"})),
        upload(
            "slajdy.pptx", zipped({"[Content_Types].xml": "<T/>", "ppt/presentation.xml": "<p/>"})
        ),
        upload(
            "tekst.odt",
            zipped({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<c/>"}),
        ),
        upload("staryj.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600),
        upload("pismo.rtf", b"{\\rtf1\\ansi hello}"),
        upload("anketa.txt", "Анкета наставляемого".encode()),
        upload("anketa-1251.txt", "Анкета наставляемого".encode("cp1251")),
    ],
)
def test_good_documents_pass(good):
    validate_document(good)


@pytest.mark.parametrize(
    ("bad", "code"),
    [
        (upload("virus.exe", b"MZ"), "invalid_extension"),
        (upload("plan.pdf", b"<html>not a pdf</html>"), "content_mismatch"),
        (
            upload("plan.docx", zipped({"xl/workbook.xml": "<w/>", "[Content_Types].xml": "<T/>"})),
            "content_mismatch",
        ),
        (
            upload(
                "plan.odt", zipped({"mimetype": "application/vnd.oasis.opendocument.spreadsheet"})
            ),
            "content_mismatch",
        ),
        (upload("plan.doc", b"PK\x03\x04"), "content_mismatch"),
        (upload("plan.txt", b"\x7fELF\x02\x01\x01\x00\x00"), "content_mismatch"),
    ],
)
def test_bad_documents_fail_with_a_code(bad, code):
    with pytest.raises(ValidationError) as error:
        validate_document(bad)
    assert error.value.code == code


@override_settings(WAGTAILDOCS_MAX_UPLOAD_SIZE=10)
def test_document_size_limit():
    with pytest.raises(ValidationError) as error:
        validate_document(pdf_upload())
    assert error.value.code == "file_too_large"
