"""Sources as they arrive: an article fetched from a URL, many from a folder, a zip or a list of URLs.

Settings (config/settings.py reads them from the environment): ``ANNALS_FETCH_ALLOW_PRIVATE``
(default off; the environment variable of that name when the setting is absent) lets a fetch reach private, loopback and link-local addresses, for
tests and intranet archives; ``ANNALS_FETCH_TIMEOUT`` (seconds, default 20) bounds a fetch in all;
``ANNALS_MAX_UPLOAD_BYTES`` bounds every source however it arrives.

A batch imports each source all-or-nothing in its own savepoint and goes on past a bad one; a
source whose bytes (SHA-256) are already in the archive is reported, not imported again.
"""

import hashlib
import os
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.db import transaction

from core.uploads import upload_too_large
from textkit.fetch import FetchError, fetch

from ..models import Article
from .articles import SourceError, article_import

SOURCE_SUFFIXES = {".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml", ".shtml"}
URL_SCHEMES = ("http://", "https://")


def fetch_allows_private():
    """Tell whether fetches may reach non-public addresses (ANNALS_FETCH_ALLOW_PRIVATE)."""
    value = getattr(settings, "ANNALS_FETCH_ALLOW_PRIVATE", None)
    if value is None:
        value = os.environ.get("ANNALS_FETCH_ALLOW_PRIVATE", "")
    return value is True or str(value).strip().lower() in ("1", "true", "yes", "on")


def source_fetch(url):
    """Return the textkit Fetched of url within the archive's limits, or raise SourceError."""
    try:
        return fetch(
            url.strip(),
            max_bytes=settings.ANNALS_MAX_UPLOAD_BYTES,
            timeout=float(settings.ANNALS_FETCH_TIMEOUT),
            allow_private=fetch_allows_private(),
        )
    except FetchError as exc:
        raise SourceError(str(exc)) from exc


def article_import_url(*, url, **fields):
    """Fetch url and import it as an article, the final URL and retrieval time as provenance.

    The fetch happens before any transaction opens; nothing is written when it fails.
    """
    return article_import_incoming(incoming=incoming_from_url(url), **fields)


def article_import_incoming(*, incoming, **fields):
    """Import one Incoming source (see article_import), its provenance recorded."""
    if incoming.url:
        fields["url"] = fields.get("url") or incoming.url
        fields["retrieved_at"] = incoming.retrieved_at
    return article_import(
        data=incoming.data, filename=incoming.filename, content_type=incoming.content_type, **fields
    )


@dataclass(frozen=True)
class Incoming:
    """A source's bytes as received, with where and when they came from when fetched."""

    data: bytes
    filename: str
    content_type: str | None = None
    url: str = ""
    retrieved_at: datetime | None = None

    @property
    def sha256(self):
        return hashlib.sha256(self.data).hexdigest()


def incoming_from_url(url):
    """Return the Incoming source fetched from url, or raise SourceError."""
    fetched = source_fetch(url)
    return Incoming(
        data=fetched.data,
        filename=filename_of_url(fetched.final_url),
        content_type=fetched.content_type,
        url=fetched.final_url,
        retrieved_at=fetched.retrieved_at,
    )


def filename_of_url(url):
    """Return the last path segment of url (its host when the path has none), for the raw file's name."""
    parts = urlsplit(url)
    return unquote(PurePosixPath(parts.path).name) or parts.hostname or "page"


# Batches ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BatchItem:
    """One source of a batch: a name to report it by and how to read it (raises SourceError)."""

    name: str
    read: object  # () -> Incoming


@dataclass
class BatchReport:
    imported: list = field(default_factory=list)  # [(name, Article)]
    already: list = field(default_factory=list)  # [(name, slug)]
    refused: list = field(default_factory=list)  # [(name, reason)]
    skipped: list = field(default_factory=list)  # [name]: not text, markdown or HTML by its name

    @property
    def reprints(self):
        """Return (name, copy, original) for each imported article found to be a reprint."""
        return [(name, a, a.reprint_of) for name, a in self.imported if a.reprint_of_id]


def batch_items(paths):
    """Return the BatchItems of the given folders, zips, URL lists and single files, in order.

    Raise SourceError, naming the path, when one does not exist or cannot be listed.
    """
    items = []
    for path in map(Path, paths):
        if path.is_dir():
            items.extend(folder_items(path))
        elif not path.is_file():
            raise SourceError(f"{path}: no such file or folder")
        elif zipfile.is_zipfile(path):
            items.extend(zip_items(path))
        else:
            urls = url_list(path)
            items.extend(url_items(urls) if urls else [file_item(path, path.name)])
    return items


