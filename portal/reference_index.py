"""Keeping records that are not content out of Wagtail's reference index.

A model with ``wagtail_reference_index_ignore = True`` is no longer indexed, but
the rows written for it before stay; ``forget_references`` builds the data
migration that drops them, so no page's "usage" in the admin lists them.
"""


def forget_references(app_label, *model_names):
    """A RunPython function deleting the reference-index rows of ``app_label``'s models."""

    def forget(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        ReferenceIndex = apps.get_model("wagtailcore", "ReferenceIndex")
        types = ContentType.objects.filter(app_label=app_label, model__in=model_names)
        ReferenceIndex.objects.filter(content_type__in=types).delete()

    return forget
