"""The public site's pages: published, anchored evidence on published articles only.

Each contract page also answers at the same path with ``.json`` (see DESIGN.md, "Public URLs");
lists share one envelope (core/views.py).
"""

from django.conf import settings
from django.core.paginator import InvalidPage
from django.http import Http404, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import check_for_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, ListView, TemplateView
from django_filters.views import FilterView

from archive import public
from core.pagedeps import shows
from core.views import JSONMixin
from people.models import Person

from . import articles, careers, evidence, payloads, people, ranking
from .filters import EventFilterSet, PersonFilterSet
from .search import search_archive

# What each page shows beyond the records it loads, for caches that listen (core/pagedeps.py):
# its own record's page, or the lists of a kind (new public records appear there).
EVERY_LIST = ("list:article", "list:person", "list:organization", "list:event")
LIST_CITATIONS = 1  # sentences per event on the events list (the event's page shows them all)


class HomeView(TemplateView):
    template_name = "archive/home.html"

    def get_context_data(self, **kwargs):
        shows(*EVERY_LIST)
        return super().get_context_data(**articles.archive_overview(), **kwargs)


class ArticleListView(JSONMixin, ListView):
    paginate_by = 50

    def get_queryset(self):
        shows("list:article")
        return articles.article_list()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object_list"] = articles.with_counts(context["object_list"])
        return context

    def get_json(self, context):
        return self.list_json(context, [payloads.article_summary(a) for a in context["object_list"]])


def highlight_id(request):
    """Return the annotation id to highlight (``?hl=``): ASCII digits only, else None."""
    value = request.GET.get("hl", "")
    return int(value) if value.isascii() and value.isdigit() and len(value) < 19 else None


class ArticleDetailView(JSONMixin, DetailView):
    queryset = public.articles().select_related("reprint_of")

    def get_context_data(self, **kwargs):
        article = self.object
        shows(f"article.page:{article.pk}")
        highlight = highlight_id(self.request)
        paragraphs = articles.article_paragraphs(article, highlight)
        if not self.wants_json:
            kwargs.update(articles.reading_surface(paragraphs), arrival=articles.arrival(article, highlight))
        return super().get_context_data(
            paragraphs=paragraphs,
            reprints=list(article.reprints.public()),
            original=article.reprint_of
            if article.reprint_of_id and article.reprint_of.is_published
            else None,
            **kwargs,
        )

    def get_json(self, context):
        return payloads.article_payload(self.object, context["paragraphs"], context["reprints"])


class EventListView(JSONMixin, FilterView):
    filterset_class = EventFilterSet
    template_name = "archive/event_list.html"
    paginate_by = 50  # each event with its best sentence: a page stays under the page cache's size cap
    strict = False

    def get_queryset(self):
        shows("list:event")
        return articles.event_list(with_citations=self.wants_json)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not self.wants_json:  # the best citation of each event; its own page has them all
            evidence.attach_ranked(context["object_list"], "event", LIST_CITATIONS)
            context["years"] = articles.events_by_year(context["object_list"])
        return context

    def get_json(self, context):
        return self.list_json(context, [payloads.event_payload(e) for e in context["object_list"]])


class EventDetailView(JSONMixin, DetailView):
    def get_queryset(self):
        return public.events_with_citations()

    def get_context_data(self, **kwargs):
        shows(f"event.page:{self.object.pk}")
        careers.rank_evidence([self.object], show_all=True)
        return super().get_context_data(**kwargs)

    def get_json(self, context):
        return payloads.event_payload(self.object)


class SearchView(JSONMixin, TemplateView):
    template_name = "archive/search.html"

    def get_context_data(self, **kwargs):
        query = self.request.GET.get("q", "").strip()
        shows("list:person", "list:organization", "list:article")
        return super().get_context_data(query=query, **search_archive(query), **kwargs)

    def get_json(self, context):
        return payloads.search_payload(context)


class PersonListView(JSONMixin, FilterView):
    filterset_class = PersonFilterSet
    template_name = "people/person_list.html"
    paginate_by = 30
    strict = False

    def get_queryset(self):
        shows("list:person")
        return public.with_career(ranking.public_people(Person.objects.all()), with_citations=False)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for person in context["object_list"]:
            person.headline = careers.headline_role(person.career)
        return context

    def get_json(self, context):
        return self.list_json(context, [payloads.person_summary(p) for p in context["object_list"]])


