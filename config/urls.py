"""Root URLs: the public site, the editors' admin and workbench, language switching, health."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from jobs.health import HealthView, live
from reading.views import switch_language

admin.site.site_header = _("Annals editors")
admin.site.site_title = _("Annals editors")
admin.site.index_title = _("Sources, authority records and annotations")


urlpatterns = [
    # The workbench sits under the article it annotates, before the admin's own catch-all.
    path(f"{settings.ADMIN_PATH}archive/article/<int:article_id>/annotate/", include("workbench.urls")),
    # Editors follow their background jobs here (jobs/views.py), inside the admin's login.
    path(f"{settings.ADMIN_PATH}jobs/", include("jobs.urls")),
    path(settings.ADMIN_PATH, admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("language/<str:code>/", switch_language, name="switch-language"),
    # Liveness: "ok" from the process alone. Readiness: database, cache and job queue
    # (django-health-check; jobs/health.py), "ok" or what failed.
    path("livez", live, name="livez"),
    path("healthz", HealthView.as_view(), name="healthz"),
    path("", include("reading.urls")),
]
