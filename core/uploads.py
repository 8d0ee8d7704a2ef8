"""The one upload limit (ANNALS_MAX_UPLOAD_BYTES), checked with a message naming file and sizes.

Django itself limits only the non-file part of a request (DATA_UPLOAD_MAX_MEMORY_SIZE); files are
streamed to disk whatever their size, so every import path checks the size here before reading.
"""

import os
import stat

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from import_export.forms import ImportForm


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
