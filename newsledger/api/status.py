"""``GET /api/status``: how current the ledger is. The ledger's size and revision, and for
each source ``newsledger watch`` polls: its last poll and outcome, its last article, its
failures in a row and when it is due; ``lag_s``: how far the most overdue source is behind
its schedule (0 when every source was polled on time), so that a monitor can alert on it."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from typing import Any

from fastapi import APIRouter, Request

from newsledger.store import Ledger
from newsledger.store.watch_state import iso, utc_now

router = APIRouter(prefix="/api")


@router.get("/status", tags=["status"], summary="How current the ledger is")
def status(request: Request) -> dict[str, Any]:
    """The ledger's size and revision, each watched source's last poll, last article,
    errors and next poll, and the lag of the most overdue source in seconds."""
    ledger: Ledger = request.app.state.ledger
    state = ledger.watch_state()
    now = utc_now()
    sources = state.sources()
    overdue = [(now - datetime.fromisoformat(s.next_poll)).total_seconds()
               for s in sources if s.next_poll]
    polls = [s.last_poll for s in sources if s.last_poll]
    return {"now": iso(now), "ledger": {**state.ledger_size(), "revision": ledger.revision()},
            "lag_s": round(max([0.0, *overdue]), 1),
            "last_poll": max(polls) if polls else None,
            "sources": [_source(asdict(s)) for s in sources]}


def _source(row: dict[str, Any]) -> dict[str, Any]:
    row.pop("id", None)
    return row
