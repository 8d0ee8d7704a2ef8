"""Filters for the public lists: the events timeline and the people list.

Choices come from public records only, and people and organisations are chosen by slug.
"""

import datetime

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from archive import public
from archive.models import Event
from people.models import Person


def public_people(request):
    return public.people()


def public_organizations(request):
    return public.organizations()


class EventFilterSet(django_filters.FilterSet):
    """Narrow the timeline; people and organisations are chosen by slug (``?person=ma-yun``)."""

    year = django_filters.NumberFilter(label=_("Year"), method="filter_year", min_value=1000, max_value=2999)
    # Boxes for a person's or an organisation's slug (their pages link here with it), not lists
    # of every public one: at 20,000 people and 800 organisations those lists made the timeline
    # 578 KB and took a second to draw (Django draws each option with a template).
    person = django_filters.ModelChoiceFilter(
        label=_("Person"),
        field_name="participants",
        to_field_name="slug",
        queryset=public_people,
        widget=forms.TextInput(attrs={"placeholder": _("the person's address name, e.g. ma-yun")}),
    )
    organization = django_filters.ModelChoiceFilter(
        label=_("Organisation"),
        field_name="organizations",
        to_field_name="slug",
        queryset=public_organizations,
        widget=forms.TextInput(attrs={"placeholder": _("the organisation's address name, e.g. alibaba")}),
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


def held_in_year(year):
    """Return a Q for roles held during a year; a role with no known end counts only where it began."""
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    open_end = Q(end_upper__isnull=True) & (Q(current=True) | Q(start_upper__gte=first))
    return Q(start_lower__lte=last) & (Q(end_upper__gte=first) | open_end)


class PersonFilterSet(django_filters.FilterSet):
    """Find people by name, alias or pinyin, and by a public role: where, what, when.

    The role filters apply together to one role, so "organisation X, title Y, 2005" finds a
    person who held Y at X in 2005, not one who merely held Y somewhere and was at X some time.
    """

    q = django_filters.CharFilter(label=_("Name, alias or pinyin"), field_name="name")
    organization = django_filters.ModelChoiceFilter(
        label=_("Organisation"),
        field_name="roles__organization",
        to_field_name="slug",
        queryset=public_organizations,
        widget=forms.TextInput(attrs={"placeholder": _("the organisation's address name, e.g. alibaba")}),
    )
    title = django_filters.CharFilter(label=_("Role title"), field_name="roles__title")
    year = django_filters.NumberFilter(
        label=_("Held a role in (year)"), field_name="roles__start_lower", min_value=1900, max_value=2100
    )

    class Meta:
        model = Person
        fields = []

    def filter_queryset(self, queryset):
        data = self.form.cleaned_data
        queryset = queryset.search(data.get("q"))
        condition = Q()
        if data.get("organization"):
            condition &= Q(organization=data["organization"])
        if data.get("title"):
            condition &= Q(title__icontains=data["title"].strip())
        if data.get("year") is not None:
            condition &= held_in_year(int(data["year"]))
        if condition:
            queryset = queryset.filter(pk__in=public.roles().filter(condition).values("person"))
        return queryset
