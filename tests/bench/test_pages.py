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


def test_pages_rendered_in_turn_are_each_timed_and_their_people_counted(db, settings, monkeypatch):
    settings.ANNALS_PAGE_CACHE_SECONDS = 0
    archive_generate(seed=3, articles=12, people=15, annotations=90)
    slug, citations = pages.busiest_person()
    assert pages.role_citations(slug) == citations > 0 and pages.role_citations("nobody") == 0
    other = "/people/nobody/"
    asked = []
    real_get = pages._get

    def get(client, path):
        asked.append(path)
        return real_get(client, path) if path != other else None

    monkeypatch.setattr(pages, "_get", get)
    mine = f"/people/{slug}/"
    medians = pages.in_turn([mine, other], renders=3)
    assert asked == [mine, other] * 4  # one warm-up each, then render by render in turn
    assert set(medians) == {mine, other} and medians[mine] > 0
