"""The watch loop (``Watcher``) polling local news sites into a ledger with the real analyzer:
every new item ingested once, an unchanged feed one conditional request, a backlog and
articles that failed for now taken by later polls, failing and broken sources rejected with
their reason and retried later with backoff while the others go on, an updated article
analysed again as a new version, a stop that loses nothing, and two watchers on one ledger
that neither lose nor repeat; with ``backoff_s`` and ``parse_every``."""

from __future__ import annotations

import math
import os
import socket
import subprocess
import threading
from collections.abc import Iterable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import update
from sqlalchemy.orm import Session

from newsledger.ingest.paths import iter_paths
from newsledger.records import Page
from newsledger.store import Ledger
from newsledger.store.models import WatchSource
from newsledger.store.watch_state import SourceState, iso, utc_now
from newsledger.watch.polling import Poller
from newsledger.watch.spool import BatchSpool
from newsledger.watch.watcher import (
    MAX_BACKOFF_S,
    PROCESS_TOKEN,
    Watcher,
    WatchReport,
    backoff_s,
    parse_every,
)
from tests.watch.conftest import MakeFetcher, MakeSite
from tests.watch.news_server import Answer, Entry, Hit, NewsSite, documents, place_in, story
from tests.watch.test_polling import BOMB, HTML, entries, poller

MAX = 5 * 1024 * 1024


@pytest.fixture
def ledger(tmp_path: Path) -> Iterator[Ledger]:
    with Ledger.open(f"sqlite:///{tmp_path / 'ledger.db'}") as opened:
        yield opened


def watch(ledger: Ledger, analyzer: Any, poll: Poller, urls: list[str], *,
          every_s: float = 0.0, rounds: int = 1) -> WatchReport:
    """A run of ``rounds`` rounds of a watcher polling with ``poll`` (which, like a running
    ``newsledger watch``, keeps its robots.txt and host gate from one run to the next)."""
    return Watcher(ledger, analyzer, poll, urls, every_s, threads=2).run(rounds=rounds)


def places(ledger: Ledger) -> list[str]:
    return [place_in(body) for _url, _key, body in documents(ledger.engine)]


def assert_stored_once(ledger: Ledger) -> None:
    """No article (its URL and body) stored twice."""
    stored = documents(ledger.engine)
    assert len({key for _u, key, _b in stored}) == len(stored)
    assert len({(url, body) for url, _k, body in stored}) == len(stored)


def _pid_of_ended() -> int:
    """The pid of a process that has ended (and was reaped)."""
    ended = subprocess.Popen(["true"])
    ended.wait()
    return ended.pid


def source_row(ledger: Ledger, url: str) -> SourceState:
    (row,) = ledger.watch_state().sources([url])
    return row


def time_passes(ledger: Ledger) -> None:
    """Every watched source falls due (as if its interval or backoff had run out)."""
    with Session(ledger.engine) as session, session.begin():
        session.execute(update(WatchSource).values(next_poll=iso(utc_now())))


def seconds_until(stamp: str | None) -> float:
    assert stamp is not None
    return (datetime.fromisoformat(stamp) - utc_now()).total_seconds()


def test_new_items_are_ingested_once_and_an_unchanged_feed_costs_one_request(
        analyzer: Any, ledger: Ledger, site: NewsSite, make_fetcher: MakeFetcher) -> None:
    site.robots(None, status=404)
    site.feed("/feed", entries(site, [0, 1, 2]))
    poll, url = poller(make_fetcher()), site.url("/feed")

    first = watch(ledger, analyzer, poll, [url])
    assert (first.polls, first.articles, first.errors, first.requests) == (1, 3, 0, 4)
    assert places(ledger) == ["Kunar", "Nangarhar", "Laghman"]

    site.feed("/feed", entries(site, [3, 4, 0, 1]))  # two new items, one gone
    second = watch(ledger, analyzer, poll, [url])
    assert (second.articles, second.already_stored) == (2, 0)
    assert places(ledger) == ["Kunar", "Nangarhar", "Laghman", "Kapisa", "Parwan"]

    before = site.count()
    third = watch(ledger, analyzer, poll, [url])
    assert (third.polls, third.unchanged, third.requests, third.articles) == (1, 1, 1, 0)
    (hit,) = site.requests()[before:]
    assert hit.path == "/feed" and hit.conditional
    assert site.articles_served() == ["/a0", "/a1", "/a2", "/a3", "/a4"]
    assert_stored_once(ledger)
    row = source_row(ledger, url)
    assert (row.kind, row.last_status, row.articles, row.failures) == ("feed", "unchanged", 5, 0)
    assert row.requests == 4 + 3 + 1


