"""``newsledger watch`` on unchanged feeds: the time and requests of a second poll of 200
feeds of 50 items each, served locally, beside a plain download of the same feeds.

    python benchmarks/watch.py [--feeds 200] [--items 50] [--articles 50] [--repeat 5]
                               [--threads 4] [--per-host 1] [--workdir DIR] [--keep]

**The site.** A ``ThreadingHTTPServer`` (stdlib, HTTP/1.1 keep-alive, in a thread of this
process, on 127.0.0.1) serves ``/robots.txt`` (everything allowed), ``--feeds`` RSS 2.0
feeds (``/feeds/F.xml``, ``--items`` items each, a guid, a link, a date and a one-line
description per item) and the item pages (``/articles/F/J.html``). Each feed has a fixed
ETag and Last-Modified and answers 304 to a request whose If-None-Match matches (or, without
one, whose If-Modified-Since is not older). The server counts the requests, the 304s and
the bytes of body it sent per kind of path (feed, article, robots.txt).

**Keeping the first poll cheap.** Analysing 10,000 real articles would take most of an hour
on 2 cores, and the second poll, the one measured, never reaches analysis. So an item page
is by default an HTML page whose only text is its title (``Brief F-J.``): it is fetched and
goes through ``LedgerWriter`` and ``Analyzer.run`` as any article does, and extraction
rejects it (``no-article``) before spaCy, so it is stored as a rejection and its item marked
taken. ``--articles N`` (default 50) gives N items (the first item of each feed, then the
second...) a real article instead: ``tests/data/panjshir-2021-09-03.txt`` with a lead
sentence of its own and its paragraphs rotated, so each body differs; these are analysed
(spaCy included) and written, which times the analysis too.

**The runs,** one after the other in one process, on one fresh SQLite ledger, after
``Analyzer()`` is loaded (not timed). The watch is built as ``newsledger watch`` builds it
(``Fetcher`` with the CLI's fetch settings and the private-address check off, since the site
is on 127.0.0.1; ``RobotsRules``; ``HostGate``; ``Poller``; ``Watcher``) with ``--delay 0``:
every feed is on one host, so the default delay of 1 s would make the second poll last 200
s of waiting and measure nothing else; ``--per-host`` stays 1 as by default, so the requests
to the one host go one at a time whatever ``--threads``. The interval is 0, so every source
is due again at once, and each poll is one ``Watcher.run(rounds=1)`` of the same watcher
(robots.txt stays cached between rounds, as in a running watch).

* ``poll 1``: every item is new: each feed is downloaded, each item page fetched and
  written (rejected, or analysed with ``--articles``), each item marked taken;
* ``baseline``: the same feed URLs fetched once each, one after the other, with a plain
  ``httpx.Client`` and no validators: a full download of every feed, what a poller without
  conditional requests pays at least (it would parse the feeds as well);
* ``poll 2``: nothing changed: each feed is asked with its ETag and Last-Modified and answers
  304, the measurement the issue asks for;
* ``its requests alone``: the same conditional requests made by the ``Poller`` alone, one
  source after another as the baseline, with nothing looked up or written in the ledger:
  the network part of poll 2, to set beside the baseline (on 127.0.0.1 a download is almost
  free, so the rest of poll 2, its ledger bookkeeping per source, weighs more here than it
  would against real hosts);
* ``poll 3``: the server ignores the validators (as some do): every feed is downloaded and
  parsed, and its items looked up among those taken, none new: what the 304 saves inside
  the watch, beyond the download.

Poll 1 runs once; the baseline, poll 2 and its requests alone then run ``--repeat`` times
(default 5) in turn, then poll 3 as many times, and the table gives the median seconds (each
under a second on 127.0.0.1, where one run is noisy) with the counts of one run (the runs
are checked to ask for the same). Each row gives wall seconds (for a poll the whole
``Watcher.run``: registering and leasing the sources, polling, writing, scheduling) and the
server's counts; the watch's own request count (``WatchReport.requests``, robots.txt not
included) is checked against the server's. The server shares this process's interpreter
(and its GIL) with the watch, so its Python work is in every row's seconds alike.

A default run takes about 2 minutes on 2 cores, nearly all of it poll 1 (``--articles 0``:
20 s less; ``--feeds 20`` for a quick look).
"""

from __future__ import annotations

import argparse
import email.utils
import shutil
import statistics
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, replace
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
from rich.console import Console
from rich.table import Table
from sqlalchemy import func, select

