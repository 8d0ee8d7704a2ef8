"""Uploads: the one size limit (ANNALS_MAX_UPLOAD_BYTES), and the import preview's private files.

Django itself limits only the non-file part of a request (DATA_UPLOAD_MAX_MEMORY_SIZE); files are
streamed to disk whatever their size, so every import path checks the size here before reading.
"""

import contextlib
import contextvars
import hashlib
import os
import re
import stat
import time
import uuid
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.translation import gettext as _
from import_export.forms import ImportForm
from import_export.tmp_storages import BaseStorage

from . import background


def upload_too_large(size, *, name):
    """Return a one-line message when size (bytes) passes the upload limit, else None."""
    limit = settings.ANNALS_MAX_UPLOAD_BYTES
    if size <= limit:
        return None
    return _("%(name)s is %(size)s; the largest file accepted is %(limit)s (ANNALS_MAX_UPLOAD_BYTES).") % {
        "name": name,
        "size": filesizeformat(size),
        "limit": filesizeformat(limit),
    }


class TooLarge(ValueError):
    """A file refused before it was read: too large, or not a regular file."""


def regular_file(path, *, name=None):
    """Return os.stat of path, refusing anything but a regular file (devices, FIFOs, sockets)."""
    info = os.stat(path)
    if not stat.S_ISREG(info.st_mode):
        raise TooLarge(_("%(name)s is not a regular file") % {"name": name or os.path.basename(str(path))})
    return info


def read_capped(path, *, limit=None, name=None):
    """Return the bytes of the regular file at path, refused by its size before it is read.

    A device, FIFO or a symlink to one (``/dev/zero``) is refused; so is a file that grows
    past the limit while it is read (at most limit + 1 bytes are ever read).
    """
    limit = settings.ANNALS_MAX_UPLOAD_BYTES if limit is None else limit
    name = name or os.path.basename(str(path))
    info = regular_file(path, name=name)
    message = upload_too_large(info.st_size, name=name) if limit == settings.ANNALS_MAX_UPLOAD_BYTES else None
    if message or info.st_size > limit:
        raise TooLarge(
            message or _("%(name)s is larger than %(limit)s bytes") % {"name": name, "limit": limit}
        )
    with open(path, "rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise TooLarge(
            _("%(name)s grew past %(limit)s bytes while it was read") % {"name": name, "limit": limit}
        )
    return data


def read_zip_member(bundle, info, *, limit=None):
    """Return a zip member's bytes, refused by its declared size (``ZipInfo.file_size``) first."""
    limit = settings.ANNALS_MAX_UPLOAD_BYTES if limit is None else limit
    message = upload_too_large(info.file_size, name=info.filename)
    if message:
        raise TooLarge(message)
    with bundle.open(info) as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise TooLarge(_("%(name)s inflates past its declared size") % {"name": info.filename})
    return data


class SizeLimitedImportForm(ImportForm):
    """django-import-export's import form, refusing a file over the upload limit."""

    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        message = upload_too_large(upload.size, name=upload.name)
        if message:
            raise forms.ValidationError(message, code="too_large")
        return upload


# The import-export preview's upload, kept for its "Confirm import" ------------------------------

_session_key = contextvars.ContextVar("annals_upload_session", default=None)
UPLOAD_NAME = re.compile(r"[0-9a-f]{32}")


class UploadNotFound(ValueError):
    """The named upload is not one this session made (or it was confirmed, cancelled or expired)."""


def session_folder(session_key):
    """Return the private folder of one session's uploads (named by a digest of its key)."""
    digest = hashlib.sha256(f"annals-upload:{session_key}".encode()).hexdigest()[:32]
    return Path(settings.ANNALS_UPLOADS_DIR) / digest