def test_a_backlog_is_taken_by_the_next_polls_at_once(
        analyzer: Any, ledger: Ledger, site: NewsSite, make_fetcher: MakeFetcher) -> None:
    site.robots(None, status=404)
    site.feed("/feed", entries(site, range(5)))
    poll, url = poller(make_fetcher(), max_items=2), site.url("/feed")
    report = watch(ledger, analyzer, poll, [url], every_s=3600.0, rounds=3)
    assert (report.polls, report.articles) == (3, 5)
    assert sorted(places(ledger)) == sorted(["Kunar", "Nangarhar", "Laghman", "Kapisa",
                                             "Parwan"])
    assert site.articles_served() == [f"/a{n}" for n in range(5)]
    assert seconds_until(source_row(ledger, url).next_poll) > 3500  # no backlog left
    # now the feed is all taken, its validators are kept: the next poll is a 304
    time_passes(ledger)
    again = watch(ledger, analyzer, poll, [url], every_s=3600.0)
    assert (again.unchanged, again.requests) == (1, 1)
    assert_stored_once(ledger)


def test_a_backlog_is_handed_to_batch_through_the_spool_and_the_rest_analysed_here(
        analyzer: Any, ledger: Ledger, site: NewsSite, make_fetcher: MakeFetcher,
        tmp_path: Path) -> None:
    """With a spool, the polls that leave a backlog write their articles as JSON Lines for
    ``newsledger batch`` (read back by the reader batch uses), and the last poll, with no
    backlog left, analyses its articles into the ledger; every item is taken once."""
    site.robots(None, status=404)
    site.feed("/feed", entries(site, range(5)))
    poll, url = poller(make_fetcher(), max_items=2), site.url("/feed")
    spool = tmp_path / "spool"
    watcher = Watcher(ledger, analyzer, poll, [url], 3600.0, threads=2,
                      spool=BatchSpool(spool))
    report = watcher.run(rounds=3)
    assert (report.polls, report.handed, report.articles) == (3, 4, 1)
    files = sorted(spool.glob("*.jsonl"))
    assert len(files) == 2 and not list(spool.glob(".*"))  # whole files only
    handed = [p for p in iter_paths([str(f) for f in files], MAX) if isinstance(p, Page)]
    assert [p.url for p in handed] == [site.url(f"/a{n}") for n in range(4)]
    assert all(p.kind == "text" and place_in(p.content) for p in handed)
    assert places(ledger) == ["Parwan"]  # the fifth, analysed here
    assert site.articles_served() == [f"/a{n}" for n in range(5)]
    time_passes(ledger)
    again = watch(ledger, analyzer, poll, [url], every_s=3600.0)
    assert (again.unchanged, again.requests, again.handed) == (1, 1, 0)


