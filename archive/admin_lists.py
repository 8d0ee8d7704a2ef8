"""What the big changelists filter by, at the cost of a page and not of the table: a filter lists
only what can be chosen at a glance (the article a link chose, the busiest outlets)."""

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

OUTLETS_LISTED = 20


class ChosenArticleFilter(admin.RelatedFieldListFilter):
    """Filter by article without listing them all: it shows the article a link chose, if any.

    The archive holds thousands of articles; an article's page links to its paragraphs and
    annotations with the filter set.
    """

    def field_choices(self, field, request, model_admin):
        chosen = [value for value in self.lookup_val or [] if str(value).isdigit()]
        return field.get_choices(include_blank=False, limit_choices_to={"pk__in": chosen}) if chosen else []

    def has_output(self):
        return bool(self.lookup_choices)


class OutletFilter(admin.SimpleListFilter):
    """Filter articles by outlet, listing the outlets with the most articles (and the one chosen)."""

    title = _("outlet")
    parameter_name = "outlet"

    def lookups(self, request, model_admin):
        busiest = (
            model_admin.model.objects.exclude(outlet="")
            .values("outlet")
            .annotate(n=Count("pk"))
            .order_by("-n", "outlet")
            .values_list("outlet", flat=True)[:OUTLETS_LISTED]
        )
        outlets = list(busiest)
        if self.value() and self.value() not in outlets:
            outlets.append(self.value())
        return [(outlet, outlet) for outlet in outlets]

    def queryset(self, request, queryset):
        return queryset.filter(outlet=self.value()) if self.value() else queryset
