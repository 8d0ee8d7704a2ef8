"""Editors' side of reprints: the side-by-side comparison with the original and alignment filters."""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .services import reprints


class ReprintCompareMixin:
    """Add to the article admin a side-by-side view of a reprint and its original."""

    def get_urls(self):
        view = self.admin_site.admin_view(self.compare_view)
        return [path("<path:object_id>/compare/", view, name="archive_article_compare"), *super().get_urls()]

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "compare_link"]

    @admin.display(description=_("comparison with the original"))
    def compare_link(self, article):
        if not article.pk or not article.reprint_of_id:
            return "—"
        url = reverse("admin:archive_article_compare", args=[article.pk])
        return format_html('<a href="{}">{}</a>', url, _("Compare side by side"))

    def compare_view(self, request, object_id):
        """Show each paragraph of a reprint beside the original text it copies, differences marked."""
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404(_("No article with this id."))
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        if not article.reprint_of_id:
            self.message_user(
                request, _("“%s” is not a reprint: there is nothing to compare.") % article, messages.WARNING
            )
            return redirect("admin:archive_article_change", article.pk)
        rows = reprints.compare_rows(copy=article)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "article": article,
            "source_article": article.reprint_of,
            "rows": rows,
            "omitted": reprints.uncopied_paragraphs(copy=article),
            "copy_only": [row for row in rows if row.paragraph.kind == "body" and not row.sources],
            "title": _("Compare “%(copy)s” with its original") % {"copy": article},
        }
        return TemplateResponse(request, "admin/archive/article/compare.html", context)


class AlignmentFilter(admin.SimpleListFilter):
    """Filter paragraphs by whether they are aligned to an original, flagging text found only in a copy."""

    title = _("alignment")
    parameter_name = "alignment"

    def lookups(self, request, model_admin):
        return [
            ("aligned", _("aligned to an original")),
            ("copy-only", _("copy-only text (body of a reprint with no original)")),
            ("unaligned", _("not aligned")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "aligned":
            return queryset.filter(alignments__isnull=False).distinct()
        if self.value() == "copy-only":
            return reprints.copy_only_paragraphs(queryset)
        if self.value() == "unaligned":
            return queryset.filter(alignments__isnull=True)
        return queryset
