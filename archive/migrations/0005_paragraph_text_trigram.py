"""A pg_trgm GIN index for paragraph search on PostgreSQL; nothing on other databases.

Search uses ``text__icontains``, which PostgreSQL runs as ``UPPER(text) LIKE UPPER(%s)``, so the
index is on ``UPPER(text)``. pg_trgm is a trusted extension (PostgreSQL 13+): a database owner
may create it. LIKE stays correct without the index (e.g. on SQLite, or for two-character
queries, which yield no trigram).
"""

from django.db import migrations

INDEX = "archive_paragraph_text_trgm"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON archive_paragraph USING gin (UPPER(text) gin_trgm_ops)"
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("archive", "0004_content_version")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
