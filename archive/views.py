"""Public reading pages for sources and events: published material only."""
from django.views.generic import DetailView, ListView, TemplateView

from people.models import Organization, Person

from .models import Annotation, Article, Event


class HomeView(TemplateView):
    template_name = "archive/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            article_count=Article.objects.public().count(),
            person_count=Person.objects.public().count(),
            organization_count=Organization.objects.public().count(),
            event_count=Event.objects.public().count(),
            annotation_count=Annotation.objects.public().count(),
            **kwargs,
        )


class ArticleListView(ListView):
    queryset = Article.objects.public().select_related("reprint_of")
    paginate_by = 50


class ArticleDetailView(DetailView):
    queryset = Article.objects.public().select_related("reprint_of")


class EventListView(ListView):
    paginate_by = 100

    def get_queryset(self):
        return Event.objects.public()


class EventDetailView(DetailView):
    def get_queryset(self):
        return Event.objects.public()
