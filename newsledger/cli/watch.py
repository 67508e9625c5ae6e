"""``newsledger watch``: keep a ledger current from feeds, sitemaps and pages."""

from __future__ import annotations

import contextlib
import json
import logging
import signal
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.live import Live
from rich.table import Table
from rich.text import Text as RichText

from newsledger.cli.console import err, print_error
from newsledger.cli.ledger_commands import Db, open_ledger
from newsledger.errors import NewsledgerError, RejectedInput
from newsledger.store import DEFAULT_URL

if TYPE_CHECKING:
    from newsledger.watch.watcher import WatchReport

LOG = logging.getLogger("newsledger.watch")


def watch(
    sources: Annotated[list[str], typer.Argument(
        help="Feeds (RSS, Atom), sitemaps and news sitemaps, pages to re-check (http(s) "
        "URLs), or files that list them, one a line.", show_default=False)],
    db: Db = DEFAULT_URL,
    every: Annotated[str, typer.Option(help="How often each source is polled: 90s, 15m, 2h, "
                                       "1d.")] = "15m",
    once: Annotated[bool, typer.Option("--once", help="Poll the sources that are due once, "
                                       "then exit (for cron or a timer).")] = False,
    contact: Annotated[str | None, typer.Option(
        envvar="NEWSLEDGER_CONTACT", help="How site owners can reach you (an e-mail or URL), "
        "sent in the User-Agent.", show_default=False)] = None,
    delay: Annotated[float, typer.Option(help="Seconds between two requests to one host "
                                         "(a longer Crawl-delay in robots.txt wins).")] = 1.0,
    per_host: Annotated[int, typer.Option(help="Requests to one host at once.")] = 1,
    threads: Annotated[int, typer.Option(help="Sources polled at once.")] = 4,
    max_items: Annotated[int, typer.Option(help="New articles taken per poll of a source; "
                                           "the rest wait for the next poll.")] = 100,
    log_format: Annotated[str, typer.Option(help="text, or json: one JSON object a line "
                                            "on standard error.")] = "text",
    forget: Annotated[bool, typer.Option("--forget", help="Stop watching SOURCES: remove "
                                         "them (and what was taken from them) from the "
                                         "ledger's watch list, then exit.")] = False,
    spool: Annotated[Path | None, typer.Option(
        help="Hand large backlogs to `newsledger batch`: while a source has more new items "
        "than --max-items, the articles fetched are written here as JSON Lines rather than "
        "analysed (then: newsledger batch SPOOL --db LEDGER).", show_default=False)] = None,
) -> None:
    """Poll SOURCES and analyse what is new into the ledger, until stopped.

    Each source is polled on its own schedule with conditional requests (an unchanged feed
    costs one 304), robots.txt honoured, a delay per host, and backoff after errors (with
    the server's Retry-After). What has been taken lives in the ledger, so a restart, a
    crash or a second watcher neither loses nor repeats an article. SIGTERM or Ctrl-C
    finishes the articles in flight (one parse batch at most) and exits 0, a second one at
    once. --forget takes sources off the watch list (and out of GET /api/status). With
    --once, the exit status is 1 when a source failed (it is retried with backoff next
    time); 2 is a usage error.

    Example: newsledger watch https://example.org/feed.xml sources.txt --db ledger.db --every 15m
    """
    from newsledger.watch.spool import BatchSpool
    from newsledger.watch.watcher import parse_every

    try:
        every_s = parse_every(every)
        urls = _urls(sources)
    except (ValueError, RejectedInput) as exc:
        err.print(f"newsledger watch: {exc}", markup=False, highlight=False)
        raise typer.Exit(2) from exc
    if log_format not in ("text", "json"):
        err.print("newsledger watch: --log-format is text or json")
        raise typer.Exit(2)
    if forget:
        _forget(db, urls)
        return
    _logging(log_format, quiet=err.is_terminal and log_format == "text")  # the live view
    with contextlib.ExitStack() as resources:  # the ledger and the fetcher closed at the end
        try:
            watcher = _watcher(resources, db, urls, every_s, contact, delay, per_host,
                               threads, max_items)
        except NewsledgerError as exc:
            print_error(exc)
            raise typer.Exit(1) from exc
        watcher.spool = BatchSpool(spool) if spool is not None else None
        _on_signals(watcher.stop)
        report = _run(watcher, once)
    _summary(report, log_format, spool)
    if once and report.errors:
        raise typer.Exit(1)  # for cron or a timer: a source failed this time


def _on_signals(stop: Callable[[], None]) -> None:
    """SIGTERM and SIGINT stop the watch after the articles in flight; a second one ends
    the process at once (the signal's default)."""
    def handler(number: int, _frame: object) -> None:
        stop()
        signal.signal(number, signal.SIG_DFL)

    for number in (signal.SIGTERM, signal.SIGINT):
        signal.signal(number, handler)


