"""Editors' admin for authority records."""

import io

from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db.models import Count, F, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from core.admin import SpreadsheetAdminMixin
from core.admin_records import FixedSlugMixin, RecordedDeleteMixin
from core.admin_search import words_matching
from core.paginators import BoundedCountAdmin

from .models import WIKIDATA_ID, Alias, Organization, OrganizationAlias, Person, Role
from .resources import OrganizationResource, PersonResource, RoleResource


class AliasInline(admin.TabularInline):
    model = Alias
    extra = 1
    fields = ["name", "kind", "note"]


class RoleInline(admin.TabularInline):
    model = Role
    extra = 0
    fields = [
        "sequence",
        "title",
        "organization",
        "start_text",
        "start_edtf",
        "end_text",
        "end_edtf",
        "current",
    ]
    autocomplete_fields = ["organization"]
    show_change_link = True


@admin.register(Person)
class PersonAdmin(
    BoundedCountAdmin, FixedSlugMixin, RecordedDeleteMixin, SpreadsheetAdminMixin, SimpleHistoryAdmin
):
    resource_classes = [PersonResource]
    list_display = ["name", "slug", "pinyin", "description", "role_count"]
    search_fields = ["name", "slug", "pinyin_key", "pinyin", "aliases__name", "aliases__pinyin_key"]
    readonly_fields = ["pinyin", "initials", "created_at", "updated_at"]
    inlines = [AliasInline, RoleInline]
    # adds the QuickStatements download to the object tools
    change_form_template = "admin/people/person/change_form.html"

    def get_queryset(self, request):
        # A correlated count: worked out for the rows of the page, not grouped over every person.
        roles = Role.objects.filter(person=OuterRef("pk")).order_by().values("person")
        counted = Subquery(roles.annotate(n=Count("pk")).values("n"), output_field=IntegerField())
        return super().get_queryset(request).annotate(_role_count=Coalesce(counted, 0))

    @admin.display(description=_("roles"), ordering="_role_count")
    def role_count(self, person):
        return person._role_count

    def get_urls(self):
        view = self.admin_site.admin_view(self.quickstatements_view)
        return [
            path("<path:object_id>/quickstatements/", view, name="people_person_quickstatements"),
            *super().get_urls(),
        ]

    def quickstatements_view(self, request, object_id):
        """Download the person's published career as QuickStatements (``export_quickstatements``).

        The command writes only roles backed by published evidence. Our titles are free text, so
        the page asks for the Wikidata item of each of the person's titles; ``?download=1``
        answers the statements as a text file.
        """
        person = Person.objects.filter(pk=object_id).first() if str(object_id).isdigit() else None
        if person is None:
            raise Http404
        if not self.has_view_permission(request, person):
            raise PermissionDenied
        titles = sorted(set(person.roles.values_list("title", flat=True)))
        given = dict(zip(request.GET.getlist("title"), request.GET.getlist("item"), strict=False))
        errors = {}
        for title, item in given.items():
            try:
                if item.strip():
                    WIKIDATA_ID(item.strip())
            except ValidationError as exc:
                errors[title] = exc.messages[0]
        positions = {title: item.strip() for title, item in given.items() if item.strip() and title in titles}
        if request.GET.get("download") and not errors:
            return self._quickstatements_file(request, person, positions)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": person,
            "title": gettext("QuickStatements for %(name)s") % {"name": person.name},
            "rows": [(title, given.get(title, ""), errors.get(title, "")) for title in titles],
        }
        return TemplateResponse(request, "admin/people/person/quickstatements.html", context)

    def _quickstatements_file(self, request, person, positions):
        out, err = io.StringIO(), io.StringIO()
        call_command(
            "export_quickstatements",
            person=person.slug,
            position=[f"{title}={item}" for title, item in positions.items()],
            base_url=request.build_absolute_uri("/"),
            stdout=out,
            stderr=err,
        )
        response = HttpResponse(out.getvalue(), content_type="text/plain; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{person.slug}-quickstatements.txt"'
        skipped = sum(line.startswith("skipped ") for line in err.getvalue().splitlines())
        response["X-QuickStatements-Skipped"] = str(skipped)
        return response


@admin.register(Alias)
class AliasAdmin(RecordedDeleteMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "person"]
    list_filter = ["kind"]
    list_select_related = ["person"]
    search_fields = ["name", "pinyin_key", "person__name"]
    autocomplete_fields = ["person"]


class OrganizationAliasInline(admin.TabularInline):
    model = OrganizationAlias
    extra = 1
    fields = ["name", "kind", "valid_from", "valid_to"]


@admin.register(Organization)
class OrganizationAdmin(FixedSlugMixin, RecordedDeleteMixin, SpreadsheetAdminMixin, SimpleHistoryAdmin):
    resource_classes = [OrganizationResource]
    list_display = ["name", "kind", "parent", "slug"]
    list_filter = ["kind"]
    list_select_related = ["parent"]
    search_fields = ["name", "slug", "pinyin_key", "aliases__name", "aliases__pinyin_key"]
    autocomplete_fields = ["parent"]
    readonly_fields = ["pinyin", "created_at", "updated_at"]
    inlines = [OrganizationAliasInline]


@admin.register(OrganizationAlias)
class OrganizationAliasAdmin(RecordedDeleteMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "organization", "valid_from", "valid_to"]
    list_filter = ["kind"]
    list_select_related = ["organization"]
    search_fields = ["name", "pinyin_key", "organization__name"]
    autocomplete_fields = ["organization"]


@admin.register(Role)
class RoleAdmin(BoundedCountAdmin, RecordedDeleteMixin, SpreadsheetAdminMixin, SimpleHistoryAdmin):
    resource_classes = [RoleResource]
    list_display = [
        "person",
        "title",
        "organization",
        "start_text",
        "start_edtf",
        "end_edtf",
        "sequence",
        "current",
    ]
    list_filter = ["current", "organization__kind"]
    list_select_related = ["person", "organization"]
    search_fields = [
        "title",
        "person__name",
        "person__pinyin_key",
        "person__aliases__name",
        "organization__name",
    ]
    autocomplete_fields = ["person", "organization"]
    readonly_fields = ["start_lower", "start_upper", "end_lower", "end_upper", "created_at", "updated_at"]
    # Grouped by person in career order on the person index, not sorted by the people's names.
    ordering = ["person_id", F("sequence").asc(nulls_last=True), F("start_lower").asc(nulls_last=True), "pk"]
    sortable_by = ["title", "start_edtf", "current"]
    fieldsets = [
        (None, {"fields": ["person", "title", "organization", "place", "sequence", "current"]}),
        (_("Start"), {"fields": [("start_text", "start_edtf"), ("start_lower", "start_upper")]}),
        (_("End"), {"fields": [("end_text", "end_edtf"), ("end_lower", "end_upper")]}),
        (_("Notes"), {"fields": ["notes", "created_at", "updated_at"]}),
    ]

    def get_search_results(self, request, queryset, search_term):
        # A person or organisation is found by name, alias or pinyin in its own table and matched
        # by id: joining people and their aliases to every role cost a DISTINCT over all of them.
        named = {"person": Person.objects.search, "organization": Organization.objects.search}
        return queryset.filter(words_matching(search_term, ["title"], named)), False