def folder_items(folder):
    """Return an item per source file under folder, and per member of a zip in it; hidden ones left out."""
    items = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        name = str(path.relative_to(folder))
        if any(part.startswith(".") for part in path.relative_to(folder).parts):
            continue
        if path.suffix.lower() == ".zip" and zipfile.is_zipfile(path):
            items.extend(BatchItem(f"{name}/{item.name}", item.read) for item in zip_items(path))
        else:
            items.append(file_item(path, name))
    return items


def file_item(path, name):
    def read():
        if Path(name).suffix.lower() not in SOURCE_SUFFIXES and Path(name).suffix:
            raise _Skip
        try:
            too_large = upload_too_large(path.stat().st_size, name=name)
            if too_large:
                raise SourceError(too_large)
            return Incoming(data=path.read_bytes(), filename=path.name)
        except OSError as exc:
            raise SourceError(f"{name}: cannot read ({exc.strerror or exc})") from exc

    return BatchItem(name, read)


def zip_items(path):
    """Return an item per member of a zip (a path or an open file); each is checked before it is read."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = [info for info in archive.infolist() if not info.is_dir()]
    except (zipfile.BadZipFile, OSError) as exc:
        raise SourceError(f"{path}: not a readable zip ({exc})") from exc
    return [BatchItem(info.filename, _member_reader(path, info)) for info in infos]


def _member_reader(path, info):
    def read():
        name = info.filename
        member = PurePosixPath(name.replace("\\", "/"))
        if member.is_absolute() or ".." in member.parts or ":" in member.parts[0]:
            raise SourceError(f"{name}: an unsafe path in the zip (absolute or with ..)")
        if member.suffix.lower() not in SOURCE_SUFFIXES and member.suffix:
            raise _Skip
        too_large = upload_too_large(info.file_size, name=name)
        if too_large:
            raise SourceError(too_large)
        limit = settings.ANNALS_MAX_UPLOAD_BYTES
        try:
            with zipfile.ZipFile(path) as archive, archive.open(info) as stream:
                data = stream.read(limit + 1)  # the header's size may lie
        except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError) as exc:
            raise SourceError(f"{name}: cannot be read from the zip ({exc})") from exc
        if len(data) > limit:
            raise SourceError(upload_too_large(len(data), name=name) or f"{name}: too large")
        return Incoming(data=data, filename=member.name)

    return read


def url_list(path):
    """Return the URLs of a text file that lists only URLs (one a line, # comments), else []."""
    if path.stat().st_size > settings.ANNALS_MAX_UPLOAD_BYTES:
        return []
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return []
    lines = [line.split(" #", 1)[0].strip() for line in text.splitlines()]
    lines = [line for line in lines if line and not line.startswith("#")]
    return lines if lines and all(line.lower().startswith(URL_SCHEMES) for line in lines) else []


def url_items(urls):
    return [BatchItem(url, lambda url=url: incoming_from_url(url)) for url in urls]


def upload_items(files):
    """Return an item per uploaded file (Django UploadedFile) or member of an uploaded zip.

    Each file's size is checked before it is read; raise SourceError for a zip over the limit.
    """
    items = []
    for upload in files:
        if upload.name.lower().endswith(".zip") and zipfile.is_zipfile(upload):
            too_large = upload_too_large(upload.size, name=upload.name)
            if too_large:
                raise SourceError(too_large)
            items.extend(BatchItem(f"{upload.name}/{item.name}", item.read) for item in zip_items(upload))
        else:
            items.append(BatchItem(upload.name, _upload_reader(upload)))
    return items


def _upload_reader(upload):
    def read():
        too_large = upload_too_large(upload.size, name=upload.name)
        if too_large:
            raise SourceError(too_large)
        upload.seek(0)
        return Incoming(data=upload.read(), filename=upload.name)

    return read


class _Skip(Exception):
    """The item is not a source by its name (an image or style sheet saved beside a page)."""


def articles_import_batch(*, items, progress=None, **fields):
    """Import every item all-or-nothing, going on past a bad one; return the BatchReport.

    ``progress(done, total, name)`` is called after each item. ``fields`` go to every article
    (outlet, publish). A source already in the archive (same bytes) is reported, not imported.
    """
    report = BatchReport()
    for done, item in enumerate(items, start=1):
        _import_item(item, report, fields)
        if progress is not None:
            progress(done, len(items), item.name)
    return report


def _import_item(item, report, fields):
    try:
        incoming = item.read()
        existing = Article.objects.filter(raw_sha256=incoming.sha256).only("slug").first()
        if existing is not None:
            report.already.append((item.name, existing.slug))
            return
        with transaction.atomic():
            article = article_import_incoming(incoming=incoming, **fields)
    except _Skip:
        report.skipped.append(item.name)
    except SourceError as exc:
        reason = str(exc).removeprefix(f"{item.name}: ").removeprefix(f"{Path(item.name).name}: ")
        report.refused.append((item.name, reason))
    else:
        report.imported.append((item.name, article))
