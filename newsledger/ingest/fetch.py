"""Fetching pages over HTTP(S): timeouts, redirects, a size cap, content types and retries.

``Fetcher.fetch`` downloads one URL or raises ``RejectedInput`` with one of these reasons:

- ``bad-url``: not an http(s) URL, or a redirect to one that is not;
- ``redirects``: more than ``max_redirects`` redirects (or a loop);
- ``http-error``: a 4xx answer (not retried, 429 excepted), or a 429/5xx after all retries;
- ``timeout`` / ``unreachable``: no complete answer, or no connection, after all retries;
- ``too-large``: a body over ``max_bytes`` (by Content-Length, or counted while streaming);
- ``not-a-page``: a content type that is neither a page (HTML, text) nor a feed (RSS, Atom);
- ``private-address``: a host that is or resolves to a loopback, private, link-local,
  multicast, reserved or unspecified address (IPv4 or IPv6, IPv4 inside IPv6 included),
  refused unless ``allow_private`` is on (``NEWSLEDGER_ALLOW_PRIVATE_URLS=1``).

Addresses are checked where the connection is made: the host name is resolved once, every
address it resolves to is checked, and the socket connects to a checked address, so a DNS
answer that changes between a check and the connection (rebinding) cannot reach an inner
host. Each redirect opens its own checked connection; TLS still verifies the host name.

``newsledger.ingest.sources.iter_urls`` turns URLs into Pages and Rejections, expanding feeds
into their items.
"""

from __future__ import annotations

import email.utils
import ipaddress
import re
import socket
import time
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

import httpcore
import httpx

from newsledger import __version__
from newsledger.errors import RejectedInput, TemporaryFailure
from newsledger.ingest.reader import read_stream
from newsledger.records import Page

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
FEED_TYPES = frozenset({
    "application/rss+xml", "application/atom+xml", "application/rdf+xml",
    "application/xml", "text/xml",
})
ACCEPTED_TYPES = HTML_TYPES | FEED_TYPES | {"text/plain"}
_ACCEPT = (
    "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
    "application/xml;q=0.9,text/xml;q=0.9,text/plain;q=0.8"
)
_CHUNK = 64 * 1024
# Host names as sent (IDNA already applied): dot-separated labels, or an IPv6 address.
_HOST = re.compile(r"(?:[A-Za-z0-9_](?:[A-Za-z0-9_-]*[A-Za-z0-9_])?\.)*"
                   r"[A-Za-z0-9_](?:[A-Za-z0-9_-]*[A-Za-z0-9_])?\.?|[0-9A-Fa-f:.]+")


@dataclass(frozen=True)
class FetchSettings:
    """How the fetcher behaves.

    ``timeout_s`` bounds each network operation (connect, each read, write);
    ``total_timeout_s`` bounds one whole download attempt, so that a server dripping bytes
    cannot hold a run. ``retries`` more attempts follow connection errors, timeouts, 429 and
    5xx, waiting ``backoff_s * 2**n`` (or the server's Retry-After) but never more than
    ``max_wait_s``; a Retry-After longer than that ends the retries at once.

    ``allow_private``: when False (the default unless ``NEWSLEDGER_ALLOW_PRIVATE_URLS=1``),
    every connection (redirects included) to a host that is or resolves to an address that
    is not public is refused with ``private-address``; the address checked is the address
    connected to (no second DNS lookup). Proxies from the environment are then not used (a
    proxy would resolve names itself, out of reach of the check); turn it on to use one.
    """

    timeout_s: float = 10.0
    max_bytes: int = 5 * 1024 * 1024
    max_redirects: int = 5
    retries: int = 2
    backoff_s: float = 0.5
    max_wait_s: float = 30.0
    total_timeout_s: float = 60.0
    user_agent: str = f"newsledger/{__version__} (news analysis; offline-first)"
    allow_private: bool = False


@dataclass(frozen=True)
class FetchedPage:
    """The body of one successful download; ``url`` is the final URL after redirects.
    ``etag`` and ``last_modified`` are the validators the server gave, for a conditional
    request next time; ``not_modified``: the server answered 304 to one (``data`` empty)."""

    url: str
    content_type: str | None
    data: bytes
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False


@dataclass(frozen=True)
class Validators:
    """What a conditional request sends: the ETag and Last-Modified of the last download."""

    etag: str | None = None
    last_modified: str | None = None

    def headers(self) -> dict[str, str]:
        sent = {"If-None-Match": self.etag, "If-Modified-Since": self.last_modified}
        return {name: value for name, value in sent.items() if value}


class _Retryable(Exception):
    """One attempt failed in a way that another attempt may not; carries the final error."""

    def __init__(self, error: RejectedInput, retry_after: float | None = None) -> None:
        super().__init__(error.detail)
        self.error = error
        self.retry_after = retry_after


