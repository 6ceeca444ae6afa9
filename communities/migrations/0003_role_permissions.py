"""Give the portal's roles their rights over memberships, channels and messages in the admin.

Community moderators manage channels and members and moderate messages;
methodists may do everything with them. Administrators receive every
permission after each migrate (portal.apps).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "Модератор сообщества": [
        "view_membership",
        "change_membership",
        "add_channel",
        "change_channel",
        "view_channel",
        "view_message",
        "change_message",
        "delete_message",
    ],
    "Методист": [
        "add_membership",
        "change_membership",
        "delete_membership",
        "view_membership",
        "add_channel",
        "change_channel",
        "delete_channel",
        "view_channel",
        "view_message",
        "change_message",
        "delete_message",
        "view_mention",
    ],
}


def grant(apps, schema_editor):
    app_config = apps.get_app_config("communities")
    # Permissions are normally created after all migrations; this one needs them now.
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, codenames in GRANTS.items():
        group, _created = Group.objects.get_or_create(name=group_name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="communities", codename__in=codenames)
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, codenames in GRANTS.items():
        group = Group.objects.filter(name=group_name).first()
        if group is not None:
            group.permissions.remove(
                *Permission.objects.filter(
                    content_type__app_label="communities", codename__in=codenames
                )
            )


class Migration(migrations.Migration):
    dependencies = [
        ("communities", "0002_community_membership_channels"),
        ("portal", "0003_roles"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
