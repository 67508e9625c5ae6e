"""Fetching URLs: pages, redirects, HTTP errors, retries, timeouts, size caps, URL lists.

Everything talks to pytest-httpserver on 127.0.0.1; no other host is contacted.
"""

from __future__ import annotations

import gc
import gzip
import socket
import time
import tracemalloc
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpcore
import httpx
import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from newsledger.errors import RejectedInput
from newsledger.ingest.fetch import (
    Fetcher,
    FetchSettings,
    fetch_page,
    is_public_address,
    read_url_list,
)
from newsledger.ingest.sources import iter_urls
from newsledger.records import Page, Rejection
from newsledger.settings import Settings
from tests.ingest.conftest import FAST

MakeFetcher = Callable[..., Fetcher]
HTML = (
    "<!doctype html><html><head><title>Floods</title></head><body><article><p>FAIZABAD: "
    "Flash floods have cut off three districts of Badakhshan, officials said.</p></article>"
    "</body></html>"
)
MAX = 1024 * 1024
BOMB = gzip.compress(b"\0" * 50_000_000, compresslevel=9)  # about 50 KB on the wire


@pytest.fixture
def server(httpserver_ipv4: HTTPServer) -> HTTPServer:
    return httpserver_ipv4


def _rejected(fetcher: Fetcher, url: str) -> RejectedInput:
    with pytest.raises(RejectedInput) as info:
        fetcher.fetch(url)
    assert info.value.source == url
    assert info.value.detail
    return info.value


def test_good_html_page(server: HTTPServer, make_fetcher: MakeFetcher) -> None:
    server.expect_request("/news/floods").respond_with_data(
        HTML, content_type="text/html; charset=utf-8")
    url = server.url_for("/news/floods")
    page = fetch_page(make_fetcher(), url, MAX)
    assert page == Page(source=url, content=HTML, kind="html", url=url)
    request = server.log[0][0]
    assert request.headers["User-Agent"].startswith("newsledger/")


def test_html_content_type_makes_a_fragment_html(
    server: HTTPServer, make_fetcher: MakeFetcher
) -> None:
    server.expect_request("/frag").respond_with_data("<p>Just a paragraph.</p>",
                                                     content_type="text/html")
    assert fetch_page(make_fetcher(), server.url_for("/frag"), MAX).kind == "html"


def test_plain_text_and_missing_content_type(server: HTTPServer, make_fetcher: MakeFetcher) -> None:
    server.expect_request("/t.txt").respond_with_data("Plain news.", content_type="text/plain")
    server.expect_request("/none").respond_with_response(Response(b"Plain news.", headers={}))
    fetcher = make_fetcher()
    assert fetch_page(fetcher, server.url_for("/t.txt"), MAX).kind == "text"
    fetched = fetcher.fetch(server.url_for("/none"))
    assert fetched.data == b"Plain news."


def _redirect(to: str, status: int = 302) -> Response:
    return Response(status=status, headers={"Location": to})


def test_redirects_within_the_limit(server: HTTPServer, make_fetcher: MakeFetcher) -> None:
    server.expect_request("/old").respond_with_response(_redirect("/older", 301))
    server.expect_request("/older").respond_with_response(_redirect("/final"))
    server.expect_request("/final").respond_with_data(HTML, content_type="text/html")
    url = server.url_for("/old")
    page = fetch_page(make_fetcher(max_redirects=2), url, MAX)
    assert page.source == url
    assert page.url == server.url_for("/final")


def test_too_many_redirects(server: HTTPServer, make_fetcher: MakeFetcher) -> None:
    for n in range(4):
        server.expect_request(f"/r{n}").respond_with_response(_redirect(f"/r{n + 1}"))
    server.expect_request("/r4").respond_with_data(HTML, content_type="text/html")
    error = _rejected(make_fetcher(max_redirects=2), server.url_for("/r0"))
    assert error.reason == "redirects"
    assert "more than 2 redirects" in error.detail
    assert len(server.log) == 3


def test_redirect_loop(server: HTTPServer, make_fetcher: MakeFetcher) -> None:
    server.expect_request("/loop").respond_with_response(_redirect("/loop"))
    assert _rejected(make_fetcher(), server.url_for("/loop")).reason == "redirects"
    assert len(server.log) == 6  # the first request and five redirects


