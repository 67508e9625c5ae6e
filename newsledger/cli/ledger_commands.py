"""The ``newsledger ingest``, ``events``, ``claims``, ``stories`` and ``search`` commands: the
ledger.

The ledger is ``--db URL`` (a SQLAlchemy URL or a SQLite path), else ``NEWSLEDGER_DB``, else
``newsledger.db`` in the current folder. Queries print a table, JSON or CSV.
"""

from __future__ import annotations

import csv
import json
import re
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.progress import (
    BarColumn,
    Progress,
    SpinnerColumn,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text as RichText

from newsledger.cli.console import err, out, print_error
from newsledger.errors import InvalidFilter, NewsledgerError
from newsledger.event_codes import label
from newsledger.records import Rejection, Story
from newsledger.store import DEFAULT_URL

if TYPE_CHECKING:  # the ledger's modules load with the first command that uses them
    from newsledger.store import Filters, Ledger
    from newsledger.store.ledger_writer import WriteReport

Db = Annotated[str, typer.Option(
    "--db", envvar="NEWSLEDGER_DB", help="The ledger: a SQLite path or a URL such as "
    "sqlite:///ledger.db or postgresql+psycopg://user@host/db.")]


class OutputFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


def open_ledger(db: str, create: bool = False) -> Ledger:
    """The ledger at ``db``; one that does not exist is an error unless ``create`` (only
    the commands that write make a new ledger)."""
    from newsledger.store import Ledger

    try:
        return Ledger.open(db, create=create)
    except NewsledgerError as exc:
        print_error(exc)
        raise typer.Exit(1) from exc


def _filters(filters: Filters) -> Filters:
    """``filters`` checked (``store.filter_values``): a bad date or an unknown event type is
    a usage error that names the valid values."""
    from newsledger.store.filter_values import checked_filters

    try:
        return checked_filters(filters)
    except InvalidFilter as exc:
        raise typer.BadParameter(str(exc), param_hint=f"--{exc.option}") from exc


def ingest(
    sources: Annotated[list[str] | None, typer.Argument(
        help="What to ingest: any source `analyze` takes (files, folders, WARC, JSON Lines, "
        "URLs, feeds, '-').", show_default=False)] = None,
    urls: Annotated[list[Path] | None, typer.Option(
        "--urls", help="A file of URLs to fetch, one per line. Repeatable.",
        show_default=False)] = None,
    db: Db = DEFAULT_URL,
    batch_size: Annotated[int, typer.Option(
        "--batch-size", min=1, help="Documents written per transaction.")] = 50,
    skip_other_languages: Annotated[bool, typer.Option(
        "--skip-other-languages", help="Articles in a language newsledger does not read "
        "are skipped (still listed in the ledger's rejections) and do not make the exit "
        "status 1.")] = False,
) -> None:
    """Analyse news into the ledger. An article already stored by this version is skipped;
    one stored by another version is re-analysed and replaced.

    Examples:

      newsledger ingest pages/ crawl.warc.gz

      newsledger ingest https://example.org/feed.xml --db postgresql+psycopg://me@/ledger

    Exit status: 0 when every input was stored, 1 when some were rejected (each is printed
    and kept in the ledger's rejections; with --skip-other-languages, articles in another
    language do not count), 2 on a usage error.
    """
    if not sources and not urls:
        err.print("newsledger ingest: give at least one source or --urls FILE (see --help)")
        raise typer.Exit(2)
    from newsledger.ingest.sources import (  # heavy imports only when needed
        count_inputs,
        iter_sources,
    )
    from newsledger.pipeline import Analyzer
    from newsledger.store.ledger_writer import LedgerWriter

    with open_ledger(db, create=True) as ledger:
        try:
            analyzer = Analyzer()
        except NewsledgerError as exc:
            print_error(exc)
            raise typer.Exit(1) from exc
        lists = [str(u) for u in urls or []]
        items = iter_sources(sources or [], analyzer.settings.max_bytes, lists,
                             allow_private=analyzer.settings.allow_private_urls)
        writer = LedgerWriter(ledger, analyzer, batch_size, on_reject=_print_rejection)
        with _ProgressLine(count_inputs(sources or [], lists)) as update:
            report = writer.run(items, update)
    languages = f" ({report.other_language} not in a language newsledger reads)" \
        if report.other_language else ""
    err.print(f"newsledger: {report.seen} inputs: {report.added} added, {report.replaced} "
              f"re-analysed, {report.unchanged} already stored, {report.rejected} rejected"
              f"{languages}, {report.stories} stories grouped again "
              f"→ {ledger.engine.url.render_as_string(hide_password=True)}",
              highlight=False, soft_wrap=True, markup=False)
    if report.failed or (report.other_language and not skip_other_languages):
        raise typer.Exit(1)


def _print_rejection(r: Rejection) -> None:
    err.print(f"newsledger: {r.source}: rejected ({r.reason}): {r.detail}",
              highlight=False, soft_wrap=True, markup=False)


class _ProgressLine:
    """A Rich progress line on standard error: documents, rate and rejections, and, when the
    number of inputs is known (``count_inputs``), a bar, the percentage and the time left."""

    def __init__(self, total: int | None = None) -> None:
        self.total = total

    def __enter__(self) -> Callable[[WriteReport], None]:
        known = [BarColumn(), TaskProgressColumn(), TextColumn("{task.completed}/{task.total}"),
                 TimeRemainingColumn()] if self.total else [TextColumn("{task.completed}")]
        self.progress = Progress(
            SpinnerColumn(), TextColumn("ingesting"), *known, TextColumn("documents"),
            TextColumn("{task.fields[rate]:.2f}/s"),
            TextColumn("{task.fields[rejected]} rejected"), TimeElapsedColumn(),
            console=err, transient=True)
        self.task = self.progress.add_task("ingest", total=self.total, rate=0.0, rejected=0)
        self.started = time.monotonic()
        self.progress.start()
        return self._update

    def _update(self, report: WriteReport) -> None:
        elapsed = max(time.monotonic() - self.started, 1e-6)
        self.progress.update(self.task, completed=report.seen, rate=report.seen / elapsed,
                             rejected=report.rejected)

    def __exit__(self, *_exc: object) -> None:
        self.progress.stop()


Since = Annotated[str | None, typer.Option(help="From this ISO date or date-time.")]
Until = Annotated[str | None, typer.Option(help="Up to this ISO date or date-time.")]
Speaker = Annotated[str | None, typer.Option(help="Said by (name or part of it).")]
Outlet = Annotated[str | None, typer.Option(help="Published by (outlet name or part).")]
Text = Annotated[str | None, typer.Option(help="Full-text words, all of which must occur.")]
Limit = Annotated[int, typer.Option(min=1, help="At most this many rows.")]
Offset = Annotated[int, typer.Option(min=0, help="Skip this many rows first (slow deep "
                                     "in a large ledger: prefer --after).")]
After = Annotated[int | None, typer.Option(
    min=0, help="Only rows after this ledger row id (the 'row' field of JSON and CSV "
    "output): the next page at any depth.")]
Fmt = Annotated[OutputFormat, typer.Option("--format", "-f", help="table, json or csv.")]
Bbox = Annotated[str | None, typer.Option(
    help="min_lon,min_lat,max_lon,max_lat (decimal degrees).")]
Place = Annotated[str | None, typer.Option(
    help="Place name, admin1 name, country code or gazetteer id.")]
EventType = Annotated[str | None, typer.Option(
    "--type", help="Event code (e.g. ARMED_CLASH) or PLOVER category.")]
Actor = Annotated[str | None, typer.Option(
    help="An actor or target (name or part of it, or actor-base id).")]


def events(
    db: Db = DEFAULT_URL, since: Since = None, until: Until = None,
    bbox: Bbox = None, place: Place = None, type: EventType = None, actor: Actor = None,
    speaker: Speaker = None, outlet: Outlet = None, text: Text = None,
    limit: Limit = 100, offset: Offset = 0, after: After = None,
    fmt: Fmt = OutputFormat.table,
) -> None:
    """Events in the ledger, filtered: time window, place or bounding box, type, actor,
    speaker of the claim reporting it, outlet, and words of the article."""
    from newsledger.store import Filters

    filters = _filters(Filters(since, until, _bbox(bbox), place, type, actor, speaker,
                               outlet, text, limit, offset, after))
    with open_ledger(db) as ledger:
        rows = [r.to_dict() for r in ledger.find_events(filters)]
    _print(rows, fmt, ("type", "actors", "targets", "place", "time_start", "time_end",
                       "figures", "claimant", "outlet", "evidence"))


def claims(
    db: Db = DEFAULT_URL, since: Since = None, until: Until = None, speaker: Speaker = None,
    outlet: Outlet = None, text: Text = None, limit: Limit = 100, offset: Offset = 0,
    after: After = None, fmt: Fmt = OutputFormat.table,
) -> None:
    """Attributed claims in the ledger, filtered by publication time, speaker, outlet (or
    the relaying source) and words of the claim."""
    from newsledger.store import Filters

    filters = _filters(Filters(since=since, until=until, speaker=speaker, outlet=outlet,
                               text=text, limit=limit, offset=offset, after=after))
    with open_ledger(db) as ledger:
        rows = [r.to_dict() for r in ledger.find_claims(filters)]
    _print(rows, fmt, ("speaker", "cue", "content", "hedged", "outlet", "published"))


def stories(
    db: Db = DEFAULT_URL, since: Since = None, until: Until = None,
    bbox: Bbox = None, place: Place = None, type: EventType = None, actor: Actor = None,
    outlet: Outlet = None, text: Text = None,
    min_reports: Annotated[int, typer.Option(
        "--min-reports", min=1, help="Only stories told by at least this many articles.")] = 2,
    limit: Annotated[int, typer.Option(
        min=1, help="At most this many stories (or, while stories wait to be grouped, the "
        "events of at most this many articles grouped now).")] = 2000,
    refresh: Annotated[bool, typer.Option(
        "--refresh", help="First group again what was written since the stories were last "
        "grouped (ingest does it at its end).")] = False,
    fmt: Fmt = OutputFormat.table,
) -> None:
    """Stories: the events of different articles and outlets grouped into incidents, with
    every claim by speaker and side, figures with their claimants, reconciled ranges (UCDP
    low / best / high) and contradictions. Example:

        newsledger stories --since 2021-09-01 --place Panjshir --format json
    """
    from newsledger.store import Filters

    filters = _filters(Filters(since, until, _bbox(bbox), place, type, actor, None, outlet,
                               text, limit, 0))
    with open_ledger(db) as ledger:
        if refresh:
            done = ledger.refresh_stories()
            err.print(f"newsledger: {done.stories} stories grouped from {done.documents} "
                      f"documents in {done.seconds:.1f} s", highlight=False)
        found = [s for s in ledger.stories(filters) if len(s.documents) >= min_reports]
    rows = [story_row(s) for s in found]
    if fmt is OutputFormat.json:
        sys.stdout.write(json.dumps([asdict(s) for s in found], ensure_ascii=False,
                                    indent=2) + "\n")
        return
    _print(rows, fmt, ("headline", "reports", "titles", "time", "ranges", "contradictions",
                       "updates", "story"))


def story_row(story: Story) -> dict[str, Any]:
    """A story's summary line: its reports, time, reconciled ranges and flags."""
    window = story.time
    time = "" if window is None else f"{window.start or '?'} – {window.end or '?'}"
    return {
        "story": story.id, "headline": story.headline, "reports": len(story.documents),
        "outlets": list(story.outlets),
        "titles": [f"{r.title or '(untitled)'} — {r.outlet or r.url or r.document[:12]}"
                   for r in story.reports],
        "time": time,
        "ranges": [f"{r.kind} {r.side}: {r.low}/{r.best}/{r.high}" for r in story.ranges],
        "contradictions": [f"{c.kind}: {c.detail}" for c in story.contradictions],
        "updates": [c.detail for c in story.updates],
    }


def search(
    words: Annotated[str, typer.Argument(help="Words to find (all must occur).")],
    db: Db = DEFAULT_URL, limit: Limit = 20, fmt: Fmt = OutputFormat.table,
) -> None:
    """Full-text search over article bodies and claims."""
    with open_ledger(db) as ledger:
        rows = [h.to_dict() for h in ledger.search(words, limit)]
    _print(rows, fmt, ("kind", "title", "claim", "outlet", "snippet"))


def _bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if value is None:
        return None
    try:
        w, s, e, n = (float(v) for v in value.split(","))
    except ValueError as exc:
        raise typer.BadParameter("give four numbers: min_lon,min_lat,max_lon,max_lat",
                                 param_hint="--bbox") from exc
    return (w, s, e, n)


def _flat(value: Any) -> str:
    if isinstance(value, list | tuple):
        return "; ".join(_flat(v) for v in value)
    if isinstance(value, dict):
        parts = [value.get("kind"), figure_amount(value), value.get("side")]
        said = f" — {value['claimant']}" if value.get("claimant") else ""
        return " ".join(str(p) for p in parts if p is not None) + said
    return "" if value is None else str(value)


def figure_amount(figure: dict[str, Any]) -> str:
    """A figure's amount as an analyst should read it: an exact count as a number ("2,500"),
    anything else in the article's words ("“more than 2,500”", "“heavy casualties”")."""
    count, low, high = figure.get("count"), figure.get("low"), figure.get("high")
    if count is not None and low == count == high:
        return f"{count:,}"
    return f"“{figure.get('text')}”" if figure.get("text") else ""


_MATCH = re.compile(r"\[([^\[\]]+)\]")


def _cell(column: str, value: Any) -> RichText:
    """A stored value as plain text for Rich: never read as markup (a stored "[/x]" or
    "[link=...]" is shown as written); a search snippet's [matches] in bold."""
    cell = RichText(_flat(value))
    if column == "type" and isinstance(value, str):
        return RichText(f"{label(value)}\n{value}")
    if column == "snippet":
        plain = RichText()
        at = 0
        for match in _MATCH.finditer(cell.plain):
            plain.append(cell.plain[at:match.start()])
            plain.append(match.group(1), style="bold")
            at = match.end()
        plain.append(cell.plain[at:])
        return plain
    return cell


def _print(rows: list[dict[str, Any]], fmt: OutputFormat, columns: Sequence[str]) -> None:
    if fmt is OutputFormat.json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
    elif fmt is OutputFormat.csv:
        names = list(rows[0]) if rows else list(columns)
        writer = csv.DictWriter(sys.stdout, fieldnames=names, lineterminator="\n")
        writer.writeheader()
        writer.writerows({k: _flat(v) for k, v in row.items()} for row in rows)
    else:
        table = Table(*columns, show_lines=False)
        for row in rows:
            table.add_row(*(_cell(c, row.get(c)) for c in columns))
        out.print(table)
        err.print(f"{len(rows)} rows", highlight=False)


LEDGER_COMMANDS: tuple[tuple[str, Callable[..., None]], ...] = (
    ("ingest", ingest), ("events", events), ("claims", claims), ("stories", stories),
    ("search", search))
