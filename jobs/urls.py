from django.contrib import admin
from django.urls import path

from . import views

app_name = "jobs"
wrap = admin.site.admin_view
urlpatterns = [
    path("", wrap(views.job_list), name="job-list"),
    path("<int:pk>/", wrap(views.job_detail), name="job-detail"),
    path("start/<slug:kind>/", wrap(views.job_create), name="job-create"),
]