def test_redirect_to_another_scheme(server: HTTPServer, make_fetcher: MakeFetcher) -> None:
    server.expect_request("/ftp").respond_with_response(_redirect("ftp://127.0.0.1/file"))
    assert _rejected(make_fetcher(), server.url_for("/ftp")).reason == "bad-url"


def test_404_is_not_retried(server: HTTPServer, make_fetcher: MakeFetcher) -> None:
    server.expect_request("/gone").respond_with_data("no", status=404)
    url = server.url_for("/gone")
    error = _rejected(make_fetcher(retries=3), url)
    assert error.reason == "http-error"
    assert f"HTTP 404 for URL {url}" in error.detail
    assert "check the address" in error.detail
    assert len(server.log) == 1


def test_503_then_200_is_retried(server: HTTPServer, make_fetcher: MakeFetcher) -> None:
    server.expect_oneshot_request("/flaky").respond_with_data("busy", status=503)
    server.expect_request("/flaky").respond_with_data(HTML, content_type="text/html")
    page = fetch_page(make_fetcher(), server.url_for("/flaky"), MAX)
    assert page.content == HTML
    assert [response.status_code for _, response in server.log] == [503, 200]


def test_503_until_the_retries_run_out(server: HTTPServer, make_fetcher: MakeFetcher) -> None:
    server.expect_request("/down").respond_with_data("down", status=503)
    start = time.monotonic()
    error = _rejected(make_fetcher(retries=2, backoff_s=0.01), server.url_for("/down"))
    assert error.reason == "http-error"
    assert "HTTP 503" in error.detail and "after 3 attempts" in error.detail
    assert len(server.log) == 3
    assert time.monotonic() - start < 2


def test_429_retry_after_is_respected(server: HTTPServer, make_fetcher: MakeFetcher) -> None:
    server.expect_oneshot_request("/rate").respond_with_data(
        "slow down", status=429, headers={"Retry-After": "0"})
    server.expect_request("/rate").respond_with_data(HTML, content_type="text/html")
    assert make_fetcher().fetch(server.url_for("/rate")).data == HTML.encode()
    assert len(server.log) == 2


def test_429_asking_too_long_a_wait_stops(server: HTTPServer, make_fetcher: MakeFetcher) -> None:
    server.expect_request("/rate").respond_with_data(
        "slow down", status=429, headers={"Retry-After": "3600"})
    error = _rejected(make_fetcher(retries=5, max_wait_s=1.0), server.url_for("/rate"))
    assert error.reason == "http-error"
    assert "HTTP 429" in error.detail and "asked to wait 3600s" in error.detail
    assert len(server.log) == 1


def _slow(request: Request) -> Response:
    time.sleep(0.3)
    return Response(HTML, content_type="text/html")


def test_slow_response_times_out(server: HTTPServer, make_fetcher: MakeFetcher) -> None:
    server.expect_request("/slow").respond_with_handler(_slow)
    start = time.monotonic()
    error = _rejected(make_fetcher(timeout_s=0.05, retries=0), server.url_for("/slow"))
    assert error.reason == "timeout"
    assert "try again later or raise the timeout" in error.detail
    assert time.monotonic() - start < 0.3


def test_unreachable_port(make_fetcher: MakeFetcher) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}/x"
    error = _rejected(make_fetcher(retries=1), url)
    assert error.reason == "unreachable"
    assert "after 2 attempts" in error.detail


def test_oversized_body_with_content_length(server: HTTPServer, make_fetcher: MakeFetcher) -> None:
    server.expect_request("/big").respond_with_data(b"x" * 5000, content_type="text/plain")
    error = _rejected(make_fetcher(max_bytes=1000), server.url_for("/big"))
    assert error.reason == "too-large"
    assert "Content-Length 5000" in error.detail and "1000 bytes" in error.detail


def _endless(request: Request) -> Response:
    def body() -> Iterator[bytes]:
        for _ in range(64):  # 4 MiB in all, far past the cap; no Content-Length
            yield b"y" * 65536

    return Response(body(), content_type="text/plain")


def test_oversized_body_without_content_length(
    server: HTTPServer, make_fetcher: MakeFetcher
) -> None:
    server.expect_request("/stream").respond_with_handler(_endless)
    error = _rejected(make_fetcher(max_bytes=100_000), server.url_for("/stream"))
    assert error.reason == "too-large"
    assert "Content-Length" not in error.detail


