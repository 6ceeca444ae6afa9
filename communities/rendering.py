"""Message text as HTML for the server-rendered channel page.

The text is escaped piece by piece: Django's ``urlize`` (with autoescape)
turns addresses into links, and @mentions of members become highlighted
names. No HTML a person typed ever reaches the page as markup.
"""

from django.utils.html import escape, format_html, urlize
from django.utils.safestring import mark_safe

from communities.messaging import MENTION_RE


def _linked(text):
    return urlize(text, nofollow=True, autoescape=True)


def message_html(text, mentions=()):
    """``mentions``: (username, display name) pairs of the members the message names."""
    known = dict(mentions)
    parts, position = [], 0
    for match in MENTION_RE.finditer(text):
        parts.append(_linked(text[position : match.start()]))
        username = match.group(1)
        if username in known:
            parts.append(
                format_html(
                    '<span class="mention" title="{}">@{}</span>', known[username], username
                )
            )
        else:
            parts.append(escape(match.group(0)))
        position = match.end()
    parts.append(_linked(text[position:]))
    # Every part above is escaped or built by format_html.
    return mark_safe("".join(parts))  # noqa: S308