from newsledger.ingest.fetch import Fetcher, FetchSettings
from newsledger.pipeline import Analyzer
from newsledger.store import Ledger
from newsledger.store.models import WatchItem
from newsledger.store.watch_state import SourceState
from newsledger.watch.politeness import HostGate, RobotsRules, user_agent
from newsledger.watch.polling import Poller
from newsledger.watch.watcher import Watcher, WatchReport

ARTICLE = Path(__file__).resolve().parent.parent / "tests" / "data" / "panjshir-2021-09-03.txt"
PUBLISHED = 1_630_670_580.0  # 2021-09-03 11:43 UTC, the example article's date
KINDS = ("feed", "article", "robots")


# -- the site -------------------------------------------------------------------------------

class Site:
    """The feeds and item pages, built once, and the server's counts."""

    def __init__(self, base: str, feeds: int, items: int, articles: int) -> None:
        self.base = base
        self.conditional = True  # False: validators ignored, every feed sent whole
        self.modified = email.utils.formatdate(PUBLISHED + 86400, usegmt=True)
        title, *paragraphs = [p.strip() for p in ARTICLE.read_text("utf-8").split("\n\n")
                              if p.strip()]
        self.feeds = [self._feed(f, items) for f in range(feeds)]
        self.real = {(f, j) for k in range(articles) for j, f in [divmod(k, feeds)]}
        self.title = title
        self.paragraphs = paragraphs
        self.requests: Counter[str] = Counter()
        self.not_modified: Counter[str] = Counter()
        self.bytes: Counter[str] = Counter()
        self.lock = threading.Lock()

    def _feed(self, f: int, items: int) -> bytes:
        entries = []
        for j in range(items):
            date = email.utils.formatdate(PUBLISHED - 600 * j, usegmt=True)
            entries.append(
                f"<item><title>Brief {f}-{j}</title>"
                f"<link>{self.base}/articles/{f}/{j}.html</link>"
                f'<guid isPermaLink="false">bench-{f}-{j}</guid><pubDate>{date}</pubDate>'
                f"<description>Summary of brief {j} of desk {f}.</description></item>")
        return ('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
                f"<title>Desk {f}</title><link>{self.base}/</link>"
                f"<description>Feed {f} of the watch benchmark</description>"
                f"<lastBuildDate>{self.modified}</lastBuildDate>{''.join(entries)}"
                "</channel></rss>\n").encode()

    def article(self, f: int, j: int) -> bytes:
        if (f, j) not in self.real:
            return (f"<!doctype html><html><head><title>Brief {f}-{j}</title></head><body>"
                    f"<p>Brief {f}-{j}.</p></body></html>").encode()
        k = f * 100_003 + j  # a number of this item's own
        turn = k % len(self.paragraphs)
        body = [f"KABUL: Correspondent's report {k} for desk {f}, filed as brief {j}.",
                *self.paragraphs[turn:], *self.paragraphs[:turn]]
        text = "".join(f"<p>{escape(p)}</p>" for p in body)
        return (f"<!doctype html><html><head><title>{escape(self.title)}</title></head>"
                f"<body><article><h1>{escape(self.title)}</h1>{text}</article></body>"
                "</html>").encode()

    def answer(self, path: str, headers: Any) -> tuple[str, int, dict[str, str], bytes]:
        """The kind of path, the status, the headers and the body of one GET."""
        parts = path.split("?", 1)[0].strip("/").split("/")
        if parts == ["robots.txt"]:
            return "robots", 200, {"Content-Type": "text/plain"}, b"User-agent: *\nAllow: /\n"
        if len(parts) == 2 and parts[0] == "feeds" and parts[1].endswith(".xml"):
            f = int(parts[1][:-4])
            etag = f'"feed-{f}-1"'
            validators = {"ETag": etag, "Last-Modified": self.modified}
            if self.conditional and self._unchanged(headers, etag):
                return "feed", 304, validators, b""
            return "feed", 200, {"Content-Type": "application/rss+xml", **validators}, \
                self.feeds[f]
        if len(parts) == 3 and parts[0] == "articles" and parts[2].endswith(".html"):
            return "article", 200, {"Content-Type": "text/html; charset=utf-8"}, \
                self.article(int(parts[1]), int(parts[2][:-5]))
        return "other", 404, {"Content-Type": "text/plain"}, b"not found\n"

    def _unchanged(self, headers: Any, etag: str) -> bool:
        match = headers.get("If-None-Match")
        if match is not None:  # RFC 9110: If-Modified-Since is ignored beside it
            return any(t.strip() in (etag, "*") for t in match.split(","))
        since = headers.get("If-Modified-Since")
        if since is None:
            return False
        try:
            return email.utils.parsedate_to_datetime(since) >= \
                email.utils.parsedate_to_datetime(self.modified)
        except (TypeError, ValueError):
            return False

    def count(self, kind: str, status: int, sent: int) -> None:
        with self.lock:
            self.requests[kind] += 1
            self.not_modified[kind] += status == 304
            self.bytes[kind] += sent

    def snapshot(self) -> tuple[Counter[str], Counter[str], Counter[str]]:
        with self.lock:
            return Counter(self.requests), Counter(self.not_modified), Counter(self.bytes)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as a real server
    disable_nagle_algorithm = True  # headers and body go in two writes

    def do_GET(self) -> None:  # the stdlib's name
        site: Site = self.server.site  # type: ignore[attr-defined]
        kind, status, headers, body = site.answer(self.path, self.headers)
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        if status != 304:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        site.count(kind, status, len(body))

    def log_message(self, format: str, *args: Any) -> None:
        pass


