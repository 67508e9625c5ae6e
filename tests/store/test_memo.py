"""Stories kept between requests (``StoryMemo``) until the ledger's revision changes: the
two real Samangan reports of tests/data/stories (CASE 2021 snippets 258 and 617)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from newsledger.cli import app
from newsledger.records import Rejection
from newsledger.store import Filters, Ledger
from newsledger.store.memo import StoryMemo

REPORTS = Path(__file__).resolve().parents[1] / "data" / "stories" / "reports.json"
runner = CliRunner()


def _ingest(ledger_url: str, tmp_path: Path, name: str) -> None:
    report = json.loads(REPORTS.read_text(encoding="utf-8"))[name]
    path = tmp_path / f"{name}.jsonl"
    path.write_text(json.dumps({"text": report["text"], "outlet": report["outlet"],
                                "published": report["published"]}) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(path), "--db", ledger_url])
    assert result.exit_code == 0, result.output


def test_every_written_batch_bumps_the_revision(ledger: Ledger, seed) -> None:  # type: ignore[no-untyped-def]
    assert ledger.revision() == 0
    ledger.write([seed], [], "test")
    ledger.write([], [Rejection("broken.html", "no-article", "no text")], "test")
    assert ledger.revision() == 2


def test_stories_are_kept_until_another_process_writes(
        ledger_url: str, analyzer, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _ingest(ledger_url, tmp_path, "samangan-258")
    filters = Filters(since="2018-03-01", limit=100)
    with Ledger.open(ledger_url) as ledger:
        first = ledger.stories(filters)
        assert first and all(len(s.documents) == 1 for s in first)
        assert ledger.stories(filters) is first  # answered from the memo
        assert ledger.stories(Filters(since="2018-03-02", limit=100)) is not first
        _ingest(ledger_url, tmp_path, "samangan-617")  # the CLI: another connection
        again = ledger.stories(filters)
        assert again is not first
        assert any(len(s.documents) == 2 for s in again)


def test_the_memo_keeps_the_latest_answers_of_the_latest_revision() -> None:
    memo = StoryMemo(size=2)
    a, b, c = (Filters(since=f"2021-0{m}-01") for m in (1, 2, 3))
    for filters in (a, b, c):
        memo.put(filters, 1, ())
    assert memo.get(a, 1) is None and memo.get(c, 1) == ()  # the oldest answer went
    memo.put(a, 2, ())
    assert memo.get(b, 1) is None and memo.get(c, 1) is None and memo.get(a, 2) == ()
