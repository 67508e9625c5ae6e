"""GET /api/stories kept between requests (``AnswerMemo``) until the ledger's revision
changes: the two real Samangan reports of tests/data/stories (CASE 2021 snippets 258 and 617),
the second written by another connection (the CLI) while the server runs."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from newsledger.api.memo import AnswerMemo
from newsledger.cli import app
from tests.api.conftest import make_client

REPORTS = Path(__file__).resolve().parents[1] / "data" / "stories" / "reports.json"
runner = CliRunner()


def _ingest(ledger_url: str, tmp_path: Path, name: str) -> None:
    report = json.loads(REPORTS.read_text(encoding="utf-8"))[name]
    path = tmp_path / f"{name}.jsonl"
    path.write_text(json.dumps({"text": report["text"], "outlet": report["outlet"],
                                "published": report["published"]}) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(path), "--db", ledger_url])
    assert result.exit_code == 0, result.output


def test_stories_are_kept_until_another_process_writes(
        fresh_url: str, analyzer, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _ingest(fresh_url, tmp_path, "samangan-258")
    params = {"since": "2018-03-01", "min_reports": 1}
    with make_client(fresh_url, analyzer) as client:
        memo: AnswerMemo = client.app.state.story_memo  # type: ignore[attr-defined]
        first = client.get("/api/stories", params=params)
        assert first.status_code == 200
        assert first.headers["content-type"] == "application/json"
        stories = first.json()["items"]
        assert stories and all(len(s["documents"]) == 1 for s in stories)
        assert len(memo._found) == 1
        assert client.get("/api/stories", params=params).content == first.content
        assert len(memo._found) == 1  # the same answer, from the memo
        _ingest(fresh_url, tmp_path, "samangan-617")  # the CLI: another connection
        again = client.get("/api/stories", params=params).json()["items"]
        assert any(len(s["documents"]) == 2 for s in again)


def test_the_memo_keeps_the_latest_answers_of_the_latest_revision() -> None:
    memo = AnswerMemo(size=2)
    for month in (1, 2, 3):
        memo.put(("since", month), 1, b"[%d]" % month)
    assert memo.get(("since", 1), 1) is None  # the oldest answer went
    assert memo.get(("since", 3), 1) == b"[3]"
    memo.put(("since", 1), 2, b"[1]")
    assert memo.get(("since", 2), 1) is None and memo.get(("since", 3), 1) is None
    assert memo.get(("since", 1), 2) == b"[1]"
