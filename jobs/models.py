"""A job: long work run by a worker, with its progress, result and errors for the admin.

django-tasks keeps its own row per task (``django_tasks_db.DBTaskResult``: status, worker ids,
traceback); a JobRun adds what an editor needs to follow the work: who started it, rows done of
the total, a readable summary and the errors by place, and the lease a dead worker's job is
recovered by (jobs/recovery.py).
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class JobRunQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Return the jobs user may follow: their own, or all of them for a superuser."""
        return self if user.is_superuser else self.filter(user=user)

    def unfinished(self):
        return self.filter(status__in=[JobRun.Status.QUEUED, JobRun.Status.RUNNING])


class JobRun(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        SUCCEEDED = "succeeded", _("finished")
        FAILED = "failed", _("failed")

    kind = models.CharField(_("kind"), max_length=40)
    label = models.CharField(_("job"), max_length=300)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("started by"), null=True, on_delete=models.SET_NULL
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    task_id = models.CharField(_("task id"), max_length=64, blank=True, db_index=True)
    done = models.PositiveIntegerField(_("done"), default=0)
    total = models.PositiveIntegerField(_("total"), null=True, blank=True)
    step = models.CharField(_("current step"), max_length=300, blank=True)
    summary = models.JSONField(_("summary"), default=list, blank=True, help_text=_("lines of the result"))
    links = models.JSONField(_("links"), default=list, blank=True, help_text=_("[label, admin URL] pairs"))
    errors = models.JSONField(_("errors"), default=list, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    host = models.CharField(_("worker host"), max_length=255, blank=True)
    pid = models.PositiveIntegerField(_("worker process"), null=True, blank=True)
    created_at = models.DateTimeField(_("queued at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("last heartbeat"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    objects = JobRunQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("job")
        verbose_name_plural = _("jobs")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(total__isnull=True) | models.Q(done__lte=models.F("total")),
                name="jobrun_done_at_most_total",
            )
        ]

    def __str__(self):
        return f"#{self.pk} {self.label}"

    def get_absolute_url(self):
        return reverse("jobs:job-detail", args=[self.pk])

    @property
    def finished(self):
        return self.status in (self.Status.SUCCEEDED, self.Status.FAILED)

    @property
    def percent(self):
        if not self.total:
            return 100 if self.status == self.Status.SUCCEEDED else 0
        return min(100, 100 * self.done // self.total)