def test_pdf_is_not_a_page(server: HTTPServer, make_fetcher: MakeFetcher) -> None:
    server.expect_request("/report.pdf").respond_with_data(b"%PDF-1.7 ...",
                                                           content_type="application/pdf")
    error = _rejected(make_fetcher(), server.url_for("/report.pdf"))
    assert error.reason == "not-a-page"
    assert "application/pdf" in error.detail and "pdftotext" in error.detail


@pytest.mark.parametrize("url", ["ftp://127.0.0.1/a", "127.0.0.1/news", "http://", "",
                                 "https://exa mple.invalid/", "http://-bad-.invalid/",
                                 "http://a..b.invalid/"])
def test_bad_urls(url: str, make_fetcher: MakeFetcher) -> None:
    assert _rejected(make_fetcher(), url).reason == "bad-url"


def test_url_list_and_iter_urls(
    server: HTTPServer, make_fetcher: MakeFetcher, tmp_path: Path
) -> None:
    server.expect_request("/a").respond_with_data(HTML, content_type="text/html")
    server.expect_request("/b.txt").respond_with_data("Plain news.", content_type="text/plain")
    listing = tmp_path / "urls.txt"
    listing.write_text(
        f"# morning run\n\n{server.url_for('/a')}\n   \nnot a url\n  # indented comment\n"
        f"{server.url_for('/b.txt')}  \n",
        encoding="utf-8",
    )
    urls = list(read_url_list(listing))
    assert urls == [server.url_for("/a"), "not a url", server.url_for("/b.txt")]
    results = list(iter_urls(urls, make_fetcher(), MAX))
    assert isinstance(results[0], Page) and results[0].kind == "html"
    assert results[1] == Rejection("not a url", "bad-url", results[1].detail)
    assert isinstance(results[2], Page) and results[2].content == "Plain news."


def test_iter_urls_turns_failures_into_rejections(
    server: HTTPServer, make_fetcher: MakeFetcher
) -> None:
    server.expect_request("/gone").respond_with_data("no", status=404)
    server.expect_request("/empty").respond_with_data("  ", content_type="text/plain")
    results = list(iter_urls([server.url_for("/gone"), server.url_for("/empty")],
                             make_fetcher(), MAX))
    assert [r.reason for r in results if isinstance(r, Rejection)] == ["http-error", "empty"]


def test_missing_url_list(tmp_path: Path) -> None:
    with pytest.raises(RejectedInput) as info:
        list(read_url_list(tmp_path / "nope.txt"))
    assert info.value.reason == "unreadable"


def test_fetcher_is_a_context_manager(server: HTTPServer, make_fetcher: MakeFetcher) -> None:
    server.expect_request("/a").respond_with_data(HTML, content_type="text/html")
    with Fetcher(FetchSettings(allow_private=True)) as fetcher:
        assert fetcher.fetch(server.url_for("/a")).content_type == "text/html"


@pytest.mark.parametrize("encoding", ["gzip", "deflate", "raw-deflate"])
def test_compressed_pages_are_decoded(
    encoding: str, server: HTTPServer, make_fetcher: MakeFetcher
) -> None:
    if encoding == "gzip":
        body = gzip.compress(HTML.encode())
    else:
        packer = zlib.compressobj(wbits=-zlib.MAX_WBITS if encoding == "raw-deflate" else 15)
        body = packer.compress(HTML.encode()) + packer.flush()
    server.expect_request("/z").respond_with_data(body, content_type="text/html", headers={
        "Content-Encoding": "gzip" if encoding == "gzip" else "deflate"})
    fetched = make_fetcher().fetch(server.url_for("/z"))
    assert fetched.data == HTML.encode()
    assert server.log[0][0].headers["Accept-Encoding"] == "gzip, deflate"


class _Chunks(httpx.SyncByteStream):
    def __init__(self, data: bytes) -> None:
        self.data = data

    def __iter__(self) -> Iterator[bytes]:
        for start in range(0, len(self.data), 65536):
            yield self.data[start:start + 65536]


def test_gzip_bomb_memory_stays_small() -> None:
    """Measured through a transport: the server thread's own allocations would blur it."""
    def serve(request: httpx.Request) -> httpx.Response:
        headers = {"Content-Encoding": "gzip", "Content-Type": "text/plain"}
        return httpx.Response(200, headers=headers, stream=_Chunks(BOMB))

    settings = FetchSettings(max_bytes=100_000)
    with Fetcher(settings, transport=httpx.MockTransport(serve)) as fetcher:
        gc.collect()
        tracemalloc.start()
        try:
            error = _rejected(fetcher, "http://127.0.0.1/bomb")
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    assert error.reason == "too-large"
    # Inflating whole chunks (httpx's way) would take the 50 MB at once; the bounded inflater
    # stays well under 1 MB alone, and the margin absorbs other threads of the test run.
    assert peak < 20_000_000


