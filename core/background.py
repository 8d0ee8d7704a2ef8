"""Start long work as a background job from any app, without naming the app that runs jobs.

The jobs app (``ANNALS_JOBS_START``, set in config/settings.py) records the job and queues it;
this module only hands it over and opens the job's progress page.
"""

from django.conf import settings
from django.shortcuts import redirect
from django.utils.module_loading import import_string


def start_job(request, *, kind, label, params=None, files=()):
    """Queue a job of kind for request.user and return the redirect to its progress page."""
    job = import_string(settings.ANNALS_JOBS_START)(
        kind=kind, user=request.user, label=str(label), params=params or {}, files=files
    )
    return redirect(job.get_absolute_url())
