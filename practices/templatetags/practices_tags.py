from django import template

from practices.publishing import can_propose

register = template.Library()


@register.simple_tag
def can_propose_practices(user):
    """For the header: show «Мои практики» to those who may propose practices."""
    return can_propose(user)