def test_an_article_that_failed_for_now_is_taken_at_the_next_poll(
        analyzer: Any, ledger: Ledger, site: NewsSite, make_fetcher: MakeFetcher) -> None:
    site.robots(None, status=404)
    feed = entries(site, [0, 1, 2])
    asked: list[Hit] = []

    def flaky(hit: Hit) -> Answer:  # 503 to the first poll (and its retry), then the story
        asked.append(hit)
        if len(asked) <= 2:
            return Answer(503, b"busy")
        return Answer(200, story(1).encode(), {"Content-Type": "text/plain; charset=utf-8"})

    site.route("/a1", flaky)
    site.feed("/feed", feed)
    poll, url = poller(make_fetcher()), site.url("/feed")
    first = watch(ledger, analyzer, poll, [url])
    assert first.articles == 2 and first.errors == 0
    assert places(ledger) == ["Kunar", "Laghman"]
    second = watch(ledger, analyzer, poll, [url])
    assert second.articles == 1
    assert places(ledger) == ["Kunar", "Laghman", "Nangarhar"]
    assert site.articles_served() == ["/a0", "/a1", "/a1", "/a2", "/a1"]
    assert_stored_once(ledger)


def test_an_updated_article_is_analysed_again_as_a_new_version(
        analyzer: Any, ledger: Ledger, site: NewsSite, make_fetcher: MakeFetcher) -> None:
    site.robots(None, status=404)
    site.feed("/feed", entries(site, [6, 7]))
    poll, url = poller(make_fetcher()), site.url("/feed")
    assert watch(ledger, analyzer, poll, [url]).articles == 2
    site.feed("/feed", entries(site, [6, 7], a6=1))  # same URL, new date, new body
    report = watch(ledger, analyzer, poll, [url])
    assert (report.articles, report.already_stored) == (1, 0)
    stored = documents(ledger.engine)
    versions = [body for u, _k, body in stored if u == site.url("/a6")]
    assert len(versions) == 2 and "Update 1:" not in versions[0] and "Update 1:" in versions[1]
    assert site.articles_served() == ["/a6", "/a7", "/a6"]
    assert_stored_once(ledger)


class _StopAfterFirst:
    """The analyzer, but the watcher is told to stop once the first article went in."""

    def __init__(self, analyzer: Any) -> None:
        self.analyzer = analyzer
        self.watcher: Watcher | None = None

    def __getattr__(self, name: str) -> Any:
        return getattr(self.analyzer, name)

    def run(self, items: Iterable[Any], **options: Any) -> Any:
        def first_then_stop() -> Iterator[Any]:
            for n, item in enumerate(items):
                yield item
                if n == 0 and self.watcher is not None:
                    self.watcher.stop()

        return self.analyzer.run(first_then_stop(), **options)


def test_a_stop_finishes_the_article_in_flight_and_the_next_run_takes_the_rest(
        analyzer: Any, ledger: Ledger, site: NewsSite, make_fetcher: MakeFetcher) -> None:
    site.robots(None, status=404)
    site.feed("/feed", entries(site, [0, 1, 2]))
    poll, url = poller(make_fetcher()), site.url("/feed")
    stopping = _StopAfterFirst(analyzer)
    first = Watcher(ledger, stopping, poll, [url], 0.0)  # type: ignore[arg-type]
    stopping.watcher = first
    report = first.run()  # no round limit: the stop ends it
    assert (report.polls, report.articles) == (1, 1) and places(ledger) == ["Kunar"]
    assert source_row(ledger, url).requests == 4
    second = watch(ledger, analyzer, poll, [url])
    assert second.articles == 2 and second.unchanged == 0
    assert places(ledger) == ["Kunar", "Nangarhar", "Laghman"]
    assert site.articles_served().count("/a0") == 1  # taken, so not fetched again
    assert_stored_once(ledger)


BROKEN = {  # path: the reason its poll fails with
    "/busy": "http-error", "/down": "http-error", "/xml-error": "not-a-feed",
    "/bomb": "unsafe-feed", "/private": "private-address", "/loop": "redirects",
    "/big": "too-large",
}


