"""The article admin, extended with a link to each article's workbench.

The workbench sits above the archive, so it is the workbench that adds itself to the archive's
admin (a subclass registered in place of the archive's own), never the other way round.
"""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from archive.admin import ArticleAdmin
from archive.models import Article


class AnnotatedArticleAdmin(ArticleAdmin):
    list_display = [*ArticleAdmin.list_display, "annotate_link"]
    readonly_fields = ["annotate_link", *ArticleAdmin.readonly_fields]

    @admin.display(description=_("annotation workbench"))
    def annotate_link(self, article):
        if not article.pk:
            return "—"
        return format_html(
            '<a href="{}">{}</a>', reverse("workbench:annotate", args=[article.pk]), _("Annotate")
        )


admin.site.unregister(Article)
admin.site.register(Article, AnnotatedArticleAdmin)
