"""Admin changelists over tables too big to count on every page view.

``BoundedCountAdmin`` gives a ModelAdmin the paginator and changelist below: no full count,
the table's size estimated on PostgreSQL, and a filtered or searched list counted by listing the
ids of its first LISTED_AT_MOST rows (one query that stops once it has them, where COUNT(*)
would read every match and the page would read them again).
"""

from django.contrib.admin import helpers
from django.contrib.admin.views.main import ChangeList
from django.core.paginator import Paginator
from django.db import connections
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext as _

EXACT_BELOW = 10_000  # estimates of smaller tables are counted exactly: cheap, and never off
LISTED_AT_MOST = 500  # a filtered list counts this many rows at most; beyond, "more than 500"


class EstimatedCountPaginator(Paginator):
    """Count a changelist without reading the whole table.

    Unfiltered, on PostgreSQL, ``pg_class.reltuples`` is what ANALYZE (and autovacuum) last
    measured: close, instant, and a few percent off between analyses, which is fine for "page 1
    of ~20,000"; small tables and other databases get the exact count (an index scan). Filtered,
    the count is that of the ids listed, at most LISTED_AT_MOST (``capped`` when more match), and
    the pages within them are read by id.
    """

    ids = None  # the filtered list's first ids, in its order

    @cached_property
    def count(self):
        query = getattr(self.object_list, "query", None)
        if query is None or not query.where or query.is_sliced or query.combinator:
            estimate = self._estimate()
            return estimate if estimate is not None else super().count
        self.ids = list(self.object_list.values_list("pk", flat=True)[: LISTED_AT_MOST + 1])
        return min(len(self.ids), LISTED_AT_MOST)

    @property
    def capped(self):
        """Return True when more rows match than were counted."""
        return self.ids is not None and len(self.ids) > LISTED_AT_MOST

    def page(self, number):
        number = self.validate_number(number)
        if self.ids is None:
            return super().page(number)
        bottom = (number - 1) * self.per_page
        rows = self.object_list.filter(pk__in=self.ids[bottom : min(bottom + self.per_page, LISTED_AT_MOST)])
        return self._get_page(rows, number, self)

    def _estimate(self):
        queryset = self.object_list
        query = getattr(queryset, "query", None)
        if query is None or query.where or query.is_sliced or query.distinct or query.combinator:
            return None
        connection = connections[queryset.db]
        if connection.vendor != "postgresql":
            return None
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [queryset.model._meta.db_table]
            )
            row = cursor.fetchone()
        estimate = int(row[0]) if row else -1
        return estimate if estimate >= EXACT_BELOW else None


class BoundedCountChangeList(ChangeList):
    """A changelist whose single page of a filtered list is read by the ids its paginator listed."""

    def get_results(self, request):
        super().get_results(request)
        ids = getattr(self.paginator, "ids", None)
        # Django reads a one-page (or "show all") list with the filtered query again, unsliced.
        if ids is not None and (not self.multi_page or (self.show_all and self.can_show_all)):
            self.result_list = self.queryset.filter(pk__in=ids[:LISTED_AT_MOST])


class BoundedCountAdmin:
    """ModelAdmin mixin for big tables: no full count, estimated or bounded counts."""

    show_full_result_count = False
    paginator = EstimatedCountPaginator

    def get_changelist(self, request, **kwargs):
        return BoundedCountChangeList

    def action_checkbox(self, obj):
        # The input Django's CheckboxInput draws, without a widget template a row: those hundred
        # renderings were a third of a changelist's time.
        label = format_html(_("Select this object for an action - {}"), str(obj))
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            helpers.ACTION_CHECKBOX_NAME,
            obj.pk,
            label,
        )
