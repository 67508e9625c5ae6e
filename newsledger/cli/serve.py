"""The ``newsledger serve`` and ``newsledger export`` commands: the ledger over HTTP (with
the web UI) and in the formats analysts' tools read."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TextIO

import typer

from newsledger.cli.console import err
from newsledger.cli.ledger_commands import (
    Actor,
    Bbox,
    Db,
    EventType,
    Outlet,
    Place,
    Since,
    Speaker,
    Text,
    Until,
    _bbox,
    _filters,
    open_ledger,
)
from newsledger.store import DEFAULT_URL

if TYPE_CHECKING:
    from newsledger.store import Filters, Ledger

PAGE = 500


def serve(
    db: Db = DEFAULT_URL,
    host: Annotated[str, typer.Option(help="Address to listen on (0.0.0.0 for all).")] =
    "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    token_env: Annotated[str, typer.Option(
        "--token-env", help="Environment variable holding the write token; unset or empty "
        "makes the server read-only.")] = "NEWSLEDGER_TOKEN",
    max_request_bytes: Annotated[int, typer.Option(
        "--max-request-bytes", min=1024, help="Larger request bodies answer 413.")] =
    6 * 1024 * 1024,
    rate_limit: Annotated[int, typer.Option(
        "--rate-limit", min=0, help="Requests per minute and client under /api (0: none).")]
    = 600,
    workers: Annotated[int, typer.Option(
        "--workers", min=1, help="Server processes (one per core; each counts its own rate "
        "limit).")] = 1,
    access_log: Annotated[bool, typer.Option(
        "--access-log/--no-access-log", help="Log every request.")] = True,
) -> None:
    """Serve the HTTP API (/api, OpenAPI pages at /docs) and the web UI (/) over the ledger.

    Examples:

      newsledger serve --db ledger.db

      NEWSLEDGER_TOKEN=$(openssl rand -hex 32) newsledger serve --host 0.0.0.0 --port 8080

      newsledger serve --db ledger.db --workers 4

    POST /api/analyze and POST /api/documents need 'Authorization: Bearer <token>' with the
    token from --token-env; without one the server is read-only.
    """
    from newsledger.api import ApiSettings
    from newsledger.api.serving import serve as run_server

    token = os.environ.get(token_env) or None
    settings = ApiSettings(ledger_url=db, write_token=token,
                           max_request_bytes=max_request_bytes,
                           rate_limit=rate_limit or None)
    open_ledger(db, create=token is not None).close()  # a clear error before the server starts
    processes = f", {workers} processes" if workers > 1 else ""
    err.print(f"newsledger: serving {'read-write' if token else 'read-only'} on "
              f"http://{host}:{port}/ (API docs at /docs{processes})", highlight=False)
    run_server(settings, token_env, host, port, workers, access_log)


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    geojson = "geojson"
    parquet = "parquet"


def _events(ledger: Ledger, filters: Filters, limit: int | None) -> Iterator[dict[str, Any]]:
    """Every matching event row, fetched a page at a time."""
    return (r.to_dict() for r in ledger.each_event(filters, limit, page=PAGE))


def _records(ledger: Ledger, filters: Filters, limit: int | None,
             any_filter: bool) -> Iterator[dict[str, Any]]:
    """The records of the documents with a matching event, or of every document."""
    if any_filter:
        yield from ledger.records(replace(filters, limit=limit or 10**9))
        return
    after, given = None, 0
    while limit is None or given < limit:
        size = PAGE if limit is None else min(PAGE, limit - given)
        rows = ledger.documents(replace(filters, limit=size, after=after))
        for row in rows:
            record = ledger.document(row.id)
            if record is not None:
                yield record
        given += len(rows)
        if len(rows) < size:
            return
        after = rows[-1].row


def export(
    fmt: Annotated[ExportFormat, typer.Option(
        "--format", "-f", help="jsonl (newsledger/1 records), csv (ACLED columns), geojson "
        "or parquet (needs --out).")],
    out: Annotated[Path | None, typer.Option(
        "--out", "-o", help="Write here instead of standard output.", show_default=False)]
    = None,
    db: Db = DEFAULT_URL, since: Since = None, until: Until = None,
    bbox: Bbox = None, place: Place = None, type: EventType = None, actor: Actor = None,
    speaker: Speaker = None, outlet: Outlet = None, text: Text = None,
    limit: Annotated[int | None, typer.Option(
        min=1, help="At most this many events (jsonl: records).", show_default=False)]
    = None,
) -> None:
    """Export the ledger's events (filtered as for `events`) for other tools.

    Examples:

      newsledger export -f csv --since 2021-09-01 --out events.csv

      newsledger export -f geojson --bbox 69,35,70,36 > events.geojson

      newsledger export -f parquet --actor Taliban --out events.parquet

      newsledger export -f jsonl > records.jsonl

    jsonl writes the stored newsledger/1 record of each article with a matching event (of
    every article when no filter is given); csv, geojson and parquet write one row or
    feature per event, with ACLED's columns then ours (csv and parquet).
    """
    if fmt is ExportFormat.parquet and out is None:
        err.print("newsledger export: parquet needs --out FILE (see --help)")
        raise typer.Exit(2)
    from newsledger.store import Filters

    filters = _filters(Filters(since, until, _bbox(bbox), place, type, actor, speaker, outlet,
                               text))
    any_filter = any(v is not None for v in (since, until, bbox, place, type, actor,
                                             speaker, outlet, text))
    with open_ledger(db) as ledger:
        count = _write(fmt, out, ledger, filters, limit, any_filter)
    what = "records" if fmt is ExportFormat.jsonl else "events"
    err.print(f"newsledger: exported {count} {what}", highlight=False)


def _write(fmt: ExportFormat, out: Path | None, ledger: Ledger, filters: Filters,
           limit: int | None, any_filter: bool) -> int:
    from newsledger.export import writers

    if fmt is ExportFormat.parquet:
        assert out is not None
        return writers.write_parquet(_events(ledger, filters, limit), out)
    text_writers: dict[ExportFormat, Callable[[Any, TextIO], int]] = {
        ExportFormat.csv: writers.write_csv, ExportFormat.geojson: writers.write_geojson}
    if fmt is ExportFormat.jsonl:
        rows: Any = _records(ledger, filters, limit, any_filter)
        write: Callable[[Any, TextIO], int] = writers.write_jsonl
    else:
        rows, write = _events(ledger, filters, limit), text_writers[fmt]
    if out is None:
        return write(rows, sys.stdout)
    with out.open("w", encoding="utf-8", newline="") as stream:
        return write(rows, stream)


SERVE_COMMANDS: tuple[tuple[str, Callable[..., None]], ...] = (
    ("serve", serve), ("export", export))
