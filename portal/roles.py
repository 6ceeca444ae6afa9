"""Roles of the portal, kept as Django groups (created by a migration).

Apps grant permissions to these groups in their own migrations; code asks
``has_role(user, METHODIST)`` rather than spelling group names out.
"""

MENTOR = "Наставник"
TEACHER = "Педагог"
MODERATOR = "Модератор сообщества"
METHODIST = "Методист"
ADMINISTRATOR = "Администратор"

ALL_ROLES = [MENTOR, TEACHER, MODERATOR, METHODIST, ADMINISTRATOR]


def has_role(user, *roles):
    """True when the user belongs to any of ``roles`` (superusers hold every role)."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    names = getattr(user, "_role_names", None)
    if names is None:
        # Cached on the user object: templates ask several times per page.
        names = set(user.groups.values_list("name", flat=True))
        user._role_names = names
    return bool(names.intersection(roles))