class _PrivateAddress(Exception):
    def __init__(self, host: str, address: str) -> None:
        super().__init__(host)
        self.host = host
        self.address = address

# Content-Encodings the fetcher inflates itself, a chunk at a time
DECODABLE_ENCODINGS = frozenset({"gzip", "x-gzip", "deflate"})

Resolver = Callable[[str, int], Sequence[str]]
"""A host name and port → the IP addresses to connect to, in order."""


def system_resolver(host: str, port: int) -> list[str]:
    """The addresses ``getaddrinfo`` gives for ``host`` (TCP), without IPv6 scope ids."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [str(info[4][0]).split("%", 1)[0] for info in infos]


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 one carries (mapped, 6to4, Teredo server, NAT64), if any."""
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]
    if address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


def is_public_address(text: str) -> bool:
    """True for a global unicast address: not loopback, private, link-local, multicast,
    reserved, unspecified or shared (100.64/10), nor an IPv6 address carrying such an
    IPv4 address."""
    try:
        address = ipaddress.ip_address(text.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address):
        inner = _embedded_ipv4(address)
        if inner is not None:
            return is_public_address(str(inner))
    return address.is_global and not (
        address.is_multicast or address.is_reserved or address.is_unspecified
        or address.is_loopback or address.is_link_local or address.is_private)


class PinnedBackend(httpcore.SyncBackend):
    """httpcore's socket backend that resolves a host once, refuses it when any of its
    addresses is not public, and connects to the checked addresses themselves."""

    def __init__(self, resolver: Resolver = system_resolver) -> None:
        self.resolver = resolver

    def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                    local_address: str | None = None,
                    socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
                    ) -> httpcore.NetworkStream:
        addresses = self.checked(host, port)
        error: httpcore.ConnectError | None = None
        for address in addresses:
            try:
                return super().connect_tcp(address, port, timeout, local_address,
                                           socket_options)
            except httpcore.ConnectError as exc:
                error = exc
        raise error or httpcore.ConnectError(f"{host} has no address")

    def checked(self, host: str, port: int) -> list[str]:
        """Every address of ``host``, each public, or _PrivateAddress naming the first not."""
        literal = host.strip("[]")
        try:
            addresses = [str(ipaddress.ip_address(literal.split("%", 1)[0]))]
        except ValueError:
            try:
                addresses = list(self.resolver(host, port))
            except (OSError, UnicodeError) as exc:
                raise httpcore.ConnectError(f"cannot resolve {host} ({exc})") from exc
        for address in addresses:
            if not is_public_address(address):
                raise _PrivateAddress(host, address)
        return addresses


def pinned_transport(resolver: Resolver = system_resolver) -> httpx.HTTPTransport:
    """An httpx transport whose connections go through ``PinnedBackend``."""
    transport = httpx.HTTPTransport(trust_env=False)
    transport._pool.close()  # replaced: httpx takes no network backend of its own
    transport._pool = httpcore.ConnectionPool(
        ssl_context=httpx.create_ssl_context(trust_env=False), max_connections=100,
        max_keepalive_connections=20, keepalive_expiry=5.0,
        network_backend=PinnedBackend(resolver))
    return transport


def _bad_url(url: str, why: str) -> RejectedInput:
    return RejectedInput(url, "bad-url", f"{why}; give a full http:// or https:// address such "
                         "as https://example.com/news/article.html")


def _check_url(url: str) -> httpx.URL:
    try:
        parsed = httpx.URL(url.strip())
    except httpx.InvalidURL as exc:
        raise _bad_url(url, f"'{url}' is not a valid URL ({exc})") from exc
    if parsed.scheme not in ("http", "https"):
        raise _bad_url(url, f"'{url}' is not an http(s) URL")
    if not parsed.host:
        raise _bad_url(url, f"'{url}' has no host name")
    if not _HOST.fullmatch(parsed.raw_host.decode("ascii", errors="replace")):
        raise _bad_url(url, f"'{url}' has an invalid host name '{parsed.host}'")
    return parsed


def _media_type(value: str | None) -> str | None:
    """``text/html; charset=utf-8`` → ``text/html``; None when absent or empty."""
    media = (value or "").split(";", 1)[0].strip().lower()
    return media or None


def _retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or HTTP date); None if unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdecimal():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _status_error(url: str, response: httpx.Response) -> RejectedInput:
    code = response.status_code
    if code in (404, 410):
        advice = "the page does not exist (any more); check the address"
    elif code in (401, 403, 451):
        advice = ("the server refuses access; the page may need a login or block automated "
                  "clients: save it from a browser and give the file instead")
    elif code == 429:
        advice = "the server limits how often it may be asked; wait and try again later"
    elif code >= 500:
        advice = "the server is failing; try again later"
    elif 300 <= code < 400:
        advice = "the redirect has no usable Location; open the address in a browser"
    else:
        advice = "check the address"
    final = str(response.url)
    where = url if final == url else f"{url} (redirected to {final})"
    return RejectedInput(url, "http-error", f"HTTP {code} for URL {where}: {advice}")