class SessionUploadStorage(BaseStorage):
    """import-export's temporary storage: a private folder per session, files named at random.

    A name from the confirm form is read only from the current session's folder, so a name
    copied from another session (or a path) finds nothing. Uploads older than
    ANNALS_UPLOAD_MAX_AGE_SECONDS are removed whenever a new one is saved.
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.session_key = kwargs.get("session_key") or _session_key.get()

    def _path(self):
        if not self.session_key:
            raise UploadNotFound(_("no session: log in again and upload the file again"))
        if not self.name or not UPLOAD_NAME.fullmatch(str(self.name)):
            raise UploadNotFound(_("%(name)s is not an upload of this session") % {"name": self.name})
        return session_folder(self.session_key) / self.name

    def save(self, data):
        uploads_purge_expired()
        self.name = uuid.uuid4().hex
        path = self._path()
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        with open(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as handle:
            handle.write(data.encode(self.encoding or "utf-8") if isinstance(data, str) else data)

    def read(self):
        path = self._path()
        if not path.is_file():
            raise UploadNotFound(
                _("%(name)s is not an upload of this session (or it was imported or cancelled)")
                % {"name": self.name}
            )
        with open(path, self.read_mode, encoding=None if "b" in self.read_mode else self.encoding) as handle:
            return handle.read()

    def remove(self):
        with contextlib.suppress(UploadNotFound):
            self._path().unlink(missing_ok=True)


def uploads_purge_expired(now=None):
    """Remove every session's uploads older than ANNALS_UPLOAD_MAX_AGE_SECONDS; return how many."""
    root = Path(settings.ANNALS_UPLOADS_DIR)
    cutoff = (now or time.time()) - settings.ANNALS_UPLOAD_MAX_AGE_SECONDS
    removed = 0
    for path in root.glob("*/*") if root.is_dir() else ():
        with contextlib.suppress(OSError):
            if path.is_file() and path.stat().st_mtime < cutoff:
                path.unlink()
                removed += 1
    return removed


class SessionUploadsMixin:
    """Tie import-export's preview uploads to the session; confirm runs the import as a job.

    "Confirm import" reads only an upload of this session, hands it to a background job
    (core/background.py) and opens the job's progress page; "Cancel" removes the upload.
    """

    def get_tmp_storage_class_kwargs(self):
        return {**super().get_tmp_storage_class_kwargs(), "session_key": _session_key.get()}

    def import_action(self, request, **kwargs):
        token = _session_key.set(_request_session_key(request))
        try:
            return super().import_action(request, **kwargs)
        finally:
            _session_key.reset(token)

    def process_import(self, request, **kwargs):
        if request.method != "POST":
            return super().process_import(request, **kwargs)  # import-export answers 405
        if not self.has_import_permission(request):
            raise PermissionDenied
        form = self.create_confirm_form(request)
        changelist = reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist")
        if not form.is_valid():
            return super().process_import(request, **kwargs)
        input_format = self.get_import_formats()[int(form.cleaned_data["format"])]()
        storage = self.get_tmp_storage_class()(
            name=form.cleaned_data["import_file_name"],
            read_mode="rb",
            session_key=_request_session_key(request),
        )
        try:
            data = storage.read()
        except UploadNotFound as exc:
            self.message_user(request, str(exc), messages.ERROR)
            return HttpResponseRedirect(changelist)
        storage.remove()
        original = form.cleaned_data["original_file_name"]
        if "cancel" in request.POST:
            self.message_user(request, _("Import of %(file)s cancelled.") % {"file": original}, messages.INFO)
            return HttpResponseRedirect(changelist)
        return background.start_job(
            request,
            kind="admin_import",
            label=_("Import %(file)s into %(model)s")
            % {"file": original, "model": self.opts.verbose_name_plural},
            params={
                "model": self.opts.label_lower,
                "format": int(form.cleaned_data["format"]),
                "resource": int(form.cleaned_data.get("resource") or 0),
                "file": "upload" + Path(original).suffix.lower()[:10],
                "original": original,
                "binary": input_format.is_binary(),
            },
            files=[("upload" + Path(original).suffix.lower()[:10], data)],
        )


def _request_session_key(request):
    if request.session.session_key is None:
        request.session.save()
    return request.session.session_key
