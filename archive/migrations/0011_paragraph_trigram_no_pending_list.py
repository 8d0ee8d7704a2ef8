"""The paragraph trigram index (0005) takes each paragraph in as it is written (fastupdate off).

With GIN's default fast update, new paragraphs wait in a pending list that every search reads
through until a vacuum merges it. After an import of twenty thousand paragraphs the planner
priced the index at 1,444 where a scan of every paragraph cost 947, so search folded the case
of every paragraph (57 ms) instead of reading the index (3.5 ms once merged). Written straight
into the index, a paragraph costs about 0.25 ms more to insert (2,000 paragraphs: 450-580 ms
either way once the pending list fills) and search no longer depends on when vacuum last ran.
Nothing on other databases.
"""

from django.db import migrations

INDEX = "archive_paragraph_text_trgm"


def merge_and_stop_pending(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"ALTER INDEX IF EXISTS {INDEX} SET (fastupdate = off)")
    # What already waits in the pending list goes into the index now, not at the next vacuum.
    schema_editor.execute(f"SELECT gin_clean_pending_list(to_regclass('{INDEX}'))")  # NULL: no index


def restore_fast_update(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER INDEX IF EXISTS {INDEX} RESET (fastupdate)")


class Migration(migrations.Migration):
    dependencies = [("archive", "0010_annotation_claim_cues")]

    operations = [migrations.RunPython(merge_and_stop_pending, restore_fast_update, elidable=False)]
