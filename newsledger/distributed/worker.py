"""One shard analysed on a worker: models loaded once per worker, parts written, marked done.

``run_shard`` is what the scheduler sends to a worker. The ``Analyzer`` (spaCy, actor base,
gazetteer) is built on a worker's first shard and kept in a module-level cache, keyed by the
worker's address so that threads of an in-process cluster never share one. Duplicates are
linked within a shard only (the deduplicator is fresh for each shard), so a record does not
depend on which worker ran which shard, nor on a rerun.
"""

from __future__ import annotations

import resource
import time
from collections import defaultdict
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import Any

import psutil
from distributed import WorkerPlugin

from newsledger.distributed.output import clear_shard, mark_done, write_parts
from newsledger.distributed.shards import Shard
from newsledger.distributed.tables import (
    NO_DATE,
    Rows,
    add_analysis,
    add_rejection,
    day_of,
    empty_rows,
)
from newsledger.ingest.paths import iter_paths
from newsledger.pipeline import Analyzer
from newsledger.records import Outcome, Page, Rejection

_ANALYZERS: dict[str, Analyzer] = {}
# New vocabulary entries after which a worker reloads spaCy. Each new word costs about 3 KiB
# in all (the lexeme ~0.2 KiB, the rest the tokenizer's and the lemmatizer's caches, which
# spaCy never trims either), so this bounds the growth to about 300 MiB; a worker sees about
# 13 new words per short article (benchmarks/batch_memory.py).
VOCAB_GROWTH = 100_000
PLUGIN = "newsledger-models"


class ModelsPlugin(WorkerPlugin):
    """A Dask worker plugin that drops the worker's analyzer when the worker closes (threads
    of an in-process cluster would otherwise keep one per dead worker). The models are
    loaded on the first shard, not at setup, so that a failure to load them is a shard's
    rejection rather than a worker that never starts."""

    name = PLUGIN

    def setup(self, worker: Any) -> None:
        pass

    def teardown(self, worker: Any) -> None:
        _ANALYZERS.pop(str(worker.address), None)


def _worker_key() -> str:
    try:
        from distributed import get_worker

        return str(get_worker().address)
    except (ImportError, ValueError):  # not on a Dask worker: a serial run
        return "local"


def analyzer() -> Analyzer:
    """This worker's analyzer, built on first use, and built again (spaCy reloaded) once its
    vocabulary has grown by ``VOCAB_GROWTH`` entries: spaCy adds every new word it sees
    (names, numbers) to the vocabulary and never forgets one, so a long run would otherwise
    grow without bound."""
    key = _worker_key()
    engine = _ANALYZERS.get(key)
    if engine is None:
        engine = _ANALYZERS[key] = Analyzer()
    elif engine.vocabulary_growth > VOCAB_GROWTH:
        del _ANALYZERS[key]
        engine = None  # the old pipeline is freed before the new one loads
        engine = _ANALYZERS[key] = Analyzer(fresh_model=True)
    return engine


def _memory(engine: Analyzer) -> dict[str, Any]:
    """The worker's memory after a shard: resident now, peak so far (MiB), the size of
    spaCy's vocabulary (which grows with every new word seen), and the worker's address."""
    rss = psutil.Process().memory_info().rss / 2**20
    # ru_maxrss (KiB on Linux) is read after the RSS: other threads of the process may have
    # grown it in between, and the peak is never below what was just seen.
    peak = max(rss, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return {"worker": _worker_key(), "vocab": len(engine.nlp.vocab),
            "rss_mib": round(rss), "peak_rss_mib": round(peak)}


def shard_items(shard: Shard, max_bytes: int) -> Iterator[Page | Rejection]:
    items = iter_paths(shard.paths, max_bytes)
    if shard.kind == "records":
        return islice(items, shard.start, shard.stop)
    return items


def run_shard(shard: Shard, out: str, records: bool = False) -> dict[str, Any]:
    """Analyse one shard into ``out`` and mark it done; its counts and timing. With
    ``records``, the shard's records and rejections are also kept for the ledger loader."""
    began = time.perf_counter()
    folder = Path(out)
    clear_shard(folder, shard.id)
    engine = analyzer()
    partitions: defaultdict[str, Rows] = defaultdict(empty_rows)
    kept: list[Outcome] = []
    items = shard_items(shard, engine.settings.max_bytes)
    for outcome in engine.run(items):  # duplicates linked within the shard
        if outcome.analysis is not None:
            day = day_of(outcome.analysis.document.published)
            add_analysis(partitions[day], outcome.analysis, shard.id)
        elif outcome.rejection is not None:
            add_rejection(partitions[NO_DATE], outcome.rejection, shard.id)
        if records:
            kept.append(outcome)
    counts = write_parts(folder, shard.id, partitions)
    if records:
        from newsledger.distributed.ledger import write_records

        write_records(folder, shard.id, kept)
    info = {"shard": shard.id, "input": shard.describe(), "counts": counts,
            "seconds": round(time.perf_counter() - began, 3), **_memory(engine)}
    mark_done(folder, shard.id, info)
    return info
