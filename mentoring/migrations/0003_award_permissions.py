"""Who may do what with mentors and awards.

Methodists keep the mentor base and enter awards (only they and administrators
hold the award permissions, so the admin refuses anyone else, a crafted POST
included). Mentors edit their own profile on the site, which needs no model
permission at all. Administrators get everything from portal's post_migrate hook.
Also fills the new municipality of existing profiles from their organisation.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "Методист": {
        "award": ["add", "change", "delete", "view"],
        "mentorprofile": ["add", "change", "delete", "view"],
        "organisation": ["add", "change", "view"],
        "municipality": ["add", "change", "view"],
    },
    "Администратор": {
        "award": ["add", "change", "delete", "view"],
        "mentorprofile": ["add", "change", "delete", "view"],
        "organisation": ["add", "change", "delete", "view"],
        "municipality": ["add", "change", "delete", "view"],
    },
}


def grant(apps, schema_editor):
    # Permissions of new models only appear after post_migrate; create them now.
    app_config = apps.get_app_config("mentoring")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, models in GRANTS.items():
        group, _created = Group.objects.get_or_create(name=group_name)
        for model, actions in models.items():
            codenames = [f"{action}_{model}" for action in actions]
            group.permissions.add(
                *Permission.objects.filter(content_type__app_label="mentoring", codename__in=codenames)
            )

    MentorProfile = apps.get_model("mentoring", "MentorProfile")
    for profile in MentorProfile.objects.filter(municipality__isnull=True, organisation__isnull=False).select_related("organisation"):
        profile.municipality_id = profile.organisation.municipality_id
        profile.save(update_fields=["municipality"])


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name__in=GRANTS):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="mentoring", content_type__model__in=["award", "mentorprofile", "organisation", "municipality"])
        )


class Migration(migrations.Migration):
    dependencies = [
        ("mentoring", "0002_profile_photo_expertise_awards"),
        ("portal", "0003_roles"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
