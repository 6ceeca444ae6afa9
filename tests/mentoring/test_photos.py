"""Mentor portraits: uploads are checked by content, cleaned of metadata and cropped around the face."""

import io

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from wagtail.images import get_image_model

import pytest
from PIL import Image as PILImage

from mentoring import photos
from tests.mentoring.factories import image_bytes

GPS_IFD = 0x8825
ORIENTATION = 0x0112


def upload(data, name="photo.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def jpeg_with_location(size=(800, 600), orientation=None):
    """A JPEG as a phone writes it: camera make, GPS coordinates, maybe an orientation flag."""
    image = PILImage.new("RGB", size, (200, 120, 80))
    exif = PILImage.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0132] = "2024:05:01 10:00:00"  # DateTime
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (59.0, 51.0, 0.0), 3: "E", 4: (30.0, 19.0, 0.0)})
    if orientation:
        exif[ORIENTATION] = orientation
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif, comment=b"secret comment")
    return buffer.getvalue()


def messages_of(error):
    return " ".join(error.value.messages)


def test_text_file_renamed_jpg_is_rejected_with_a_clear_message():
    fake = upload("Это не фотография, а список дел.".encode(), name="portrait.jpg")
    with pytest.raises(ValidationError) as error:
        photos.validate_photo(fake)
    assert error.value.error_list[0].code == "not_an_image"
    assert "«portrait.jpg» не является изображением" in messages_of(error)
    assert "JPG, PNG, WEBP" in messages_of(error)


def test_truncated_jpeg_is_rejected():
    data = image_bytes((800, 800))[:300]
    with pytest.raises(ValidationError) as error:
        photos.clean_photo(upload(data))
    assert error.value.error_list[0].code in {"not_an_image", "broken_image"}


def test_image_with_too_many_pixels_is_rejected_before_decoding():
    # 9000 × 9000 of one colour compresses to a small PNG: the file size alone would let it through.
    huge = image_bytes((9000, 9000), fmt="PNG")
    assert len(huge) < 2 * 1024 * 1024
    with pytest.raises(ValidationError) as error:
        photos.validate_photo(upload(huge, name="huge.png", content_type="image/png"))
    assert error.value.error_list[0].code == "too_many_pixels"
    assert "9000 × 9000" in messages_of(error)
    assert "40 Мп" in messages_of(error)


@override_settings(MENTORING_PHOTO_MAX_UPLOAD_SIZE=50 * 1024)
def test_file_over_the_size_limit_is_rejected():
    noisy = PILImage.effect_noise((600, 600), 100).convert("RGB")
    buffer = io.BytesIO()
    noisy.save(buffer, format="JPEG", quality=100)
    assert buffer.tell() > 50 * 1024
    with pytest.raises(ValidationError) as error:
        photos.validate_photo(upload(buffer.getvalue()))
    assert error.value.error_list[0].code == "file_too_large"
    assert "Загрузите фотографию не больше 50,0\xa0КБ" in messages_of(error)


def test_gif_is_a_real_image_but_not_an_allowed_type():
    with pytest.raises(ValidationError) as error:
        photos.validate_photo(upload(image_bytes((400, 400), fmt="GIF"), name="a.gif"))
    assert error.value.error_list[0].code == "format_not_allowed"
    assert "Формат GIF не подходит" in messages_of(error)


def test_tiny_image_is_rejected():
    with pytest.raises(ValidationError) as error:
        photos.validate_photo(upload(image_bytes((120, 90))))
    assert error.value.error_list[0].code == "too_small"
    assert "120 × 90" in messages_of(error)


@pytest.mark.parametrize(("fmt", "name"), [("JPEG", "a.jpg"), ("PNG", "a.png"), ("WEBP", "a.webp")])
def test_allowed_types_pass_whatever_their_name(fmt, name):
    # A PNG named .jpg is still a PNG: the content decides, not the extension.
    assert photos.validate_photo(upload(image_bytes((400, 500), fmt=fmt), name="x.jpg"))[0] == fmt


def test_cleaning_strips_exif_gps_and_comments():
    original = jpeg_with_location()
    assert PILImage.open(io.BytesIO(original)).getexif().get_ifd(GPS_IFD)
    cleaned = photos.clean_photo(upload(original), basename="mentor-x")
    data = cleaned.read()
    result = PILImage.open(io.BytesIO(data))
    assert result.format == "JPEG"
    assert dict(result.getexif()) == {}
    assert not result.getexif().get_ifd(GPS_IFD)
    assert "exif" not in result.info and "comment" not in result.info and "xmp" not in result.info
    assert b"PhoneMaker" not in data and b"secret comment" not in data
    assert cleaned.name == "mentor-x.jpg"


