"""textkit.fetch against a local server: bytes as received, limits enforced while streaming."""

import pytest

from textkit.fetch import FetchError, fetch, refusal

from .conftest import PAGE, Route

LIMIT = 100_000


def get(server, path, **kwargs):
    return fetch(server.url(path), max_bytes=LIMIT, timeout=10, allow_private=True, **kwargs)


def test_a_page_comes_back_as_received_with_its_content_type_and_charset(server):
    body = PAGE.encode("gb18030")
    server.routes["/gb"] = Route(body, headers={"Content-Type": "text/html; charset=GB18030"})
    fetched = get(server, "/gb")
    assert fetched.data == body
    assert fetched.content_type == "text/html; charset=GB18030"
    assert fetched.charset == "gb18030"
    assert fetched.final_url == server.url("/gb")
    assert fetched.retrieved_at.tzinfo is not None


def test_redirects_are_followed_to_the_final_url_and_limited(server):
    server.routes["/page"] = Route(PAGE.encode(), headers={"Content-Type": "text/html"})
    server.routes["/old"] = Route(status=302, headers={"Location": "/page"})
    assert get(server, "/old").final_url == server.url("/page")
    server.routes["/loop"] = Route(status=301, headers={"Location": "/loop"})
    with pytest.raises(FetchError, match="more than 5 redirects"):
        get(server, "/loop")
    assert server.routes["/loop"].hits == 6


def test_an_oversized_body_is_refused_while_streaming(server):
    total = 256 * 1024 * 1024
    chunk = b"<p>" + "很长的页面".encode() * 4000 + b"</p>"

    def chunks():
        for _ in range(total // len(chunk)):
            yield chunk

    server.routes["/huge"] = Route(headers={"Content-Type": "text/html"}, chunks=chunks)
    with pytest.raises(FetchError, match="more than 100,000 bytes; stopped reading"):
        get(server, "/huge")
    assert server.routes["/huge"].done.wait(10), "the server was still sending"
    # The socket buffers hold a few megabytes at most; the client stopped long before the end.
    assert server.routes["/huge"].sent < total // 8


def test_an_announced_oversized_body_is_refused_before_reading(server):
    server.routes["/big"] = Route(
        b"x" * 10, headers={"Content-Type": "text/plain", "Content-Length": "500000"}
    )
    with pytest.raises(FetchError, match="500,000 bytes announced"):
        get(server, "/big")


@pytest.mark.parametrize("content_type", ["image/png", "application/octet-stream", None])
def test_a_response_that_is_not_a_page_or_text_is_refused(server, content_type):
    headers = {"Content-Type": content_type} if content_type else {}
    server.routes["/x"] = Route(b"\x89PNG\r\n", headers=headers)
    with pytest.raises(FetchError, match="is not a page or text"):
        get(server, "/x")


def test_an_error_status_is_refused_with_the_status(server):
    with pytest.raises(FetchError, match="answered 404"):
        get(server, "/missing")


def test_the_local_server_is_refused_without_allow_private_and_never_contacted(server):
    server.routes["/page"] = Route(PAGE.encode(), headers={"Content-Type": "text/html"})
    with pytest.raises(FetchError, match="127.0.0.1 a loopback address"):
        fetch(server.url("/page"), max_bytes=LIMIT, timeout=10)
    assert server.routes["/page"].hits == 0


def test_a_redirect_to_a_private_address_is_checked_again(monkeypatch, server):
    import textkit.fetch as module

    # The first hop's host counts as public, its redirect target (the local server) does not.
    real = module.refusal
    monkeypatch.setattr(module, "refusal", lambda address: None if address == "127.0.0.1" else real(address))
    server.routes["/page"] = Route(PAGE.encode(), headers={"Content-Type": "text/html"})
    server.routes["/hop"] = Route(status=302, headers={"Location": "http://[::1]/admin"})
    with pytest.raises(FetchError, match="::1 a loopback address"):
        fetch(server.url("/hop"), max_bytes=LIMIT, timeout=10)


@pytest.mark.parametrize(
    "address, reason",
    [
        ("127.0.0.1", "loopback"),
        ("10.1.2.3", "private"),
        ("192.168.0.1", "private"),
        ("169.254.169.254", "link-local"),
        ("::1", "loopback"),
        ("0.0.0.0", "unspecified"),
        ("::", "unspecified"),
        ("::ffff:127.0.0.1", "loopback"),
        ("fe80::1", "link-local"),
        ("fc00::1", "private"),
        ("224.0.0.1", "multicast"),
        ("ff02::1", "multicast"),
        ("240.0.0.1", "private"),
        ("100.64.0.1", "not a public"),
    ],
)
def test_non_public_addresses_are_refused_with_their_kind(address, reason):
    assert reason in refusal(address)


def test_public_addresses_are_allowed():
    assert refusal("8.8.8.8") is None
    assert refusal("2606:4700:4700::1111") is None


@pytest.mark.parametrize("url", ["ftp://example.com/a", "file:///etc/passwd", "not a url"])
def test_only_http_and_https_urls_are_fetched(url):
    with pytest.raises(FetchError):
        fetch(url, max_bytes=LIMIT, timeout=5)
