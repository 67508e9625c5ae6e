"""A batch's results loaded into a ledger database (``--db``), on the client, shard by shard.

Workers never open the database (SQLite allows one writer, and a remote worker may not reach
it). With ``--db`` each worker also writes its shard's records and rejections as JSON Lines
(``_records/<shard>.jsonl.gz``, atomically, before the ``_done`` marker); the client loads a
finished shard into the ledger in one transaction (``Ledger.write``, which replaces any stored
document of the same body hash and URL, and any rejection of the same source), then writes
``_ledger/<db>/<shard>.json`` and deletes the records file. A crash between the commit and the
marker only makes the rerun write the same rows again, which replaces them: nothing is
duplicated. A shard finished without ``--db`` (or for another database) whose records file is
gone is analysed again.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from newsledger.distributed.output import records_path
from newsledger.record_codec import analysis_from_dict, record_dict
from newsledger.records import Analysis, Outcome, Rejection
from newsledger.store import Ledger
from newsledger.store.ledger_writer import PIPELINE_VERSION

LOADED = "_ledger"


def write_records(out: Path, shard_id: str, outcomes: Iterable[Outcome]) -> None:
    """The shard's records and rejections as gzipped JSON Lines, written atomically."""
    path = records_path(out, shard_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with gzip.open(temp, "wt", encoding="utf-8") as handle:
        for outcome in outcomes:
            if outcome.analysis is not None:
                line = {"record": record_dict(outcome.analysis)}
            elif outcome.rejection is not None:
                r = outcome.rejection
                line = {"rejection": {"source": r.source, "reason": r.reason,
                                      "detail": r.detail}}
            else:
                continue
            handle.write(json.dumps(line, ensure_ascii=False) + "\n")
    os.replace(temp, path)


def read_records(path: Path) -> tuple[list[Analysis], list[Rejection]]:
    analyses: list[Analysis] = []
    rejections: list[Rejection] = []
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            data = json.loads(line)
            if "record" in data:
                analyses.append(analysis_from_dict(data["record"]))
            else:
                r = data["rejection"]
                rejections.append(Rejection(r["source"], r["reason"], r["detail"]))
    return analyses, rejections


@dataclass
class LoadCounts:
    """What loading did: shards loaded, documents added or replaced, rejections stored,
    stories grouped again at the end."""

    shards: int = 0
    added: int = 0
    replaced: int = 0
    rejected: int = 0
    stories: int = 0


class LedgerLoader:
    """Loads finished shards of the batch in ``out`` into the ledger at ``url``."""

    def __init__(self, out: Path, url: str) -> None:
        self.out = out
        self.ledger = Ledger.open(url)
        name = self.ledger.engine.url.render_as_string(hide_password=True)
        self.name = name
        self.folder = out / LOADED / hashlib.sha256(name.encode()).hexdigest()[:16]
        self.counts = LoadCounts()

    def close(self) -> None:
        self.ledger.close()

    def loaded(self) -> set[str]:
        if not self.folder.is_dir():
            return set()
        return {marker.stem for marker in self.folder.glob("*.json")}

    def unloaded(self, done: Iterable[str]) -> Iterator[tuple[str, bool]]:
        """Each finished shard not in this ledger yet, and whether its records are there to
        load (if not, the shard must be analysed again)."""
        loaded = self.loaded()
        for shard_id in done:
            if shard_id not in loaded:
                yield shard_id, records_path(self.out, shard_id).exists()

    def load(self, shard_id: str) -> None:
        """Write one finished shard into the ledger (one transaction), then mark it loaded."""
        analyses, rejections = read_records(records_path(self.out, shard_id))
        counts = self.ledger.write(analyses, rejections, PIPELINE_VERSION)
        self.folder.mkdir(parents=True, exist_ok=True)
        marker = self.folder / f"{shard_id}.json"
        temp = marker.with_name(f".{marker.name}.{os.getpid()}.tmp")
        temp.write_text(json.dumps({"ledger": self.name, "added": counts.added,
                                    "replaced": counts.replaced,
                                    "rejected": counts.rejected}) + "\n", encoding="utf-8")
        os.replace(temp, marker)
        records_path(self.out, shard_id).unlink(missing_ok=True)
        self.counts.shards += 1
        self.counts.added += counts.added
        self.counts.replaced += counts.replaced
        self.counts.rejected += counts.rejected
