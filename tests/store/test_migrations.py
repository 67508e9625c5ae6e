"""Migration 0002 on a ledger written before it: the name table and (SQLite) the R*Tree are
filled from the stored rows, and the name, place, speaker and box filters find them; and an
upgrade cut short leaves nothing half made."""

from __future__ import annotations

import dataclasses
import sqlite3

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import text

from newsledger.records import Analysis
from newsledger.store import Ledger
from newsledger.store.migrate import MIGRATIONS


def _downgrade_to_0001(ledger: Ledger) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with ledger.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0001")


def _before_0007(rows):  # type: ignore[no-untyped-def]
    """What a downgrade below 0007 loses: time precision and status (0007) and admin2 (0008);
    0008 cuts the evidence sentences back out of the bodies."""
    return [dataclasses.replace(r, time_precision=None, status="occurred", admin2=None)
            for r in rows]


def test_0002_upgrades_a_ledger_written_before_it(ledger_url: str, seed: Analysis) -> None:
    with Ledger.open(ledger_url) as ledger:
        ledger.write([seed], [], "test")
        expected = {
            "actor": ledger.events(actor="taliban"),
            "speaker": ledger.events(speaker="Dashti"),
            "place": ledger.events(place="panjshir"),
            "box": ledger.events(bbox=(69.0, 35.0, 70.0, 36.0)),
            "claims": ledger.claims(speaker="dashti"),
        }
        assert all(expected.values())
        _downgrade_to_0001(ledger)
        with ledger.engine.connect() as connection:
            tables = {r[0] for r in connection.execute(text(
                "SELECT table_name FROM information_schema.tables"
                if ledger.dialect == "postgresql" else
                "SELECT name FROM sqlite_master WHERE type = 'table'"))}
        assert "names" not in tables and "events_rtree" not in tables
    with Ledger.open(ledger_url) as upgraded:
        # what 0007 added went with the downgrade: the time's precision is unknown again
        assert upgraded.events(actor="taliban") == _before_0007(expected["actor"])
        assert upgraded.events(speaker="Dashti") == _before_0007(expected["speaker"])
        assert upgraded.events(place="panjshir") == _before_0007(expected["place"])
        assert upgraded.events(bbox=(69.0, 35.0, 70.0, 36.0)) == _before_0007(expected["box"])
        assert upgraded.claims(speaker="dashti") == expected["claims"]
        assert all(r.evidence for r in upgraded.events(actor="taliban"))  # cut again


def test_names_match_ignoring_case_and_spacing(ledger: Ledger, seed: Analysis) -> None:
    ledger.write([seed], [], "test")
    found = ledger.events(actor="TALIBAN")
    assert found and found == ledger.events(actor="taliban")
    assert ledger.claims(speaker="fahim   DASHTI") == ledger.claims(speaker="Fahim Dashti")
    assert ledger.claims(speaker="Fahim Dashti")
    assert ledger.events(actor="talibanx") == []


def test_0007_half_applied_by_a_killed_run_completes(tmp_path, seed: Analysis) -> None:  # type: ignore[no-untyped-def]
    # SQLite's driver commits each ALTER TABLE at once: a batch killed between two of 0007's
    # statements leaves a column added under revision 0006 (tests/distributed's crash test)
    url = f"sqlite:///{tmp_path / 'ledger.db'}"
    with Ledger.open(url) as ledger:
        ledger.write([seed], [], "test")
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        with ledger.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "0006")
        with ledger.engine.begin() as connection:
            connection.execute(text("ALTER TABLE events ADD COLUMN time_precision VARCHAR(8)"))
    with Ledger.open(url) as reopened:
        rows = reopened.events(actor="taliban")
        assert rows and all(r.status == "occurred" for r in rows)


def test_a_first_upgrade_cut_short_leaves_no_half_made_ledger(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A process killed in its first migrations (``batch`` killed while starting up) must
    not leave tables without the version that says so: the next open would fail on "table
    documents already exists". The upgrade is one transaction."""
    path = tmp_path / "ledger.db"
    real = command.upgrade

    def cut_short(config: Config, revision: str) -> None:
        real(config, "0001")
        raise KeyboardInterrupt  # the kill, once the first migration has run

    monkeypatch.setattr(command, "upgrade", cut_short)  # database imports it when it upgrades
    with pytest.raises(KeyboardInterrupt):
        Ledger.open(f"sqlite:///{path}")
    monkeypatch.undo()
    with sqlite3.connect(path) as db:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    assert "documents" not in tables
    with Ledger.open(f"sqlite:///{path}") as ledger:
        assert ledger.engine.dialect.name == "sqlite"


def test_a_ledger_at_the_latest_migration_opens_without_alembic(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    path = f"sqlite:///{tmp_path / 'ledger.db'}"
    Ledger.open(path).close()  # made, and brought to the head

    def refuse(*_args: object) -> None:
        raise AssertionError("Alembic ran for a ledger already at the latest migration")

    monkeypatch.setattr(command, "upgrade", refuse)
    with Ledger.open(path) as ledger:  # a read command's start-up
        assert ledger.count("documents") == 0
