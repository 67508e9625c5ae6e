"""Migrations bring a ledger written by an older schema up to date, with its rows."""

from __future__ import annotations

from alembic import command
from alembic.config import Config

from newsledger.records import Analysis
from newsledger.store import Filters, Ledger
from newsledger.store.database import MIGRATIONS


def _to(ledger: Ledger, revision: str) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with ledger.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, revision)


def test_time_bounds_are_filled_for_rows_stored_before_them(
        ledger_url: str, seed: Analysis) -> None:
    with Ledger.open(ledger_url) as ledger:
        ledger.write([seed], [], "test")
        timed = [e for e in seed.events if e.time is not None]
        _to(ledger, "0001")  # the first schema, whose events have no time bounds
    with Ledger.open(ledger_url) as ledger:  # opening upgrades to the latest schema
        found = ledger.find_events(Filters(since="2021-09-02", until="2021-09-02", limit=100))
        assert len(ledger.find_events(Filters(limit=100))) == len(seed.events)
    # Only the "past 40 hours" window (1 to 3 September) covers 2 September; the others are
    # on 3 September (a missing bound is the other one).
    spanning = [w for w in (e.time for e in timed) if w is not None
                and (w.start or w.end or "") < "2021-09-03" <= (w.end or w.start or "")]
    assert len(found) == len(spanning) == 1
