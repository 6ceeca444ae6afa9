"""Mentor portraits: checking an upload, cleaning it, saving it as a Wagtail image.

A photo from a phone carries its owner's location (EXIF GPS) and may be anything
renamed to .jpg; what reaches the portal is a re-encoded image of an allowed
type within the limits of ``settings.MENTORING_PHOTO_*``, with no metadata but
its colour profile, turned upright, and with a focal area around the face so
that every rendition (board, profile, thumbnail) crops to the face.
"""

import hashlib
import io
import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db.models import Prefetch
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from wagtail.images import get_image_model
from wagtail.images.rect import Rect

from PIL import Image as PILImage
from PIL import ImageOps, UnidentifiedImageError
from willow.registry import registry as willow_registry

from portal.uploads import collection_named

# One place for the crops the site shows; templates ask for them by name.
RENDITIONS = {
    "board": "fill-360x450",  # 4:5 card of the honour board and the home page
    "profile": "fill-480x600",  # the portrait on the profile page
    "thumbnail": "fill-96x96-c50",  # a square next to a name: authors, speakers, search
}
PHOTO_COLLECTION = "Фотографии наставников"
FORMAT_LABELS = {"JPEG": "JPG", "PNG": "PNG", "WEBP": "WEBP"}


def _setting(name, default):
    return getattr(settings, f"MENTORING_PHOTO_{name}", default)


def allowed_formats():
    return list(_setting("FORMATS", ["JPEG", "PNG", "WEBP"]))


def allowed_formats_label():
    return ", ".join(FORMAT_LABELS.get(fmt, fmt) for fmt in allowed_formats())


def accept_attribute():
    """The ``accept`` of the file input, so the phone's picker offers photos only."""
    return ",".join(f"image/{fmt.lower()}" for fmt in allowed_formats())


def rendition_spec(kind):
    return RENDITIONS[kind]


def with_photo_renditions(queryset, *kinds):
    """Prefetch the renditions of ``kinds`` for the photos of a profile queryset: one query."""
    Rendition = get_image_model().get_rendition_model()
    specs = [RENDITIONS[kind] for kind in kinds]
    return queryset.prefetch_related(
        Prefetch("photo__renditions", queryset=Rendition.objects.filter(filter_spec__in=specs))
    )


def _probe(upload):
    """Format and size read from the file's content (never from its name or content type)."""
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            # Pillow warns about huge images; our own pixel limit answers them below.
            warnings.simplefilter("ignore", PILImage.DecompressionBombWarning)
            with PILImage.open(upload) as probe:
                fmt, size = probe.format, probe.size
                probe.verify()
    except PILImage.DecompressionBombError:
        return None, None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, TypeError) as error:
        name = getattr(upload, "name", "") or ""
        if name.lower().endswith((".heic", ".heif")):
            # iPhones save photos as HEIC by default; say what to do rather than «not an image».
            raise ValidationError(
                _(
                    "Формат HEIC (фото с iPhone) не поддерживается. Сохраните фотографию "
                    "в формате %(formats)s — например, отправив её себе как JPG — и загрузите снова."
                ),
                code="format_not_allowed",
                params={"formats": allowed_formats_label()},
            ) from error
        raise ValidationError(
            _(
                "Файл «%(name)s» не является изображением или повреждён. "
                "Загрузите фотографию в формате %(formats)s."
            ),
            code="not_an_image",
            params={"name": getattr(upload, "name", ""), "formats": allowed_formats_label()},
        ) from error
    return fmt, size


