"""URLs of the annotation workbench, mounted under the article it annotates (config/urls.py).

/admin/archive/article/<id>/annotate/              the page (admin_view: login, staff)
/admin/archive/article/<id>/annotate/<endpoint>/   JSON endpoints (their own 403 in JSON)
"""

from django.contrib import admin
from django.urls import path

from . import api, api_parts, api_proposals, views

app_name = "workbench"
urlpatterns = [
    path("", admin.site.admin_view(views.annotate_page), name="annotate"),
    path("part/", api_parts.part, name="part"),
    path("annotations/", api.annotations, name="annotations"),
    path("annotations/<int:pk>/", api.annotation, name="annotation"),
    path("annotations/<int:pk>/delete/", api.delete, name="delete"),
    path("annotations/<int:pk>/span/", api.span, name="span"),
    path("roles/prefill/", api.role_prefill, name="role-prefill"),
    path("people/", api.people, name="people"),
    path("roles/", api.roles, name="roles"),
    path("events/", api.events, name="events"),
    path("organizations/", api.organizations, name="organizations"),
    path("dates/", api.dates, name="dates"),
    path("suggestions/generate/", api.generate, name="generate"),
    path("suggestions/accept/", api.accept, name="accept"),
    path("suggestions/reject/", api.reject, name="reject"),
    path("proposals/", api_proposals.proposals, name="proposals"),
    path("proposals/accept/", api_proposals.accept, name="proposal-accept"),
    path("proposals/reject/", api_proposals.reject, name="proposal-reject"),
    path("proposals/quick/", api_proposals.quick, name="quick-role"),
]
