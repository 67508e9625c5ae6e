"""A batch run: plan shards, skip the finished ones, run the rest on a Dask cluster.

The cluster is a ``LocalCluster`` of ``workers`` processes with one thread each (the models
are not shared between threads), or any scheduler by ``address`` (then ``out`` must be a
folder every worker can write, e.g. a shared file system). Shards are submitted as futures
and collected with ``distributed.as_completed``, so the progress bar moves as each finishes.
A shard that fails as a whole (an exception, a worker that died) becomes one rejection row
and the others go on.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsledger.distributed import DEFAULT_MEMORY_LIMIT
from newsledger.distributed.ledger import LedgerLoader, LoadCounts
from newsledger.distributed.output import check_plan, forget_done, read_done, write_failure
from newsledger.distributed.shards import Shard, plan_shards
from newsledger.distributed.worker import PLUGIN, ModelsPlugin, run_shard

Progress = Callable[[Shard, dict[str, Any] | None], None]

# A local worker past 95% of its memory limit is restarted by its nanny (its shard is retried,
# then rejected); it is never paused (a paused worker whose memory the allocator keeps would
# wait forever) and holds no data to spill.
WORKER_MEMORY = {"distributed.worker.memory.target": False,
                 "distributed.worker.memory.spill": False,
                 "distributed.worker.memory.pause": False,
                 "distributed.worker.memory.terminate": 0.95}


@dataclass
class BatchReport:
    """What a run did: shards planned, skipped (done before), run now, failed; row counts
    over every finished shard of the output folder."""

    planned: int = 0
    skipped: int = 0
    ran: int = 0
    failed: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    ledger: LoadCounts | None = None

    @property
    def rejected(self) -> int:
        return self.counts.get("rejections", 0) + len(self.failed)


@dataclass(frozen=True)
class ClusterSpec:
    """A local cluster of ``workers`` processes (threads when ``processes`` is false, for
    tests), or the scheduler at ``address``."""

    workers: int = 2
    address: str | None = None
    processes: bool = True
    memory_limit: str = DEFAULT_MEMORY_LIMIT


def pending_shards(inputs: Sequence[str], out: Path, size: int,
                   db: str | None = None) -> tuple[list[Shard], int]:
    """The shards still to run, and how many were planned in all. With ``db``, a finished
    shard that is not in that ledger and whose records are gone is to run again."""
    shards = plan_shards(inputs, size)
    check_plan(out, {"inputs": list(inputs), "shard_size": size})
    done = set(read_done(out))
    if db is not None:
        loader = LedgerLoader(out, db)
        try:
            for shard_id, loadable in loader.unloaded(sorted(done)):
                if not loadable:
                    forget_done(out, shard_id)
                    done.discard(shard_id)
        finally:
            loader.close()
    return [s for s in shards if s.id not in done], len(shards)


def run_batch(inputs: Sequence[str], out: Path, size: int, cluster: ClusterSpec,
              progress: Progress | None = None, db: str | None = None) -> BatchReport:
    """Run every unfinished shard of ``inputs`` into ``out`` (and the ledger ``db``)."""
    todo, planned = pending_shards(inputs, out, size, db)
    return run_pending(todo, planned, out, cluster, progress, db)


def run_pending(todo: list[Shard], planned: int, out: Path, cluster: ClusterSpec,
                progress: Progress | None = None, db: str | None = None) -> BatchReport:
    """Run the shards ``todo`` (of ``planned`` in all) into ``out``; with ``db``, load each
    finished shard into that ledger as it comes (and first any left unloaded by a crash)."""
    began = time.perf_counter()
    report = BatchReport(planned=planned, skipped=planned - len(todo))
    loader = LedgerLoader(out, db) if db is not None else None
    try:
        if loader is not None:
            for shard_id, _ in loader.unloaded(sorted(read_done(out))):
                loader.load(shard_id)
        if todo:
            with _client(cluster) as client:
                _collect(client, todo, out, report, progress, loader)
        if loader is not None:
            loader.counts.stories = loader.ledger.refresh_stories().stories
    finally:
        if loader is not None:
            loader.close()
            report.ledger = loader.counts
    report.counts = _totals(out)
    report.seconds = time.perf_counter() - began
    return report


def _collect(client: Any, todo: list[Shard], out: Path, report: BatchReport,
             progress: Progress | None, loader: LedgerLoader | None) -> None:
    from distributed import as_completed

    client.register_plugin(ModelsPlugin(), name=PLUGIN)
    records = loader is not None
    futures = {client.submit(run_shard, shard, str(out), records, key=f"shard-{shard.id}",
                             pure=False): shard for shard in todo}
    for future in as_completed(futures):  # type: ignore[no-untyped-call]
        shard = futures[future]
        info: dict[str, Any] | None = None
        try:
            info = future.result()
            report.ran += 1
        except Exception as exc:  # the shard as a whole failed; the others go on
            detail = (f"the shard ({shard.describe()}) failed with {type(exc).__name__}: "
                      f"{exc}; rerun the batch to try it again")
            write_failure(out, shard.id, shard.describe(), detail)
            report.failed.append(shard.id)
        if info is not None and loader is not None:
            loader.load(shard.id)
        if progress is not None:
            progress(shard, info)


def _client(cluster: ClusterSpec) -> Any:
    import dask
    from distributed import Client, LocalCluster

    if cluster.address:
        return Client(cluster.address)  # type: ignore[no-untyped-call]
    with dask.config.set(WORKER_MEMORY):
        local = LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=cluster.workers, threads_per_worker=1, processes=cluster.processes,
            dashboard_address=None, memory_limit=cluster.memory_limit)
    return _OwnedClient(Client(local), local)  # type: ignore[no-untyped-call]


class _OwnedClient:
    """A client that closes its local cluster with it."""

    def __init__(self, client: Any, cluster: Any) -> None:
        self.client, self.cluster = client, cluster

    def __enter__(self) -> Any:
        return self.client

    def __exit__(self, *exc: object) -> None:
        self.client.close()
        self.cluster.close()


def _totals(out: Path) -> dict[str, int]:
    totals: dict[str, int] = {}
    for info in read_done(out).values():
        for table, count in info.get("counts", {}).items():
            totals[table] = totals.get(table, 0) + int(count)
    return totals