class Fetcher:
    """Downloads pages with one pooled ``httpx.Client``; use as a context manager or close().

    ``transport`` replaces the network (tests), and with it the private-address check;
    ``resolver`` replaces DNS for that check and the connection (tests).
    """

    def __init__(
        self, settings: FetchSettings | None = None, transport: httpx.BaseTransport | None = None,
        resolver: Resolver = system_resolver,
    ) -> None:
        self.settings = settings or FetchSettings()
        if transport is None and not self.settings.allow_private:
            transport = pinned_transport(resolver)
        self._client = httpx.Client(
            timeout=httpx.Timeout(self.settings.timeout_s),
            follow_redirects=True,
            max_redirects=self.settings.max_redirects,
            headers={"User-Agent": self.settings.user_agent, "Accept": _ACCEPT,
                     "Accept-Encoding": "gzip, deflate"},
            transport=transport,
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def fetch(self, url: str, validators: Validators | None = None) -> FetchedPage:
        """Download ``url`` (retrying what may pass), or raise RejectedInput saying why not
        (``TemporaryFailure`` when it may pass later). With ``validators``, the request is
        conditional: an unchanged page answers ``not_modified`` and no body."""
        target = _check_url(url)
        headers = validators.headers() if validators is not None else {}
        attempt = 0
        while True:
            try:
                return self._attempt(url, target, headers)
            except _Retryable as failure:
                wait = self._wait(attempt, failure.retry_after)
                if attempt >= self.settings.retries or wait is None:
                    raise self._final(failure, attempt + 1) from None
                time.sleep(wait)
            attempt += 1

    def _wait(self, attempt: int, retry_after: float | None) -> float | None:
        """Seconds before the next attempt, or None when the server asks for too long."""
        if retry_after is not None and retry_after > self.settings.max_wait_s:
            return None
        backoff = self.settings.backoff_s * 2.0**attempt
        return min(max(backoff, retry_after or 0.0), self.settings.max_wait_s)

    def _final(self, failure: _Retryable, attempts: int) -> RejectedInput:
        error = failure.error
        tries = "1 attempt" if attempts == 1 else f"{attempts} attempts"
        if failure.retry_after is not None and failure.retry_after > self.settings.max_wait_s:
            tries += f"; the server asked to wait {failure.retry_after:.0f}s"
        return TemporaryFailure(error.source, error.reason, f"{error.detail} (after {tries})",
                                failure.retry_after)

    def _attempt(self, url: str, target: httpx.URL, headers: dict[str, str]) -> FetchedPage:
        try:
            with self._client.stream("GET", target, headers=headers) as response:
                return self._receive(url, response)
        except httpx.TooManyRedirects as exc:
            raise RejectedInput(url, "redirects", f"more than {self.settings.max_redirects} "
                                f"redirects from {url} (a loop, or a chain too long); open it "
                                "in a browser and give the final address instead") from exc
        except (httpx.UnsupportedProtocol, httpx.InvalidURL) as exc:
            raise _bad_url(url, f"{url} redirects to an address that cannot be fetched "
                           f"({exc})") from exc
        except httpx.TimeoutException as exc:
            raise _Retryable(self._timeout(url, type(exc).__name__)) from exc
        except httpx.TransportError as exc:
            raise _Retryable(RejectedInput(url, "unreachable", f"could not get {url} "
                             f"({type(exc).__name__}: {exc}); check the address and the "
                             "network connection, or try again later")) from exc
        except _PrivateAddress as exc:
            raise RejectedInput(url, "private-address", f"{exc.host} is or resolves to "
                                f"{exc.address}, a loopback, private, link-local or reserved "
                                "address, which newsledger does not fetch from unless "
                                "NEWSLEDGER_ALLOW_PRIVATE_URLS=1 is set; fetch the page "
                                "yourself and give the file, or set it if the host is "
                                "yours") from exc

    def _timeout(self, url: str, what: str) -> RejectedInput:
        return RejectedInput(url, "timeout", f"no complete answer from {url} in time ({what}; "
                             f"limits {self.settings.timeout_s}s per step, "
                             f"{self.settings.total_timeout_s}s in all); the server is slow or "
                             "down: try again later or raise the timeout")

    def _receive(self, url: str, response: httpx.Response) -> FetchedPage:
        code = response.status_code
        if code == 429 or code >= 500:
            raise _Retryable(_status_error(url, response),
                             _retry_after(response.headers.get("Retry-After")))
        etag, modified = response.headers.get("ETag"), response.headers.get("Last-Modified")
        if code == 304:
            return FetchedPage(str(response.url), None, b"", etag, modified, not_modified=True)
        if code >= 300:
            raise _status_error(url, response)
        content_type = _media_type(response.headers.get("Content-Type"))
        if content_type is not None and content_type not in ACCEPTED_TYPES:
            raise RejectedInput(url, "not-a-page", f"the server sent {content_type}, not an "
                                "HTML page, text or an RSS/Atom feed; download it and convert "
                                "it to text first (e.g. pdftotext for a PDF)")
        return FetchedPage(str(response.url), content_type, self._read_body(url, response),
                           etag, modified)

    def _read_body(self, url: str, response: httpx.Response) -> bytes:
        limit = self.settings.max_bytes
        length = response.headers.get("Content-Length", "")
        if length.isdecimal() and int(length) > limit:
            raise _too_large(url, limit, f"the response (Content-Length {length})")
        if response.is_stream_consumed:  # an in-memory response (test transport), decoded
            if len(response.content) > limit:
                raise _too_large(url, limit, "the response")
            return response.content
        inflate = _inflater(url, response.headers.get("Content-Encoding"))
        deadline = time.monotonic() + self.settings.total_timeout_s
        body = bytearray()
        for chunk in response.iter_raw(_CHUNK):
            body += inflate(chunk, limit - len(body))
            if len(body) > limit:
                raise _too_large(url, limit, "the response")
            if time.monotonic() > deadline:
                raise _Retryable(self._timeout(url, "the download took too long"))
        return bytes(body)


def _inflater(url: str, encoding: str | None) -> Callable[[bytes, int], bytes]:
    """Decode a Content-Encoding chunk by chunk, never producing more than ``room + 1`` bytes
    at a time, so that a compression bomb stops at the size cap (httpx's own decoders would
    inflate each whole chunk first)."""
    name = (encoding or "identity").strip().lower()
    if name in ("identity", ""):
        return lambda chunk, room: chunk
    if name not in DECODABLE_ENCODINGS:
        raise RejectedInput(url, "unreadable", f"the server compressed the page as '{name}', "
                            "which newsledger cannot decode; fetch the page with another tool "
                            "and give the file")
    # zlib detects gzip and zlib headers by itself (32 + wbits); some servers send "deflate"
    # as raw deflate without a header, tried when the first chunk will not decode.
    inflater = zlib.decompressobj(32 + zlib.MAX_WBITS)
    started = False

    def inflate(chunk: bytes, room: int) -> bytes:
        nonlocal inflater, started
        try:
            try:
                out = inflater.decompress(chunk, max(room, 0) + 1)
            except zlib.error:
                if started or name != "deflate":
                    raise
                inflater = zlib.decompressobj(-zlib.MAX_WBITS)
                out = inflater.decompress(chunk, max(room, 0) + 1)
            started = started or bool(chunk)
        except zlib.error as exc:
            raise RejectedInput(url, "unreadable", f"the server sent a {name} body that is "
                                f"broken ({exc}); try again later") from exc
        return out + b"\0" if inflater.unconsumed_tail else out  # past the cap either way

    return inflate


def _too_large(url: str, limit: int, what: str) -> RejectedInput:
    return RejectedInput(url, "too-large", f"{what} is larger than the limit of {limit} bytes; "
                         "raise NEWSLEDGER_MAX_BYTES if this is really one article")


def fetch_page(fetcher: Fetcher, url: str, max_bytes: int) -> Page:
    """Fetch ``url`` and read it into a Page whose ``url`` is the final URL after redirects.

    A page served as HTML is kind ``html`` even when it does not look like a whole document.
    """
    return page_of(fetcher.fetch(url), url, max_bytes)


def read_url_list(path: Path) -> Iterator[str]:
    """The URLs of a list file: one a line; blank lines and lines starting with '#' skipped.

    Lines are given back as written (stripped), good or bad: ``iter_urls`` rejects the bad
    ones as ``bad-url`` so that each shows up in the run's rejections.
    """
    try:
        text = path.read_text(encoding="utf-8-sig", errors="replace")
    except OSError as exc:
        raise RejectedInput(str(path), "unreadable", f"the URL list cannot be read "
                            f"({exc.strerror or exc}); check the path and its permissions"
                            ) from exc
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            yield line


def page_of(fetched: FetchedPage, url: str, max_bytes: int) -> Page:
    page = read_stream(fetched.data, url, max_bytes)
    kind = "html" if fetched.content_type in HTML_TYPES else page.kind
    return replace(page, url=fetched.url, kind=kind)
