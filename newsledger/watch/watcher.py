"""``newsledger watch``: a ledger that keeps itself current from a list of sources.

Each round, the watcher leases the sources that are due (``WatchState.claim_due``), polls
them on a few threads (network only: ``Poller``), and, as each poll ends, writes its
articles into the ledger on its own thread through ``LedgerWriter`` (the path of ``newsledger
ingest``: ``Analyzer.run``, stories regrouped), marks the items it took, and schedules the
source: after ``every_s`` when the poll went well, at once when new items still wait, and
after an exponential backoff (at least the server's Retry-After) when it failed. It waits
for the next source to fall due and goes on until ``stop`` (a signal) or ``rounds``.

With a spool (``BatchSpool``), a source whose new items outnumber a poll's share (a
backlog) has its fetched articles written as JSON Lines for ``newsledger batch`` on a
cluster instead of being analysed here, until the backlog is worked off.

Stopping never loses an article: the article in flight is finished and written, items not
yet written stay untaken and are polled again by the next run.
"""

from __future__ import annotations

import logging
import math
import os
import socket
import threading
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING

from newsledger.ingest.dedup import Deduplicator
from newsledger.ingest.fetch import Validators
from newsledger.records import Page, Rejection
from newsledger.store.database import Ledger
from newsledger.store.ledger_writer import LedgerWriter
from newsledger.store.watch_state import PollOutcome, SourceState, utc_now
from newsledger.watch.polling import Item, Poller, PollResult, Unseen
from newsledger.watch.spool import BatchSpool

if TYPE_CHECKING:
    from newsledger.pipeline import Analyzer

log = logging.getLogger("newsledger.watch")

PROCESS_TOKEN = uuid.uuid4().hex[:8]  # tells this process from an earlier one of its pid
MAX_BACKOFF_S = 6 * 3600.0
MAX_RETRY_AFTER_S = 7 * 86400.0  # a server's Retry-After is honoured up to a week
MAX_EVERY_S = 366 * 86400.0  # --every at most a year: the schedule's dates must hold it
LEASE_S = 600.0  # a poll (and its writing) that takes longer lets another watcher in


@dataclass
class WatchReport:
    """Counts of a watch run: polls, unchanged polls, failed polls, requests, articles
    written (added or re-analysed), articles already stored, rejections, and articles
    handed to ``newsledger batch`` (the spool)."""

    polls: int = 0
    unchanged: int = 0
    errors: int = 0
    requests: int = 0
    articles: int = 0
    already_stored: int = 0
    rejected: int = 0
    handed: int = 0
    sources: list[SourceState] = field(default_factory=list)


def backoff_s(every_s: float, failures: int, retry_after: float | None) -> float:
    """Seconds before a failed source is asked again: its interval doubled per failure in
    a row (from a minute at least, six hours at most), and never less than Retry-After
    (up to a week: a longer wish, or one past any date, is cut there)."""
    wait = min(max(every_s, 60.0) * 2.0 ** max(failures - 1, 0), MAX_BACKOFF_S)
    return max(wait, min(retry_after or 0.0, MAX_RETRY_AFTER_S))


