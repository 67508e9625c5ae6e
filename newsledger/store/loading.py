"""The rows of found events read back as ``EventRow``: a handful of SQLAlchemy Core queries
by id (documents, places, claims, actors and targets, figures), no ORM objects.

Part of the ledger's SQL (``database`` finds the events; this reads what they show). A page
of 100 events costs five indexed queries of at most a few hundred rows, whatever the size of
the ledger.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Row, select
from sqlalchemy.orm import aliased

from newsledger.store.models import (
    EventParty,
    StoredClaim,
    StoredDocument,
    StoredEntity,
    StoredFigure,
    StoredPlace,
)
from newsledger.store.results import EventRow, FigureRow

_Speaker = aliased(StoredEntity, name="speaker")
_Side = aliased(StoredEntity, name="side")


def load_events(connection: Connection, events: Sequence[Row[Any]]) -> list[EventRow]:
    """``EventRow`` of each row of the ``events`` table given, in the same order."""
    if not events:
        return []
    ids = [e.id for e in events]
    documents = _by_id(connection, select(
        StoredDocument.id, StoredDocument.record_id, StoredDocument.outlet,
        StoredDocument.published, StoredDocument.title, StoredDocument.url).where(
        StoredDocument.id.in_({e.document_id for e in events})))
    places = _by_id(connection, select(
        StoredPlace.id, StoredPlace.name, StoredPlace.precision, StoredPlace.admin1,
        StoredPlace.country).where(
        StoredPlace.id.in_({e.place_id for e in events if e.place_id is not None})))
    claimants = _claimants(connection, {e.claim_id for e in events if e.claim_id is not None})
    parties = _parties(connection, ids)
    figures = _figures(connection, ids)
    return [_event_row(e, documents[e.document_id], places.get(e.place_id),
                       claimants.get(e.claim_id), parties[e.id], figures[e.id])
            for e in events]


def _by_id(connection: Connection, statement: Any) -> dict[int, Row[Any]]:
    return {row.id: row for row in connection.execute(statement)}


def _claimants(connection: Connection, claim_ids: set[int]) -> dict[int, str | None]:
    """Who made each claim: the speaker entity's name, else the speaker text."""
    if not claim_ids:
        return {}
    rows = connection.execute(
        select(StoredClaim.id, _Speaker.name, StoredClaim.speaker_text)
        .outerjoin(_Speaker, _Speaker.id == StoredClaim.speaker_id)
        .where(StoredClaim.id.in_(claim_ids)))
    return {r.id: r.name or r.speaker_text for r in rows}


def _parties(connection: Connection, ids: list[int]) -> dict[int, dict[str, list[str]]]:
    found: dict[int, dict[str, list[str]]] = defaultdict(lambda: {"actor": [], "target": []})
    rows = connection.execute(
        select(EventParty.event_id, EventParty.role, StoredEntity.name)
        .join(StoredEntity, StoredEntity.id == EventParty.entity_id)
        .where(EventParty.event_id.in_(ids))
        .order_by(EventParty.event_id, EventParty.position))
    for row in rows:
        found[row.event_id].setdefault(row.role, []).append(row.name)
    return found


def _figures(connection: Connection, ids: list[int]) -> dict[int, list[FigureRow]]:
    found: dict[int, list[FigureRow]] = defaultdict(list)
    rows = connection.execute(
        select(StoredFigure.event_id, StoredFigure.kind, StoredFigure.count.label("number"),
               StoredFigure.low, StoredFigure.high, StoredFigure.text,
               _Side.name.label("side"), _Speaker.name.label("speaker"),
               StoredClaim.speaker_text)
        .outerjoin(_Side, _Side.id == StoredFigure.side_id)
        .outerjoin(StoredClaim, StoredClaim.id == StoredFigure.claim_id)
        .outerjoin(_Speaker, _Speaker.id == StoredClaim.speaker_id)
        .where(StoredFigure.event_id.in_(ids))
        .order_by(StoredFigure.id))
    for r in rows:
        found[r.event_id].append(FigureRow(r.kind, r.number, r.low, r.high, r.text, r.side,
                                           r.speaker or r.speaker_text))
    return found


def _event_row(event: Row[Any], doc: Row[Any], place: Row[Any] | None,
               claimant: str | None, parties: dict[str, list[str]],
               figures: list[FigureRow]) -> EventRow:
    return EventRow(
        document=doc.record_id, event=event.local_id, type=event.type, plover=event.plover,
        time_start=event.time_start, time_end=event.time_end, time_text=event.time_text,
        place=place.name if place else None, lat=event.lat, lon=event.lon,
        actors=tuple(parties["actor"]), targets=tuple(parties["target"]),
        claimant=claimant, confidence=event.confidence, figures=tuple(figures),
        outlet=doc.outlet, published=doc.published, title=doc.title, url=doc.url,
        pipeline_version=event.pipeline_version,
        precision=place.precision if place else None, admin1=place.admin1 if place else None,
        country=place.country if place else None, row=event.id,
    )
