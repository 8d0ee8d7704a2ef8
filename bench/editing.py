"""Readers on public pages while an editor publishes one annotation a second (the served site).

Each publish adds a citation to one role of the busiest person. A checker reads that person's
JSON once the workers' content-version TTL has passed and counts a stale page when it shows
fewer citations than were published by then (counts only grow, so a newer page is never stale).
The hit rate is the share of reader responses the page cache answered (``X-Annals-Page-Cache``).
"""

import http.client
import itertools
import json
import queue
import statistics
import threading
import time

CHECK_MARGIN = 0.25  # seconds after the TTL before a page must show a publish


def measure(env, paths, person_slug, *, readers, seconds, ttl=1.0):
    """Serve the site, run readers and the editor together; return the editing_load_* figures."""
    from .server import gunicorn

    drafts = _publishable(person_slug)
    marker = f"/people/{person_slug}.json"
    with gunicorn(env) as port:
        for path in paths:
            _get(http.client.HTTPConnection("127.0.0.1", port, timeout=60), path)
        stop = threading.Event()
        checks, stale = queue.Queue(), []
        checker = threading.Thread(target=_check, args=(port, marker, checks, stale, stop))
        checker.start()
        results = []
        reader_threads = [
            threading.Thread(target=_read, args=(port, paths, n, stop, results)) for n in range(readers)
        ]
        for thread in reader_threads:
            thread.start()
        published = _publish(drafts, marker, seconds, ttl, checks)
        stop.set()
        for thread in [*reader_threads, checker]:
            thread.join()
    latencies = sorted(ms for ms, _, _ in results)
    errors = sum(1 for _, ok, _ in results if not ok)
    hits = sum(1 for _, _, hit in results if hit)
    return {
        "editing_load_readers": readers,
        "editing_load_seconds": seconds,
        "editing_load_requests": len(results),
        "editing_load_publishes": published,
        "editing_load_errors": errors,
        "editing_load_stale_pages": len(stale),
        "editing_load_hit_rate": round(hits / len(results), 3) if results else None,
        "editing_load_p50_ms": round(statistics.median(latencies), 1) if latencies else None,
        "editing_load_p95_ms": round(latencies[int(0.95 * (len(latencies) - 1))], 1) if latencies else None,
    }


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


def _citations(payload):
    return sum(len(role["citations"]) for role in payload["roles"])


def _publish(drafts, marker, seconds, ttl, checks):
    """Publish one annotation a second through the service; queue a check of each. Return how many."""
    from django.db import transaction

    from archive import public
    from archive.models import Annotation
    from archive.services.annotations import annotations_set_status

    deadline, published = time.monotonic() + seconds, 0
    for pk in drafts:
        started = time.monotonic()
        if started >= deadline:
            break
        with transaction.atomic():
            annotations_set_status(
                queryset=Annotation.objects.filter(pk=pk), status=Annotation.Status.PUBLISHED
            )
        published += 1
        person = Annotation.objects.get(pk=pk).role.person_id
        expected = public.evidence().filter(role__in=public.roles().filter(person_id=person)).count()
        checks.put((time.monotonic() + ttl + CHECK_MARGIN, expected))
        time.sleep(max(0.0, 1.0 - (time.monotonic() - started)))
    time.sleep(ttl + CHECK_MARGIN)
    return published


def _check(port, marker, checks, stale, stop):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    while not (stop.is_set() and checks.empty()):
        try:
            due, expected = checks.get(timeout=0.2)
        except queue.Empty:
            continue
        time.sleep(max(0.0, due - time.monotonic()))
        shown = _citations(json.loads(_get(connection, marker)[1]))
        if shown < expected:
            stale.append((expected, shown))


def _get(connection, path):
    connection.request("GET", path, headers={"Accept-Language": "zh-hans"})
    response = connection.getresponse()
    return response, response.read()


def _read(port, paths, offset, stop, results):
    connection, mine = http.client.HTTPConnection("127.0.0.1", port, timeout=60), []
    for path in itertools.islice(itertools.cycle(paths), offset, None):
        if stop.is_set():
            break
        began = time.perf_counter()
        try:
            response, _ = _get(connection, path)
            ok, hit = response.status == 200, response.getheader("X-Annals-Page-Cache") == "hit"
        except (OSError, http.client.HTTPException):
            connection.close()
            connection, ok, hit = http.client.HTTPConnection("127.0.0.1", port, timeout=60), False, False
        mine.append((1000 * (time.perf_counter() - began), ok, hit))
    connection.close()
    results.extend(mine)
