"""Readers on public pages while an editor publishes one annotation a second (the served site).

Each publish adds a citation to one role of the busiest person, through the service editors'
actions use. Readers (bench/readers.py: event-loop connections in forked processes, so the
client spends little of the two cores it shares with the server) cycle through the readers'
paths with no pause between requests; the latencies are therefore those of a saturated server
(by Little's law their mean is readers ÷ req/s), not of a reader's single page. Whether every
page that shows a publish shows it once ANNALS_CONTENT_VERSION_TTL has passed is checked by
bench/freshness.py. The hit rate is the share of reader responses the page cache answered
(``X-Annals-Page-Cache``); misses are counted per path, and a miss that began while another
miss of the same path was in flight (a concurrent render of one page) is counted apart.
"""

import threading
import time
from collections import Counter

from . import freshness
from .readers import Connection, read, summary


def measure(env, paths, person_slug, *, readers, seconds):
    """Serve the site, run readers and the editor together; return the editing_load_* figures."""
    from django.conf import settings

    from .server import gunicorn

    checker, drafts = freshness.Checker(), _publishable(person_slug)
    with gunicorn(env) as port:
        warm = Connection(port)
        for path in paths:
            warm.get(path)
        warm.close()
        records = read(
            port,
            paths,
            readers=readers,
            until=lambda: _edit(port, checker, drafts, seconds, settings.ANNALS_CONTENT_VERSION_TTL),
        )
    renders = freshness.replay(checker, _unpublish, host=f"127.0.0.1:{port}")
    return _figures(records, paths, checker, checker.stale(renders), readers, seconds)


def _edit(port, checker, drafts, seconds, ttl):
    """Publish one annotation a second for seconds while the checker fetches what each shows."""
    stop, connection = threading.Event(), Connection(port)
    thread = threading.Thread(target=checker.run, args=(connection, stop))
    thread.start()
    try:
        deadline = time.monotonic() + seconds
        for pk in drafts:
            started = time.monotonic()
            if started >= deadline:
                break
            _publish(checker, pk, ttl)
            time.sleep(max(0.0, 1.0 - (time.monotonic() - started)))
    finally:
        stop.set()
        thread.join()
        connection.close()


def _publishable(person_slug):
    """Return the ids of reviewed annotations that become citations of the person's roles."""
    from archive.models import Annotation
    from archive.models.annotations import EVIDENCE_KINDS

    return list(
        Annotation.objects.filter(
            status=Annotation.Status.REVIEWED,
            role__person__slug=person_slug,
            paragraph__kind__in=EVIDENCE_KINDS,
            paragraph__article__is_published=True,
            orphaned=False,
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def _publish(checker, pk, ttl):
    """Publish annotation pk through the service; note it, and the pages that show it, to check."""
    from django.db import transaction

    from archive.models import Annotation
    from archive.services.annotations import annotations_set_status

    with checker.lock:
        with transaction.atomic():
            annotations_set_status(
                queryset=Annotation.objects.filter(pk=pk), status=Annotation.Status.PUBLISHED
            )
        annotation = Annotation.objects.select_related("role__person", "paragraph__article").get(pk=pk)
        checker.committed(pk, freshness.pages_showing(annotation), ttl)


def _unpublish(pk):
    from django.db import transaction

    from archive.models import Annotation
    from archive.services.annotations import annotations_set_status

    with transaction.atomic():
        annotations_set_status(queryset=Annotation.objects.filter(pk=pk), status=Annotation.Status.REVIEWED)


def _figures(records, paths, checker, stale, readers, seconds):
    served = summary(records)
    latencies = sorted(1000 * (ended - began) for _, began, ended, ok, _ in records if ok)
    misses = Counter(paths[index] for index, _, _, ok, hit in records if ok and not hit)
    return {
        "editing_load_readers": readers,
        "editing_load_seconds": seconds,
        "editing_load_requests": len(records),
        "editing_load_req_per_s": served["req_per_s"],
        "editing_load_publishes": len(checker.published),
        "editing_load_pages_checked": len(checker.checks),
        "editing_load_errors": served["errors"],
        "editing_load_stale_pages": len(stale),
        "editing_load_hit_rate": round(sum(r[4] for r in records) / len(records), 3) if records else None,
        "editing_load_p50_ms": served["p50_ms"],
        "editing_load_p95_ms": served["p95_ms"],
        "editing_load_p99_ms": round(latencies[int(0.99 * (len(latencies) - 1))], 1) if latencies else None,
        "editing_load_misses": sum(misses.values()),
        "editing_load_overlapping_misses": _overlapping(records),
        "editing_load_misses_by_path": dict(misses.most_common(8)),
        "editing_load_client_cpu_us_per_request": round(1e6 * records.cpu_seconds / max(1, len(records))),
        **({"editing_load_first_stale": stale[:3]} if stale else {}),
    }


def _overlapping(records):
    """Return how many misses began while another miss of the same path was still in flight."""
    last_end, count = {}, 0
    for index, began, ended, ok, hit in records:  # sorted by began
        if ok and not hit:
            count += began < last_end.get(index, 0.0)
            last_end[index] = max(ended, last_end.get(index, 0.0))
    return count