def _serve_broken(site: NewsSite) -> None:
    rss = {"Content-Type": "application/rss+xml"}
    site.route("/busy", Answer(429, b"slow down", {"Retry-After": "7200"}))
    site.route("/down", Answer(500, b"oops"))
    site.route("/xml-error", Answer(200, b'<rss version="2.0"><channel>\x00 &&& <<<', rss))
    site.route("/bomb", Answer(200, BOMB, rss))
    site.route("/private", Answer(302, headers={
        "Location": f"http://127.0.0.1:{site.port}/internal"}))
    site.route("/internal", Answer(200, b"secret"))
    site.route("/loop", Answer(302, headers={"Location": "/loop"}))
    site.route("/big", Answer(200, b"<rss>" + b" " * (10 * 1024 * 1024) + b"</rss>", rss))


def test_broken_sources_are_rejected_with_their_reason_retried_later_and_the_rest_go_on(
        analyzer: Any, ledger: Ledger, make_site: MakeSite, make_fetcher: MakeFetcher) -> None:
    site = make_site("news.example")  # a public name: the private-address check is on
    site.robots(None, status=404)
    _serve_broken(site)
    site.feed("/good", entries(site, [8, 9]))
    site.feed("/moved", entries(site, [10]))
    poll = poller(make_fetcher(public=True))
    urls = [site.url(p) for p in [*BROKEN, "/good", "/moved"]]
    first = watch(ledger, analyzer, poll, urls)
    assert (first.polls, first.errors, first.articles) == (9, 7, 3)
    # two sources' articles: in the order of each feed, the feeds in no set order
    assert sorted(places(ledger)) == ["Khost", "Paktia", "Wardak"]
    assert places(ledger).index("Wardak") < places(ledger).index("Khost")
    assert site.count("/internal") == 0
    for path, reason in BROKEN.items():
        row = source_row(ledger, site.url(path))
        assert (row.last_status, row.failures) == ("error", 1), path
        assert row.last_error is not None and row.last_error.startswith(reason + ": "), path
        wait = seconds_until(row.next_poll)
        assert (7100 < wait <= 7200) if path == "/busy" else (50 < wait <= 60), (path, wait)
    assert source_row(ledger, site.url("/good")).last_status == "ok"

    # the broken ones are left alone until their backoff runs out
    site.feed("/good", entries(site, [11, 8, 9]))
    site.route("/moved", Answer(200, HTML))  # the feed now answers an HTML page
    before = {p: site.count(p) for p in BROKEN}
    second = watch(ledger, analyzer, poll, urls)
    assert (second.polls, second.articles, second.errors) == (2, 1, 1)
    assert {p: site.count(p) for p in BROKEN} == before
    moved = source_row(ledger, site.url("/moved"))
    assert moved.last_error is not None and moved.last_error.startswith("not-a-feed: ")

    # then asked again: one mended, the others fail again and wait twice as long
    site.feed("/down", entries(site, [12]))
    time_passes(ledger)
    third = watch(ledger, analyzer, poll, urls)
    assert third.errors == 7 and third.articles == 1
    assert places(ledger)[-1] == "Uruzgan"
    down = source_row(ledger, site.url("/down"))
    assert (down.last_status, down.failures, down.last_error) == ("ok", 0, None)
    for path in set(BROKEN) - {"/down", "/busy"}:
        row = source_row(ledger, site.url(path))
        assert row.failures == 2 and 110 < seconds_until(row.next_poll) <= 120, path
    assert site.count("/internal") == 0
    assert_stored_once(ledger)


def test_a_huge_retry_after_neither_stops_the_watch_nor_the_other_sources(
        analyzer: Any, ledger: Ledger, site: NewsSite, make_fetcher: MakeFetcher) -> None:
    site.robots(None, status=404)
    site.route("/forever", Answer(429, b"never", {"Retry-After": "1" + "0" * 15}))
    site.route("/year-9999", Answer(503, b"never", {
        "Retry-After": "Fri, 31 Dec 9999 23:59:59 GMT"}))
    site.feed("/feed", entries(site, [13]))
    urls = [site.url("/forever"), site.url("/year-9999"), site.url("/feed")]
    report = watch(ledger, analyzer, poller(make_fetcher()), urls)
    assert (report.polls, report.errors, report.articles) == (3, 2, 1)
    for url in urls[:2]:
        row = source_row(ledger, url)
        assert row.failures == 1 and seconds_until(row.next_poll) >= MAX_BACKOFF_S


