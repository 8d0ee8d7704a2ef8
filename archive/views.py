"""Public reading pages for sources, events and search: published material only.

Each contract page also answers at the same path with ``.json`` (see DESIGN.md, "Public URLs").
"""

from django.views.generic import DetailView, ListView, TemplateView
from django_filters.views import FilterView

from people.views import JSONMixin, page_payload

from . import selectors
from .filters import EventFilterSet
from .models import Article, Event
from .search import search_archive


class HomeView(TemplateView):
    template_name = "archive/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**selectors.archive_overview(), **kwargs)


class ArticleListView(JSONMixin, ListView):
    paginate_by = 50

    def get_queryset(self):
        return selectors.article_list()

    def get_json(self, context):
        return page_payload(context, [selectors.article_summary(a) for a in context["object_list"]])


def highlight_id(request):
    """Return the annotation id to highlight (``?hl=``), or None when absent or not a number."""
    value = request.GET.get("hl", "")
    return int(value) if value.isdigit() else None


class ArticleDetailView(JSONMixin, DetailView):
    queryset = Article.objects.public().select_related("reprint_of")

    def get_context_data(self, **kwargs):
        article = self.object
        return super().get_context_data(
            paragraphs=selectors.article_paragraphs(article, highlight_id(self.request)),
            reprints=list(article.reprints.public()),
            original=article.reprint_of
            if article.reprint_of_id and article.reprint_of.is_published
            else None,
            **kwargs,
        )

    def get_json(self, context):
        return selectors.article_payload(self.object, context["paragraphs"], context["reprints"])


class EventListView(JSONMixin, FilterView):
    filterset_class = EventFilterSet
    template_name = "archive/event_list.html"
    paginate_by = 100
    strict = False

    def get_queryset(self):
        return selectors.event_list()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["years"] = selectors.events_by_year(context["object_list"])
        return context

    def get_json(self, context):
        return selectors.events_payload(context)


class EventDetailView(JSONMixin, DetailView):
    def get_queryset(self):
        return Event.objects.public().with_citations()

    def get_json(self, context):
        return selectors.event_payload(self.object)


class SearchView(JSONMixin, TemplateView):
    template_name = "archive/search.html"

    def get_context_data(self, **kwargs):
        query = self.request.GET.get("q", "").strip()
        return super().get_context_data(query=query, **search_archive(query), **kwargs)

    def get_json(self, context):
        return selectors.search_payload(context)
