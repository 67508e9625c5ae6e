"""``newsledger batch``: shards, Parquet tables partitioned by date, rejections, and a run
killed with SIGKILL and resumed with no loss and no duplicates (issue 9).

The input is real article texts (the seed and the page fixtures) repeated with a changed
last paragraph and publication day, as JSON Lines, with one bad line among them.
"""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsledger.distributed import worker
from newsledger.distributed.output import read_done
from newsledger.distributed.runner import ClusterSpec, run_batch
from newsledger.distributed.shards import Shard, plan_shards
from newsledger.distributed.worker import shard_items
from newsledger.errors import NewsledgerError
from newsledger.ingest.paths import iter_paths
from tests.conftest import DATA, SEED

TEXTS = [SEED, *sorted((DATA / "pages").glob("*.txt"))]
BAD_LINE = 7  # 1-based line number of the line that is not JSON


def write_jsonl(path: Path, count: int) -> Path:
    """``count`` real articles, each slightly changed, and one bad line at ``BAD_LINE``."""
    lines = []
    for i in range(count):
        text = TEXTS[i % len(TEXTS)].read_text(encoding="utf-8")
        text += f"\n\nThis report was updated {i + 1} times since it was first published."
        lines.append(json.dumps({"text": text, "url": f"https://example.org/news/{i}",
                                 "published": f"2021-09-{1 + i % 3:02d}T10:00:00"}))
    lines.insert(BAD_LINE - 1, "{this is not json")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def table(out: Path, name: str) -> list[dict[str, object]]:
    return pq.read_table(out / name).to_pylist()  # type: ignore[no-any-return]


def leftovers(out: Path) -> list[Path]:
    """Temporary files, and parts of shards that have no ``_done`` marker."""
    done = read_done(out)
    temps = [p for p in out.rglob("*") if p.name.endswith(".tmp")]
    orphans = [p for p in out.rglob("part-*.parquet")
               if p.stem.removeprefix("part-") not in done]
    return temps + orphans


def test_shards_split_archives_by_record_ranges_with_stable_ids(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "news.jsonl", 10)  # 11 lines
    shards = plan_shards([str(source)], 4)
    assert [(s.start, s.stop) for s in shards] == [(0, 4), (4, 8), (8, None)]
    assert [s.id for s in plan_shards([str(source)], 4)] == [s.id for s in shards]
    assert len({s.id for s in shards}) == 3
    pages = plan_shards([str(DATA / "pages"), str(tmp_path / "missing.txt")], 4)
    assert [len(s.paths) for s in pages] == [4, 2, 1]  # 6 pages in 2 shards, then the missing
    assert all(s.kind == "files" for s in pages)


def write_warc(path: Path, count: int) -> Path:
    """A gzipped WARC of ``count`` HTML responses of the seed text, each with a request."""
    body = SEED.read_text(encoding="utf-8").replace("\n\n", "</p><p>")
    with path.open("wb") as raw:
        writer = WARCWriter(raw, gzip=True)
        for i in range(count):
            url = f"https://example.org/news/{i}"
            html = f"<html><body><article><p>{body} ({i})</p></article></body></html>"
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")],
                                       protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "request"))
            writer.write_record(writer.create_warc_record(
                url, "response", payload=io.BytesIO(html.encode("utf-8")),
                http_headers=headers))
    return path


def test_warc_shards_cover_every_record_once(tmp_path: Path) -> None:
    archive = write_warc(tmp_path / "crawl.warc.gz", 7)
    shards = plan_shards([str(archive)], 3)
    assert [(s.start, s.stop) for s in shards] == [(0, 3), (3, 6), (6, None)]
    whole = [item.source for item in iter_paths([archive], 10**6)]
    parts = [item.source for s in shards for item in shard_items(s, 10**6)]
    assert parts == whole and len(whole) == 7


def test_batch_writes_every_table_partitioned_by_date(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "news.jsonl", 40)
    out = tmp_path / "out"
    report = run_batch([str(source)], out, 10, ClusterSpec(workers=1, processes=False))
    assert (report.planned, report.ran, report.failed) == (5, 5, [])
    documents = table(out, "documents")
    rejections = table(out, "rejections")
    assert len(documents) == 41 - len(rejections) == 40
    assert [(r["source"], r["reason"]) for r in rejections] == [
        (f"{source}:{BAD_LINE}", "bad-record")]
    assert {d["date"] for d in documents} <= {"2021-09-01", "2021-09-02", "2021-09-03",
                                              "2022-03-14", "2021-10-16", "2021-09-05"}
    assert all(d["published"].startswith(d["date"]) for d in documents)
    ids = {d["document_id"] for d in documents}
    for name in ("entities", "places", "claims", "events"):
        rows = table(out, name)
        assert rows and {r["document_id"] for r in rows} <= ids, name
    assert table(out, "figures")
    assert report.rejected == 1 and report.counts["documents"] == 40
    again = run_batch([str(source)], out, 10, ClusterSpec(workers=1, processes=False))
    assert (again.ran, again.skipped) == (0, 5)
    assert len(table(out, "documents")) == 40 and not leftovers(out)


def test_a_shard_that_fails_becomes_one_rejection_row(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> None:
        raise NewsledgerError("the models could not be loaded")

    monkeypatch.setattr(worker, "analyzer", broken)
    out = tmp_path / "out"
    report = run_batch([str(SEED)], out, 10, ClusterSpec(workers=1, processes=False))
    shard = Shard("files", (str(SEED),))
    assert report.failed == [shard.id] and report.rejected == 1
    [row] = table(out, "rejections")
    assert row["reason"] == "shard-failed" and row["shard"] == shard.id
    assert "could not be loaded" in str(row["detail"]) and not read_done(out)


def test_batch_runs_on_a_scheduler_given_by_address(tmp_path: Path) -> None:
    from distributed import LocalCluster

    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                      dashboard_address=None) as cluster:
        spec = ClusterSpec(address=cluster.scheduler_address)
        report = run_batch([str(SEED)], tmp_path / "out", 10, spec)
    assert (report.ran, report.rejected) == (1, 0)
    [document] = table(tmp_path / "out", "documents")
    assert document["date"] == "2021-09-03" and document["source"] == str(SEED)


def _batch_command(source: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "newsledger.cli", "batch", str(source), "--out", str(out),
            "--workers", "1", "--shard-size", "4"]


def test_a_killed_batch_resumes_without_loss_or_duplicates(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "news.jsonl", 23)  # 24 lines: 6 shards of 4
    out = tmp_path / "out"
    first = subprocess.Popen(_batch_command(source, out), start_new_session=True,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while not read_done(out) and time.monotonic() < deadline:
            time.sleep(0.02)
    finally:
        os.killpg(first.pid, signal.SIGKILL)  # the CLI and its worker processes
        first.wait()
    finished = len(read_done(out))
    assert 1 <= finished < 6
    second = subprocess.run(_batch_command(source, out), capture_output=True, text=True,
                            timeout=120)
    assert second.returncode == 1, second.stderr  # 1: the bad line is a rejection
    assert f"{finished} already done" in second.stderr
    sources = [d["source"] for d in table(out, "documents")]
    expected = {f"{source}:{n}" for n in range(1, 25) if n != BAD_LINE}
    assert len(sources) == len(set(sources)) == 23 and set(sources) == expected
    assert len(table(out, "rejections")) == 1
    assert len(read_done(out)) == 6 and not leftovers(out)
