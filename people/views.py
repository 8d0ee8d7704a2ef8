"""Public reading pages for people and organisations: published material only.

Each page also answers at the same path with ``.json`` (see DESIGN.md, "Public URLs").
"""

from django.http import JsonResponse
from django.views.generic import DetailView
from django_filters.views import FilterView

from . import selectors
from .filters import PersonFilterSet
from .models import Organization, Person


class JSONMixin:
    """Render ``get_json(context)`` instead of the template when the URL asked for ``.json``."""

    @property
    def wants_json(self):
        return self.kwargs.get("format") == "json"

    def get_json(self, context):
        raise NotImplementedError

    def render_to_response(self, context, **response_kwargs):
        if self.wants_json:
            return JsonResponse(self.get_json(context), json_dumps_params={"ensure_ascii": False})
        return super().render_to_response(context, **response_kwargs)


def page_payload(context, results):
    """Return a paginated list as ``{"count", "results", …}``."""
    page = context.get("page_obj")
    payload = {"count": page.paginator.count if page else len(results), "results": results}
    if page:
        payload.update(page=page.number, num_pages=page.paginator.num_pages)
    return payload


class PersonListView(JSONMixin, FilterView):
    filterset_class = PersonFilterSet
    queryset = Person.objects.public().with_career(citations=False)
    template_name = "people/person_list.html"
    paginate_by = 30
    strict = False

    def get_json(self, context):
        return page_payload(context, [selectors.person_summary(p) for p in context["object_list"]])


class PersonDetailView(JSONMixin, DetailView):
    queryset = Person.objects.public().with_career()

    def get_context_data(self, **kwargs):
        person = self.object
        context = super().get_context_data(events=selectors.person_events(person), **kwargs)
        if not self.wants_json:
            show_all = self.request.GET.get("all") == "1"
            selectors.limit_citations(person.career, show_all)
            context.update(
                show_all=show_all,
                mention_count=person.annotations.public().count(),
                mentions_shown=selectors.MENTIONS_SHOWN,
                mentions=selectors.person_mentions(person, show_all),
                chart=selectors.career_chart(person.career),
                jsonld=selectors.person_jsonld(
                    person, self.request.build_absolute_uri(person.get_absolute_url())
                ),
            )
        return context

    def get_json(self, context):
        return selectors.person_payload(self.object, context["events"])


class OrganizationDetailView(JSONMixin, DetailView):
    queryset = Organization.objects.public().select_related("parent").prefetch_related("aliases")

    def get_context_data(self, **kwargs):
        organization = self.object
        return super().get_context_data(
            parent=selectors.public_parent(organization),
            roles=selectors.organization_roles(organization),
            units=selectors.organization_units(organization),
            events=list(organization.events.public().with_citations()),
            **kwargs,
        )

    def get_json(self, context):
        return selectors.organization_payload(self.object, context)
