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


# Remembered in the session: the header asks on every page, and only submitting a
# request (which sets it, see programme_views.request_form) turns it from no to yes.
IN_PROGRAMME_SESSION_KEY = "mentoring.in_programme"


@register.simple_tag(takes_context=True)
def takes_part_in_programme(context):
    """Whether «Мои пары» belongs in the account menu: mentors, and teachers who asked for one."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    if has_role(user, MENTOR):
        return True
    session = getattr(request, "session", None)  # error pages may render without one
    flag = session.get(IN_PROGRAMME_SESSION_KEY) if session is not None else None
    if flag is None:
        from mentoring.models import MenteeRequest

        flag = MenteeRequest.objects.filter(teacher=user).exists()
        if session is not None:
            session[IN_PROGRAMME_SESSION_KEY] = flag
    return flag
