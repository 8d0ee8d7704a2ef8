"""/livez answers that the process serves requests; /healthz, that what it needs is there.

/livez (liveness) touches no database, cache or queue: an orchestrator restarts a process that
stops answering it, so it must not fail because a dependency did; it is also the bench's trivial
view. /healthz (readiness: may this process be sent traffic?) runs django-health-check's database
and cache checks, and the job queue's. A plain probe (no format asked for) gets ``ok`` (200) when
every check passes, else one line per failing check (500); ``?format=json`` (or ``Accept:
application/json``) gets each check's status.
"""

import dataclasses
import datetime

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_safe
from django_tasks_db.models import DBTaskResult
from health_check.base import HealthCheck
from health_check.exceptions import ServiceUnavailable, ServiceWarning
from health_check.views import HealthCheckView


@dataclasses.dataclass
class QueueCheck(HealthCheck):
    """Unhealthy when the oldest ready job has waited longer than ANNALS_QUEUE_MAX_WAIT_SECONDS.

    A queue nobody works on (no worker running, or every worker stuck) shows here first.
    """

    timeout: datetime.timedelta = dataclasses.field(default=datetime.timedelta(seconds=5), repr=False)

    def run(self):
        try:
            oldest = (
                DBTaskResult.objects.ready().order_by("enqueued_at").values_list("enqueued_at", flat=True)
            )
            enqueued = oldest.first()
        except Exception as exc:  # noqa: BLE001 (any database error means no queue)
            raise ServiceUnavailable("job queue unreadable") from exc
        if enqueued is None:
            return
        waited = (timezone.now() - enqueued).total_seconds()
        if waited > settings.ANNALS_QUEUE_MAX_WAIT_SECONDS:
            raise ServiceWarning(f"the oldest queued job has waited {waited:.0f} s: is a worker running?")


@require_safe
def live(request):
    """Answer "ok": the process is up and serving (no database, cache or queue is asked)."""
    response = HttpResponse("ok", content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = "no-store"
    return response


class HealthView(HealthCheckView):
    checks = (
        "health_check.checks.Database",
        "health_check.checks.Cache",
        "jobs.health.QueueCheck",
    )

    async def get(self, request, *args, **kwargs):
        wants_detail = request.GET.get("format") or "json" in request.headers.get("accept", "")
        response = await super().get(request, *args, **kwargs)
        if wants_detail:
            return response
        failing = [f"{result.check!r}: {result.error}" for result in self.results if result.error]
        body = "\n".join(failing) + "\n" if failing else "ok"
        return HttpResponse(body, content_type="text/plain; charset=utf-8", status=500 if failing else 200)
