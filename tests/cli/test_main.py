"""The command line: formats, version, and bad inputs that never stop the good ones."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from typer.testing import CliRunner

from newsledger import __version__
from newsledger.cli import app
from tests.conftest import SEED

runner = CliRunner()


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and __version__ in result.output


def test_json_record_of_the_seed(analyzer) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(app, ["analyze", str(SEED), "--format", "json"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["schema"] == "newsledger/1"
    assert record["document"]["title"].startswith("Al Qaeda join hands with Taliban")
    assert record["document"]["published"].startswith("2021-09-03")
    assert "Leave a Reply" not in record["document"]["text"]


def test_bad_inputs_are_rejected_one_line_each_and_the_rest_analysed(  # type: ignore[no-untyped-def]
        analyzer, tmp_path: Path) -> None:
    binary = tmp_path / "image.html"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n")
    garbled = tmp_path / "garbled.txt"
    garbled.write_bytes(bytes(range(128, 256)) * 20)
    zipped = tmp_path / "seed.txt.gz"
    zipped.write_bytes(gzip.compress(SEED.read_bytes()))
    args = ["analyze", str(binary), str(SEED), str(empty), str(garbled), str(zipped),
            "--format", "jsonl"]
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["document"]["source"] for r in lines] == [str(SEED), str(zipped)]
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 3
    for path, reason in ((binary, "binary"), (empty, "empty"), (garbled, "undecodable")):
        assert any(str(path) in e and f"({reason})" in e for e in errors), errors


def test_standard_input(analyzer) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(app, ["analyze", "-", "--format", "json"], input=SEED.read_bytes())
    assert result.exit_code == 0
    assert json.loads(result.stdout)["document"]["source"] == "-"


def test_text_view_shows_claims_and_figures(analyzer) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(app, ["analyze", str(SEED), "--format", "text"],
                           env={"COLUMNS": "160"})
    assert result.exit_code == 0
    for expected in ("Fahim Dashti", "according to", "killed 40", "Khawak", "34.5"):
        assert expected in result.stdout, expected


def test_a_missing_spacy_model_is_a_clear_error(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("NEWSLEDGER_SPACY_MODEL", "en_no_such_model")
    result = runner.invoke(app, ["analyze", str(SEED), "--format", "json"])
    assert result.exit_code == 1
    assert "en_no_such_model" in result.stderr and "NEWSLEDGER_SPACY_MODEL" in result.stderr


def test_a_folder_in_order_with_a_repost_linked_to_the_first_copy(  # type: ignore[no-untyped-def]
        analyzer, tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "1-original.txt").write_bytes(SEED.read_bytes())
    (folder / "2-repost.txt.gz").write_bytes(gzip.compress(SEED.read_bytes()))
    (folder / "3-feed.jsonl").write_text(json.dumps({
        "text": "Officials said on Friday that the roads to the valley had reopened after "
                "a week of fighting between the two sides.", "title": "Roads reopen",
        "outlet": "Valley Times", "published": "2021-09-05"}) + "\n")
    result = runner.invoke(app, ["analyze", str(folder), "--format", "jsonl"])
    assert result.exit_code == 0, result.stderr
    docs = [json.loads(line)["document"] for line in result.stdout.splitlines()]
    assert [Path(d["source"].split(":")[0]).name for d in docs] == [
        "1-original.txt", "2-repost.txt.gz", "3-feed.jsonl"]
    assert docs[0]["duplicate_of"] is None
    assert docs[1]["duplicate_of"] == docs[0]["id"]
    assert (docs[2]["title"], docs[2]["outlet"]) == ("Roads reopen", "Valley Times")
    assert docs[2]["published"].startswith("2021-09-05")


def test_nothing_to_analyse_is_a_usage_error() -> None:
    result = runner.invoke(app, ["analyze"])
    assert result.exit_code == 2


def test_scope_conflict_leaves_out_accidents(tmp_path: Path) -> None:
    page = tmp_path / "fire.txt"
    page.write_text(
        "A fire destroyed a four-storey apartment block in Lagos on Tuesday, leaving 40 "
        "residents homeless, officials said. Separately, gunmen attacked a police checkpoint "
        "in Kaduna, killing two officers.\n", encoding="utf-8")
    every = runner.invoke(app, ["analyze", str(page), "-f", "json"])
    conflict = runner.invoke(app, ["analyze", str(page), "-f", "json", "--scope", "conflict"])
    assert every.exit_code == 0 and conflict.exit_code == 0, every.output + conflict.output
    all_types = {e["type"] for e in json.loads(every.stdout)["events"]}
    conflict_types = {e["type"] for e in json.loads(conflict.stdout)["events"]}
    assert "MAN_MADE_DISASTER" in all_types and "MAN_MADE_DISASTER" not in conflict_types
    assert conflict_types and conflict_types <= all_types
