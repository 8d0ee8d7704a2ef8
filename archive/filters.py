"""Filters for the public events timeline: year, person, organisation and category."""

import datetime

import django_filters
from django.utils.translation import gettext_lazy as _

from people.models import Organization, Person

from .models import Event


def public_people(request):
    return Person.objects.public()


def public_organizations(request):
    return Organization.objects.public()


class EventFilterSet(django_filters.FilterSet):
    """Narrow the timeline; people and organisations are chosen by slug (``?person=ma-yun``)."""

    year = django_filters.NumberFilter(label=_("Year"), method="filter_year", min_value=1000, max_value=2999)
    person = django_filters.ModelChoiceFilter(
        label=_("Person"),
        field_name="participants",
        to_field_name="slug",
        queryset=public_people,
        empty_label=_("anyone"),
    )
    organization = django_filters.ModelChoiceFilter(
        label=_("Organisation"),
        field_name="organizations",
        to_field_name="slug",
        queryset=public_organizations,
        empty_label=_("any organisation"),
    )
    category = django_filters.ChoiceFilter(
        label=_("Category"), choices=Event.Category.choices, empty_label=_("any category")
    )

    class Meta:
        model = Event
        fields = []

    def filter_year(self, queryset, name, value):
        """Keep events that overlap the year (an event dated 1999/2002 counts in each year)."""
        year = int(value)
        return queryset.filter(
            date_lower__lte=datetime.date(year, 12, 31), date_upper__gte=datetime.date(year, 1, 1)
        )
