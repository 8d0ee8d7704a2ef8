"""import_article URL: a page fetched from a local server, with provenance; non-public hosts refused."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from archive.models import Article, Paragraph

from .conftest import PAGE, Route

pytestmark = pytest.mark.django_db
HTML = {"Content-Type": "text/html; charset=utf-8"}


def run_import(*args):
    out = StringIO()
    call_command("import_article", *args, stdout=out)
    return Article.objects.get(slug=out.getvalue().strip().split()[-1])


def counts():
    return Article.objects.count(), Paragraph.objects.count()


def test_a_utf8_page_is_imported_with_its_url_retrieval_time_and_raw_bytes(server, allow_private):
    server.routes["/news/2019/media.html"] = Route(PAGE.encode(), headers=HTML)
    article = run_import(server.url("/news/2019/media.html"))
    assert article.url == server.url("/news/2019/media.html")
    assert article.retrieved_at is not None
    assert bytes(article.raw_file) == PAGE.encode()
    assert article.raw_filename == "media.html"
    assert (article.title, article.author, article.published_edtf) == (
        "一家科技媒体的三次转型",
        "李四",
        "2019-04-01",
    )
    texts = list(article.paragraphs.filter(kind="body").values_list("text", flat=True))
    assert texts[0].startswith("2011年，创始人在北京中关村") and len(texts) == 3


def test_a_gb18030_page_is_decoded_with_the_charset_of_the_header(server, allow_private):
    server.routes["/gb"] = Route(
        PAGE.encode("gb18030"), headers={"Content-Type": "text/html; charset=GB18030"}
    )
    article = run_import(server.url("/gb"))
    assert article.raw_encoding == "gb18030"
    assert article.paragraphs.filter(text__contains="望京").exists()


def test_a_redirected_page_keeps_the_final_url(server, allow_private):
    server.routes["/page"] = Route(PAGE.encode(), headers=HTML)
    server.routes["/short"] = Route(status=301, headers={"Location": "/page"})
    assert run_import(server.url("/short")).url == server.url("/page")


def test_the_editor_given_url_and_title_win(server, allow_private):
    server.routes["/page"] = Route(PAGE.encode(), headers=HTML)
    article = run_import(server.url("/page"), "--url", "https://example.com/a", "--title", "[转型]")
    assert (article.url, article.title) == ("https://example.com/a", "[转型]")


@pytest.mark.parametrize(
    "route, message",
    [
        (
            Route(b"\x89PNG\r\n\x1a\n", headers={"Content-Type": "image/png"}),
            "image/png is not a page or text",
        ),
        (Route(headers=HTML, chunks=lambda: (b"<p>" + b"x" * 65536 for _ in range(1000))), "stopped reading"),
        (Route(b"<html><body></body></html>", headers=HTML), "holds no text"),
    ],
)
def test_a_bad_response_is_refused_in_one_line_and_writes_nothing(server, allow_private, route, message):
    allow_private.ANNALS_MAX_UPLOAD_BYTES = 200_000
    server.routes["/bad"] = route
    before = counts()
    with pytest.raises(CommandError, match=message) as raised:
        call_command("import_article", server.url("/bad"), stdout=StringIO())
    assert "\n" not in str(raised.value)
    assert counts() == before


@pytest.mark.parametrize(
    "url, shown",
    [
        ("http://127.0.0.1:{port}/page", "127.0.0.1 a loopback address"),
        ("http://localhost:{port}/page", "localhost resolves to"),
        ("http://10.0.0.7/page", "10.0.0.7 a private address"),
        ("http://169.254.169.254/latest/meta-data/", "169.254.169.254 a link-local address"),
        ("http://[::1]:{port}/page", "::1 a loopback address"),
        ("http://0.0.0.0:{port}/page", "0.0.0.0 the unspecified address"),
    ],
)
def test_non_public_addresses_are_refused_with_a_reason_and_nothing_written(
    server, refuse_private, url, shown
):
    server.routes["/page"] = Route(PAGE.encode(), headers=HTML)
    before = counts()
    with pytest.raises(CommandError, match="ANNALS_FETCH_ALLOW_PRIVATE=1") as raised:
        call_command("import_article", url.format(port=server.server_address[1]), stdout=StringIO())
    message = str(raised.value)
    assert shown in message and "\n" not in message
    assert counts() == before
    assert server.routes["/page"].hits == 0


def test_the_environment_variable_allows_private_addresses_when_the_setting_is_absent(
    server, settings, monkeypatch
):
    from archive.services.sources import fetch_allows_private

    del settings.ANNALS_FETCH_ALLOW_PRIVATE
    monkeypatch.setenv("ANNALS_FETCH_ALLOW_PRIVATE", "1")
    assert fetch_allows_private()
    monkeypatch.setenv("ANNALS_FETCH_ALLOW_PRIVATE", "0")
    assert not fetch_allows_private()
