"""``newsledger batch --db``: the results also go into a ledger, loaded by the client shard by
shard, and neither a rerun nor a crash between the ledger's commit and the shard's marker
writes anything twice (issue 9)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from newsledger.distributed.ledger import LedgerLoader, read_records
from newsledger.distributed.output import records_path
from newsledger.distributed.runner import ClusterSpec, run_batch
from newsledger.distributed.shards import plan_shards
from newsledger.distributed.worker import run_shard
from newsledger.store import Filters, Ledger
from newsledger.store.ledger_writer import PIPELINE_VERSION
from tests.distributed.test_batch import BAD_LINE, table, write_jsonl

LOCAL = ClusterSpec(workers=1, processes=False)


def ledger_state(db: Path) -> tuple[int, int, list[str]]:
    """Documents and rejections in the ledger, and SQLite's integrity check."""
    with Ledger.open(str(db)) as ledger:
        counts = ledger.count("documents"), ledger.count("rejections")
    with sqlite3.connect(db) as connection:
        check = [row[0] for row in connection.execute("PRAGMA integrity_check")]
    return counts[0], counts[1], check


def test_batch_loads_every_shard_into_the_ledger_once(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "news.jsonl", 11)  # 12 lines: 3 shards of 4
    out, db = tmp_path / "out", tmp_path / "ledger.db"
    report = run_batch([str(source)], out, 4, LOCAL, db=str(db))
    assert report.ledger is not None
    assert (report.ledger.shards, report.ledger.added, report.ledger.rejected) == (3, 11, 1)
    assert ledger_state(db) == (11, 1, ["ok"])
    with Ledger.open(str(db)) as ledger:
        assert report.ledger.stories > 0  # grouped once, at the end of the run
        assert ledger.story_bodies(Filters(limit=1000)) is not None  # current
        [rejection] = ledger.rejections()
        first = table(out, "documents")[0]
        stored = ledger.document(str(first["document_id"]))
    assert rejection.source == f"{source}:{BAD_LINE}" and rejection.reason == "bad-record"
    assert stored is not None and stored["document"]["url"] == first["url"]
    assert not list((out / "_records").glob("*"))  # loaded, so no longer kept
    again = run_batch([str(source)], out, 4, LOCAL, db=str(db))
    assert again.ran == 0 and again.ledger is not None and again.ledger.shards == 0
    assert ledger_state(db) == (11, 1, ["ok"])


def test_a_batch_run_without_db_is_analysed_again_for_the_ledger(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "news.jsonl", 7)  # 8 lines: 2 shards of 4
    out, db = tmp_path / "out", tmp_path / "ledger.db"
    run_batch([str(source)], out, 4, LOCAL)
    report = run_batch([str(source)], out, 4, LOCAL, db=str(db))
    assert (report.ran, report.skipped) == (2, 0)  # no records kept: the shards ran again
    assert ledger_state(db) == (7, 1, ["ok"])
    assert len(table(out, "documents")) == 7  # and the Parquet parts were replaced, not added


def test_a_crash_after_the_commit_before_the_marker_duplicates_nothing(
        tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "news.jsonl", 7)
    out, db = tmp_path / "out", tmp_path / "ledger.db"
    shards = plan_shards([str(source)], 4)
    for shard in shards:  # finished by workers; the client died before loading them ...
        run_shard(shard, str(out), records=True)
    analyses, rejections = read_records(records_path(out, shards[0].id))
    with Ledger.open(str(db)) as ledger:  # ... after committing the first, before its marker
        ledger.write(analyses, rejections, PIPELINE_VERSION)
    assert ledger_state(db)[:2] == (4, 0)
    report = run_batch([str(source)], out, 4, LOCAL, db=str(db))
    assert report.ran == 0 and report.ledger is not None
    assert (report.ledger.shards, report.ledger.added, report.ledger.replaced) == (2, 3, 4)
    assert ledger_state(db) == (7, 1, ["ok"])
    loader = LedgerLoader(out, str(db))
    try:
        assert loader.loaded() == {s.id for s in shards}
    finally:
        loader.close()
