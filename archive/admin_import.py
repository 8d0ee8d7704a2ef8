"""Editors' side of sources as they arrive: import an article from a URL, or many uploaded files.

Both need ``archive.add_article`` and call the same services as the commands
(archive.services.sources), as a background job: the form queues it (the uploaded files kept
in the job's private folder) and opens the job's progress page, which lists what came in, the
reprints found and what was refused, with the reason.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _

from core import background
from core.uploads import upload_too_large


class ImportURLForm(forms.Form):
    url = forms.URLField(
        label=_("URL"),
        assume_scheme="https",
        max_length=500,
        help_text=_("An http(s) page or text file; only public addresses are fetched."),
    )
    title = forms.CharField(
        label=_("title"), max_length=300, required=False, help_text=_("Default: the page's own.")
    )
    outlet = forms.CharField(label=_("outlet"), max_length=200, required=False)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A file field taking several files at once; cleaned to a list."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("allow_empty_file", True)  # the batch reports an empty file with the rest
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        clean_one = super().clean
        files = data if isinstance(data, list | tuple) else [data]
        return [clean_one(f, initial) for f in files if f] or clean_one(None)


class ImportFilesForm(forms.Form):
    files = MultipleFileField(
        label=_("files"),
        help_text=_("Text, markdown or HTML files, or .zip files of them; each is imported on its own."),
    )
    outlet = forms.CharField(label=_("outlet"), max_length=200, required=False)


class ArticleImportMixin:
    """Add "Import from URL" and "Import files" to the article admin."""

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("import-url/", wrap(self.import_url_view), name="archive_article_import_url"),
            path("import-files/", wrap(self.import_files_view), name="archive_article_import_files"),
            *super().get_urls(),
        ]

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "retrieved_at"]

    def import_url_view(self, request):
        """Queue the fetch and import of a page as a job and open its progress page."""
        self._check_add_permission(request)
        form = ImportURLForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            return background.start_job(
                request,
                kind="import_url",
                label=_("Import %(url)s") % {"url": form.cleaned_data["url"]},
                params={key: form.cleaned_data[key] for key in ("url", "title", "outlet")},
            )
        return self._render(request, form, _("Import an article from a URL"))

    def import_files_view(self, request):
        """Queue the import of every uploaded file (and zip member) as a job; open its progress page."""
        self._check_add_permission(request)
        form = ImportFilesForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            uploads = form.cleaned_data["files"]
            too_large = [m for m in (upload_too_large(f.size, name=f.name) for f in uploads) if m]
            if too_large:
                form.add_error("files", too_large)
            else:
                count = len(uploads)
                return background.start_job(
                    request,
                    kind="import_files",
                    label=_("Import %(count)d files (%(names)s)")
                    % {"count": count, "names": ", ".join(f.name for f in uploads)[:200]},
                    params={"outlet": form.cleaned_data["outlet"]},
                    files=[(upload.name, upload.chunks()) for upload in uploads],
                )
        return self._render(request, form, _("Import articles from files"))

    def _check_add_permission(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied

    def _render(self, request, form, title):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "form": form,
            "title": title,
            "is_multipart": isinstance(form, ImportFilesForm),
        }
        return TemplateResponse(request, "admin/archive/article/import_form.html", context)
