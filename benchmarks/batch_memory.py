"""Worker memory over a long ``newsledger batch`` run: is it bounded, and is it flat?

    python benchmarks/batch_memory.py --data /work/shared/bench/extraction [--documents N]
        [--workers W] [--shard-size S] [--memory-limit 3GiB]

The input is N documents (4,000 by default) made of the extraction benchmark's real article
bodies: each document is one to three of their paragraphs, picked by a seeded generator, with
every number shifted by the document's index (new number strings, as real news has, which is
what makes a vocabulary grow) and its own URL, as JSON Lines. It runs on a local cluster of W
worker processes (2 by default), with the batch's own settings and memory limit.

Each shard's ``_done`` record carries the worker's memory when it finished the shard
(``newsledger.distributed.worker``): resident set size now (psutil), peak so far
(``ru_maxrss``) and the size of spaCy's vocabulary. The table gives, per worker, those figures
after its first shard (the baseline: models loaded, one shard analysed) and when 10%, 50% and
100% of all shards were done, and the growth from the baseline to the end.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import tempfile
import time
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from newsledger.distributed import DEFAULT_MEMORY_LIMIT
from newsledger.distributed.runner import ClusterSpec, run_batch

_NUMBER = re.compile(r"\b\d+\b")
MARKS = (0.1, 0.5, 1.0)


def paragraphs(data: Path) -> list[str]:
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    bodies = ((truth[sha].get("articleBody") or "") for sha in sorted(truth))
    return [p.strip() for body in bodies for p in body.split("\n") if len(p.split()) >= 15]


def write_input(path: Path, data: Path, count: int) -> int:
    """``count`` documents as JSON Lines; the number of words in all."""
    pool = paragraphs(data)
    words = 0
    with path.open("w", encoding="utf-8") as handle:
        for i in range(count):
            rng = random.Random(i)
            text = "\n\n".join(rng.sample(pool, rng.randint(1, 3)))
            text = _NUMBER.sub(lambda m: str(int(m.group(0)) + i), text)  # noqa: B023
            words += len(text.split())
            handle.write(json.dumps({"text": text, "url": f"https://example.org/{i}"}) + "\n")
    return words


def collect(shard: Any, info: dict[str, Any] | None, log: list[dict[str, Any]]) -> None:
    if info is not None:
        log.append(info)


def at_marks(log: list[dict[str, Any]]) -> dict[str, list[dict[str, Any] | None]]:
    """Per worker: its record after its first shard, then its latest record when 10%, 50%
    and 100% of the shards were done."""
    marks: dict[str, list[dict[str, Any] | None]] = {}
    for worker in sorted({str(info["worker"]) for info in log}):
        mine = [(n, info) for n, info in enumerate(log, 1) if info["worker"] == worker]
        row: list[dict[str, Any] | None] = [mine[0][1]]
        for mark in MARKS:
            upto = [info for n, info in mine if n <= max(1, round(mark * len(log)))]
            row.append(upto[-1] if upto else None)
        marks[worker] = row
    return marks


def report(log: list[dict[str, Any]], title: str) -> Table:
    table = Table(title=title)
    for column in ("worker", "after", "shards done", "RSS MiB", "peak RSS MiB",
                   "spaCy vocab"):
        table.add_column(column, justify="left" if column in ("worker", "after") else "right")
    order = {id(info): n for n, info in enumerate(log, 1)}
    for worker, row in at_marks(log).items():
        for label, info in zip(("its 1st shard", "10%", "50%", "100%"), row, strict=True):
            if info is None:
                table.add_row(worker, label, "-", "-", "-", "-")
                continue
            table.add_row(worker, label, str(order[id(info)]), str(info["rss_mib"]),
                          str(info["peak_rss_mib"]), f"{info['vocab']:,}")
        first, last = row[0], row[-1]
        if first is not None and last is not None:
            table.add_row(worker, "growth 1st -> 100%", "",
                          f"{last['rss_mib'] - first['rss_mib']:+d}",
                          f"{last['peak_rss_mib'] - first['peak_rss_mib']:+d}",
                          f"{last['vocab'] - first['vocab']:+,}")
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("/work/shared/bench/extraction"))
    parser.add_argument("--documents", type=int, default=4000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--shard-size", type=int, default=50)
    parser.add_argument("--memory-limit", default=DEFAULT_MEMORY_LIMIT)
    args = parser.parse_args()
    log: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "news.jsonl"
        words = write_input(source, args.data, args.documents)
        began = time.perf_counter()
        result = run_batch([str(source)], Path(tmp) / "out", args.shard_size,
                           ClusterSpec(workers=args.workers, memory_limit=args.memory_limit),
                           lambda shard, info: collect(shard, info, log))
        seconds = time.perf_counter() - began
    console = Console(width=110)
    console.print(report(log, f"Worker memory over {args.documents:,} documents ({words:,} "
                              f"words), {len(log)} shards of {args.shard_size}, "
                              f"{args.workers} workers, limit {args.memory_limit}"))
    docs = result.counts.get("documents", 0)
    console.print(f"{docs:,} documents, {result.rejected} rejections, {len(result.failed)} "
                  f"failed shards in {seconds:.0f} s ({docs / seconds:.1f} documents/s)")


if __name__ == "__main__":
    main()
