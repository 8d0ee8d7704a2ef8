"""Root URLs: the public reading pages, the editors' admin and language switching."""
from django.conf import settings
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path(settings.ADMIN_PATH, admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("archive.urls")),
    path("", include("people.urls")),
]
