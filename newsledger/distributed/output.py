"""A batch's output folder: Parquet parts written atomically, and the ``_done`` markers.

Layout under ``--out DIR``::

    documents/date=2021-09-03/part-<shard>.parquet   (and entities, places, claims, events,
    rejections/date=unknown/part-<shard>.parquet       figures, likewise)
    _done/<shard>.json                                 (the shard's counts, written last)
    _plan.json                                         (the inputs and shard size of the run)

Each part is written to a hidden temporary name (``.part-….tmp``, which Arrow's dataset
reader skips) and renamed into place; the shard's ``_done`` marker is written the same way
after all its parts. A shard without a marker is not done: its parts, whole or not, are
removed before it is run again, so a crash at any point loses nothing and duplicates nothing.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from newsledger.distributed.tables import NO_DATE, TABLES, Rows, to_table
from newsledger.errors import RejectedInput

DONE = "_done"
PLAN = "_plan.json"
RECORDS = "_records"  # with --db: each shard's records, until the client loads them


def records_path(out: Path, shard_id: str) -> Path:
    return out / RECORDS / f"{shard_id}.jsonl.gz"


def done_path(out: Path, shard_id: str) -> Path:
    return out / DONE / f"{shard_id}.json"


def read_done(out: Path) -> dict[str, dict[str, Any]]:
    """The counts of every finished shard, by shard id."""
    folder = out / DONE
    if not folder.is_dir():
        return {}
    found: dict[str, dict[str, Any]] = {}
    for marker in folder.glob("*.json"):
        try:
            found[marker.stem] = json.loads(marker.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue  # unreadable marker: the shard is run again
    return found


def clear_shard(out: Path, shard_id: str) -> None:
    """Remove every part of a shard, finished or partial, and its temporary files."""
    for table in TABLES:
        for pattern in (f"date=*/part-{shard_id}.parquet", f"date=*/.part-{shard_id}*.tmp"):
            for path in (out / table).glob(pattern):
                path.unlink(missing_ok=True)
    for path in (out / RECORDS).glob(f"*{shard_id}.jsonl.gz*"):
        path.unlink(missing_ok=True)


def write_parts(out: Path, shard_id: str, partitions: Mapping[str, Rows]) -> dict[str, int]:
    """Write each table's rows of each day atomically; the row count of each table."""
    counts = dict.fromkeys(TABLES, 0)
    for day, rows in sorted(partitions.items()):
        for table, table_rows in rows.items():
            if not table_rows:
                continue
            folder = out / table / f"date={day}"
            folder.mkdir(parents=True, exist_ok=True)
            temp = folder / f".part-{shard_id}.parquet.{os.getpid()}.tmp"
            pq.write_table(to_table(table, table_rows), temp)
            os.replace(temp, folder / f"part-{shard_id}.parquet")
            counts[table] += len(table_rows)
    return counts


def mark_done(out: Path, shard_id: str, info: Mapping[str, Any]) -> None:
    _write_json(done_path(out, shard_id), info)


def forget_done(out: Path, shard_id: str) -> None:
    """Make a finished shard pending again (its parts are cleared when it is rerun)."""
    done_path(out, shard_id).unlink(missing_ok=True)


def write_failure(out: Path, shard_id: str, source: str, detail: str) -> None:
    """A shard that failed as a whole: its parts cleared, one rejection row in their place
    (no ``_done`` marker, so a rerun tries the shard again)."""
    clear_shard(out, shard_id)
    row = {"source": source, "reason": "shard-failed", "detail": detail, "shard": shard_id}
    write_parts(out, shard_id, {NO_DATE: {"rejections": [row]}})


def check_plan(out: Path, plan: Mapping[str, Any]) -> None:
    """Record the run's plan, or refuse a rerun whose shard size differs (its shards would
    not match the finished ones, and documents would be written twice)."""
    path = out / PLAN
    if path.exists():
        try:
            old = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            old = {}
        if old.get("shard_size", plan["shard_size"]) != plan["shard_size"]:
            raise RejectedInput(str(out), "plan-mismatch", f"{out} was written with "
                                f"--shard-size {old['shard_size']}; rerun with that size, "
                                "or use another --out folder")
    out.mkdir(parents=True, exist_ok=True)
    _write_json(path, plan)


def _write_json(path: Path, data: Mapping[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temp.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(temp, path)
