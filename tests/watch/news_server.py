"""A news site for the tests of ``newsledger watch``: a threaded HTTP server on 127.0.0.1 that
serves feeds whose items change between polls (answering 304 to a conditional request for an
unchanged one), articles of real text (each item its own story), answers set per path (304,
429, 500, redirects, slow answers), and logs every request with its time and headers, so
that a test can count requests per path and per host.

``public_fetcher`` builds a Fetcher that keeps newsledger's private-address check on while
reaching this server: made-up host names resolve to a public address, checked as any would
be, and the connection then goes to 127.0.0.1. A redirect to 127.0.0.1 itself is refused,
as it would be on the internet.
"""

from __future__ import annotations

import hashlib
import http.server
import sys
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from email.utils import formatdate
from typing import Any
from xml.sax.saxutils import escape

import httpcore
import httpx
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from newsledger.ingest.fetch import Fetcher, FetchSettings, PinnedBackend
from newsledger.store.models import StoredDocument
from tests.conftest import SEED

STORY = SEED.read_text(encoding="utf-8")
# each item's story: the seed with the Panjshir valley moved to another province
PLACES = ("Kunar", "Nangarhar", "Laghman", "Kapisa", "Parwan", "Bamyan", "Ghazni", "Logar",
          "Wardak", "Khost", "Paktia", "Zabul", "Uruzgan", "Daikundi", "Faryab", "Takhar")
PUBLIC_ADDRESS = "93.184.215.14"  # a global unicast address; never connected to
# Fetch settings of the tests: quick retries, short waits, 127.0.0.1 allowed.
QUICK = FetchSettings(timeout_s=5.0, retries=1, backoff_s=0.01, max_wait_s=0.05,
                      total_timeout_s=10.0, allow_private=True)


def story(n: int, revision: int = 0) -> str:
    """A distinct article for item ``n`` (the seed, set in another province); a revision
    adds a paragraph near the top, as an outlet updating its story would."""
    place = PLACES[n % len(PLACES)]
    text = STORY.replace("Panjshir", place)
    if n >= len(PLACES):
        text = text.replace("40 hours", f"{n + 1} hours")
    if revision:
        update = (f"Update {revision}: officials in {place} said on Saturday that the "
                  f"fighting had stopped after talks between elders of {revision + 1} "
                  "districts and the Taliban.")
        text = text.replace("According to the Al Arabiya", f"{update}\n\nAccording to the "
                            "Al Arabiya")
    return text


