"""What the bench reports of the career page: the queries of one request and its render time."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench import pages
from bench.synthetic.generate import archive_generate


def test_page_cost_counts_the_queries_of_a_request_as_a_capture_of_it_does(db, client, settings):
    settings.ANNALS_PAGE_CACHE_SECONDS = 0
    archive_generate(seed=3, articles=12, people=15, annotations=90)
    slug, _citations = pages.busiest_person()
    path = f"/people/{slug}/"
    client.get(path)
    with CaptureQueriesContext(connection) as captured:
        client.get(path)
    expected = len(captured)  # read before another request empties the log
    queries, ms, size = pages.page_cost(path, renders=3)
    assert queries == expected > 0
    assert ms > 0 and size > 1000
