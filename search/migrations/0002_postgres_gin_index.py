"""The GIN indexes behind the database backend's full-text search, on PostgreSQL only.

Django's GinIndex in Meta.indexes would emit `USING gin` on SQLite too, so the
index is created here, for PostgreSQL, and the model stays portable.
"""

from django.db import migrations

INDEXES = {
    "search_entry_vector_gin": "search_vector",
    "search_entry_title_gin": "title_vector",
}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, column in INDEXES.items():
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {name} ON search_indexentry USING gin ({column})"
            )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(create_indexes, drop_indexes, elidable=False)]