class PersonDetailView(JSONMixin, TemplateView):
    """A career, built from prepared queries (reading/people.py): the first citations of each role
    and event, ranked, and the first events and mentions; the rest is a page away."""

    template_name = "people/person_detail.html"

    def get_context_data(self, **kwargs):
        person = people.person_page(self.kwargs["slug"], json=self.wants_json)
        if person is None:
            raise Http404("no public person with this slug")
        shows(f"person.page:{person.pk}")
        context = super().get_context_data(person=person, object=person, events=person.events, **kwargs)
        if not self.wants_json:
            url = self.request.build_absolute_uri(person.get_absolute_url())
            context.update(
                mention_count=person.mentions or 0,
                mentions_shown=careers.MENTIONS_SHOWN,
                mentions=people.mentions(person),
                chart=careers.career_chart(person.career),
                jsonld=payloads.person_jsonld(person, url),
            )
        return context

    def get_json(self, context):
        return payloads.person_payload(context["person"], context["events"])


def page_number(request):
    """Return the ?page= number (1 when absent); one that is not a positive number is a 404."""
    value = request.GET.get("page", "1")
    if not (value.isascii() and value.isdigit()) or int(value) < 1 or len(value) > 9:
        raise Http404("no such page")
    return int(value)


class RoleEvidenceView(JSONMixin, TemplateView):
    """Every sentence citing one role of a person, ranked, a page at a time (people.PAGE_SIZE)."""

    template_name = "people/role_evidence.html"

    def get_context_data(self, **kwargs):
        try:
            found = people.role_page(self.kwargs["slug"], self.kwargs["role"], page_number(self.request))
        except InvalidPage:
            raise Http404("no such page") from None
        if found is None:
            raise Http404("no public role of this person")
        role, page = found
        shows(f"person.page:{role.person.pk}")
        kwargs.update(role=role, person=role.person, page_obj=page)  # the role shown, not its URL's id
        return super().get_context_data(**kwargs)

    def get_json(self, context):
        role = context["role"]
        return {
            "role": payloads.role_summary(role),
            **self.list_json(context, [payloads.citation_payload(a) for a in role.citations]),
        }


class PersonMentionsView(JSONMixin, TemplateView):
    """Every public mention of a person, originals first, a page at a time (people.PAGE_SIZE)."""

    template_name = "people/person_mentions.html"

    def get_context_data(self, **kwargs):
        try:
            found = people.mentions_page(self.kwargs["slug"], page_number(self.request))
        except InvalidPage:
            raise Http404("no such page") from None
        if found is None:
            raise Http404("no public person with this slug")
        person, page, mentions = found
        shows(f"person.page:{person.pk}")
        return super().get_context_data(person=person, page_obj=page, mentions=mentions, **kwargs)

    def get_json(self, context):
        results = [payloads.citation_payload(a) for _, found in context["mentions"] for a in found]
        return {
            "person": payloads.person_summary_short(context["person"]),
            **self.list_json(context, results),
        }


class OrganizationListView(JSONMixin, ListView):
    """Every public organisation, parents before their units, with its number of public roles."""

    template_name = "people/organization_list.html"
    paginate_by = 100

    def get_queryset(self):
        shows("list:organization")
        return careers.organization_list()

    def get_json(self, context):
        return self.list_json(context, [payloads.organization_summary(o) for o in context["object_list"]])


class OrganizationDetailView(JSONMixin, DetailView):
    """An organisation's people and events. The HTML page fetches the first citations of each
    (reading/evidence.py); the JSON and ``?all=1`` give every one."""

    def get_queryset(self):
        return public.organizations().select_related("parent").prefetch_related("aliases")

    def get_context_data(self, **kwargs):
        organization = self.object
        shows(f"organization.page:{organization.pk}")
        every = self.wants_json or self.request.GET.get("all") == "1"
        roles = careers.organization_roles(organization, with_citations=every)
        events = list(public.events_with_citations(organization.events.all(), with_citations=every))
        if not self.wants_json and every:
            careers.rank_evidence(roles, show_all=True)
            careers.rank_evidence(events, show_all=True)
        elif not self.wants_json:
            evidence.attach_ranked(roles, "role", careers.CITATIONS_SHOWN)
            evidence.attach_ranked(events, "event", careers.CITATIONS_SHOWN)
        return super().get_context_data(
            parent=careers.public_parent(organization),
            roles=roles,
            successions=careers.successions(roles),
            chart=careers.career_chart(roles, lane=careers.by_person),
            units=careers.organization_units(organization),
            events=events,
            **kwargs,
        )

    def get_json(self, context):
        return payloads.organization_payload(self.object, context)


@never_cache
@require_safe
def switch_language(request, code):
    """Remember the visitor's language in a cookie and go back: a link, so pages need no form."""
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = "/"
    response = HttpResponseRedirect(target)
    if check_for_language(code) and code in dict(settings.LANGUAGES):
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            code,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
        )
    return response
