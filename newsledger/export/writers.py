"""The ``newsledger export`` formats, written from rows the caller fetched.

- JSON Lines: one ``newsledger/1`` record per line, exactly as stored (the contract);
- CSV: one event per row, ACLED's columns then ours (``acled.COLUMNS``);
- GeoJSON: a FeatureCollection of the events with coordinates (``geojson``);
- Parquet: one table of events with the CSV's columns, typed (strings, doubles, integers,
  ``event_date`` a date, ``time_start``, ``time_end`` and ``published`` timestamps).

Writers take plain dicts (a record, or ``EventRow.to_dict()``) and never import the store;
each returns how many rows it wrote.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Mapping
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from newsledger.export.acled import COLUMNS, acled_row
from newsledger.export.geojson import feature_collection

INTEGER_COLUMNS = frozenset({"year", "time_precision", "inter1", "inter2", "interaction",
                             "iso", "geo_precision", "fatalities", "fatalities_low",
                             "fatalities_high"})
FLOAT_COLUMNS = frozenset({"latitude", "longitude"})
DATE_COLUMNS = frozenset({"event_date"})
TIMESTAMP_COLUMNS = frozenset({"time_start", "time_end", "published"})


def _date(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _timestamp(value: Any) -> datetime | None:
    """An ISO date or date-time as a timestamp: a date at midnight, a time with an offset
    in UTC, a time without one as written (news rarely says its time zone)."""
    if not value:
        return None
    try:
        stamp = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
    if stamp.tzinfo is not None:
        stamp = stamp.astimezone(UTC).replace(tzinfo=None)
    return stamp


def write_jsonl(records: Iterable[Mapping[str, Any]], out: TextIO) -> int:
    count = 0
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


def csv_chunks(events: Iterable[Mapping[str, Any]], rows: int = 500) -> Iterator[str]:
    """The CSV of ``events`` (``COLUMNS``) as text chunks of ``rows`` rows, the header first:
    written to a file by ``write_csv``, streamed by the API's download."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(COLUMNS), lineterminator="\n")
    writer.writeheader()
    for count, event in enumerate(events, 1):
        writer.writerow({k: "" if v is None else v for k, v in acled_row(event).items()})
        if count % rows == 0:
            yield out.getvalue()
            out.seek(0)
            out.truncate()
    yield out.getvalue()


def write_csv(events: Iterable[Mapping[str, Any]], out: TextIO) -> int:
    count = 0

    def counted() -> Iterator[Mapping[str, Any]]:
        nonlocal count
        for event in events:
            count += 1
            yield event

    for chunk in csv_chunks(counted()):
        out.write(chunk)
    return count


def write_geojson(events: Iterable[Mapping[str, Any]], out: TextIO) -> int:
    collection = feature_collection(events)
    json.dump(collection, out, ensure_ascii=False)
    out.write("\n")
    return len(collection["features"])


def parquet_schema() -> Any:
    import pyarrow as pa

    def kind(name: str) -> Any:
        if name in INTEGER_COLUMNS:
            return pa.int64()
        if name in DATE_COLUMNS:
            return pa.date32()
        if name in TIMESTAMP_COLUMNS:
            return pa.timestamp("ms")
        return pa.float64() if name in FLOAT_COLUMNS else pa.string()

    return pa.schema([(name, kind(name)) for name in COLUMNS])


def _typed(name: str, value: Any) -> Any:
    if name in DATE_COLUMNS:
        return _date(value)
    if name in TIMESTAMP_COLUMNS:
        return _timestamp(value)
    return value


def write_parquet(events: Iterable[Mapping[str, Any]], out: Path | BinaryIO) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [acled_row(e) for e in events]
    columns = {name: [_typed(name, row[name]) for row in rows] for name in COLUMNS}
    table = pa.Table.from_pydict(columns, schema=parquet_schema())
    pq.write_table(table, out if isinstance(out, Path) else pa.PythonFile(out, mode="w"))
    return len(rows)
