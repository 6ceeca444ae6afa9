from django import template

from communities import messaging, rendering, unread

register = template.Library()


@register.filter
def message_html(message):
    """A message's text, escaped, with links and @mentions made clickable."""
    return rendering.message_html(message.text, messaging.mention_list(message))


@register.simple_tag(takes_context=True)
def community_summary(context):
    """Unread messages, mentions and pending requests of the signed-in person (one query)."""
    request = context.get("request")
    if request is None or not request.user.is_authenticated:
        return None
    return unread.header_summary(request.user)


@register.filter
def get_item(mapping, key):
    """``counts|get_item:pk`` — a value from a dict, or nothing when there is no dict."""
    if not mapping:
        return None
    return mapping.get(key)
