"""The editors' job pages, inside the admin: the list, one job's progress, starting a job.

The progress page refreshes itself (``<meta http-equiv="refresh">``) while the job runs: no
script is needed. Editors see the jobs they started; superusers see every job.
"""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .models import JobRun
from .registry import KINDS, may_start, startable
from .services import job_start

REFRESH_SECONDS = 2


def job_list(request):
    jobs = JobRun.objects.visible_to(request.user).select_related("user")[:100]
    context = {
        **admin.site.each_context(request),
        "title": _("Jobs"),
        "jobs": jobs,
        "startable": startable(request.user),
        "refresh": REFRESH_SECONDS if any(not job.finished for job in jobs) else None,
    }
    return TemplateResponse(request, "jobs/job_list.html", context)


def job_detail(request, pk):
    job = get_object_or_404(JobRun.objects.visible_to(request.user).select_related("user"), pk=pk)
    context = {
        **admin.site.each_context(request),
        "title": job.label,
        "job": job,
        "refresh": None if job.finished else REFRESH_SECONDS,
    }
    return TemplateResponse(request, "jobs/job_detail.html", context)


@require_http_methods(["POST"])
def job_create(request, kind):
    """Start a whole-archive job (one with a title in the registry) and open its progress page."""
    found = KINDS.get(kind)
    if found is None or not found.title:
        raise Http404
    if not may_start(request.user, found):
        raise PermissionDenied
    job = job_start(kind=kind, user=request.user, label=str(found.title))
    return redirect(job)