def serve(feeds: int, items: int, articles: int) -> tuple[ThreadingHTTPServer, Site]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    site = Site(f"http://127.0.0.1:{server.server_address[1]}", feeds, items, articles)
    server.site = site  # type: ignore[attr-defined]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, site


# -- the runs -------------------------------------------------------------------------------

@dataclass
class Row:
    name: str
    seconds: float
    requests: Counter[str]
    not_modified: Counter[str]
    bytes: Counter[str]
    written: int | None = None
    rejected: int | None = None
    counted: int | None = None  # requests the watch counted (robots.txt not included)


def measured(site: Site, name: str, run: Any) -> tuple[Row, Any]:
    """Run ``run()`` and the server's counts of what it asked for."""
    requests, not_modified, sent = site.snapshot()
    started = time.perf_counter()
    result = run()
    seconds = time.perf_counter() - started
    after = site.snapshot()
    return Row(name, seconds, after[0] - requests, after[1] - not_modified,
               after[2] - sent), result


def poll(site: Site, watcher: Watcher, name: str) -> Row:
    before = WatchReport(**{k: v for k, v in vars(watcher.report).items() if k != "sources"})
    row, report = measured(site, name, lambda: watcher.run(rounds=1))
    row.written = report.articles - before.articles
    row.rejected = report.rejected - before.rejected
    row.counted = report.requests - before.requests
    return row


def conditional(poller: Poller, sources: list[SourceState]) -> int:
    """Each source polled once by ``poller`` alone (its stored validators sent, nothing
    looked up or written), one after the other: the polls that came back unchanged."""
    return sum(poller(source, lambda _items: []).unchanged for source in sources)


def download(urls: list[str]) -> int:
    """Every URL fetched once, unconditionally: the bytes of the bodies."""
    total = 0
    with httpx.Client(timeout=30.0) as client:
        for url in urls:
            response = client.get(url)
            response.raise_for_status()
            total += len(response.content)
    return total


def median(rows: list[Row]) -> Row:
    """The first run's counts with the median of the runs' seconds."""
    return replace(rows[0], seconds=statistics.median(r.seconds for r in rows))