def test_gzip_bomb_stops_at_the_cap(server: HTTPServer, make_fetcher: MakeFetcher) -> None:
    server.expect_request("/bomb").respond_with_data(
        BOMB, content_type="text/plain", headers={"Content-Encoding": "gzip"})
    error = _rejected(make_fetcher(max_bytes=100_000), server.url_for("/bomb"))
    assert error.reason == "too-large"


def test_unknown_content_encoding(server: HTTPServer, make_fetcher: MakeFetcher) -> None:
    server.expect_request("/br").respond_with_data(
        b"\x0b\x02\x80hello\x03", content_type="text/html", headers={"Content-Encoding": "br"})
    error = _rejected(make_fetcher(), server.url_for("/br"))
    assert error.reason == "unreadable" and "'br'" in error.detail


def test_broken_gzip(server: HTTPServer, make_fetcher: MakeFetcher) -> None:
    server.expect_request("/bad").respond_with_data(
        b"not gzip at all", content_type="text/html", headers={"Content-Encoding": "gzip"})
    assert _rejected(make_fetcher(), server.url_for("/bad")).reason == "unreadable"


# -- private addresses: refused by default, checked where the connection is made -------------

PUBLIC = "93.184.216.34"  # a global unicast address; the tests never really connect to it


class _Dns:
    """A resolver answering from a table of host → successive answers (the last repeats)."""

    def __init__(self, answers: dict[str, list[list[str]]]) -> None:
        self.answers = answers
        self.calls: list[str] = []

    def __call__(self, host: str, port: int) -> list[str]:
        self.calls.append(host)
        given = self.answers[host]
        return given[min(self.calls.count(host), len(given)) - 1]


@pytest.fixture
def network(monkeypatch: pytest.MonkeyPatch, server: HTTPServer) -> list[str]:
    """Socket connections as httpcore makes them, recorded; PUBLIC is served by the test
    server (standing in for a public web server), other addresses connect for real."""
    connected: list[str] = []
    real = httpcore.SyncBackend.connect_tcp

    def connect(self: httpcore.SyncBackend, host: str, port: int,
                *args: Any, **kwargs: Any) -> httpcore.NetworkStream:
        connected.append(host)
        return real(self, "127.0.0.1" if host == PUBLIC else host, port, *args, **kwargs)

    monkeypatch.setattr(httpcore.SyncBackend, "connect_tcp", connect)
    return connected


def _guarded(dns: _Dns, **overrides: Any) -> Fetcher:
    settings = FetchSettings(**{**FAST.__dict__, "allow_private": False, **overrides})
    return Fetcher(settings, resolver=dns)


