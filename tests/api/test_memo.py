"""GET /api/stories: the stories stored in the ledger, or, while writes wait to be grouped,
grouped per request and kept (``AnswerMemo``) until the ledger's revision changes: the two
real Samangan reports of tests/data/stories (CASE 2021 snippets 258 and 617), the second
written by another connection while the server runs."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from newsledger.api.memo import AnswerMemo
from newsledger.cli import app
from newsledger.records import Page
from newsledger.store import Ledger
from tests.api.conftest import make_client

REPORTS = Path(__file__).resolve().parents[1] / "data" / "stories" / "reports.json"
runner = CliRunner()


def _page(name: str) -> Page:
    report = json.loads(REPORTS.read_text(encoding="utf-8"))[name]
    return Page(name, report["text"], "text", outlet=report["outlet"],
                published=report["published"])


def _ingest(ledger_url: str, tmp_path: Path, name: str) -> None:
    report = json.loads(REPORTS.read_text(encoding="utf-8"))[name]
    path = tmp_path / f"{name}.jsonl"
    path.write_text(json.dumps({"text": report["text"], "outlet": report["outlet"],
                                "published": report["published"]}) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(path), "--db", ledger_url])
    assert result.exit_code == 0, result.output


def test_stories_come_from_the_ledger_or_are_grouped_and_kept_until_the_next_write(
        fresh_url: str, analyzer, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _ingest(fresh_url, tmp_path, "samangan-258")  # ingest groups its stories at the end
    params = {"since": "2018-03-01", "min_reports": 1}
    with make_client(fresh_url, analyzer) as client:
        memo: AnswerMemo = client.app.state.story_memo  # type: ignore[attr-defined]
        first = client.get("/api/stories", params=params)
        assert first.status_code == 200
        assert first.headers["content-type"] == "application/json"
        stories = first.json()["items"]
        assert stories and all(len(s["documents"]) == 1 for s in stories)
        assert len(memo._found) == 0  # stored stories: nothing to keep
        alone = client.get(f"/api/stories/{stories[0]['id']}")
        assert alone.json() == stories[0] and alone.headers["x-stories-current"] == "true"
        with Ledger.open(fresh_url) as other:  # another process writes, groups nothing
            (outcome,) = analyzer.run([_page("samangan-617")])
            other.write([outcome.analysis], [], "test")
        grouped = client.get("/api/stories", params=params)
        assert any(len(s["documents"]) == 2 for s in grouped.json()["items"])
        assert len(memo._found) == 1  # grouped per request, kept until the next write
        assert client.get("/api/stories", params=params).content == grouped.content
        with Ledger.open(fresh_url) as other:
            assert other.refresh_stories().stories
        stored = client.get("/api/stories", params=params).json()["items"]
        assert ({tuple(s["events"]) for s in stored}
                == {tuple(s["events"]) for s in grouped.json()["items"]})
        joined = next(s for s in stored if len(s["documents"]) == 2)
        assert client.get(f"/api/stories/{joined['id']}").json() == joined
        merged = next(s for s in stories if set(s["events"]) < set(joined["events"]))
        gone = client.get(f"/api/stories/{merged['id']}")  # its events are in `joined` now
        assert gone.status_code == 404 and gone.json()["detail"]["current"] is True


def test_the_memo_keeps_the_latest_answers_of_the_latest_revision() -> None:
    memo = AnswerMemo(size=2)
    for month in (1, 2, 3):
        memo.put(("since", month), 1, b"[%d]" % month)
    assert memo.get(("since", 1), 1) is None  # the oldest answer went
    assert memo.get(("since", 3), 1) == b"[3]"
    memo.put(("since", 1), 2, b"[1]")
    assert memo.get(("since", 2), 1) is None and memo.get(("since", 3), 1) is None
    assert memo.get(("since", 1), 2) == b"[1]"
