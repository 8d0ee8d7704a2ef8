"""Editors' admin for authority records."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from core.admin import SpreadsheetAdminMixin
from core.admin_records import FixedSlugMixin, RecordedDeleteMixin
from core.paginators import EstimatedCountPaginator

from .models import Alias, Organization, OrganizationAlias, Person, Role
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
class PersonAdmin(FixedSlugMixin, RecordedDeleteMixin, SpreadsheetAdminMixin, SimpleHistoryAdmin):
    show_full_result_count, paginator = False, EstimatedCountPaginator
    resource_classes = [PersonResource]
    list_display = ["name", "slug", "pinyin", "description", "role_count"]
    search_fields = ["name", "slug", "pinyin_key", "pinyin", "aliases__name", "aliases__pinyin_key"]
    readonly_fields = ["pinyin", "initials", "created_at", "updated_at"]
    inlines = [AliasInline, RoleInline]

    def get_queryset(self, request):
        from django.db.models import Count

        return super().get_queryset(request).annotate(_role_count=Count("roles", distinct=True))

    @admin.display(description=_("roles"), ordering="_role_count")
    def role_count(self, person):
        return person._role_count


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
class RoleAdmin(RecordedDeleteMixin, SpreadsheetAdminMixin, SimpleHistoryAdmin):
    show_full_result_count, paginator = False, EstimatedCountPaginator
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
    fieldsets = [
        (None, {"fields": ["person", "title", "organization", "place", "sequence", "current"]}),
        (_("Start"), {"fields": [("start_text", "start_edtf"), ("start_lower", "start_upper")]}),
        (_("End"), {"fields": [("end_text", "end_edtf"), ("end_lower", "end_upper")]}),
        (_("Notes"), {"fields": ["notes", "created_at", "updated_at"]}),
    ]