def test_cleaning_turns_the_photo_upright_before_dropping_the_orientation_flag():
    # Orientation 6: the camera was turned; the stored pixels are landscape, the photo is portrait.
    cleaned = photos.clean_photo(upload(jpeg_with_location((800, 600), orientation=6)))
    assert PILImage.open(cleaned).size == (600, 800)


@override_settings(MENTORING_PHOTO_MAX_STORED_SIDE=1000)
def test_cleaning_downscales_large_photos():
    cleaned = photos.clean_photo(upload(image_bytes((3000, 4000))))
    assert PILImage.open(cleaned).size == (750, 1000)
    assert cleaned.image_size == (750, 1000)


def test_png_without_transparency_becomes_jpeg_and_with_transparency_stays_png():
    opaque = photos.clean_photo(upload(image_bytes((400, 400), fmt="PNG"), name="a.png"))
    assert opaque.name.endswith(".jpg")
    transparent = photos.clean_photo(
        upload(image_bytes((400, 400), fmt="PNG", alpha=True), name="b.png")
    )
    assert transparent.name.endswith(".png")
    assert PILImage.open(transparent).mode == "RGBA"


def test_webp_stays_webp_without_metadata():
    image = PILImage.new("RGB", (500, 500), (10, 20, 30))
    exif = PILImage.Exif()
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (59.0, 51.0, 0.0)})
    buffer = io.BytesIO()
    image.save(buffer, format="WEBP", exif=exif)
    cleaned = photos.clean_photo(upload(buffer.getvalue(), name="a.webp"))
    result = PILImage.open(cleaned)
    assert result.format == "WEBP"
    assert "exif" not in result.info


def test_upper_centre_focal_area_holds_the_face_of_a_portrait():
    rect = photos.upper_centre_focal_area(600, 750)
    assert rect.centroid_x == 300
    assert rect.top >= 0 and rect.bottom < 750 * 0.6
    assert rect.width == 300


@pytest.mark.django_db
def test_save_photo_stores_a_wagtail_image_with_focal_point_and_renditions():
    content = photos.clean_photo(upload(jpeg_with_location((900, 1200))), basename="mentor-a")
    image = photos.save_photo(content, title="Смирнова Елена Викторовна")
    image.refresh_from_db()
    assert image.collection.name == photos.PHOTO_COLLECTION
    assert (image.width, image.height) == (900, 1200)
    assert image.has_focal_point()
    assert image.focal_point_x == 450 and image.focal_point_y < 600
    assert image.file_size == len(content.read())
    assert len(image.file_hash) == 40
    specs = set(image.renditions.values_list("filter_spec", flat=True))
    assert specs == set(photos.RENDITIONS.values())
    board = image.get_rendition(photos.RENDITIONS["board"])
    assert (board.width, board.height) == (360, 450)
    thumbnail = image.get_rendition(photos.RENDITIONS["thumbnail"])
    assert (thumbnail.width, thumbnail.height) == (96, 96)


@pytest.mark.django_db
@override_settings(WAGTAILIMAGES_FEATURE_DETECTION_ENABLED=True)
def test_focal_point_falls_back_to_upper_centre_without_opencv(monkeypatch):
    monkeypatch.setattr(photos, "feature_detection_available", lambda: False)
    image = photos.save_photo(photos.clean_photo(upload(image_bytes((600, 750)))), title="Портрет")
    rect = photos.upper_centre_focal_area(600, 750)
    assert (image.focal_point_x, image.focal_point_y) == (rect.centroid_x, rect.centroid_y)


@pytest.mark.django_db
def test_feature_detection_is_used_when_available(monkeypatch):
    from wagtail.images.rect import Rect

    monkeypatch.setattr(photos, "feature_detection_available", lambda: True)
    Image = get_image_model()
    monkeypatch.setattr(Image, "get_suggested_focal_point", lambda self: Rect(100, 50, 300, 250))
    image = photos.save_photo(photos.clean_photo(upload(image_bytes((600, 750)))), title="П")
    image.refresh_from_db()
    assert (image.focal_point_x, image.focal_point_y) == (200, 150)


def test_feature_detection_needs_the_setting():
    with override_settings(WAGTAILIMAGES_FEATURE_DETECTION_ENABLED=False):
        assert photos.feature_detection_available() is False


def test_heic_from_an_iphone_gets_advice_not_just_a_refusal():
    fake_heic = upload(b"\x00\x00\x00\x18ftypheic" + b"\x00" * 200, name="IMG_0042.HEIC")
    with pytest.raises(ValidationError) as error:
        photos.validate_photo(fake_heic)
    assert "HEIC (фото с iPhone) не поддерживается" in messages_of(error)
