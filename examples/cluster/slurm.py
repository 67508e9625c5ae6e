"""``newsledger batch`` on a SLURM cluster, its workers started as SLURM jobs by dask-jobqueue.

    pip install dask-jobqueue
    python examples/cluster/slurm.py /shared/crawl/ --out /shared/out --jobs 16 [--db URL]

Run it on a login node; ``/shared`` must be a file system that every compute node mounts
(inputs and ``--out``). Each SLURM job is one worker process with one thread (newsledger's
models are loaded once per worker and not shared between threads) and 3 GiB, which a worker's
measured peak stays well under; ``memory`` is also the worker's limit, past 95% of which it
is restarted. The run is resumable like ``newsledger batch``: submit the same command again
after a crash or a lost allocation. ``--db`` loads the results into a ledger from this
process (use PostgreSQL, or a SQLite file on a local disk).

Equivalent without this script: start the cluster yourself and pass its address to the CLI,
``newsledger batch /shared/crawl/ --out /shared/out --scheduler tcp://HOST:8786``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from dask_jobqueue import SLURMCluster

from newsledger.distributed import DEFAULT_MEMORY_LIMIT
from newsledger.distributed.runner import BatchReport, ClusterSpec, run_batch


def cluster(jobs: int, queue: str, walltime: str) -> SLURMCluster:
    """``jobs`` SLURM jobs of one single-threaded worker each."""
    slurm = SLURMCluster(
        queue=queue,
        cores=1,  # threads per job: one, the models are not shared between threads
        processes=1,  # worker processes per job
        memory=DEFAULT_MEMORY_LIMIT,  # the job's memory and the worker's limit
        walltime=walltime,  # each job's script: sbatch -n 1 --cpus-per-task=1 --mem=3G, and
        # dask worker --nthreads 1 --memory-limit 3.00GiB (checked with dask-jobqueue 0.9.0)
        local_directory="$TMPDIR",
        log_directory="newsledger-dask-logs",
    )
    slurm.scale(jobs=jobs)
    return slurm


def main(argv: list[str] | None = None) -> BatchReport:
    parser = argparse.ArgumentParser(description="newsledger batch on SLURM (dask-jobqueue)")
    parser.add_argument("inputs", nargs="+")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--jobs", type=int, default=16)
    parser.add_argument("--queue", default="cpu")
    parser.add_argument("--walltime", default="04:00:00")
    parser.add_argument("--shard-size", type=int, default=100)
    parser.add_argument("--db", default=None)
    args = parser.parse_args(argv)
    with cluster(args.jobs, args.queue, args.walltime) as slurm:
        report = run_batch(args.inputs, args.out, args.shard_size,
                           ClusterSpec(address=slurm.scheduler_address), db=args.db)
    print(f"{report.counts.get('documents', 0)} documents, {report.rejected} rejections, "
          f"{len(report.failed)} failed shards in {report.seconds:.0f} s")
    return report


if __name__ == "__main__":
    main()
