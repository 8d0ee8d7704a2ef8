"""Root URLs: the public reading pages, the editors' admin and language switching."""

from django.conf import settings
from django.contrib import admin
from django.http import HttpResponse
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

admin.site.site_header = _("Annals editors")
admin.site.site_title = _("Annals editors")
admin.site.index_title = _("Sources, authority records and annotations")


@never_cache
@require_safe
def healthz(request):
    """Answer "ok": the liveness probe for a proxy or orchestrator, and the benchmark's baseline."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path(settings.ADMIN_PATH, admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz", healthz, name="healthz"),
    path("", include("archive.urls")),
    path("", include("people.urls")),
]
