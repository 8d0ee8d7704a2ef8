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

A restore trusts nothing in the file: it is inflated in a stream and refused past
``ANNALS_MAX_BACKUP_BYTES``; a ``<file>.sha256`` beside it (``backup_archive`` writes one) is
verified when present; it must hold at least one record and only the models a backup holds
(no sessions, admin log, permissions); a superuser in it is refused unless asked for; and
after loading every annotation must stand at its offsets and every URL be http or https.
"""

import bz2
import gzip
import hashlib
import itertools
import json
import lzma
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.core.management.commands import loaddata
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction

from core.signals import content_changed
from core.text import TextRefused, validate_name
from people.models import Organization, Person

from ..models import Annotation, Article, Event, Paragraph
from ..models.annotations import DERIVED

EXCLUDED = ["contenttypes", "auth.permission", "admin.logentry", "sessions", "axes", "archive.contentversion"]
SUFFIXES = (".json", ".json.gz", ".json.bz2", ".json.xz")
NATURAL_PRIMARY = {"auth.user", "auth.group"}
CHUNK = 2000
OPENERS = {".gz": gzip.open, ".bz2": bz2.open, ".xz": lzma.open}
ARCHIVE_MODELS = (Article, Person, Organization, Event, Annotation)
NAMED = ((Person, "name"), (Organization, "name"), (Article, "title"), (Event, "title"))


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
    checksum_path(path).write_text(f"{file_sha256(path)}  {path.name}\n", encoding="utf-8")
    return path


def checksum_path(path):
    return Path(f"{path}.sha256")


def file_sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


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


def verify_checksum(path):
    """Refuse a backup whose ``.sha256`` file (when present) does not match; return whether one was."""
    sidecar = checksum_path(path)
    if not sidecar.is_file():
        return False
    expected = (sidecar.read_text(encoding="utf-8").split() or [""])[0].lower()
    if expected != file_sha256(path):
        raise BackupError(
            f"{path}: its SHA-256 does not match {sidecar.name}; the file was changed or damaged"
        )
    return True


def inflate(path, out, *, limit=None):
    """Copy the backup's JSON to out, decompressing in a stream; refuse it past limit bytes."""
    limit = limit or getattr(settings, "ANNALS_MAX_BACKUP_BYTES", 512 << 20)
    written = 0
    try:
        with OPENERS.get(path.suffix, open)(path, "rb") as source:
            for block in iter(lambda: source.read(1 << 20), b""):
                written += len(block)
                if written > limit:
                    raise BackupError(
                        f"{path}: inflates past {limit} bytes (ANNALS_MAX_BACKUP_BYTES); refused, nothing restored"
                    )
                out.write(block)
    except (OSError, EOFError, lzma.LZMAError) as exc:
        raise BackupError(f"{path}: not a readable backup ({exc})") from exc


def check_records(path, records, *, allow_superusers=False):
    """Refuse a backup that is empty, or holds a model or a superuser a backup may not hold."""
    if not isinstance(records, list) or not records:
        raise BackupError(f"{path}: holds no records; an empty backup restores nothing")
    allowed = {model._meta.label_lower for model in backup_models(with_history=True)}
    for number, record in enumerate(records, 1):
        model = str(record.get("model", "")).lower() if isinstance(record, dict) else ""
        if model not in allowed:
            raise BackupError(
                f"{path}: record {number} is a {model or 'non-record'}, which a backup never holds"
            )
        if model == "auth.user" and record.get("fields", {}).get("is_superuser") and not allow_superusers:
            raise BackupError(
                f"{path}: record {number} makes {record['fields'].get('username')!r} a superuser; "
                "pass --allow-superusers if you wrote this backup yourself"
            )


def check_loaded():
    """Refuse what was loaded when an annotation is not at its offsets, a URL is not http(s) or a
    name holds invisible characters: the checks the forms and imports make, made again."""
    texts = dict(Paragraph.objects.values_list("pk", "text"))
    for pk, paragraph, quote, start, end in Annotation.objects.filter(orphaned=False).values_list(
        "pk", "paragraph_id", "quote", "start", "end"
    ):
        if texts.get(paragraph, "")[start:end] != quote:
            raise BackupError(
                f"annotation {pk}: its quote “{quote[:30]}” is not at {start}–{end} of its paragraph"
            )
    for pk, url in Article.objects.exclude(url="").values_list("pk", "url"):
        if urlsplit(url).scheme.lower() not in ("http", "https"):
            raise BackupError(f"article {pk}: URL {url[:60]!r} is not http or https")
    for model, field in NAMED:
        for pk, name in model.objects.values_list("pk", field):
            try:
                validate_name(name)
            except TextRefused as exc:
                raise BackupError(f"{model._meta.label} {pk}: {exc.messages[0]}") from None


def derive_loaded():
    """Work out again what each loaded annotation derives from its quote: fixtures skip save(),
    and a backup written before those fields existed (or edited by hand) must not rank citations."""
    batch = []
    for annotation in Annotation.objects.only("pk", "quote", "cues", "words_key").iterator(chunk_size=CHUNK):
        stored = (annotation.cues, annotation.words_key)
        annotation.derive()
        if (annotation.cues, annotation.words_key) != stored:
            batch.append(annotation)
    Annotation.objects.bulk_update(batch, DERIVED, batch_size=CHUNK)


@transaction.atomic
def archive_restore(*, path, allow_superusers=False):
    """Load a backup into a database whose archive is empty; return the counts restored."""
    path = Path(path)
    _check_suffix(path)
    if not path.is_file():
        raise BackupError(f"{path}: no such file")
    verify_checksum(path)
    present = {label: count for label, count in archive_counts().items() if count}
    if present:
        held = ", ".join(f"{count} {label}" for label, count in present.items())
        raise BackupError(
            f"{path}: the database already holds {held}; restore into an empty, migrated database"
        )
    with tempfile.NamedTemporaryFile(suffix=".json") as plain:
        inflate(path, plain)
        plain.flush()
        plain.seek(0)
        try:
            records = json.load(plain)
        except (ValueError, UnicodeDecodeError) as exc:
            raise BackupError(f"{path}: not a loadable backup: not JSON ({exc})") from exc
        check_records(path, records, allow_superusers=allow_superusers)
        del records
        call_command(_Loader(), plain.name, verbosity=0)
    try:
        check_loaded()
    except BackupError as exc:
        raise BackupError(f"{path}: {exc}; refused, nothing restored") from None
    derive_loaded()
    # Rows loaded as fixtures send no change signals: move the cache key on once, here.
    content_changed.send(sender=Article, using=Article.objects.db)
    return archive_counts()
