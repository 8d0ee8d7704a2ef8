"""The bench's served-site harness: readers that record every answer, and the stale-page check."""

import http.server
import threading
import time

import pytest
from django.test import Client

from archive.models import Annotation
from bench import editing, freshness, readers, server
from tests import factories


class Site(http.server.BaseHTTPRequestHandler):
    """/hit answers from "the cache", /slow takes 0.3 s, /gone answers 500, all with a length."""

    protocol_version = "HTTP/1.1"

    def do_GET(self):
        if self.path == "/slow":
            time.sleep(0.3)
        body = self.path.encode()
        self.send_response(500 if self.path == "/gone" else 200)
        self.send_header("Content-Length", str(len(body)))
        if self.path == "/hit":
            self.send_header("X-Annals-Page-Cache", "hit")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def site():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()


def test_readers_record_each_answer_its_path_and_whether_the_cache_answered(site):
    paths = ["/hit", "/miss", "/gone"]
    records = readers.read(site, paths, readers=3, seconds=0.5, processes=2)
    by_path = {paths[index]: (ok, hit) for index, _, _, ok, hit in records}
    assert by_path == {"/hit": (True, True), "/miss": (True, False), "/gone": (False, False)}
    assert all(began <= ended for _, began, ended, _, _ in records)
    assert [record[1] for record in records] == sorted(record[1] for record in records)
    assert records.cpu_seconds > 0


def test_a_request_in_flight_when_the_readers_stop_is_still_counted(site):
    records = readers.read(site, ["/slow"], readers=2, seconds=0.1)
    assert len(records) == 2 and all(ok for _, _, _, ok, _ in records)
    figures = readers.summary(records)
    assert figures["requests"] == 2 and figures["errors"] == 0 and figures["p50_ms"] >= 300


def test_a_connection_reads_answers_back_to_back_on_one_socket(site):
    connection = readers.Connection(site)
    first, second = connection.get("/hit"), connection.get("/miss")
    assert first[0] == 200 and readers.HIT in first[1] and first[2] == b"/hit"
    assert second[0] == 200 and readers.HIT not in second[1] and second[2] == b"/miss"
    connection.close()


def test_paths_loaded_in_turn_report_the_median_round_and_every_rounds_errors(site, monkeypatch):
    order, rates = [], iter([900.0, 50.0, 300.0, 70.0, 600.0, 60.0])

    def load(port, path, *, seconds):
        order.append(path)
        return {"req_per_s": next(rates), "errors": 1 if path == "/gone" else 0, "p95_ms": len(order)}

    monkeypatch.setattr(server, "load", load)
    found = server.alternate(site, ["/livez", "/gone"], seconds=0.1, trials=3)
    assert order == ["/livez", "/gone"] * 3  # in turn, not one path's rounds then the other's
    assert found["/livez"] == {
        "req_per_s": 600.0,
        "errors": 0,
        "p95_ms": 5,
        "trials_req_per_s": [900.0, 300.0, 600.0],
    }
    assert found["/gone"]["req_per_s"] == 60.0 and found["/gone"]["errors"] == 3
    assert found["/gone"]["trials_req_per_s"] == [50.0, 70.0, 60.0]


def test_a_real_load_in_rounds_counts_every_answer(site):
    found = server.alternate(site, ["/hit", "/gone"], seconds=0.2, trials=2)
    assert found["/hit"]["errors"] == 0 and found["/hit"]["requests"] > 0
    assert found["/gone"]["errors"] > 0 and len(found["/gone"]["trials_req_per_s"]) == 2


def test_the_marker_of_an_annotation_is_its_own_id_not_a_longer_one():
    found = freshness.marker(12).search
    assert found(b'"url": "/articles/a/?hl=12#p-3"') and found(b'<mark id="a-12" ')
    assert found(b'data-annotations="3 12"') and found(b'data-annotations="12 40"')
    assert not found(b"?hl=123#p-3") and not found(b'id="a-120"') and not found(b'data-annotations="112"')


@pytest.fixture
def publishable(db, django_capture_on_commit_callbacks):
    """A published article citing a person's role, and a reviewed citation of that role."""
    with django_capture_on_commit_callbacks(execute=True):
        article = factories.article()
        organization = factories.organization()
        role = factories.role(factories.person(), org=organization)
        first, second, _ = article.paragraphs.order_by("position")
        factories.cite(first, "联席总经理", role=role)
        reviewed = factories.cite(second, "升成区域主管", status=Annotation.Status.REVIEWED, role=role)
    return reviewed


def served(checker, client, number):
    """Check publish number with the pages as client gets them now (this process's "server")."""

    class Answers:
        def get(self, path):
            response = client.get(path)
            return response.status_code, b"", response.content

    checker.check(Answers(), number)


def test_pages_that_show_a_publish_are_fresh_and_those_that_do_not_are_stale(
    publishable, django_capture_on_commit_callbacks, settings
):
    settings.ANNALS_PAGE_CACHE_SECONDS = 0  # renders afresh, as the bench process does
    checker, client = freshness.Checker(), Client(HTTP_HOST="testserver", HTTP_ACCEPT_LANGUAGE="zh-hans")
    with django_capture_on_commit_callbacks(execute=True):
        editing._publish(checker, publishable.pk, ttl=0)
    pages = checker.published[0][1]
    person, organization = publishable.role.person, publishable.role.organization
    assert {page.path for page in pages} == {
        person.get_absolute_url(),
        f"/people/{person.slug}.json",
        publishable.paragraph.article.get_absolute_url(),
        organization.get_absolute_url(),
        f"/organizations/{organization.slug}.json",
    }
    served(checker, client, 1)
    renders = freshness.replay(checker, editing._unpublish, host="testserver")
    assert checker.stale(renders) == []
    assert Annotation.objects.get(pk=publishable.pk).status == Annotation.Status.REVIEWED
    checker.checks.clear()
    served(checker, client, 1)  # the archive as before the publish: what a stale server would show
    assert sorted(path for _, _, path in checker.stale(renders)) == sorted(page.path for page in pages)
