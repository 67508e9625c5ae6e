"""``newsledger batch`` killed with SIGKILL and run again (issues 9 and 10): 10,000 generated
documents on 2 workers killed halfway, and a smaller run into a ledger (1 worker) killed at
several seeded random moments. After the last run every input line is exactly once in the
documents or the rejections table, no Parquet file is partial or corrupt, and the ledger
holds each document once and passes SQLite's integrity check.

Both tests run the real CLI in its own process group, so that the kill takes the client and
its Dask worker processes at once, as a crash or an out-of-memory kill would.
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from newsledger.distributed.output import read_done
from tests.distributed.generated_news import write_news
from tests.distributed.test_batch import leftovers
from tests.distributed.test_batch_ledger import ledger_state


def batch_command(source: Path, out: Path, shard_size: int, *extra: str) -> list[str]:
    return [sys.executable, "-m", "newsledger.cli", "batch", str(source), "--out", str(out),
            "--shard-size", str(shard_size), *extra]


def run_env() -> dict[str, str]:
    """The environment of a run, read when it starts (the session's cache folder included):
    what is tested is the crash and the resume, not the typing, so the events are typed by
    the parse model alone, sparing the MiniLM reader's share of the analysis (about a
    quarter on these short generated texts) in CI's limited time."""
    return {**os.environ, "NEWSLEDGER_EVENT_VECTORS": "0"}


def start(command: list[str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(command, start_new_session=True, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, env=run_env())


def kill(process: subprocess.Popen[bytes]) -> None:
    """SIGKILL the whole process group, and wait until none of it is left."""
    with contextlib.suppress(ProcessLookupError):  # it may have finished already
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            os.killpg(process.pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)
    raise AssertionError("processes of the killed run are still running")


def wait_for_shards(out: Path, count: int, process: subprocess.Popen[bytes]) -> None:
    """Wait until ``count`` shards are done (killing the run if it takes far too long)."""
    deadline = time.monotonic() + 300
    while len(read_done(out)) < count:
        if process.poll() is not None or time.monotonic() > deadline:
            kill(process)
            raise AssertionError(f"the batch stopped or stalled before {count} shards")
        time.sleep(0.02)


def finish(command: list[str], timeout: float) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                          env=run_env())
    assert done.returncode in (0, 1), done.stderr  # 1: some documents were rejected
    return done


def check_output(out: Path, source: Path, lines: int, shards: int) -> tuple[int, int]:
    """Every input line once in documents or rejections, no duplicate, every part whole."""
    parts = sorted(out.rglob("*.parquet"))
    for part in parts:  # each file on its own: a truncated one raises here
        pq.read_metadata(part)
    documents = pq.read_table(out / "documents", columns=["source", "url"]).to_pylist()
    rejections = pq.read_table(out / "rejections", columns=["source", "reason"]).to_pylist()
    seen = Counter(str(row["source"]) for row in documents + rejections)
    assert [s for s, n in seen.items() if n > 1] == []
    assert set(seen) == {f"{source}:{n}" for n in range(1, lines + 1)}
    assert len({row["url"] for row in documents}) == len(documents)
    assert all(r["reason"] != "shard-failed" for r in rejections)
    assert len(read_done(out)) == shards and not leftovers(out)
    return len(documents), len(rejections)


@pytest.mark.slow
def test_ten_thousand_documents_killed_halfway_resume_without_loss(tmp_path: Path) -> None:
    source = write_news(tmp_path / "news.jsonl", 10_000)
    out = tmp_path / "out"
    command = batch_command(source, out, 250, "--workers", "2")  # 40 shards
    stop_after = random.Random(9).randint(12, 28)
    first = start(command)
    wait_for_shards(out, stop_after, first)
    kill(first)
    finished = len(read_done(out))
    assert stop_after <= finished < 40
    second = finish(command, timeout=300)
    assert f"40 shards, {finished} already done" in second.stderr
    documents, rejections = check_output(out, source, 10_000, 40)
    assert documents > 9_000 and documents + rejections == 10_000


@pytest.mark.slow
def test_batch_into_a_ledger_killed_at_random_moments(tmp_path: Path) -> None:
    source = write_news(tmp_path / "news.jsonl", 160, seed=10)
    out, db = tmp_path / "out", tmp_path / "ledger.db"
    command = batch_command(source, out, 8, "--workers", "1", "--db", str(db))  # 20 shards
    rng = random.Random(10)
    run = start(command)  # killed while starting up
    time.sleep(rng.uniform(0.5, 3.0))
    kill(run)
    progress = []
    for target in sorted(rng.sample(range(2, 18), 3)):  # then after some shards, somewhere
        run = start(command)  # in the next shard's analysis, writing or loading
        wait_for_shards(out, target, run)
        time.sleep(rng.uniform(0.0, 0.5))
        kill(run)
        progress.append(len(read_done(out)))
    finish(command, timeout=180)
    documents, rejections = check_output(out, source, 160, 20)
    assert ledger_state(db) == (documents, rejections, ["ok"])
    assert progress == sorted(progress) and progress[0] < 20, progress  # killed mid-run