@dataclass(frozen=True)
class Answer:
    """What the site answers for a path: a status, a body, headers, after ``delay_s``."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0


@dataclass(frozen=True)
class Hit:
    """One request the site received."""

    path: str
    at: float  # time.monotonic() when it arrived
    headers: dict[str, str]

    @property
    def conditional(self) -> bool:
        return "if-none-match" in self.headers or "if-modified-since" in self.headers


@dataclass(frozen=True)
class Entry:
    """A feed item: its guid, the path of its article on the feed's site (or its own URL,
    elsewhere), its title and its version date."""

    key: str
    path: str
    title: str = "A story"
    updated: float | None = None  # a Unix time, given as pubDate
    url: str | None = None

    def xml(self, base: str) -> str:
        date = f"<pubDate>{formatdate(self.updated, usegmt=True)}</pubDate>" \
            if self.updated is not None else ""
        link = escape(self.url or base + self.path)
        return (f"<item><title>{escape(self.title)}</title><link>{link}</link>"
                f'<guid isPermaLink="false">{escape(self.key)}</guid>{date}</item>')


def rss(base: str, entries: Iterable[Entry]) -> bytes:
    items = "".join(e.xml(base) for e in entries)
    return ('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
            f"<title>Kabul Daily</title><link>{base}/</link><description>News</description>"
            f"{items}</channel></rss>").encode()


Route = Callable[[Hit], Answer]


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):  # a client that hung up
            super().handle_error(request, client_address)


class NewsSite:
    """The server; ``base`` is its root URL (``http://127.0.0.1:PORT``, or the name given)."""

    def __init__(self, host_name: str | None = None) -> None:
        self.hits: list[Hit] = []
        self.routes: dict[str, Route] = {}
        self._lock = threading.Lock()
        site = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                hit = Hit(self.path, time.monotonic(),
                          {k.lower(): v for k, v in self.headers.items()})
                with site._lock:
                    site.hits.append(hit)
                    route = site.routes.get(self.path.split("?", 1)[0])
                answer = route(hit) if route is not None else Answer(404, b"not here")
                if answer.delay_s:
                    time.sleep(answer.delay_s)
                try:
                    self.send_response(answer.status)
                    headers = {"Content-Type": "text/html; charset=utf-8", **answer.headers}
                    for name, value in headers.items():
                        self.send_header(name, value)
                    if answer.status != 304:
                        self.send_header("Content-Length", str(len(answer.body)))
                    self.end_headers()
                    if answer.status != 304:
                        self.wfile.write(answer.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client stopped reading (a body over its size cap)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = _Server(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.base = f"http://{host_name or '127.0.0.1'}:{self.port}"
        self._thread = threading.Thread(target=self.server.serve_forever,
                                        kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def url(self, path: str) -> str:
        return f"{self.base}{path}"

    # -- what it serves ------------------------------------------------------------------

    def route(self, path: str, answer: Answer | Route) -> None:
        with self._lock:
            self.routes[path] = answer if callable(answer) else (lambda _hit: answer)

    def text(self, path: str, text: str, content_type: str = "text/plain; charset=utf-8",
             delay_s: float = 0.0) -> None:
        self.route(path, Answer(200, text.encode(), {"Content-Type": content_type}, delay_s))

    def article(self, path: str, n: int, revision: int = 0, delay_s: float = 0.0) -> None:
        """Serve item ``n``'s story (``story``) at ``path``, as plain text."""
        self.text(path, story(n, revision), delay_s=delay_s)

    def feed(self, path: str, entries: Sequence[Entry], delay_s: float = 0.0) -> None:
        """Serve an RSS feed of ``entries`` with an ETag of its bytes; a request that sends
        that ETag back gets 304 and no body."""
        body = rss(self.base, entries)
        self.conditional(path, body, "application/rss+xml", delay_s)

    def conditional(self, path: str, body: bytes, content_type: str,
                    delay_s: float = 0.0) -> None:
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'

        def answer(hit: Hit) -> Answer:
            if hit.headers.get("if-none-match") == etag:
                return Answer(304, headers={"ETag": etag}, delay_s=delay_s)
            return Answer(200, body, {"Content-Type": content_type, "ETag": etag}, delay_s)

        self.route(path, answer)

    def robots(self, text: str | None, status: int = 200) -> None:
        """Serve ``text`` as robots.txt (None: answer ``status`` with no rules)."""
        if text is None:
            self.route("/robots.txt", Answer(status, b"no"))
        else:
            self.text("/robots.txt", text)

    # -- what it was asked ---------------------------------------------------------------

    def requests(self, path: str | None = None) -> list[Hit]:
        """The requests for ``path`` (every request, robots.txt included, when None)."""
        with self._lock:
            return [h for h in self.hits if path is None or h.path == path]

    def count(self, path: str | None = None) -> int:
        return len(self.requests(path))

    def articles_served(self, prefix: str = "/a") -> list[str]:
        """The article paths asked for (those starting ``prefix``), in order, repeats kept."""
        return [h.path for h in self.requests() if h.path.startswith(prefix)]


class LoopbackBackend(PinnedBackend):
    """newsledger's checked connections, where every public address leads to 127.0.0.1."""

    def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                    local_address: str | None = None,
                    socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
                    ) -> httpcore.NetworkStream:
        self.checked(host, port)  # refuses a private address as the real one does
        return httpcore.SyncBackend.connect_tcp(self, "127.0.0.1", port, timeout,
                                                local_address, socket_options)


def public_fetcher(**settings: Any) -> Fetcher:
    """A Fetcher with the private-address check on, to which every host name is public
    (and served by 127.0.0.1)."""
    transport = httpx.HTTPTransport(trust_env=False)
    transport._pool.close()
    transport._pool = httpcore.ConnectionPool(
        network_backend=LoopbackBackend(lambda host, port: [PUBLIC_ADDRESS]))
    fields = {**QUICK.__dict__, "allow_private": False, **settings}
    return Fetcher(FetchSettings(**fields), transport=transport)


def documents(engine: Engine) -> list[tuple[str | None, str, str]]:
    """The ledger's documents as (url, key, body), by id."""
    with Session(engine) as session:
        rows = session.execute(select(StoredDocument.url, StoredDocument.key,
                                      StoredDocument.body).order_by(StoredDocument.id))
        return [(row.url, row.key, row.body) for row in rows]


def place_in(text: str) -> str:
    """The province an article of ``story`` is set in."""
    (place,) = [p for p in PLACES if p in text]
    return place
