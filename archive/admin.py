"""Editors' admin for sources, events and annotations."""

from django.contrib import admin, messages
from django.forms.models import BaseInlineFormSet
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from core.admin import SpreadsheetAdminMixin
from core.admin_records import FixedSlugMixin, RecordedDeleteMixin
from core.admin_search import words_matching
from core.paginators import BoundedCountAdmin
from people.models import Organization, Person, Role

from .admin_import import ArticleImportMixin
from .admin_lists import ChosenArticleFilter, OutletFilter
from .forms import AnnotationAdminForm, ParagraphAdminForm
from .models import Alignment, Annotation, Article, Event, Paragraph
from .reprints_admin import AlignmentFilter, ReprintCompareMixin
from .resources import AnnotationResource, EventResource
from .services import annotations as annotating
from .services.publishing import articles_set_published
from .services.review import check_status_allowed

PARAGRAPHS_INLINE = 20  # an article's change page edits its paragraphs twenty at a time: drawing a
# paragraph's form costs about as much as all the rest of the page


def paragraphs_page(request):
    """Return which page of paragraphs the article's change page edits: ?paragraphs=N, 1 by default."""
    value = request.GET.get("paragraphs", "")
    return int(value) if value.isascii() and value.isdigit() and 0 < int(value) < 10**6 else 1


class ParagraphPageFormSet(BaseInlineFormSet):
    page = 1

    def get_queryset(self):
        if not hasattr(self, "_page_rows"):
            start = (self.page - 1) * PARAGRAPHS_INLINE
            # Each row names its article (the change link): joined here, not one query a row.
            rows = super().get_queryset().select_related("article")
            self._page_rows = rows[start : start + PARAGRAPHS_INLINE]
        return self._page_rows


class ParagraphInline(admin.TabularInline):
    model = Paragraph
    formset = ParagraphPageFormSet
    extra = 0
    fields = ["position", "kind", "text", "kind_note"]
    show_change_link = True

    def get_formset(self, request, obj=None, **kwargs):
        page = paragraphs_page(request)
        count = obj.paragraphs.count() if obj is not None and obj.pk else 0
        if count > PARAGRAPHS_INLINE:
            # The admin makes an inline per request, so its heading may say which ones it edits.
            first, last = (page - 1) * PARAGRAPHS_INLINE + 1, min(page * PARAGRAPHS_INLINE, count)
            self.verbose_name_plural = _("paragraphs %(first)s–%(last)s of %(count)s") % {
                "first": first,
                "last": last,
                "count": count,
            }
        formset = super().get_formset(request, obj, **kwargs)
        return type(formset.__name__, (formset,), {"page": page})


