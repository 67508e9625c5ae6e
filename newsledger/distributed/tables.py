"""The Parquet tables of a batch: their schemas and the rows of one analysis or rejection.

Every table has a ``document_id`` (rejections: the ``source`` instead) and is partitioned by
the document's publication day (``date=YYYY-MM-DD``, or ``date=unknown`` when the page gives
none, and for every rejection), so the partition column always reads back as a string. Local
ids (``E1``, ``V1`` …) repeat across documents: join on ``(document_id, id)``.
"""

from __future__ import annotations

import re
from typing import Any

import pyarrow as pa

from newsledger.record_codec import record_dict
from newsledger.records import Analysis, Rejection

NO_DATE = "unknown"
TABLES = ("documents", "entities", "places", "claims", "events", "figures", "rejections")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")

_S, _I, _F = pa.string(), pa.int64(), pa.float64()
_MENTION = pa.struct([("start", _I), ("end", _I), ("text", _S)])
SCHEMAS: dict[str, pa.Schema] = {
    "documents": pa.schema([
        ("document_id", _S), ("source", _S), ("url", _S), ("title", _S), ("published", _S),
        ("outlet", _S), ("authors", pa.list_(_S)), ("dateline", _S), ("language", _S),
        ("duplicate_of", _S), ("text", _S), ("shard", _S)]),
    "entities": pa.schema([
        ("document_id", _S), ("id", _S), ("name", _S), ("type", _S), ("role", _S),
        ("affiliation", _S), ("kb_id", _S), ("aliases", pa.list_(_S)),
        ("mentions", pa.list_(_MENTION))]),
    "places": pa.schema([
        ("document_id", _S), ("id", _S), ("entity", _S), ("name", _S), ("lat", _F),
        ("lon", _F), ("country", _S), ("admin1", _S), ("precision", _S),
        ("gazetteer_id", _S)]),
    "claims": pa.schema([
        ("document_id", _S), ("id", _S), ("speaker", _S), ("speaker_text", _S), ("cue", _S),
        ("kind", _S), ("content", _S), ("start", _I), ("end", _I), ("via", _S),
        ("hedged", pa.bool_())]),
    "events": pa.schema([
        ("document_id", _S), ("id", _S), ("type", _S), ("plover", _S),
        ("evidence_start", _I), ("evidence_end", _I), ("actors", pa.list_(_S)),
        ("targets", pa.list_(_S)), ("place", _S), ("time_start", _S), ("time_end", _S),
        ("time_text", _S), ("claim", _S), ("confidence", _F)]),
    "figures": pa.schema([
        ("document_id", _S), ("event", _S), ("kind", _S), ("count", _I), ("low", _I),
        ("high", _I), ("text", _S), ("side", _S), ("claim", _S)]),
    "rejections": pa.schema([
        ("source", _S), ("reason", _S), ("detail", _S), ("shard", _S)]),
}

Rows = dict[str, list[dict[str, Any]]]


def empty_rows() -> Rows:
    return {name: [] for name in TABLES}


def day_of(published: str | None) -> str:
    """The partition value of a publication date: its ISO day, or ``NO_DATE``."""
    match = _DAY.match(published or "")
    return match.group(0) if match else NO_DATE


def add_analysis(rows: Rows, analysis: Analysis, shard: str) -> None:
    """Append one document's rows to every table (``rows`` of one partition)."""
    data = record_dict(analysis)
    doc_id = analysis.document.id
    document = data["document"]
    document["document_id"] = document.pop("id")
    rows["documents"].append({**document, "shard": shard})
    for entity in data["entities"]:
        rows["entities"].append({"document_id": doc_id, **entity})
    for place in data["places"]:
        rows["places"].append({"document_id": doc_id, **place})
    for claim in data["claims"]:
        rows["claims"].append({"document_id": doc_id, **claim})
    for event in data["events"]:
        rows["events"].append(_event_row(doc_id, event))
        for figure in event["figures"]:
            rows["figures"].append({"document_id": doc_id, "event": event["id"], **figure})


def _event_row(doc_id: str, event: dict[str, Any]) -> dict[str, Any]:
    time = event.get("time") or {}
    return {"document_id": doc_id, **event, "evidence_start": event["evidence"]["start"],
            "evidence_end": event["evidence"]["end"], "time_start": time.get("start"),
            "time_end": time.get("end"), "time_text": time.get("text")}


def add_rejection(rows: Rows, rejection: Rejection, shard: str) -> None:
    rows["rejections"].append({"source": rejection.source, "reason": rejection.reason,
                               "detail": rejection.detail, "shard": shard})


def to_table(name: str, rows: list[dict[str, Any]]) -> pa.Table:
    """The rows as a table of the named schema (extra keys are dropped)."""
    schema = SCHEMAS[name]
    return pa.Table.from_pylist([{k: row.get(k) for k in schema.names} for row in rows],
                                schema=schema)
