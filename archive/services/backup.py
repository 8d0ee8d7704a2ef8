"""Back up the whole archive as a Django fixture with natural keys, and restore it.

A backup holds every row the archive needs to come back: sources (with the files as received),
paragraphs, authority records, events, annotations, users and groups. It leaves out what a
fresh ``migrate`` recreates or what is only bookkeeping: content types, permissions, the admin
log, sessions, login-throttling records and the cache's content version; history tables only
with ``with_history``.

Foreign keys are written as natural keys (slugs, user names, permission code names), so a
backup does not depend on the content-type or permission ids of the database it came from.
Primary keys of the archive's own rows are kept: public pages cite them (``#role-12``,
``?hl=345``), readers bookmark those links, and history rows point at their records by them.
Only users and groups are matched by natural key, so the groups ``migrate`` creates are
updated in place rather than duplicated.
"""

import bz2
import gzip
import itertools
import json
import lzma
from pathlib import Path

from django.apps import apps
from django.core import serializers
from django.core.management import call_command
from django.core.management.commands import loaddata
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction

from core.signals import content_changed
from people.models import Organization, Person

from ..models import Annotation, Article, Event

EXCLUDED = ["contenttypes", "auth.permission", "admin.logentry", "sessions", "axes", "archive.contentversion"]
SUFFIXES = (".json", ".json.gz", ".json.bz2", ".json.xz")
NATURAL_PRIMARY = {"auth.user", "auth.group"}
CHUNK = 2000
OPENERS = {".gz": gzip.open, ".bz2": bz2.open, ".xz": lzma.open}
ARCHIVE_MODELS = (Article, Person, Organization, Event, Annotation)


class _Loader(loaddata.Command):
    """loaddata that writes no history: restored rows are not edits, and history comes from the file."""

    def save_obj(self, obj):
        # Also covers the many-to-many sets, whose signal simple-history would log as a change.
        obj.object.skip_history_when_saving = True
        return super().save_obj(obj)


class BackupError(ValueError):
    """A backup that cannot be written or restored; the message names the file and the reason."""


def history_labels():
    """Return the labels of the simple-history tables (HistoricalArticle…) of every app."""
    return sorted(
        model._meta.label_lower
        for model in apps.get_models()
        if model._meta.model_name.startswith("historical") and hasattr(model, "history_id")
    )


def _check_suffix(path):
    if not str(path).endswith(SUFFIXES):
        raise BackupError(f"{path}: a backup file name must end in {', '.join(SUFFIXES)}")


def archive_backup(*, path, with_history=False):
    """Write the whole archive to path (JSON, optionally .gz/.bz2/.xz) and return path."""
    path = Path(path)
    _check_suffix(path)
    with OPENERS.get(path.suffix, open)(path, "wt", encoding="utf-8") as handle:
        handle.write("[")
        separator = "\n"
        for record in backup_records(with_history=with_history):
            handle.write(separator + json.dumps(record, cls=DjangoJSONEncoder, ensure_ascii=False))
            separator = ",\n"
        handle.write("\n]\n")
    return path


def backup_records(*, with_history=False):
    """Yield the backup's records (fixture dicts), model by model, a chunk of rows at a time."""
    for model in backup_models(with_history=with_history):
        natural_primary = model._meta.label_lower in NATURAL_PRIMARY
        rows = _rows(model)
        for chunk in iter(lambda: list(itertools.islice(rows, CHUNK)), []):  # noqa: B023 (used at once)
            yield from serializers.get_serializer("python")().serialize(
                chunk, use_natural_foreign_keys=True, use_natural_primary_keys=natural_primary
            )


def backup_models(*, with_history=False):
    """Return the models a backup holds, dependencies first (as dumpdata orders them)."""
    excluded = set(EXCLUDED) | (set() if with_history else set(history_labels()))
    app_list = [
        (config, [m for m in config.get_models() if not {config.label, m._meta.label_lower} & excluded])
        for config in apps.get_app_configs()
        if config.label not in excluded
    ]
    return serializers.sort_dependencies(app_list, allow_cycles=True)


def _rows(model):
    """Return model's rows with what their natural keys read joined in (one query, not one per row)."""
    queryset = model._base_manager.order_by(model._meta.pk.name)
    joins = [path for field in model._meta.concrete_fields if field.is_relation for path in _key_paths(field)]
    m2m = [path for field in model._meta.many_to_many for path in _key_paths(field)]
    return queryset.select_related(*joins).prefetch_related(*m2m).iterator(chunk_size=2000)


def _key_paths(field, depth=2):
    """Return the relation paths a natural key of field's target reads (FKs of natural-key models)."""
    target = field.related_model
    if not hasattr(target, "natural_key") or depth == 0:
        return []
    inner = [
        path for sub in target._meta.concrete_fields if sub.is_relation for path in _key_paths(sub, depth - 1)
    ]
    return [field.name] + [f"{field.name}__{path}" for path in inner]


def archive_counts():
    """Return how many rows of each main archive model the database holds."""
    return {model._meta.label: model.objects.count() for model in ARCHIVE_MODELS}


@transaction.atomic
def archive_restore(*, path):
    """Load a backup into a database whose archive is empty; return the counts restored."""
    path = Path(path)
    _check_suffix(path)
    if not path.is_file():
        raise BackupError(f"{path}: no such file")
    present = {label: count for label, count in archive_counts().items() if count}
    if present:
        held = ", ".join(f"{count} {label}" for label, count in present.items())
        raise BackupError(
            f"{path}: the database already holds {held}; restore into an empty, migrated database"
        )
    call_command(_Loader(), str(path.resolve()), verbosity=0)
    # Rows loaded as fixtures send no change signals: move the cache key on once, here.
    content_changed.send(sender=Article, using=Article.objects.db)
    return archive_counts()
