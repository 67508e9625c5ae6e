"""``newsledger ingest`` killed with SIGKILL at seeded random points, then run again: every
document is in the ledger once, none lost, none duplicated, each rejection once, no orphan
rows, and SQLite's integrity, foreign-key and full-text checks pass (issue 10).

The input is real text: the seed, the page fixtures and the CASE 2021 snippets, each in
three versions (a different closing sentence, URL and publication day), as JSON Lines with
two bad lines that become rejections. Kills come two ways: from outside, at a random moment
once the first batch is stored; and from inside, at a random SQL statement (the process
SIGKILLs itself from SQLAlchemy's ``after_cursor_execute`` hook), so mid-transaction.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsledger.ingest.jsonl import iter_jsonl
from newsledger.records import Page
from tests.conftest import DATA, SEED

pytestmark = pytest.mark.slow

TEXTS = [SEED, *sorted((DATA / "pages").glob("*.txt"))]
REPORTS = DATA / "stories" / "reports.json"
VERSIONS = 3
BAD_LINES = {5: "{this line is not JSON", 23: json.dumps({"text": "   ", "url": "x"})}
# the children of ``documents``, each with the column that leads to its document
CHILDREN = {
    "entities": "SELECT e.id FROM entities e LEFT JOIN documents d ON d.id = e.document_id "
                "WHERE d.id IS NULL",
    "places": "SELECT p.id FROM places p LEFT JOIN documents d ON d.id = p.document_id "
              "WHERE d.id IS NULL",
    "claims": "SELECT c.id FROM claims c LEFT JOIN documents d ON d.id = c.document_id "
              "WHERE d.id IS NULL",
    "events": "SELECT e.id FROM events e LEFT JOIN documents d ON d.id = e.document_id "
              "WHERE d.id IS NULL",
    "mentions": "SELECT m.id FROM mentions m LEFT JOIN entities e ON e.id = m.entity_id "
                "WHERE e.id IS NULL",
    "figures": "SELECT f.id FROM figures f LEFT JOIN events e ON e.id = f.event_id "
               "WHERE e.id IS NULL",
}
# Run the CLI in this process, SIGKILLing it after the N-th SQL statement it executes.
KILL_AT_STATEMENT = """
import os, signal, sys
from sqlalchemy import event
from sqlalchemy.engine import Engine
left = int(os.environ["KILL_AFTER_STATEMENTS"])
@event.listens_for(Engine, "after_cursor_execute")
def _count(*_args):
    global left
    left -= 1
    if left <= 0:
        os.kill(os.getpid(), signal.SIGKILL)
from newsledger.cli import app
sys.argv = ["newsledger", *sys.argv[1:]]
app()
"""


def _texts() -> list[tuple[str, str | None]]:
    reports = json.loads(REPORTS.read_text(encoding="utf-8"))
    return ([(p.read_text(encoding="utf-8"), None) for p in TEXTS]
            + [(r["text"], r.get("published")) for r in reports.values()])


def write_input(path: Path) -> tuple[Path, int]:
    """The JSON Lines input and how many documents it holds."""
    lines: list[str] = []
    for version in range(VERSIONS):
        for n, (text, published) in enumerate(_texts()):
            changed = f"{text}\n\nThis account was revised {version + 1} times by its editors."
            lines.append(json.dumps({
                "text": changed, "url": f"https://example.org/{n}/v{version}",
                "published": published or f"2021-09-{1 + version:02d}T10:00:00"}))
    for line_number, bad in sorted(BAD_LINES.items()):
        lines.insert(line_number - 1, bad)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, len(lines) - len(BAD_LINES)


def _command(source: Path, db: Path, inline: bool = False) -> list[str]:
    start = ["-c", KILL_AT_STATEMENT] if inline else ["-m", "newsledger.cli"]
    return [sys.executable, *start, "ingest", str(source), "--db", str(db),
            "--batch-size", "4"]


def _documents(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as connection:
            return int(connection.execute("SELECT count(*) FROM documents").fetchone()[0])
    except sqlite3.OperationalError:  # not created yet, or busy
        return 0


def kill_from_outside(source: Path, db: Path, rng: random.Random) -> None:
    """Start an ingest and SIGKILL it a random moment after its first batch is stored."""
    child = subprocess.Popen(_command(source, db), stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    try:
        before = _documents(db)
        deadline = time.monotonic() + 60
        while _documents(db) <= before and time.monotonic() < deadline:
            if child.poll() is not None:
                pytest.fail("the ingest ended before it could be killed")
            time.sleep(0.01)
        time.sleep(rng.uniform(0.0, 1.5))
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()


def kill_from_inside(source: Path, db: Path, statements: int) -> int:
    child = subprocess.run(_command(source, db, inline=True), capture_output=True, text=True,
                           timeout=120, env={**os.environ, "KILL_AFTER_STATEMENTS":
                                             str(statements)})
    return child.returncode


def check_ledger(db: Path, source: Path, expected: int) -> None:
    pages = [p for p in iter_jsonl(source, 10**7) if isinstance(p, Page)]
    with sqlite3.connect(db) as connection:
        urls = [u for (u,) in connection.execute("SELECT url FROM documents")]
        assert len(urls) == len(set(urls)) == expected  # none lost, none duplicated
        assert set(urls) == {p.url for p in pages}
        rejected = [s for (s,) in connection.execute("SELECT source FROM rejections")]
        assert sorted(rejected) == sorted(f"{source}:{n}" for n in BAD_LINES)
        for table, orphans in CHILDREN.items():
            assert connection.execute(orphans).fetchall() == [], f"orphan {table}"
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        for fts in ("documents_fts", "claims_fts"):  # raises if the index is inconsistent
            connection.execute(f"INSERT INTO {fts}({fts}) VALUES ('integrity-check')")
        tree = connection.execute("SELECT count(*) FROM events_rtree").fetchone()[0]
        located = connection.execute(
            "SELECT count(*) FROM events WHERE lat IS NOT NULL").fetchone()[0]
        assert tree == located
        names = connection.execute(
            "SELECT count(*) FROM entities WHERE name NOT IN (SELECT name FROM names)")
        assert names.fetchone()[0] == 0


def test_ingest_killed_at_random_points_completes_on_rerun(  # type: ignore[no-untyped-def]
        tmp_path: Path, analyzer) -> None:
    source, expected = write_input(tmp_path / "news.jsonl")
    db = tmp_path / "ledger.db"
    rng = random.Random(10)
    kill_from_outside(source, db, rng)
    stored = _documents(db)
    assert 0 < stored < expected
    for _ in range(2):  # mid-transaction, at a random statement of the next batches
        code = kill_from_inside(source, db, rng.randint(40, 400))
        assert code == -signal.SIGKILL
        assert _documents(db) >= stored  # committed batches stay
        stored = _documents(db)
    kill_from_outside(source, db, rng)
    rerun = subprocess.run(_command(source, db), capture_output=True, text=True, timeout=120)
    assert rerun.returncode == 1, rerun.stderr  # 1: the two bad lines are rejections
    assert "already stored" in rerun.stderr
    check_ledger(db, source, expected)
