"""Inputs split into shards: the unit of work, of progress and of resumption.

A JSON Lines or WARC file of more than ``size`` records is split into record index ranges
(``[start, stop)`` over the items the reader yields, the last range open so that nothing is
lost if the count was off); any other file (a page) is grouped with its neighbours, ``size``
files to a shard, in the order a folder walk gives them. A path that does not exist is a
shard of its own, which becomes one ``unreadable`` rejection. Each shard's id is a hash of
its kind, absolute paths and range: the same inputs and size give the same ids on a rerun.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from newsledger.errors import RejectedInput
from newsledger.ingest.paths import input_kind

ShardKind = Literal["files", "records"]


@dataclass(frozen=True)
class Shard:
    """Pages from ``paths`` (``files``), or items ``start`` to ``stop`` of one archive."""

    kind: ShardKind
    paths: tuple[str, ...]
    start: int = 0
    stop: int | None = None

    @property
    def id(self) -> str:
        key = json.dumps([self.kind, self.paths, self.start, self.stop])
        return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]

    @property
    def estimate(self) -> int:
        """About how many documents the shard holds (for progress only)."""
        if self.kind == "files":
            return len(self.paths)
        return (self.stop - self.start) if self.stop is not None else 1

    def describe(self) -> str:
        if self.kind == "files":
            more = f" and {len(self.paths) - 1} more" if len(self.paths) > 1 else ""
            return f"{self.paths[0]}{more}"
        end = "end" if self.stop is None else str(self.stop)
        return f"{self.paths[0]} items {self.start}..{end}"


def plan_shards(inputs: Iterable[str], size: int) -> list[Shard]:
    """The shards of every input, in input order; URLs and ``-`` are refused."""
    if size < 1:
        raise ValueError("the shard size must be at least 1")
    shards: list[Shard] = []
    pages: list[str] = []
    for path in _files(inputs):
        exists = os.path.exists(path)
        if exists and input_kind(path) not in ("warc", "jsonl"):
            pages.append(path)
            if len(pages) < size:
                continue
        if pages:  # a full group, or the pages before an archive or a missing path
            shards.append(Shard("files", tuple(pages)))
            pages = []
        if not exists:
            shards.append(Shard("files", (path,)))
        elif input_kind(path) in ("warc", "jsonl"):
            shards.extend(_archive_shards(path, size))
    if pages:
        shards.append(Shard("files", tuple(pages)))
    return shards


def _files(inputs: Iterable[str]) -> Iterator[str]:
    """Every file of every input (absolute), folders walked in sorted order."""
    for given in inputs:
        if given == "-" or given.startswith(("http://", "https://")):
            raise RejectedInput(given, "unsupported", "batch reads files and folders only; "
                                "fetch URLs with `newsledger analyze` or save them to a WARC")
        path = os.path.abspath(given)
        if os.path.isdir(path):
            yield from _walk(path)
        else:
            yield path


def _walk(folder: str) -> Iterator[str]:
    for root, dirs, names in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if not name.startswith(".") and input_kind(name) is not None:
                yield os.path.join(root, name)


def _archive_shards(path: str, size: int) -> list[Shard]:
    count = count_records(Path(path))
    if count <= size:
        return [Shard("records", (path,), 0, None)]
    starts = list(range(0, count, size))
    return [Shard("records", (path,), start, start + size if start != starts[-1] else None)
            for start in starts]


def count_records(path: Path) -> int:
    """About how many items the reader will yield: non-blank lines of JSON Lines, response
    records of a WARC. Unreadable files count 0 (their reader reports them)."""
    try:
        if input_kind(path.name) == "jsonl":
            return _count_lines(path)
        return _count_responses(path)
    except Exception:  # a corrupt file: one shard, whose reader says what is wrong
        return 0


def _count_lines(path: Path) -> int:
    with path.open("rb") as raw:
        gzipped = raw.read(2) == b"\x1f\x8b"
    opener = gzip.open if gzipped else open
    with opener(path, "rb") as handle:
        return sum(1 for line in handle if line.strip())


def _count_responses(path: Path) -> int:
    from warcio.archiveiterator import ArchiveIterator

    with path.open("rb") as handle:
        return sum(1 for record in ArchiveIterator(handle)
                   if record.rec_type == "response")
