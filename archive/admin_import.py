"""Editors' side of sources as they arrive: import an article from a URL, or many uploaded files.

Both need ``archive.add_article`` and call the same services as the commands
(archive.services.sources). The upload runs in the request; a background job with visible
progress waits for the job queue.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _

from .services import sources
from .services.articles import SourceError


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
        """Fetch a page and import it as an article; on success open it, else say why on the form."""
        self._check_add_permission(request)
        form = ImportURLForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                article = sources.article_import_url(
                    url=form.cleaned_data["url"],
                    title=form.cleaned_data["title"],
                    outlet=form.cleaned_data["outlet"],
                )
            except SourceError as exc:
                form.add_error("url", str(exc))
            else:
                self._report_imported(request, article)
                return redirect("admin:archive_article_change", article.pk)
        return self._render(request, form, _("Import an article from a URL"))

    def import_files_view(self, request):
        """Import every uploaded file (and zip member) on its own; show what came in and what not."""
        self._check_add_permission(request)
        form = ImportFilesForm(request.POST or None, request.FILES or None)
        report = None
        if request.method == "POST" and form.is_valid():
            try:
                items = sources.upload_items(form.cleaned_data["files"])
            except SourceError as exc:
                form.add_error("files", str(exc))
            else:
                report = sources.articles_import_batch(items=items, outlet=form.cleaned_data["outlet"])
        return self._render(request, form, _("Import articles from files"), report=report)

    def _check_add_permission(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied

    def _report_imported(self, request, article):
        text = _("Imported “%(title)s” (%(count)d paragraphs).") % {
            "title": article.title,
            "count": article.paragraphs.count(),
        }
        if article.reprint_of_id:
            text += " " + _("It reprints “%(original)s”.") % {"original": article.reprint_of}
        self.message_user(request, text, messages.SUCCESS)

    def _render(self, request, form, title, report=None):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "form": form,
            "title": title,
            "report": report,
            "is_multipart": isinstance(form, ImportFilesForm),
        }
        return TemplateResponse(request, "admin/archive/article/import_form.html", context)
