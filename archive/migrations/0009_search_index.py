"""A full-text index of paragraph text for search: SQLite FTS5 with the trigram tokenizer.

The virtual table holds its own copy of each paragraph's text (rowid = paragraph id), kept in
step by triggers on archive_paragraph, so every write path (admin, services, imports, bulk
inserts, raw SQL) stays indexed. The trigram tokenizer needs SQLite 3.34 or later and no word
segmentation, which suits Chinese; it matches substrings of three characters or more, so
reading/search.py falls back to LIKE for shorter terms. PostgreSQL has its pg_trgm GIN index
(0005) and gets nothing here.

A later migration that rebuilds archive_paragraph on SQLite (Django's way of altering a column
there) drops these triggers with the old table: such a migration must run ``create_index`` again.
"""

import sqlite3

from django.db import migrations

TABLE = "archive_paragraph_fts"
TRIGGERS = {
    "ai": "AFTER INSERT ON archive_paragraph BEGIN "
    f"INSERT INTO {TABLE}(rowid, text) VALUES (new.id, new.text); END",
    "ad": f"AFTER DELETE ON archive_paragraph BEGIN DELETE FROM {TABLE} WHERE rowid = old.id; END",
    "au": "AFTER UPDATE OF text ON archive_paragraph BEGIN "
    f"UPDATE {TABLE} SET text = new.text WHERE rowid = new.id; END",
}


def supported(connection):
    return connection.vendor == "sqlite" and sqlite3.sqlite_version_info >= (3, 34)


def create_index(apps, schema_editor):
    if not supported(schema_editor.connection):
        return
    schema_editor.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5(text, tokenize='trigram')")
    for name, body in TRIGGERS.items():
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {TABLE}_{name}")
        schema_editor.execute(f"CREATE TRIGGER {TABLE}_{name} {body}")
    schema_editor.execute(f"DELETE FROM {TABLE}")
    schema_editor.execute(f"INSERT INTO {TABLE}(rowid, text) SELECT id, text FROM archive_paragraph")


def drop_index(apps, schema_editor):
    if not supported(schema_editor.connection):
        return
    for name in TRIGGERS:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {TABLE}_{name}")
    schema_editor.execute(f"DROP TABLE IF EXISTS {TABLE}")


class Migration(migrations.Migration):
    dependencies = [("archive", "0008_trust_constraints")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
