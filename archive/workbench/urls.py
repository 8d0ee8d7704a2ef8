"""URLs of the annotation workbench, added to ArticleAdmin.get_urls (names in the admin namespace).

/admin/archive/article/<id>/annotate/              the page (admin_view: login, staff)
/admin/archive/article/<id>/annotate/<endpoint>/   JSON endpoints (their own 403 in JSON)
"""

from functools import partial, update_wrapper

from django.urls import path

from . import api, views

PREFIX = "archive_article_annotate"


def workbench_urls(model_admin):
    """Return the workbench's URL patterns for model_admin (the ArticleAdmin)."""
    page = model_admin.admin_site.admin_view(
        update_wrapper(partial(views.annotate_page, model_admin=model_admin), views.annotate_page)
    )
    base = "<int:article_id>/annotate/"
    return [
        path(base, page, name=PREFIX),
        path(base + "annotations/", api.annotations, name=f"{PREFIX}_annotations"),
        path(base + "annotations/<int:pk>/", api.annotation, name=f"{PREFIX}_annotation"),
        path(base + "annotations/<int:pk>/delete/", api.delete, name=f"{PREFIX}_delete"),
        path(base + "people/", api.people, name=f"{PREFIX}_people"),
        path(base + "roles/", api.roles, name=f"{PREFIX}_roles"),
        path(base + "events/", api.events, name=f"{PREFIX}_events"),
        path(base + "organizations/", api.organizations, name=f"{PREFIX}_organizations"),
        path(base + "dates/", api.dates, name=f"{PREFIX}_dates"),
        path(base + "suggestions/generate/", api.generate, name=f"{PREFIX}_generate"),
        path(base + "suggestions/accept/", api.accept, name=f"{PREFIX}_accept"),
        path(base + "suggestions/reject/", api.reject, name=f"{PREFIX}_reject"),
    ]
