"""Rights of the roles over events.

- Методист runs the calendar: edits event types, sees and changes registrations, and
  creates, edits and publishes events.
- Наставник may prepare an event (add and edit), which a methodist publishes.
- Администратор receives every permission from portal's post_migrate hook.

Page rights sit on the events index page; when it does not exist yet (a fresh database),
``events.permissions.grant_page_permissions`` is called by the demo loader after it
creates the index, and may be called again at any time.
"""

from django.db import migrations

MODEL_PERMISSIONS = {
    "Методист": [
        ("eventtype", ["add", "change", "view"]),
        ("registration", ["change", "view"]),
    ],
    "Наставник": [("eventtype", ["view"])],
}
PAGE_PERMISSIONS = {
    "Методист": ["add_page", "change_page", "publish_page"],
    "Наставник": ["add_page", "change_page"],
}


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions
    from django.contrib.contenttypes.management import create_contenttypes

    # Permissions of new models are created after migrations by default; we need them now.
    app_config = apps.get_app_config("events")
    app_config.models_module = True
    create_contenttypes(app_config, verbosity=0, apps=apps)
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    EventIndexPage = apps.get_model("events", "EventIndexPage")

    for group_name, models in MODEL_PERMISSIONS.items():
        group = Group.objects.filter(name=group_name).first()
        if group is None:
            continue
        for model, actions in models:
            for action in actions:
                permission = Permission.objects.get(
                    content_type__app_label="events", codename=f"{action}_{model}"
                )
                group.permissions.add(permission)

    for index in EventIndexPage.objects.all():
        for group_name, codenames in PAGE_PERMISSIONS.items():
            group = Group.objects.filter(name=group_name).first()
            if group is None:
                continue
            for codename in codenames:
                permission = Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                )
                GroupPagePermission.objects.get_or_create(
                    group=group, page_id=index.pk, permission=permission
                )


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0003_event_details_registrations"),
        ("portal", "0003_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
