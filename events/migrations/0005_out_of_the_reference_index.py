"""Registrations are no longer in Wagtail's reference index (``wagtail_reference_index_ignore``):
forget the rows written for them before, so no page's "usage" lists them."""

from django.db import migrations

from portal.reference_index import forget_references


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0004_role_permissions"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0096_referenceindex_referenceindex_source_object_and_more"),
    ]

    operations = [migrations.RunPython(forget_references("events", "registration"), migrations.RunPython.noop)]