def validate_photo(upload):
    """Raise a ValidationError in Russian unless ``upload`` is an acceptable portrait.

    Returns ``(format, (width, height))`` read from the content.
    """
    max_bytes = _setting("MAX_UPLOAD_SIZE", 10 * 1024 * 1024)
    max_pixels = _setting("MAX_PIXELS", 40_000_000)
    min_side = _setting("MIN_SIDE", 200)
    if upload.size > max_bytes:
        raise ValidationError(
            _("Файл слишком большой: %(size)s. Загрузите фотографию не больше %(limit)s."),
            code="file_too_large",
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(max_bytes)},
        )
    fmt, size = _probe(upload)
    if fmt is None:  # so large that Pillow refused to even look at it
        raise ValidationError(
            _(
                "Изображение слишком большое по числу пикселей. Допустимо не больше "
                "%(limit)s Мп: уменьшите фотографию и загрузите снова."
            ),
            code="too_many_pixels",
            params={"limit": max_pixels // 1_000_000},
        )
    if fmt not in allowed_formats():
        raise ValidationError(
            _("Формат %(format)s не подходит. Загрузите фотографию в формате %(formats)s."),
            code="format_not_allowed",
            params={"format": fmt, "formats": allowed_formats_label()},
        )
    width, height = size
    if width * height > max_pixels:
        raise ValidationError(
            _(
                "Изображение слишком большое: %(width)s × %(height)s пикселей. Допустимо не больше "
                "%(limit)s Мп: уменьшите фотографию и загрузите снова."
            ),
            code="too_many_pixels",
            params={"width": width, "height": height, "limit": max_pixels // 1_000_000},
        )
    if min(width, height) < min_side:
        raise ValidationError(
            _(
                "Фотография слишком маленькая: %(width)s × %(height)s пикселей. "
                "Нужно не меньше %(min)s пикселей по каждой стороне."
            ),
            code="too_small",
            params={"width": width, "height": height, "min": min_side},
        )
    return fmt, size


def clean_photo(upload, basename="photo"):
    """Re-encode a validated upload: upright, within the stored size, without any metadata.

    Returns a ``ContentFile`` named ``<basename>.<ext>``. Nothing of the original
    file but its pixels (and colour profile) survives: EXIF with GPS, XMP,
    comments and text chunks are dropped.
    """
    fmt, _size = validate_photo(upload)
    max_side = _setting("MAX_STORED_SIDE", 2000)
    upload.seek(0)
    try:
        with PILImage.open(upload) as source:
            if fmt == "JPEG":
                # Decode large JPEGs at a reduced scale: far less memory and time.
                source.draft("RGB", (max_side, max_side))
            source.load()
            icc_profile = source.info.get("icc_profile")
            image = ImageOps.exif_transpose(source)  # orientation before the EXIF goes
    except (OSError, SyntaxError, ValueError) as error:
        raise ValidationError(
            _(
                "Файл «%(name)s» повреждён и не читается. "
                "Загрузите фотографию в формате %(formats)s."
            ),
            code="broken_image",
            params={"name": getattr(upload, "name", ""), "formats": allowed_formats_label()},
        ) from error
    image.thumbnail((max_side, max_side), PILImage.Resampling.LANCZOS)

    has_alpha = image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info)
    if fmt == "PNG" and has_alpha:
        out_format, ext = "PNG", "png"
        image = image.convert("RGBA")
    elif fmt == "WEBP":
        out_format, ext = "WEBP", "webp"
        image = image.convert("RGBA" if has_alpha else "RGB")
    else:
        # A portrait without transparency is a photograph: JPEG is the right container.
        out_format, ext = "JPEG", "jpg"
        image = image.convert("RGB")

    image.info = {}
    params = {"icc_profile": icc_profile} if icc_profile else {}
    if out_format == "JPEG":
        params.update(quality=88, optimize=True, progressive=True)
    elif out_format == "WEBP":
        params.update(quality=88, method=4)
    else:
        params.update(optimize=True)
    buffer = io.BytesIO()
    image.save(buffer, format=out_format, **params)
    content = ContentFile(buffer.getvalue(), name=f"{basename}.{ext}")
    content.image_size = image.size
    return content


def upper_centre_focal_area(width, height):
    """Where a face is in a portrait: the middle of the upper part of the frame."""
    focal_width = width * 0.5
    focal_height = height * 0.42
    centre_x = width / 2
    centre_y = max(height * 0.36, focal_height / 2)
    return Rect.from_point(centre_x, centre_y, focal_width, focal_height)


def feature_detection_available():
    """Wagtail's face detection needs OpenCV; it is optional, so ask Willow whether it is there."""
    if not getattr(settings, "WAGTAILIMAGES_FEATURE_DETECTION_ENABLED", False):
        return False
    return bool(willow_registry.get_image_classes(with_operation="detect_faces", available=True))


def set_face_focal_point(image):
    """Give ``image`` a focal area around the face: detected when possible, else upper centre."""
    rect = None
    if feature_detection_available():
        try:
            rect = image.get_suggested_focal_point()
        except Exception:  # detection is a nicety; the upper-centre fallback is always right
            rect = None
    image.set_focal_point(rect or upper_centre_focal_area(image.width, image.height))


def photo_collection():
    """The collection mentor portraits live in, created on first use."""
    return collection_named(PHOTO_COLLECTION)


def save_photo(content, *, title, user=None):
    """Store a cleaned ``ContentFile`` as a Wagtail image with its focal area and renditions."""
    Image = get_image_model()
    data = content.read() if hasattr(content, "read") else bytes(content)
    content.seek(0)
    width, height = getattr(content, "image_size", (None, None))
    image = Image(
        title=title[:255],
        description=title[:255],
        collection=photo_collection(),
        uploaded_by_user=user,
        file_size=len(data),
        file_hash=hashlib.sha1(data, usedforsecurity=False).hexdigest(),
    )
    image.file = content
    if width and height:
        image.width, image.height = width, height
    image.set_focal_point(upper_centre_focal_area(image.width, image.height))
    image.save()
    if feature_detection_available():
        set_face_focal_point(image)
        image.save(
            update_fields=[
                "focal_point_x",
                "focal_point_y",
                "focal_point_width",
                "focal_point_height",
            ]
        )
    # Generate the crops now, so the first visitor of the board does not wait for them.
    image.get_renditions(*RENDITIONS.values())
    return image


def discard_photo(image, keep_for=None):
    """Delete a mentor's previous portrait unless something else still shows it."""
    from mentoring.models import MentorProfile

    if image is None or image.collection.name != PHOTO_COLLECTION:
        return
    others = MentorProfile.objects.filter(photo=image)
    if keep_for is not None:
        others = others.exclude(pk=keep_for.pk)
    if not others.exists():
        image.delete()  # Wagtail removes the files once the transaction commits
