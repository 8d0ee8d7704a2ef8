"""The archive's admin, extended with links into the workbench.

The workbench sits above the archive, so it is the workbench that adds itself to the archive's
admin (subclasses registered in place of the archive's own), never the other way round. A
paragraph or an annotation links to the workbench opened on its paragraph (#wb-pN), which loads
the parts of a long article up to it.
"""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from archive.admin import AnnotationAdmin, ArticleAdmin, ParagraphAdmin
from archive.models import Annotation, Article, Paragraph


def workbench_link(article_id, position=None):
    url = reverse("workbench:annotate", args=[article_id]) + (f"#wb-p{position}" if position else "")
    return format_html('<a href="{}">{}</a>', url, _("Annotate"))


class AnnotatedArticleAdmin(ArticleAdmin):
    list_display = [*ArticleAdmin.list_display, "annotate_link"]
    readonly_fields = ["annotate_link", *ArticleAdmin.readonly_fields]

    @admin.display(description=_("annotation workbench"))
    def annotate_link(self, article):
        return workbench_link(article.pk) if article.pk else "—"


class AnnotatedParagraphAdmin(ParagraphAdmin):
    readonly_fields = ["annotate_link", *ParagraphAdmin.readonly_fields]

    @admin.display(description=_("annotation workbench"))
    def annotate_link(self, paragraph):
        return workbench_link(paragraph.article_id, paragraph.position) if paragraph.pk else "—"


class LinkedAnnotationAdmin(AnnotationAdmin):
    @admin.display(description=_("annotation workbench"))
    def annotate_link(self, annotation):
        if not annotation.pk:
            return "—"
        return workbench_link(annotation.paragraph.article_id, annotation.paragraph.position)

    def get_readonly_fields(self, request, obj=None):
        return ["annotate_link", *super().get_readonly_fields(request, obj)]


for model, model_admin in (
    (Article, AnnotatedArticleAdmin),
    (Paragraph, AnnotatedParagraphAdmin),
    (Annotation, LinkedAnnotationAdmin),
):
    admin.site.unregister(model)
    admin.site.register(model, model_admin)