@admin.register(Article)
class ArticleAdmin(
    BoundedCountAdmin,
    ArticleImportMixin,
    FixedSlugMixin,
    RecordedDeleteMixin,
    ReprintCompareMixin,
    SimpleHistoryAdmin,
):
    list_display = [
        "title",
        "outlet",
        "published_text",
        "published_edtf",
        "reprint_of",
        "is_published",
    ]
    list_filter = ["is_published", "script", OutletFilter]
    list_select_related = ["reprint_of"]
    search_fields = ["title", "slug", "outlet", "author", "url"]
    autocomplete_fields = ["reprint_of"]
    readonly_fields = [
        "published_lower",
        "published_upper",
        "raw_filename",
        "raw_encoding",
        "raw_sha256",
        "reprint_similarity",
        "created_at",
        "updated_at",
        "paragraph_list",
    ]
    inlines = [ParagraphInline]
    actions = ["publish", "unpublish"]

    def save_formset(self, request, form, formset, change):
        # A paragraph's text corrected inline must re-anchor its annotations like any other edit.
        if formset.model is not Paragraph:
            return super().save_formset(request, form, formset, change)
        for paragraph in formset.save(commit=False):
            if paragraph.pk and "text" in _changed_fields(formset, paragraph):
                report = annotating.paragraph_update_text(
                    paragraph=paragraph, text=paragraph.text, version=paragraph.version, user=request.user
                )
                _report_orphans(self, request, paragraph, report)
            else:
                paragraph.save()
        for paragraph in formset.deleted_objects:
            paragraph.delete()
        formset.save_m2m()

    @admin.display(description=_("paragraphs"))
    def paragraph_list(self, article):
        count = article.paragraphs.count() if article.pk else 0
        url = reverse("admin:archive_paragraph_changelist") + f"?article__id__exact={article.pk}"
        notes = (
            reverse("admin:archive_annotation_changelist") + f"?paragraph__article__id__exact={article.pk}"
        )
        pages = [
            (n, first + 1, min(first + PARAGRAPHS_INLINE, count))
            for n, first in enumerate(range(0, count, PARAGRAPHS_INLINE), start=1)
        ]
        edit = ""
        if len(pages) > 1:
            links = format_html_join(" · ", '<a href="?paragraphs={}">{}–{}</a>', pages)
            edit = format_html(
                " · {} {}", _("edit below, %(n)s at a time:") % {"n": PARAGRAPHS_INLINE}, links
            )
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a>{}',
            url,
            _("All %(n)s paragraphs") % {"n": count},
            notes,
            _("their annotations"),
            edit,
        )

    def response_change(self, request, obj):
        # "Save and continue editing" comes back to the paragraphs that were being edited.
        response = super().response_change(request, obj)
        page = paragraphs_page(request)
        if "_continue" in request.POST and page > 1 and response.status_code == 302:
            response["Location"] += ("&" if "?" in response["Location"] else "?") + f"paragraphs={page}"
        return response

    def has_publish_article_permission(self, request):
        return request.user.has_perm("archive.publish_article")

    def get_readonly_fields(self, request, obj=None):
        # Going public is a Reviewer's decision, on the change form as in the actions.
        fields = super().get_readonly_fields(request, obj)
        return fields if self.has_publish_article_permission(request) else [*fields, "is_published"]

    def _set_published(self, request, queryset, published):
        count = articles_set_published(queryset=queryset, published=published, user=request.user)
        if published:
            text = ngettext("%d article published.", "%d articles published.", count)
        else:
            text = ngettext("%d article withdrawn.", "%d articles withdrawn.", count)
        self.message_user(request, text % count, messages.SUCCESS)

    @admin.action(description=_("Publish selected articles"), permissions=["publish_article"])
    def publish(self, request, queryset):
        self._set_published(request, queryset, True)

    @admin.action(
        description=_("Withdraw selected articles from the public pages"), permissions=["publish_article"]
    )
    def unpublish(self, request, queryset):
        self._set_published(request, queryset, False)


def _changed_fields(formset, instance):
    return next((f.changed_data for f in formset.forms if f.instance is instance), [])


def _report_orphans(model_admin, request, paragraph, report):
    if report.orphaned:
        url = reverse("admin:archive_annotation_changelist") + "?orphaned__exact=1"
        model_admin.message_user(
            request,
            format_html(
                _(
                    '{count} annotation(s) of {paragraph} could not be placed in the new text and wait in the <a href="{url}">orphan queue</a>.'
                ),
                count=len(report.orphaned),
                paragraph=paragraph,
                url=url,
            ),
            messages.WARNING,
        )


class AlignmentInline(admin.TabularInline):
    model = Alignment
    fk_name = "paragraph"
    extra = 0
    fields = ["source", "similarity", "rank"]
    autocomplete_fields = ["source"]


@admin.register(Paragraph)
class ParagraphAdmin(BoundedCountAdmin, RecordedDeleteMixin, SimpleHistoryAdmin):
    list_display = ["article", "position", "kind", "short_text", "aligned_to", "similarity"]
    list_filter = ["kind", AlignmentFilter, ("article", ChosenArticleFilter)]
    # Reading order on the (article, position) index; other columns would sort every paragraph.
    ordering, sortable_by = ["article_id", "position"], []
    list_select_related = ["article", "aligned_to__article"]
    search_fields = ["text", "article__title"]

    def get_search_results(self, request, queryset, search_term):
        # The article's title is looked up among the articles and matched by id, not joined.
        titled = {"article": lambda word: Article.objects.filter(title__icontains=word)}
        return queryset.filter(words_matching(search_term, ["text"], titled)), False

    autocomplete_fields = ["article", "aligned_to"]
    readonly_fields = ["fingerprint", "version"]
    inlines = [AlignmentInline]
    form = ParagraphAdminForm

    def save_model(self, request, obj, form, change):
        if not change:
            return super().save_model(request, obj, form, change)
        report = annotating.paragraph_update_text(
            paragraph=obj,
            text=obj.text,
            version=form.cleaned_data["expected_version"],
            user=request.user,
            reason="edited in the admin",
        )
        _report_orphans(self, request, obj, report)

    @admin.display(description=_("text"))
    def short_text(self, paragraph):
        return paragraph.text[:60]


