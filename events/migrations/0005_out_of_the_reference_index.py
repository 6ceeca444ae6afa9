"""Registrations are no longer in Wagtail's reference index (``wagtail_reference_index_ignore``):
forget the rows written for them before, so no page's "usage" lists them."""

from django.db import migrations


def forget_references(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ReferenceIndex = apps.get_model("wagtailcore", "ReferenceIndex")
    types = ContentType.objects.filter(app_label="events", model__in=['registration'])
    ReferenceIndex.objects.filter(content_type__in=types).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0004_role_permissions"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0096_referenceindex_referenceindex_source_object_and_more"),
    ]

    operations = [migrations.RunPython(forget_references, migrations.RunPython.noop)]
