"""``newsledger ingest`` and the ledger's queries from the command line: exit statuses and
the table, JSON and CSV formats."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict, replace
from pathlib import Path

from typer.testing import CliRunner

from newsledger.cli import app
from newsledger.cli.ledger_commands import figure_amount
from newsledger.store import Filters, Ledger
from tests.conftest import DATA, SEED
from tests.store.conftest import FLOODS

runner = CliRunner()


def test_ingest_then_query(ledger_url: str, analyzer) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(app, ["ingest", str(SEED), str(FLOODS), "--db", ledger_url])
    assert result.exit_code == 0, result.output
    assert "2 added" in result.stderr and "stories grouped again" in result.stderr
    with Ledger.open(ledger_url) as ledger:  # the run ended by grouping its stories
        assert ledger.story_bodies(Filters(limit=100)) is not None
    again = runner.invoke(app, ["ingest", str(SEED), "--db", ledger_url])
    assert again.exit_code == 0 and "1 already stored" in again.stderr
    listed = runner.invoke(app, ["events", "--db", ledger_url, "--actor", "Taliban",
                                 "--type", "ARMED_CLASH", "--format", "json"])
    assert listed.exit_code == 0, listed.output
    rows = json.loads(listed.stdout)
    assert rows and all(r["type"] == "ARMED_CLASH" for r in rows)
    assert any(f["count"] == 40 for r in rows for f in r["figures"])
    claims = runner.invoke(app, ["claims", "--db", ledger_url, "--speaker", "Dashti",
                                 "-f", "csv"])
    table = list(csv.DictReader(io.StringIO(claims.stdout)))
    assert table and {r["speaker"] for r in table} == {"Fahim Dashti"}
    two = json.loads(runner.invoke(app, ["events", "--db", ledger_url, "--limit", "2",
                                         "-f", "json"]).stdout)
    after = runner.invoke(app, ["events", "--db", ledger_url, "--limit", "1", "--after",
                                str(two[0]["row"]), "-f", "json"])
    assert json.loads(after.stdout) == two[1:]
    found = runner.invoke(app, ["search", "Badakhshan floods", "--db", ledger_url])
    assert found.exit_code == 0 and "Floods cut off" in found.stdout
    told = runner.invoke(app, ["stories", "--db", ledger_url, "--min-reports", "1"],
                         env={"COLUMNS": "400"})
    assert told.exit_code == 0, told.output
    assert "Armed clash · Panjshir (AF) · 1–3 Sep 2021 · Taliban" in told.stdout
    assert "Al Qaeda join hands with Taliban" in told.stdout  # the report by its title


def test_ingest_exit_statuses(ledger_url: str, analyzer,  # type: ignore[no-untyped-def]
                              tmp_path: Path) -> None:
    assert runner.invoke(app, ["ingest", "--db", ledger_url]).exit_code == 2
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = runner.invoke(app, ["ingest", str(empty), str(SEED), "--db", ledger_url])
    assert result.exit_code == 1
    assert f"{empty}: rejected (empty)" in result.stderr
    assert "1 added" in result.stderr and "1 rejected" in result.stderr


def test_news_in_another_language_is_told_apart_from_failures(  # type: ignore[no-untyped-def]
        ledger_url: str, analyzer, tmp_path: Path) -> None:
    korean = DATA / "articles" / "korean-entermedia.html"
    mixed = runner.invoke(app, ["ingest", str(korean), str(SEED), "--db", ledger_url])
    assert mixed.exit_code == 1
    assert "1 rejected (1 not in a language newsledger reads)" in mixed.stderr
    skipped = runner.invoke(app, ["ingest", str(korean), str(SEED), "--db", ledger_url,
                                  "--skip-other-languages"])
    assert skipped.exit_code == 0, skipped.output
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    failing = runner.invoke(app, ["ingest", str(korean), str(empty), "--db", ledger_url,
                                  "--skip-other-languages"])
    assert failing.exit_code == 1 and "rejected (empty)" in failing.stderr


def test_a_ledger_that_cannot_be_opened_says_so(tmp_path: Path) -> None:
    folder = tmp_path / "no" / "such" / "folder"
    result = runner.invoke(app, ["ingest", str(SEED), "--db", str(folder / "ledger.db")])
    assert result.exit_code == 1 and "cannot open the ledger" in result.stderr


def test_a_read_command_never_makes_a_ledger(tmp_path: Path) -> None:
    mistyped = tmp_path / "ledgr.db"
    for command in (["events"], ["claims"], ["stories"], ["search", "Taliban"],
                    ["export", "-f", "csv"]):
        result = runner.invoke(app, [*command, "--db", str(mistyped)])
        assert result.exit_code == 1, (command, result.output)
        assert f"no ledger at {mistyped}" in result.stderr
    assert not mistyped.exists()


def test_filter_values_are_checked_before_the_query(tmp_path: Path) -> None:
    db = str(tmp_path / "l.db")
    Ledger.open(db).close()
    for option, value, said in (("--since", "yesterday", "ISO date"),
                                ("--since", "2019-13-45", "month must be in 1..12"),
                                ("--until", "2021-02-30", "day is out of range"),
                                ("--type", "FOO", "ARMED_CLASH")):
        result = runner.invoke(app, ["events", "--db", db, option, value],
                               env={"COLUMNS": "1000"})
        assert result.exit_code == 2, (option, value, result.output)
        assert said in " ".join(result.stderr.split()), result.stderr
    assert runner.invoke(app, ["events", "--db", db, "--type", "Battles"]).exit_code == 0


def test_stored_markup_is_shown_as_written(ledger_url: str,  # type: ignore[no-untyped-def]
                                           seed) -> None:
    tampered = replace(seed, claims=tuple(
        replace(c, content=c.content + " [/xyz] [link=https://evil.example]here[/link]")
        for c in seed.claims))
    with Ledger.open(ledger_url) as ledger:
        ledger.write([tampered], [], "test")
    result = runner.invoke(app, ["claims", "--db", ledger_url, "--speaker", "Dashti"],
                           env={"COLUMNS": "400"})
    assert result.exit_code == 0, result.output
    assert "[/xyz] [link=https://evil.example]here[/link]" in result.stdout
    assert "\x1b]8;" not in result.stdout  # no terminal hyperlink


def test_search_snippets_keep_lowercase_matches(ledger_url: str,  # type: ignore[no-untyped-def]
                                                seed) -> None:
    with Ledger.open(ledger_url) as ledger:
        ledger.write([seed], [], "test")
    result = runner.invoke(app, ["search", "fighters", "--db", ledger_url],
                           env={"COLUMNS": "400"})
    assert result.exit_code == 0 and "fighters" in result.stdout


def test_a_bad_bbox_is_a_usage_error(tmp_path: Path) -> None:
    Ledger.open(str(tmp_path / "l.db")).close()
    result = runner.invoke(app, ["events", "--db", str(tmp_path / "l.db"), "--bbox", "1,2"])
    assert result.exit_code == 2


# CASE 2021 task 2 snippet 587 (ACLED-derived news text), as the event tests quote it
EARTHQUAKE = ("As many as 555 people were killed and more than 1500 people were injured after "
              "a strong earthquake rocked Indonesia's Lombol Island")


def test_figures_read_as_written_unless_exact(analyse_text, seed) -> None:  # type: ignore[no-untyped-def]
    quake = analyse_text(EARTHQUAKE, "2018-08-06")
    shown = {f.kind: figure_amount(asdict(f)) for e in quake.events for f in e.figures}
    assert shown == {"killed": "“As many as 555 people were killed”",
                     "wounded": "“more than 1500 people were injured”"}
    seed_figures = {f.kind: figure_amount(asdict(f)) for e in seed.events for f in e.figures}
    assert seed_figures["killed"] == "40"
    assert seed_figures["casualties"] == "“suffered heavy casualties”"


def test_the_events_table_shows_labels_and_evidence(ledger_url: str,  # type: ignore[no-untyped-def]
                                                   seed) -> None:
    with Ledger.open(ledger_url) as ledger:
        ledger.write([seed], [], "test")
    table = runner.invoke(app, ["events", "--db", ledger_url, "--type", "ARMED_CLASH"],
                          env={"COLUMNS": "600"})
    assert table.exit_code == 0, table.output
    assert "Armed clash" in table.stdout and "resistance front" in table.stdout
    assert "fighting is ongoing between Taliban fighters" in " ".join(table.stdout.split())
    rows = json.loads(runner.invoke(app, ["events", "--db", ledger_url, "-f", "json"]).stdout)
    assert all(r["evidence"] and r["type_label"] for r in rows)
