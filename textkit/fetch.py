"""Fetch a source page over HTTP(S) as received, refusing what an archive should not fetch.

``fetch(url, max_bytes=…, timeout=…)`` returns the body's bytes untouched with the response's
content type and charset, the final URL and when it was retrieved. It refuses, with a one-line
FetchError:

- an address that is not public (private, loopback, link-local, multicast, reserved,
  unspecified ``0.0.0.0``/``::``, and their IPv4-mapped, 6to4 and Teredo IPv6 forms), checked on
  every address the host name resolves to, unless ``allow_private``. The connection then goes to
  the address that was checked (the Host header and TLS name stay the host's), so a second DNS
  answer cannot swap in another (DNS rebinding);
- a scheme other than http/https, more than ``max_redirects`` redirects (each hop checked again);
- a content type that is not a page or text (``ACCEPTED_TYPES``);
- a body over ``max_bytes``: a larger Content-Length at once, otherwise while streaming, so
  no more than about ``max_bytes`` is ever read;
- a server slower than ``timeout`` seconds in all (connecting, each read and the whole body).
"""

import ipaddress
import socket
import time
from datetime import UTC, datetime
from typing import NamedTuple
from urllib.parse import urljoin

import httpx

from .encoding import charset_from_content_type

ACCEPTED_TYPES = ("text/html", "text/plain", "text/markdown", "application/xhtml+xml")
REDIRECTS = (301, 302, 303, 307, 308)
USER_AGENT = "Annals archive fetcher (+https://github.com/annals)"


class FetchError(ValueError):
    """The URL cannot or may not be fetched; the message says why in one line."""


class Fetched(NamedTuple):
    data: bytes
    content_type: str
    charset: str | None
    final_url: str
    retrieved_at: datetime


def fetch(
    url: str, *, max_bytes: int, timeout: float, allow_private: bool = False, max_redirects: int = 5
) -> Fetched:
    """Return the body of url as received, following at most max_redirects checked redirects."""
    deadline = time.monotonic() + timeout
    with httpx.Client(timeout=timeout, follow_redirects=False, trust_env=False) as client:
        for _hop in range(max_redirects + 1):
            request = _pinned_request(client, url, allow_private)
            response = _send(client, request, url, deadline)
            try:
                if response.status_code not in REDIRECTS:
                    return _body(response, url, max_bytes, deadline)
                url = _redirect_target(response, url)
            finally:
                response.close()
    raise FetchError(f"{url}: more than {max_redirects} redirects")


def refusal(address: str) -> str | None:
    """Return why an IP address is not one to fetch from (e.g. "a loopback address"), else None."""
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is not None:
            return refusal(str(embedded))
    for attribute, reason in (
        ("is_unspecified", "the unspecified address"),
        ("is_loopback", "a loopback address"),
        ("is_link_local", "a link-local address"),
        ("is_multicast", "a multicast address"),
        ("is_private", "a private address"),
        ("is_reserved", "a reserved address"),
    ):
        if getattr(ip, attribute):
            return reason
    return None if ip.is_global else "not a public address"


def _pinned_request(client, url, allow_private):
    """Return a request for url sent to the address its host resolves to, once checked."""
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError) as exc:
        raise FetchError(f"{url}: not a URL ({exc})") from exc
    if parsed.scheme not in ("http", "https") or not parsed.host:
        raise FetchError(f"{url}: only http and https URLs are fetched")
    address = _checked_address(parsed, allow_private)
    host = parsed.netloc.decode("ascii").rpartition("@")[2]
    return client.build_request(
        "GET",
        parsed.copy_with(host=address),
        headers={"Host": host, "User-Agent": USER_AGENT, "Accept-Encoding": "identity"},
        extensions={"sni_hostname": parsed.host},
    )


def _checked_address(parsed, allow_private):
    """Return the first address the URL's host resolves to; raise FetchError if any is refused."""
    port = parsed.port or (443 if parsed.scheme == "https" else 80)
    try:
        infos = socket.getaddrinfo(parsed.host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"{parsed.host}: cannot resolve the host name ({exc})") from exc
    addresses = list(dict.fromkeys(info[4][0] for info in infos))
    if not allow_private:
        for address in addresses:
            reason = refusal(address)
            if reason:
                where = address if address == parsed.host else f"{parsed.host} resolves to {address},"
                raise FetchError(f"refused: {where} {reason} (ANNALS_FETCH_ALLOW_PRIVATE=1 allows it)")
    return addresses[0]


def _send(client, request, url, deadline):
    if time.monotonic() > deadline:
        raise FetchError(f"{url}: timed out")
    try:
        return client.send(request, stream=True)
    except httpx.TimeoutException as exc:
        raise FetchError(f"{url}: timed out ({type(exc).__name__})") from exc
    except httpx.HTTPError as exc:
        raise FetchError(f"{url}: {exc or type(exc).__name__}") from exc


def _redirect_target(response, url):
    location = response.headers.get("location")
    if not location:
        raise FetchError(f"{url}: a redirect ({response.status_code}) with no Location")
    return urljoin(url, location)


def _body(response, url, max_bytes, deadline):
    if response.status_code != 200:
        raise FetchError(f"{url}: the server answered {response.status_code} {response.reason_phrase}")
    content_type = response.headers.get("content-type", "")
    media_type = content_type.split(";")[0].strip().lower()
    if media_type not in ACCEPTED_TYPES:
        raise FetchError(f"{url}: {media_type or 'no content type'} is not a page or text")
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(f"{url}: {int(declared):,} bytes announced; the limit is {max_bytes:,}")
    return Fetched(
        data=_read_limited(response, url, max_bytes, deadline),
        content_type=content_type,
        charset=charset_from_content_type(content_type),
        final_url=url,
        retrieved_at=datetime.now(UTC),
    )


def _read_limited(response, url, max_bytes, deadline):
    chunks, size = [], 0
    try:
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > max_bytes:
                raise FetchError(f"{url}: more than {max_bytes:,} bytes; stopped reading")
            if time.monotonic() > deadline:
                raise FetchError(f"{url}: timed out reading the body")
            chunks.append(chunk)
    except httpx.HTTPError as exc:
        raise FetchError(f"{url}: {exc or type(exc).__name__}") from exc
    return b"".join(chunks)