def test_the_leases_of_a_watcher_whose_process_is_gone_are_taken_over_at_once(
        analyzer: Any, ledger: Ledger, make_site: MakeSite, make_fetcher: MakeFetcher) -> None:
    sites = [make_site() for _ in range(5)]
    for n, site in enumerate(sites):
        site.robots(None, status=404)
        site.feed("/feed", entries(site, [n]))
    urls = [site.url("/feed") for site in sites]
    state = ledger.watch_state()
    ids = [s.id for s in state.register(urls, 0.0)]
    here = socket.gethostname()[:36]
    holders = [f"{here}:{_pid_of_ended()}:0123abcd:1",  # this machine, its process gone
               f"{here}:{os.getpid()}:0123abcd:2",  # an earlier process of this pid (as a
               # restarted container's PID 1): gone too
               f"elsewhere.example:{_pid_of_ended()}:0123abcd:3",  # another machine
               f"{here}:{os.getpid()}:{PROCESS_TOKEN}:4",  # a live watcher of this process
               f"{here}:{os.getppid()}:0123abcd:5"]  # a live process of this machine
    for source_id, holder in zip(ids, holders, strict=True):
        assert state.claim_due([source_id], holder, 600.0)
    report = watch(ledger, analyzer, poller(make_fetcher()), urls)
    assert report.polls == 2 and sorted(places(ledger)) == ["Kunar", "Nangarhar"]
    assert [site.count("/feed") for site in sites] == [1, 1, 0, 0, 0]
    assert state.owners(ids) == set(holders[2:])


class _OneAtATime:
    """The analyzer, used by one watcher at a time: each watcher is its own process in
    real use, with its own analyzer; here two share one."""

    def __init__(self, analyzer: Any) -> None:
        self.analyzer = analyzer
        self.lock = threading.Lock()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.analyzer, name)

    def run(self, items: Iterable[Any], **options: Any) -> Iterator[Any]:
        with self.lock:
            yield from self.analyzer.run(items, **options)


