"""The ledger's revision (migration 0005): bumped by every written batch, on SQLite and
PostgreSQL."""

from __future__ import annotations

from newsledger.records import Rejection
from newsledger.store import Ledger


def test_every_written_batch_bumps_the_revision(ledger: Ledger, seed) -> None:  # type: ignore[no-untyped-def]
    assert ledger.revision() == 0
    ledger.write([seed], [], "test")
    ledger.write([], [Rejection("broken.html", "no-article", "no text")], "test")
    assert ledger.revision() == 2
