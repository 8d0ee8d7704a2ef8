"""The one upload limit (ANNALS_MAX_UPLOAD_BYTES), checked with a message naming file and sizes.

Django itself limits only the non-file part of a request (DATA_UPLOAD_MAX_MEMORY_SIZE); files are
streamed to disk whatever their size, so every import path checks the size here before reading.
"""

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


class SizeLimitedImportForm(ImportForm):
    """django-import-export's import form, refusing a file over the upload limit."""

    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        message = upload_too_large(upload.size, name=upload.name)
        if message:
            raise forms.ValidationError(message, code="too_large")
        return upload
