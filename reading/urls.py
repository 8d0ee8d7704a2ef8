"""The public site's URLs; every contract page also answers at the same path with .json."""

from django.urls import path, re_path

from . import api, views
from .views_tei import article_tei

JSON = {"format": "json"}

app_name = "reading"
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
    path("people/", views.PersonListView.as_view(), name="person-list"),
    path("people.json", views.PersonListView.as_view(), JSON, name="person-list-json"),
    path("people/<slug:slug>/", views.PersonDetailView.as_view(), name="person-detail"),
    path("people/<slug:slug>.json", views.PersonDetailView.as_view(), JSON, name="person-detail-json"),
    path("people/<slug:slug>/roles/<int:role>/", views.RoleEvidenceView.as_view(), name="role-evidence"),
    path(
        "people/<slug:slug>/roles/<int:role>.json",
        views.RoleEvidenceView.as_view(),
        JSON,
        name="role-evidence-json",
    ),
    path("people/<slug:slug>/mentions/", views.PersonMentionsView.as_view(), name="person-mentions"),
    path(
        "people/<slug:slug>/mentions.json",
        views.PersonMentionsView.as_view(),
        JSON,
        name="person-mentions-json",
    ),
    path("organizations/", views.OrganizationListView.as_view(), name="organization-list"),
    path("organizations.json", views.OrganizationListView.as_view(), JSON, name="organization-list-json"),
    path("organizations/<slug:slug>/", views.OrganizationDetailView.as_view(), name="organization-detail"),
    path(
        "organizations/<slug:slug>.json",
        views.OrganizationDetailView.as_view(),
        JSON,
        name="organization-detail-json",
    ),
    path("search/", views.SearchView.as_view(), name="search"),
    path("search.json", views.SearchView.as_view(), JSON, name="search-json"),
    # open data
    path("annotations/<int:pk>", api.annotation_detail, name="annotation"),
    path("articles/<slug:slug>/annotations.jsonld", api.article_annotations, name="article-annotations"),
    path("articles/<slug:slug>/tei.xml", article_tei, name="article-tei"),
    path("api/openapi.json", api.openapi_document, name="openapi"),
    path("people/<slug:slug>/quickstatements.txt", api.person_quickstatements, name="person-quickstatements"),
    # Last: any other .json/.jsonld address is a JSON 404, not the HTML page.
    re_path(r"^[\s\S]*\.json(?:ld)?$", api.json_not_found, name="json-not-found"),
]
