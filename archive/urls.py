"""Public URLs for articles, events, search and home; contract pages also answer with .json."""

from django.urls import path

from . import views

JSON = {"format": "json"}

app_name = "archive"
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("articles/", views.ArticleListView.as_view(), name="article-list"),
    path("articles.json", views.ArticleListView.as_view(), JSON, name="article-list-json"),
    path("articles/<slug:slug>/", views.ArticleDetailView.as_view(), name="article-detail"),
    path("articles/<slug:slug>.json", views.ArticleDetailView.as_view(), JSON, name="article-detail-json"),
    path("events/", views.EventListView.as_view(), name="event-list"),
    path("events.json", views.EventListView.as_view(), JSON, name="event-list-json"),
    path("events/<slug:slug>/", views.EventDetailView.as_view(), name="event-detail"),
    path("events/<slug:slug>.json", views.EventDetailView.as_view(), JSON, name="event-detail-json"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("search.json", views.SearchView.as_view(), JSON, name="search-json"),
]