@admin.register(Event)
class EventAdmin(FixedSlugMixin, RecordedDeleteMixin, SpreadsheetAdminMixin, SimpleHistoryAdmin):
    resource_classes = [EventResource]
    list_display = ["title", "category", "date_text", "date_edtf"]
    list_filter = ["category"]
    search_fields = ["title", "description", "participants__name", "organizations__name"]
    autocomplete_fields = ["participants", "organizations"]
    readonly_fields = ["date_lower", "date_upper", "end_lower", "end_upper", "created_at", "updated_at"]


ANNOTATION_TARGETS = {
    "person": lambda word: Person.objects.filter(name__icontains=word),
    "role": lambda word: Role.objects.filter(title__icontains=word),
    "event": lambda word: Event.objects.filter(title__icontains=word),
    "organization": lambda word: Organization.objects.filter(name__icontains=word),
}


@admin.register(Annotation)
class AnnotationAdmin(BoundedCountAdmin, RecordedDeleteMixin, SpreadsheetAdminMixin, SimpleHistoryAdmin):
    resource_classes = [AnnotationResource]
    list_display = ["quote", "target_label", "status", "orphaned", "paragraph", "editor", "updated_at"]
    list_filter = ["status", "orphaned", ("paragraph__article", ChosenArticleFilter)]
    # The newest first, on the primary key; other columns would sort a million rows. Drawing the
    # rows is most of the page's time: fifty fill more than a screen.
    ordering, sortable_by, list_per_page = ["-pk"], [], 50
    list_select_related = [
        "paragraph__article",
        "person",
        "role__person",
        "role__organization",
        "event",
        "organization",
        "editor",
    ]
    search_fields = ["quote", "body", "person__name", "role__title", "event__title", "organization__name"]
    autocomplete_fields = ["paragraph", "person", "role", "event", "organization"]
    readonly_fields = ["editor", "version", "created_at", "updated_at"]
    actions = ["mark_draft", "mark_reviewed", "publish"]
    form = AnnotationAdminForm

    @admin.display(description=_("target"))
    def target_label(self, annotation):
        return annotation.target_label

    def get_search_results(self, request, queryset, search_term):
        # The same fields as search_fields, but a target's name is looked up in its own table
        # and matched by id: joining four tables to every annotation made a search cost seconds.
        return queryset.filter(words_matching(search_term, ["quote", "body"], ANNOTATION_TARGETS)), False

    def get_readonly_fields(self, request, obj=None):
        # The anchor is set by anchoring only: on a new annotation from the span, never typed in.
        anchor = ["quote", "prefix", "suffix", "orphaned"] + (["paragraph", "start", "end"] if obj else [])
        return [*anchor, *self.readonly_fields]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        return type(
            form.__name__, (form,), {"can_publish": request.user.has_perm("archive.publish_annotation")}
        )

    def save_model(self, request, obj, form, change):
        if not obj.editor_id:
            obj.editor = request.user
        if change:
            annotating.annotation_save(
                annotation=obj, version=form.cleaned_data["expected_version"], user=request.user
            )
        else:
            check_status_allowed(request.user, obj.status)
            super().save_model(request, obj, form, change)

    def _set_status(self, request, queryset, status):
        count = annotating.annotations_set_status(queryset=queryset, status=status, user=request.user)
        self.message_user(
            request,
            _("%(count)d annotations now %(status)s.")
            % {"count": count, "status": Annotation.Status(status).label},
            messages.SUCCESS,
        )

    @admin.action(description=_("Return to draft"), permissions=["change"])
    def mark_draft(self, request, queryset):
        self._set_status(request, queryset, Annotation.Status.DRAFT)

    @admin.action(description=_("Mark reviewed"), permissions=["publish"])
    def mark_reviewed(self, request, queryset):
        self._set_status(request, queryset, Annotation.Status.REVIEWED)

    @admin.action(description=_("Publish"), permissions=["publish"])
    def publish(self, request, queryset):
        self._set_status(request, queryset, Annotation.Status.PUBLISHED)

    def has_publish_permission(self, request):
        return request.user.has_perm("archive.publish_annotation")


@admin.register(Alignment)
class AlignmentAdmin(RecordedDeleteMixin, admin.ModelAdmin):
    list_display = ["paragraph", "source", "similarity", "rank"]
    list_select_related = ["paragraph__article", "source__article"]
    search_fields = ["paragraph__text", "source__text", "paragraph__article__title"]
    autocomplete_fields = ["paragraph", "source"]
