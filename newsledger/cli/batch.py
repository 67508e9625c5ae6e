"""The ``newsledger batch`` command: archives analysed on a Dask cluster into Parquet."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from newsledger.cli.console import err, print_error
from newsledger.distributed import DEFAULT_MEMORY_LIMIT
from newsledger.errors import NewsledgerError

if TYPE_CHECKING:
    from newsledger.distributed.runner import BatchReport



def batch(
    inputs: Annotated[list[str], typer.Argument(
        help="WARC files, JSON Lines files, page files or folders (walked recursively).",
        show_default=False)],
    out: Annotated[Path, typer.Option(
        "--out", "-o", help="The output folder: Parquet tables partitioned by publication "
        "date, and the record of finished shards.", show_default=False)],
    workers: Annotated[int, typer.Option(
        "--workers", "-w", min=1, help="Worker processes of the local cluster (one thread "
        "each, models loaded once per worker).")] = 2,
    scheduler: Annotated[str | None, typer.Option(
        "--scheduler", help="Address of a running Dask scheduler (e.g. tcp://host:8786) to "
        "use instead of a local cluster; --out must then be shared with its workers.",
        show_default=False)] = None,
    shard_size: Annotated[int, typer.Option(
        "--shard-size", min=1, help="Records of a WARC or JSON Lines file, or page files, "
        "per shard. Keep it the same on a rerun.")] = 100,
    db: Annotated[str | None, typer.Option(
        "--db", help="Also load the results into this ledger (a SQLite path or a URL such "
        "as postgresql+psycopg://user@host/db), one transaction per finished shard, from "
        "this process; a rerun adds nothing twice.", show_default=False)] = None,
    memory_limit: Annotated[str, typer.Option(
        "--memory-limit", help="Memory of each local worker (e.g. 2GiB); a worker past 95% "
        "of it is restarted and its shard retried. 'auto' shares the machine's memory; "
        "ignored with --scheduler.")] = DEFAULT_MEMORY_LIMIT,
) -> None:
    """Analyse archives on a Dask cluster into Parquet tables (documents, entities, places,
    claims, events, figures, rejections), one shard at a time.

    Examples:

      newsledger batch crawl.warc.gz pages/ --out ledger-parquet --workers 4

      newsledger batch news.jsonl --out out/ --scheduler tcp://scheduler:8786

      newsledger batch crawl.warc.gz --out out/ --db ledger.db

    Resumable: a shard is recorded in OUT/_done once its files are written; a rerun with
    the same inputs skips finished shards and redoes the rest, so a crash or Ctrl-C loses
    nothing and duplicates nothing. Exit status: 0 when every document was analysed, 1 when
    some were rejected (rows of the rejections table), 2 on a usage error, 130 when
    interrupted (Ctrl-C).
    """
    from newsledger.distributed.runner import ClusterSpec, pending_shards, run_pending

    _check_memory_limit(memory_limit)
    try:
        todo, planned = pending_shards(inputs, out, shard_size, db)
    except NewsledgerError as exc:
        print_error(exc)
        raise typer.Exit(2) from exc
    err.print(f"newsledger batch: {planned} shards, {planned - len(todo)} already done",
              highlight=False)
    spec = ClusterSpec(workers=workers, address=scheduler, memory_limit=memory_limit)
    try:
        with _progress() as bar:
            task = bar.add_task("shards", total=len(todo), docs=0, rate=0.0)
            report = run_pending(todo, planned, out, spec, _advance(bar, task), db)
    except NewsledgerError as exc:
        print_error(f"{exc}; the finished shards are kept, run the same command again to "
                    "do the rest")
        raise typer.Exit(1) from exc
    except KeyboardInterrupt:
        err.print("newsledger batch: interrupted; the finished shards are kept, run the same "
                  "command again to do the rest", highlight=False)
        raise typer.Exit(130) from None
    _summarise(report, out, db)
    if report.rejected:
        raise typer.Exit(1)


def _summarise(report: BatchReport, out: Path, db: str | None) -> None:
    """The run's counts on standard error, and the ledger's when there is one."""
    counts = report.counts
    err.print(f"newsledger batch: {counts.get('documents', 0)} documents, "
              f"{counts.get('events', 0)} events, {report.rejected} rejections in {out} "
              f"({report.ran} shards run, {report.skipped} skipped, "
              f"{len(report.failed)} failed, {report.seconds:.1f} s)", highlight=False)
    if report.ledger is not None:
        loaded = report.ledger
        err.print(f"newsledger batch: ledger {db}: {loaded.shards} shards loaded, "
                  f"{loaded.added} documents added, {loaded.replaced} replaced, "
                  f"{loaded.rejected} rejections, {loaded.stories} stories grouped again",
                  highlight=False, soft_wrap=True)


def _check_memory_limit(limit: str) -> None:
    from dask.utils import parse_bytes

    try:
        if limit != "auto" and parse_bytes(limit) < 2**28:
            raise ValueError("below 256 MiB, too little to load the models")
    except ValueError as exc:
        print_error(f"--memory-limit {limit!r}: {exc}; give a size such as 2GiB or 3GB, "
                    "or 'auto'")
        raise typer.Exit(2) from exc


def _progress() -> Progress:
    return Progress(
        TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
        TextColumn("{task.fields[docs]} docs, {task.fields[rate]:.1f} docs/s"),
        TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
        console=err, transient=False)


def _advance(bar: Progress, task: Any) -> Callable[[Any, dict[str, Any] | None], None]:
    began = time.perf_counter()
    docs = 0

    def step(shard: Any, info: dict[str, Any] | None) -> None:
        nonlocal docs
        counts = (info or {}).get("counts", {})
        docs += int(counts.get("documents", 0)) + int(counts.get("rejections", 0))
        rate = docs / max(time.perf_counter() - began, 1e-6)
        bar.update(task, advance=1, docs=docs, rate=rate)

    return step
