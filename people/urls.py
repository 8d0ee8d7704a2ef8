"""Public URLs for people and organisations; each page also answers at the same path with .json."""

from django.urls import path

from . import views

JSON = {"format": "json"}

app_name = "people"
urlpatterns = [
    path("people/", views.PersonListView.as_view(), name="person-list"),
    path("people.json", views.PersonListView.as_view(), JSON, name="person-list-json"),
    path("people/<slug:slug>/", views.PersonDetailView.as_view(), name="person-detail"),
    path("people/<slug:slug>.json", views.PersonDetailView.as_view(), JSON, name="person-detail-json"),
    path("organizations/<slug:slug>/", views.OrganizationDetailView.as_view(), name="organization-detail"),
    path(
        "organizations/<slug:slug>.json",
        views.OrganizationDetailView.as_view(),
        JSON,
        name="organization-detail-json",
    ),
]