def table(rows: list[Row], args: argparse.Namespace) -> Table:
    feeds = args.feeds
    out = Table(title=f"newsledger watch: {feeds} feeds x {args.items} items on 127.0.0.1 "
                f"(--delay 0, --per-host {args.per_host}, --threads {args.threads}; "
                f"{args.articles} real articles); seconds: poll 1 one run, the others the "
                f"median of {args.repeat}")
    for column in ("run", "seconds", "ms/feed", "feed req", "article req", "robots req",
                   "304s", "feed KiB", "written", "rejected"):
        out.add_column(column, justify="left" if column == "run" else "right")
    for r in rows:
        out.add_row(r.name, f"{r.seconds:.2f}", f"{1000 * r.seconds / feeds:.1f}",
                    *(f"{r.requests[k]:,}" for k in KINDS),
                    f"{sum(r.not_modified.values()):,}", f"{r.bytes['feed'] / 1024:,.0f}",
                    "" if r.written is None else f"{r.written:,}",
                    "" if r.rejected is None else f"{r.rejected:,}")
    return out


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--items", type=int, default=50, help="items per feed")
    parser.add_argument("--articles", type=int, default=50,
                        help="items given a real article (analysed), the rest too short")
    parser.add_argument("--threads", type=int, default=4, help="sources polled at once")
    parser.add_argument("--per-host", type=int, default=1, help="requests to one host at once")
    parser.add_argument("--repeat", type=int, default=5,
                        help="runs of the baseline and of polls 2 and 3 (median seconds)")
    parser.add_argument("--workdir", type=Path, default=None,
                        help="where the ledger goes (default: a new temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep the ledger")
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    console = Console(width=130)
    workdir = Path(tempfile.mkdtemp(prefix="newsledger-watch-", dir=args.workdir))
    server, site = serve(args.feeds, args.items, args.articles)
    urls = [f"{site.base}/feeds/{f}.xml" for f in range(args.feeds)]
    try:
        started = time.perf_counter()
        analyzer = Analyzer()
        loaded = time.perf_counter() - started
        max_bytes = analyzer.settings.max_bytes
        fetcher = Fetcher(FetchSettings(max_bytes=max_bytes, retries=1, backoff_s=1.0,
                                        max_wait_s=10.0, user_agent=user_agent(None),
                                        allow_private=True))
        gate = HostGate(0.0, args.per_host)  # as the CLI builds it: one gate for all requests
        poller = Poller(fetcher, RobotsRules(fetcher, gate=gate), gate, max_bytes)
        with Ledger.open(str(workdir / "watch.db")) as ledger:
            watcher = Watcher(ledger, analyzer, poller, urls, every_s=0.0,
                              threads=args.threads)
            first = poll(site, watcher, "poll 1 (all new)")
            runs: dict[str, list[Row]] = {"base": [], "second": [], "bare": [], "third": []}
            unchanged: list[int] = []
            for _ in range(args.repeat):  # interleaved, so that drift touches all alike
                runs["base"].append(measured(site, "baseline: plain httpx GETs",
                                             lambda: download(urls))[0])
                runs["second"].append(poll(site, watcher, "poll 2 (unchanged: 304)"))
                bare, found = measured(
                    site, "  its requests alone (Poller)",
                    lambda: conditional(poller, watcher.state.sources(urls)))
                runs["bare"].append(bare)
                unchanged.append(found)
            site.conditional = False
            for _ in range(args.repeat):
                runs["third"].append(poll(site, watcher, "poll 3 (validators ignored)"))
            with ledger.engine.connect() as connection:
                taken = connection.scalar(select(func.count()).select_from(WatchItem))
            stored = (ledger.count("documents"), ledger.count("rejections"))
        fetcher.close()
        base, second, bare, third = (median(runs[k]) for k in ("base", "second", "bare",
                                                                "third"))
        console.print(table([first, base, second, bare, third], args))
        console.print(
            f"poll 2: {second.seconds / base.seconds:.1f}x the baseline's time (its requests "
            f"alone {bare.seconds / base.seconds:.1f}x), "
            f"{second.bytes['feed'] / max(base.bytes['feed'], 1):.1%} of its feed bytes; "
            f"{second.seconds / third.seconds:.0%} of the time of poll 3, the same poll "
            "without the 304s.")
        console.print(f"Analyzer() loaded in {loaded:.1f} s (not timed). Ledger after the "
                      f"runs: {stored[0]:,} documents, {stored[1]:,} rejections, {taken:,} "
                      "items marked taken.")
        if any(found != args.feeds for found in unchanged):
            console.print(f"[yellow]the Poller alone found {unchanged} of {args.feeds} "
                          "feeds unchanged[/]")
        for r in [first, *runs["second"], *runs["third"]]:
            served = r.requests["feed"] + r.requests["article"]
            if r.counted != served:
                console.print(f"[yellow]{r.name}: the watch counted {r.counted} requests, "
                              f"the server answered {served} (robots.txt aside)[/]")
        for rows in runs.values():
            if any(r.requests != rows[0].requests or r.written or r.rejected for r in rows):
                console.print(f"[yellow]{rows[0].name}: the runs differ, or wrote something: "
                              f"{[(dict(r.requests), r.written, r.rejected) for r in rows]}[/]")
    finally:
        server.shutdown()
        server.server_close()
        if args.keep:
            console.print(f"ledger kept in {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