class Watcher:
    """Polls ``urls`` into ``ledger`` with ``analyzer`` until stopped."""

    def __init__(self, ledger: Ledger, analyzer: Analyzer, poller: Poller, urls: list[str],
                 every_s: float, threads: int = 4,
                 on_change: Callable[[WatchReport], None] | None = None,
                 spool: BatchSpool | None = None) -> None:
        self.state = ledger.watch_state()
        # one deduplicator for the whole watch: a copy of an article seen in an earlier poll
        # (another feed, an updated version) is linked to it (``duplicate_of``)
        self.writer = LedgerWriter(ledger, analyzer, deduplicator=Deduplicator())
        self.poller = poller
        self.urls = urls
        self.every_s = every_s
        self.threads = max(1, threads)
        self.on_change = on_change
        self.spool = spool
        # host:pid:process:instance, within the column's 64 characters (_release_dead reads
        # it back; the process token tells this process from an earlier one of the same pid,
        # as a restarted container's PID 1)
        self.owner = (f"{socket.gethostname()[:36]}:{os.getpid()}:{PROCESS_TOKEN}:"
                      f"{id(self) & 0xFFFFFFFF:x}")
        self.report = WatchReport()
        self._stop = threading.Event()

    def stop(self) -> None:
        """Finish the article in flight, then end the run (a signal handler may call it)."""
        self._stop.set()

    @property
    def stopping(self) -> bool:
        return self._stop.is_set()

    def run(self, rounds: int | None = None) -> WatchReport:
        """Poll until stopped, or for ``rounds`` rounds of the sources due."""
        ids = [s.id for s in self.state.register(self.urls, self.every_s)]
        done = 0
        try:
            with ThreadPoolExecutor(self.threads, thread_name_prefix="watch") as pool:
                while not self.stopping and (rounds is None or done < rounds):
                    self._round(pool, ids)
                    done += 1
                    if rounds is None or done < rounds:
                        self._wait(ids)
        finally:
            self.state.release(self.owner)
            self._changed()
        return self.report

    def _round(self, pool: ThreadPoolExecutor, ids: list[int]) -> None:
        self._release_dead(ids)
        due = self.state.claim_due(ids, self.owner, LEASE_S)
        polls: list[Future[PollResult]] = [
            pool.submit(self.poller, source, self._unseen(source.id), self._stop.is_set)
            for source in due]
        for finished in as_completed(polls):
            self._store(finished.result())

    def _release_dead(self, ids: list[int]) -> None:
        """Give back the leases of watchers of this machine whose process is gone (killed,
        crashed), so that a restart polls their sources now rather than after LEASE_S."""
        host = socket.gethostname()[:36]
        for owner in self.state.owners(ids):
            name, pid, token, *_ = [*owner.split(":"), "", "", ""]
            if name == host and pid.isdecimal() and not _alive(int(pid), token):
                log.info("lease", extra={"watch": {"released": owner, "why": "process gone"}})
                self.state.release(owner)

    def _unseen(self, source_id: int) -> Unseen:
        return lambda items: self.state.unseen(source_id, items)

    def _wait(self, ids: list[int]) -> None:
        due = self.state.next_due(ids, self.owner)
        seconds = (due - utc_now()).total_seconds() if due is not None else self.every_s
        self._stop.wait(min(max(seconds, 0.05), 60.0))

    def _store(self, result: PollResult) -> None:
        source = result.source
        if self.spool is not None and result.backlog:  # a large backlog: to the cluster
            written, taken = self._hand_over(source.id, result.articles)
        else:
            written, taken = self._write(result.articles)
        self.state.mark_taken(source.id, taken)
        # new items left untaken (a backlog, a failure that may pass, a stop) must be seen
        # again by the next poll: its request is then not conditional, lest a 304 hide them
        complete = not (result.backlog or result.skipped or len(taken) < len(result.articles))
        outcome = self._outcome(result, written, complete)
        self.state.finish_poll(source.id, self.owner, outcome)
        self.report.polls += 1
        self.report.requests += result.requests
        self.report.unchanged += result.unchanged
        self.report.errors += result.error is not None
        log.info("poll", extra={"watch": {
            "source": source.url, "status": outcome.status, "articles": written,
            "requests": result.requests, "error": outcome.error,
            "next_poll": outcome.next_poll.isoformat(timespec="seconds")}})
        self._changed()

    def _write(self, articles: list[tuple[Page | Rejection, Item]]) -> tuple[int, list[Item]]:
        """Write the articles (stopping early when asked); the number written anew and
        the items whose articles were written or rejected."""
        if not articles:
            return 0, []
        taken: list[Item] = []

        def feed() -> Iterator[Page | Rejection]:
            for article, item in articles:
                if self.stopping:
                    return
                taken.append(item)
                yield article

        report = self.writer.run(feed())
        self.report.articles += report.added + report.replaced
        self.report.already_stored += report.unchanged
        self.report.rejected += report.rejected
        return report.added + report.replaced, taken

    def _hand_over(self, source_id: int, articles: list[tuple[Page | Rejection, Item]]
                   ) -> tuple[int, list[Item]]:
        """Put the pages into the batch spool (the rejections into the ledger); nothing is
        written into the ledger here, and every item is taken once its file is in place."""
        assert self.spool is not None
        pages = [(a, item) for a, item in articles if isinstance(a, Page)]
        path = self.spool.write(source_id, [page for page, _item in pages])
        _, rejected = self._write([(a, item) for a, item in articles
                                   if isinstance(a, Rejection)])
        self.report.handed += len(pages)
        log.info("handed", extra={"watch": {"articles": len(pages), "file": str(path),
                                            "then": "newsledger batch <spool> --db <ledger>"}})
        return 0, [item for _page, item in pages] + rejected

    def _outcome(self, result: PollResult, written: int, complete: bool) -> PollOutcome:
        now = utc_now()
        if result.error is not None:
            failures = result.source.failures + 1
            wait = backoff_s(self.every_s, failures, result.retry_after)
            return PollOutcome(result.kind or result.source.kind, result.source.etag,
                               result.source.last_modified, "error",
                               f"{result.error.reason}: {result.error.detail}", written,
                               result.requests, now + timedelta(seconds=wait), failures)
        status = "unchanged" if result.unchanged else "ok"
        due = now if result.backlog else now + timedelta(seconds=self.every_s)
        validators = result.validators if complete else Validators()
        return PollOutcome(result.kind, validators.etag, validators.last_modified, status,
                           None, written, result.requests, due, 0)

    def _changed(self) -> None:
        if self.on_change is not None:
            self.report.sources = self.state.sources(self.urls)
            self.on_change(self.report)


def _alive(pid: int, token: str) -> bool:
    """Whether the process ``pid`` (``token``: its process token) runs on this machine:
    this process, not an earlier one of the same pid; another whose pid answers signal 0
    (where signal 0 cannot ask, as on Windows, it is taken as alive)."""
    if pid == os.getpid():
        return token == PROCESS_TOKEN
    if os.name != "posix":
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's, or not ours to ask about: taken as alive
        return True
    return True


def parse_every(value: str) -> float:
    """Seconds of an interval written ``90``, ``90s``, ``15m``, ``2h`` or ``1d``."""
    text = value.strip().lower()
    units = {"s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0}
    number, unit = (text[:-1], units[text[-1]]) if text and text[-1] in units else (text, 1.0)
    try:
        seconds = float(number) * unit
    except ValueError:
        raise ValueError(f"{value!r} is not an interval: write it as 90s, 15m, 2h or 1d"
                         ) from None
    if not math.isfinite(seconds):
        raise ValueError(f"{value!r} is not an interval: write it as 90s, 15m, 2h or 1d")
    if seconds < 0:
        raise ValueError(f"{value!r}: an interval cannot be negative")
    if seconds > MAX_EVERY_S:
        raise ValueError(f"{value!r}: an interval cannot be longer than a year")
    return seconds

