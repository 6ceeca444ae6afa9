"""Template tags of the mentoring app: mentor portraits and the account link.

``{% mentor_photo profile "board" %}`` renders the named rendition (board,
profile, thumbnail; see ``mentoring.photos.RENDITIONS``) or, for a mentor
without a photo, a placeholder with their initials. Other apps may use it for
authors and speakers: ``{% load mentoring_tags %}{% mentor_photo author "thumbnail" %}``.
"""

from django import template
from django.utils.html import format_html

from mentoring.photos import RENDITIONS, rendition_spec
from portal.roles import MENTOR, has_role

register = template.Library()


@register.simple_tag
def mentor_photo(profile, kind="board", alt=""):
    """An <img> of the mentor's portrait in the ``kind`` crop, or an initials placeholder.

    ``alt`` is empty by default: cards and lists print the name right beside the photo.
    """
    if kind not in RENDITIONS:
        raise template.TemplateSyntaxError(f"Unknown mentor photo kind: {kind!r}")
    if profile.photo_id:
        spec = rendition_spec(kind)
        # get_renditions(), unlike get_rendition(), does not write a prefetched rendition
        # back to the cache: with Redis that is one network round trip per card saved.
        rendition = profile.photo.get_renditions(spec)[spec]
        return format_html(
            '<img class="mentor-photo mentor-photo--{}" src="{}" width="{}" height="{}" alt="{}" loading="lazy" decoding="async">',
            kind,
            rendition.url,
            rendition.width,
            rendition.height,
            alt,
        )
    return format_html(
        '<span class="mentor-photo mentor-photo--{} mentor-photo--placeholder" aria-hidden="true">{}</span>',
        kind,
        profile.initials,
    )


@register.filter
def is_mentor(user):
    return has_role(user, MENTOR)
