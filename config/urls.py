"""Root URLs: the public site, the editors' admin and workbench, language switching, health."""

from django.conf import settings
from django.contrib import admin
from django.http import HttpResponse
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from reading.views import switch_language

admin.site.site_header = _("Annals editors")
admin.site.site_title = _("Annals editors")
admin.site.index_title = _("Sources, authority records and annotations")


@never_cache
@require_safe
def healthz(request):
    """Answer "ok": the liveness probe for a proxy or orchestrator, and the benchmark's baseline."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    # The workbench sits under the article it annotates, before the admin's own catch-all.
    path(f"{settings.ADMIN_PATH}archive/article/<int:article_id>/annotate/", include("workbench.urls")),
    path(settings.ADMIN_PATH, admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("language/<str:code>/", switch_language, name="switch-language"),
    path("healthz", healthz, name="healthz"),
    path("", include("reading.urls")),
]