def _summary(report: WatchReport, log_format: str, spool: Path | None) -> None:
    totals = {"polls": report.polls, "unchanged": report.unchanged, "failed": report.errors,
              "requests": report.requests, "articles": report.articles,
              "already_stored": report.already_stored, "rejected": report.rejected,
              "handed_to_batch": report.handed}
    if log_format == "json":  # every line on standard error is one JSON object
        LOG.info("summary", extra={"watch": totals})
        return
    err.print(f"newsledger watch: {report.polls} polls ({report.unchanged} unchanged, "
              f"{report.errors} failed), {report.requests} requests, {report.articles} "
              f"articles written, {report.already_stored} already stored, "
              f"{report.rejected} rejected"
              + (f", {report.handed} handed to batch in {spool}" if report.handed else ""),
              markup=False, highlight=False, soft_wrap=True)


def _forget(db: str, urls: list[str]) -> None:
    with open_ledger(db) as ledger:
        gone = ledger.watch_state().forget(urls)
    err.print(f"newsledger watch: {gone} of {len(set(urls))} sources forgotten (with the "
              "items taken from them); their articles stay in the ledger",
              markup=False, highlight=False, soft_wrap=True)

def _urls(sources: list[str]) -> list[str]:
    from newsledger.ingest.fetch import read_url_list

    urls: list[str] = []
    for source in sources:
        if source.startswith(("http://", "https://")):
            urls.append(source)
        else:
            urls.extend(read_url_list(Path(source)))
    bad = [u for u in urls if not u.startswith(("http://", "https://"))]
    if bad or not urls:
        raise ValueError(f"not an http(s) URL: {bad[0]!r}" if bad else "no source to watch")
    return urls


def _watcher(resources: contextlib.ExitStack, db: str, urls: list[str], every_s: float,
             contact: str | None, delay: float, per_host: int, threads: int,
             max_items: int) -> Any:
    from newsledger.ingest.fetch import Fetcher, FetchSettings
    from newsledger.pipeline import Analyzer
    from newsledger.settings import Settings
    from newsledger.watch.politeness import HostGate, RobotsRules, user_agent
    from newsledger.watch.polling import Poller
    from newsledger.watch.watcher import Watcher

    settings = Settings.from_env()
    ledger = resources.enter_context(open_ledger(db, create=True))
    analyzer = Analyzer(settings)
    fetcher = resources.enter_context(Fetcher(FetchSettings(
        max_bytes=settings.max_bytes, retries=1, backoff_s=1.0, max_wait_s=10.0,
        user_agent=user_agent(contact), allow_private=settings.allow_private_urls)))
    gate = HostGate(delay, per_host)
    poller = Poller(fetcher, RobotsRules(fetcher, gate=gate), gate, settings.max_bytes,
                    max_items)
    return Watcher(ledger, analyzer, poller, urls, every_s, threads)


def _run(watcher: Any, once: bool) -> WatchReport:
    report: WatchReport
    if not err.is_terminal:
        report = watcher.run(rounds=1 if once else None)
        return report
    with Live(console=err, transient=True, refresh_per_second=2) as live:
        watcher.on_change = lambda r: live.update(status_table(r))
        report = watcher.run(rounds=1 if once else None)
    return report


def status_table(report: WatchReport) -> Table:
    """The live view: each source's kind, last poll and outcome, articles, failures in a
    row and next poll, under the run's totals."""
    table = Table(title=f"newsledger watch: {report.polls} polls, {report.articles} articles, "
                  f"{report.errors} errors, {report.requests} requests", title_justify="left")
    for column in ("source", "kind", "last poll", "status", "articles", "failures",
                   "next poll"):
        table.add_column(column, overflow="fold")
    for s in report.sources:
        status = RichText(s.last_status or "waiting",
                          style="red" if s.last_status == "error" else "")
        table.add_row(RichText(s.url), s.kind or "", _clock(s.last_poll), status,
                      str(s.articles), str(s.failures), _clock(s.next_poll))
    return table


def _clock(stamp: str | None) -> str:
    return stamp[11:19] if stamp else ""


class _JsonLines(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        fields = getattr(record, "watch", {})
        return json.dumps({"time": time.strftime("%Y-%m-%dT%H:%M:%SZ",
                                                 time.gmtime(record.created)),
                           "level": record.levelname.lower(), "event": record.getMessage(),
                           **fields}, ensure_ascii=False)


class _TextLines(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        fields = getattr(record, "watch", {})
        words = " ".join(f"{k}={v}" for k, v in fields.items() if v is not None)
        return f"{time.strftime('%H:%M:%S', time.localtime(record.created))} " \
               f"{record.getMessage()} {words}"


def _logging(fmt: str, quiet: bool) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_JsonLines() if fmt == "json" else _TextLines())
    LOG.handlers[:] = [] if quiet else [handler]
    LOG.setLevel(logging.INFO)
    LOG.propagate = False
