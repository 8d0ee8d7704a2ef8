"""Jobs are followed on their own pages (jobs/views.py), which editors see for the jobs they started.

django-tasks-db's own task list is taken out of the admin: a JobRun shows each job's progress,
result and errors to the editor who started it, and the task rows (arguments, tracebacks) are
the operator's, read with the database or the worker's log.
"""

from django.contrib import admin
from django_tasks_db.models import DBTaskResult

if admin.site.is_registered(DBTaskResult):
    admin.site.unregister(DBTaskResult)
