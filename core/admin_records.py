"""Admin behaviours of public records: deletes with history, and slugs fixed once created."""

from .history import rows_delete


class RecordedDeleteMixin:
    """Make "delete selected" delete row by row, so history says who and why, and signals fire."""

    def delete_queryset(self, request, queryset):
        rows_delete(queryset=queryset, user=request.user, reason="deleted in the admin")


class FixedSlugMixin:
    """Show the slug read-only once the record exists: links to it must never break."""

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.pk and "slug" not in fields:
            fields.append("slug")
        return fields