def test_private_addresses_are_refused_by_default(
    server: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NEWSLEDGER_ALLOW_PRIVATE_URLS", raising=False)
    assert FetchSettings().allow_private is False
    assert Settings.from_env().allow_private_urls is False
    server.expect_request("/page").respond_with_data(HTML, content_type="text/html")
    with Fetcher(FetchSettings(retries=0)) as fetcher:
        error = _rejected(fetcher, server.url_for("/page"))
    assert error.reason == "private-address"
    assert "127.0.0.1" in error.detail and "NEWSLEDGER_ALLOW_PRIVATE_URLS=1" in error.detail
    assert server.log == []


def test_the_setting_allows_private_addresses(
    server: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSLEDGER_ALLOW_PRIVATE_URLS", "1")
    monkeypatch.setenv("NO_PROXY", "*")
    allowed = Settings.from_env().allow_private_urls
    assert allowed is True
    server.expect_request("/page").respond_with_data(HTML, content_type="text/html")
    with Fetcher(FetchSettings(allow_private=allowed)) as fetcher:
        assert fetcher.fetch(server.url_for("/page")).data == HTML.encode()


@pytest.mark.parametrize("host", [
    "127.0.0.1", "127.8.9.10", "10.0.0.1", "172.16.5.4", "192.168.1.1", "169.254.169.254",
    "0.0.0.0", "100.64.0.1", "224.0.0.1", "240.0.0.1", "255.255.255.255", "[::1]", "[::]",
    "[fe80::1]", "[fc00::1]", "[ff02::1]", "[::ffff:127.0.0.1]", "[::ffff:a9fe:a9fe]",
    "[2002:7f00:1::1]", "[64:ff9b::a00:1]", "[2001:db8::1]"])
def test_address_literals_are_refused(host: str, network: list[str]) -> None:
    dns = _Dns({})
    with _guarded(dns) as fetcher:
        error = _rejected(fetcher, f"http://{host}:8000/latest/meta-data/")
    assert error.reason == "private-address"
    assert network == [] and dns.calls == []


@pytest.mark.parametrize(("address", "public"), [
    (PUBLIC, True), ("8.8.8.8", True), ("2606:4700:4700::1111", True),
    ("2a00:1450:4001:80b::200e", True), ("::ffff:8.8.8.8", True), ("127.0.0.1", False),
    ("::ffff:10.1.2.3", False), ("2002:c0a8:101::1", False), ("fe80::1%eth0", False),
    ("not an address", False)])
def test_is_public_address(address: str, public: bool) -> None:
    assert is_public_address(address) is public


def test_a_name_resolving_to_link_local_is_refused(network: list[str]) -> None:
    dns = _Dns({"metadata.example": [["169.254.169.254"]]})
    with _guarded(dns) as fetcher:
        error = _rejected(fetcher, "http://metadata.example/latest/meta-data/")
    assert error.reason == "private-address"
    assert "metadata.example" in error.detail and "169.254.169.254" in error.detail
    assert network == []


def test_a_name_with_any_private_address_is_refused(network: list[str]) -> None:
    dns = _Dns({"mixed.example": [[PUBLIC, "10.0.0.7"]]})
    with _guarded(dns) as fetcher:
        assert _rejected(fetcher, "http://mixed.example/").reason == "private-address"
    assert network == []


def test_a_public_name_is_fetched_at_its_checked_address(
    server: HTTPServer, network: list[str]
) -> None:
    server.expect_request("/news").respond_with_data(HTML, content_type="text/html")
    dns = _Dns({"news.example": [[PUBLIC]]})
    url = f"http://news.example:{server.port}/news"
    with _guarded(dns) as fetcher:
        assert fetcher.fetch(url).data == HTML.encode()
    assert network == [PUBLIC] and dns.calls == ["news.example"]
    assert server.log[0][0].headers["Host"] == f"news.example:{server.port}"


def test_dns_rebinding_cannot_reach_the_local_server(
    server: HTTPServer, network: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The name resolves to a public address, then to 127.0.0.1: a check followed by a
    second lookup would connect to the local server; the pinned connection goes to the
    address that was checked (where nothing answers here)."""
    server.expect_request("/admin").respond_with_data("secret", content_type="text/plain")
    real = httpcore.SyncBackend.connect_tcp

    def unreachable_public(self: httpcore.SyncBackend, host: str, port: int,
                           *args: Any, **kwargs: Any) -> httpcore.NetworkStream:
        network.append(host)
        if host == PUBLIC:
            raise httpcore.ConnectError("no route to the public host in tests")
        return real(self, host, port, *args, **kwargs)

    monkeypatch.setattr(httpcore.SyncBackend, "connect_tcp", unreachable_public)
    dns = _Dns({"rebind.example": [[PUBLIC], ["127.0.0.1"]]})
    with _guarded(dns, retries=0) as fetcher:
        error = _rejected(fetcher, f"http://rebind.example:{server.port}/admin")
    assert error.reason == "unreachable"
    assert dns.calls == ["rebind.example"] and network == [PUBLIC]
    assert server.log == []


@pytest.mark.parametrize("target", ["http://127.0.0.1:{port}/secret",
                                    "http://internal.example:{port}/secret",
                                    "http://[::ffff:7f00:1]:{port}/secret"])
def test_a_redirect_to_a_private_address_is_refused(
    target: str, server: HTTPServer, network: list[str]
) -> None:
    server.expect_request("/start").respond_with_response(
        _redirect(target.format(port=server.port)))
    server.expect_request("/secret").respond_with_data("secret", content_type="text/plain")
    dns = _Dns({"news.example": [[PUBLIC]], "internal.example": [["10.20.30.40"]]})
    with _guarded(dns) as fetcher:
        error = _rejected(fetcher, f"http://news.example:{server.port}/start")
    assert error.reason == "private-address"
    assert [request.path for request, _ in server.log] == ["/start"]
    assert network == [PUBLIC]
