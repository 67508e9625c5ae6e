"""Stories from the ledger: two real reports of the Taliban attacks in Samangan (CASE 2021
snippets 258 and 617, see tests/data/stories/README.md) ingested as JSON Lines with their
outlets and dates, read back from the database and grouped into one story."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from newsledger.cli import app
from newsledger.record_codec import analysis_from_dict
from newsledger.store import Filters, Ledger

REPORTS = Path(__file__).resolve().parents[1] / "data" / "stories" / "reports.json"
runner = CliRunner()


def _jsonl(tmp_path: Path, *names: str) -> Path:
    reports = json.loads(REPORTS.read_text(encoding="utf-8"))
    path = tmp_path / "reports.jsonl"
    lines = [json.dumps({"text": reports[n]["text"], "outlet": reports[n]["outlet"],
                         "published": reports[n]["published"], "url": f"https://example.org/{n}"})
             for n in names]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_two_stored_reports_make_one_story_with_its_range_and_update(
        ledger_url: str, analyzer, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source = _jsonl(tmp_path, "garissa-750", "garissa-962")
    assert runner.invoke(app, ["ingest", str(source), "--db", ledger_url]).exit_code == 0
    with Ledger.open(ledger_url) as ledger:
        stories = [s for s in ledger.stories(Filters(since="2015-03-01", limit=100))
                   if len(s.documents) == 2]
    story = next(s for s in stories if any(r.kind == "killed" for r in s.ranges))
    killed = next(r for r in story.ranges if r.kind == "killed")
    assert killed.best == 10 and killed.reason  # the police's later count
    assert any("rising" in u.detail for u in story.updates)
    result = runner.invoke(app, ["stories", "--db", ledger_url, "--format", "json"])
    assert result.exit_code == 0, result.output
    printed = next(p for p in json.loads(result.stdout) if p["id"] == story.id)
    assert sorted(printed["outlets"]) == ["CASE 2021 snippet 750", "CASE 2021 snippet 962"]
    table = runner.invoke(app, ["stories", "--db", ledger_url])
    assert table.exit_code == 0 and "killed" in table.stdout


def test_a_time_filter_outside_the_reports_gives_no_story(
        ledger_url: str, analyzer, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source = _jsonl(tmp_path, "samangan-258", "samangan-617")
    runner.invoke(app, ["ingest", str(source), "--db", ledger_url])
    with Ledger.open(ledger_url) as ledger:
        assert ledger.stories(Filters(since="2020-01-01")) == ()


def test_stored_records_read_back_as_the_analyses_written(ledger: Ledger, seed) -> None:  # type: ignore[no-untyped-def]
    ledger.write([seed], [], "test")
    (record,) = ledger.records(Filters(limit=10))
    assert analysis_from_dict(record) == seed
