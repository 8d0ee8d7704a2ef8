"""Archives of two sizes, and what the career page costs on each (queries, render time)."""

import statistics
import time

SIZES = {
    "quick": {
        "small": {"articles": 20, "people": 40, "annotations": 300},
        "large": {"articles": 1_000, "people": 2_000, "annotations": 40_000},
    },
    "full": {
        "small": {"articles": 20, "people": 40, "annotations": 300},
        "large": {"articles": 10_000, "people": 20_000, "annotations": 1_000_000},
    },
}
RENDERS = 15  # renders timed per archive; their median is the figure


def generate(sizes, seed):
    """Add a synthetic archive of the given sizes; return its counts and how fast it went in."""
    from bench.synthetic.generate import archive_generate

    started = time.perf_counter()
    counts = archive_generate(seed=seed, **sizes)
    seconds = time.perf_counter() - started
    rows = sum(counts.values())
    return {**counts, "seconds": round(seconds, 2), "rows_per_s": round(rows / seconds)}


def busiest_person():
    """Return the slug of the public person with the most published citations of their roles."""
    row = _role_citations().order_by("-citations", "role__person__slug").first()
    return row["role__person__slug"], row["citations"]


def role_citations(slug):
    """Return how many published citations of their roles the person with this slug has."""
    row = _role_citations().filter(role__person__slug=slug).order_by("role__person__slug").first()
    return row["citations"] if row else 0


def _role_citations():
    from django.db.models import Count

    from archive.models import Annotation

    return (
        Annotation.objects.public()
        .filter(role__isnull=False)
        .values("role__person__slug")
        .annotate(citations=Count("pk"))
    )


def page_cost(path, renders=RENDERS):
    """Return (queries, milliseconds, bytes) of rendering path afresh: the queries of one request,
    and the median time of renders more, after one warm-up request.

    The queries are counted on a request of their own: counting logs them, and a logged query
    goes through Django's own cursor, which on PostgreSQL sends it with its values to be planned
    afresh (core/prepared.py), so it is timed on the requests that are not counted, as served.
    """
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    _get(client, path)
    with CaptureQueriesContext(connection) as captured:
        response = _get(client, path)
    queries = len(captured)  # now: each request empties the query log (request_started)
    timings = _timed(client, [path], renders)[path]
    return queries, round(1000 * statistics.median(timings), 1), len(response.content)


def in_turn(paths, renders=RENDERS):
    """Return {path: median milliseconds} of rendering each path afresh, the paths in turn.

    Rendered one after the other, render by render, the pages meet the same moments of the
    machine: on this shared two-core machine the same page took 3.9 ms in one second and 6.4 ms
    a few seconds later, so pages timed apart (before and after building an archive) can differ
    by that much with no difference in their work."""
    from django.test import Client

    client = Client()
    for path in paths:
        _get(client, path)
    timings = _timed(client, paths, renders)
    return {path: round(1000 * statistics.median(found), 2) for path, found in timings.items()}


def _timed(client, paths, renders):
    """Return {path: [seconds, …]} of renders of each path, the paths in turn, render by render."""
    timings = {path: [] for path in paths}
    for _ in range(renders):
        for path in paths:
            started = time.perf_counter()
            _get(client, path)
            timings[path].append(time.perf_counter() - started)
    return timings


def _get(client, path):
    response = client.get(path)
    if response.status_code != 200:
        raise RuntimeError(f"GET {path} answered {response.status_code}")
    return response
