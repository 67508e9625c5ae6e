"""Boxes: the R*Tree for a few events, a scan in row order for a box holding many of the
ledger's events; both give the same page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from newsledger.records import Analysis
from newsledger.store import Filters, Ledger, boxes

PANJSHIR = (69.0, 35.0, 70.0, 36.0)


@pytest.fixture
def filled(tmp_path: Path, seed: Analysis, floods: Analysis) -> Iterator[Ledger]:
    """A SQLite ledger: the R*Tree and the choice are SQLite's (PostgreSQL uses its index)."""
    with Ledger.open(f"sqlite:///{tmp_path / 'ledger.db'}") as ledger:
        ledger.write([seed, floods], [], "test")
        yield ledger


def test_a_dense_box_is_read_in_row_order_with_the_same_page(
        filled: Ledger, monkeypatch: pytest.MonkeyPatch) -> None:
    sparse = [(r.document, r.event) for r in filled.find_events(Filters(bbox=PANJSHIR))]
    with filled.engine.connect() as connection:
        assert not boxes.dense_box(connection, PANJSHIR, 100)  # under MIN_DENSE events
        monkeypatch.setattr(boxes, "MIN_DENSE", 1)
        monkeypatch.setattr(boxes, "SCAN_COST", 0.001)  # a box of one event is dense
        assert boxes.dense_box(connection, PANJSHIR, 100)
        assert not boxes.dense_box(connection, (0.0, 0.0, 1.0, 1.0), 100)
    chosen: list[bool] = []
    real = boxes.in_box

    def spy(*args, **kwargs):  # type: ignore[no-untyped-def]
        chosen.append(args[3] if len(args) > 3 else kwargs.get("dense", False))
        return real(*args, **kwargs)

    monkeypatch.setattr("newsledger.store.query_filters.in_box", spy)
    dense = [(r.document, r.event) for r in filled.find_events(Filters(bbox=PANJSHIR))]
    assert chosen == [True]
    assert dense == sparse and sparse
    chosen.clear()
    typed = filled.find_events(Filters(bbox=PANJSHIR, type="ARMED_CLASH"))
    assert chosen == [False] and typed  # another filter: the R*Tree, whatever the density
