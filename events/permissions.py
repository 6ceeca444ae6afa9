"""Who may see an event's participants (personal data) and mark their attendance.

The event's organisers: the page owner (who created it), the mentor named as its
organiser, and the methodists and administrators who run the programme.
"""

from portal.roles import ADMINISTRATOR, MENTOR, METHODIST, has_role


def can_manage_participants(user, event):
    if not user.is_authenticated or not user.is_active:
        return False
    if has_role(user, METHODIST, ADMINISTRATOR):  # superusers included
        return True
    if event.owner_id is not None and event.owner_id == user.pk:
        return True
    organiser_user_id = _organiser_user_id(event)
    return organiser_user_id is not None and organiser_user_id == user.pk


def _organiser_user_id(event):
    if event.organiser_id is None:
        return None
    # Loads (and caches on the event) the profile that the event page shows anyway.
    return event.organiser.user_id


def managed_events(user, queryset):
    """The events of ``queryset`` whose participants ``user`` may see."""
    from django.db.models import Q

    if not user.is_authenticated or not user.is_active:
        return queryset.none()
    if has_role(user, METHODIST, ADMINISTRATOR):
        return queryset
    return queryset.filter(Q(owner=user) | Q(organiser__user=user))


PAGE_PERMISSIONS = {
    METHODIST: ["add_page", "change_page", "publish_page"],
    MENTOR: ["add_page", "change_page"],
}


def grant_page_permissions(index):
    """Let methodists run the calendar under ``index`` and mentors prepare events there.

    The same rights as migration 0004 grants on an existing index; idempotent.
    """
    from django.contrib.auth.models import Group, Permission

    from wagtail.models import GroupPagePermission

    for group_name, codenames in PAGE_PERMISSIONS.items():
        group = Group.objects.filter(name=group_name).first()
        if group is None:
            continue
        for codename in codenames:
            permission = Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            )
            GroupPagePermission.objects.get_or_create(
                group=group, page=index, permission=permission
            )