def test_two_watchers_on_one_ledger_neither_lose_nor_repeat(
        analyzer: Any, tmp_path: Path, make_site: MakeSite, make_fetcher: MakeFetcher) -> None:
    kabul, herat = make_site(), make_site()
    for site in (kabul, herat):
        site.robots(None, status=404)
    kabul.feed("/f1", entries(kabul, [0, 1]), delay_s=0.2)
    kabul.feed("/f2", entries(kabul, [2, 3]), delay_s=0.2)
    herat.feed("/f3", entries(herat, [4, 5]), delay_s=0.2)
    # a fourth feed that also lists kabul's first article
    herat.feed("/f4", [*entries(herat, [6]), Entry("kabul-0", "", url=kabul.url("/a0"))],
               delay_s=0.2)
    urls_a = [kabul.url("/f1"), kabul.url("/f2"), herat.url("/f3")]
    urls_b = [herat.url("/f4"), herat.url("/f3"), kabul.url("/f2")]
    db = f"sqlite:///{tmp_path / 'ledger.db'}"
    shared = _OneAtATime(analyzer)

    def both() -> list[WatchReport]:
        reports: list[WatchReport] = []
        start = threading.Barrier(2)

        def run(urls: list[str]) -> None:
            with Ledger.open(db) as own:
                one = Watcher(own, shared, poller(make_fetcher()),  # type: ignore[arg-type]
                              urls, 3600.0, threads=2)
                start.wait()
                reports.append(one.run(rounds=1))

        threads = [threading.Thread(target=run, args=(u,)) for u in (urls_a, urls_b)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return reports

    first = both()
    assert sum(r.polls for r in first) == 4 and sum(r.errors for r in first) == 0
    assert sum(r.articles for r in first) == 7 and sum(r.already_stored for r in first) == 1
    for site, path in [(kabul, "/f1"), (kabul, "/f2"), (herat, "/f3"), (herat, "/f4")]:
        assert site.count(path) == 1, path  # each source polled once, by one of them
    with Ledger.open(db) as ledger:
        assert sorted(places(ledger)) == sorted(["Kunar", "Nangarhar", "Laghman", "Kapisa",
                                                 "Parwan", "Bamyan", "Ghazni"])
        assert_stored_once(ledger)  # kabul's first article, in two feeds, once
        time_passes(ledger)

    kabul.feed("/f1", entries(kabul, [7, 0, 1]), delay_s=0.2)
    herat.feed("/f3", entries(herat, [8, 4, 5]), delay_s=0.2)
    second = both()
    assert sum(r.polls for r in second) == 4
    assert sum(r.articles for r in second) == 2 and sum(r.unchanged for r in second) == 2
    for site, path in [(kabul, "/f1"), (kabul, "/f2"), (herat, "/f3"), (herat, "/f4")]:
        assert site.count(path) == 2, path
    with Ledger.open(db) as ledger:
        assert len(documents(ledger.engine)) == 9
        assert sorted(places(ledger)) == sorted(["Kunar", "Nangarhar", "Laghman", "Kapisa",
                                                 "Parwan", "Bamyan", "Ghazni", "Logar",
                                                 "Wardak"])
        assert_stored_once(ledger)
    # each article fetched once for each feed that lists it
    assert sorted(kabul.articles_served()) == ["/a0", "/a0", "/a1", "/a2", "/a3", "/a7"]
    assert sorted(herat.articles_served()) == ["/a4", "/a5", "/a6", "/a8"]


def test_backoff_doubles_from_the_interval_within_bounds() -> None:
    assert backoff_s(900.0, 1, None) == 900.0
    assert [backoff_s(900.0, n, None) for n in (2, 3, 4)] == [1800.0, 3600.0, 7200.0]
    assert backoff_s(0.0, 1, None) == 60.0 and backoff_s(30.0, 3, None) == 240.0
    assert backoff_s(900.0, 40, None) == MAX_BACKOFF_S
    assert backoff_s(60.0, 1, 3600.0) == 3600.0  # Retry-After wins when longer
    assert backoff_s(3600.0, 2, 10.0) == 7200.0  # and not when shorter
    assert backoff_s(900.0, 40, 2 * MAX_BACKOFF_S) == 2 * MAX_BACKOFF_S
    for wish in (1e15, 1e300, math.inf):  # what a server says: never past what a date holds
        wait = backoff_s(60.0, 1, wish)
        assert MAX_BACKOFF_S <= wait < math.inf
        utc_now() + timedelta(seconds=wait)


@pytest.mark.parametrize(("text", "seconds"), [
    ("90", 90.0), ("90s", 90.0), ("15m", 900.0), ("2h", 7200.0), ("1d", 86400.0),
    (" 1.5M ", 90.0), ("0s", 0.0), ("0", 0.0)])
def test_intervals_are_read_with_their_unit(text: str, seconds: float) -> None:
    assert parse_every(text) == seconds


@pytest.mark.parametrize("text", ["", "m", "abc", "15x", "15 minutes", "-5m", "inf", "nan",
                                  "1e400", "1e12d"])
def test_what_is_no_interval_is_refused_with_how_to_write_one(text: str) -> None:
    with pytest.raises(ValueError, match="interval"):
        every = parse_every(text)
        utc_now() + timedelta(seconds=every)  # what the watcher does with it


def test_an_interval_is_one_number_and_one_unit() -> None:
    assert parse_every("1e1m") == 600.0  # a number in any form float() reads
    with pytest.raises(ValueError, match="90s, 15m, 2h or 1d"):
        parse_every("1h30m")
