"""The rows of found events read back as ``EventRow``: a handful of SQLAlchemy Core queries
by id (documents, places, claims, actors and targets, figures), no ORM objects.

Part of the ledger's SQL (``database`` finds the events; this reads what they show). A page
of 100 events costs five indexed queries of at most a few hundred rows, whatever the size of
the ledger.
"""

from __future__ import annotations

import operator
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


_EVENT_FIELDS = ("id", "document_id", "place_id", "claim_id", "local_id", "type", "plover",
                 "time_start", "time_end", "time_text", "lat", "lon", "confidence",
                 "pipeline_version", "time_precision", "status", "evidence")


def load_events(connection: Connection, events: Sequence[Row[Any]]) -> list[EventRow]:
    """``EventRow`` of each row of the ``events`` table given, in the same order."""
    if not events:
        return []
    # plain tuples: a Row's attribute costs ten times a tuple's item, and a page of the map
    # reads 2,000 rows
    fields = events[0]._fields
    pick = operator.itemgetter(*(fields.index(f) for f in _EVENT_FIELDS))
    rows = [pick(e) for e in events]
    ids = [r[0] for r in rows]
    documents = _by_id(connection, select(
        StoredDocument.id, StoredDocument.record_id, StoredDocument.outlet,
        StoredDocument.published, StoredDocument.title, StoredDocument.url).where(
        StoredDocument.id.in_({r[1] for r in rows})))
    places = _by_id(connection, select(
        StoredPlace.id, StoredPlace.name, StoredPlace.precision, StoredPlace.admin1,
        StoredPlace.country, StoredPlace.admin2).where(
        StoredPlace.id.in_({r[2] for r in rows if r[2] is not None})))
    claimants = _claimants(connection, {r[3] for r in rows if r[3] is not None})
    parties = _parties(connection, ids)
    figures = _figures(connection, ids)
    return [_event_row(r, documents[r[1]], places.get(r[2], _NO_PLACE), claimants.get(r[3]),
                       parties[r[0]], figures[r[0]])
            for r in rows]


_NO_PLACE: tuple[None, ...] = (None, None, None, None, None)


def _by_id(connection: Connection, statement: Any) -> dict[int, tuple[Any, ...]]:
    """The rows of ``statement`` (the id first) as tuples of the other columns, by id."""
    return {row[0]: tuple(row[1:]) for row in connection.execute(statement)}


def _claimants(connection: Connection, claim_ids: set[int]) -> dict[int, str | None]:
    """Who made each claim: the speaker entity's name, else the speaker text."""
    if not claim_ids:
        return {}
    rows = connection.execute(
        select(StoredClaim.id, _Speaker.name, StoredClaim.speaker_text)
        .outerjoin(_Speaker, _Speaker.id == StoredClaim.speaker_id)
        .where(StoredClaim.id.in_(claim_ids)))
    return {claim: name or text for claim, name, text in rows}


def _parties(connection: Connection, ids: list[int]
             ) -> dict[int, dict[str, list[tuple[str, str | None]]]]:
    """Each event's actors and targets: (name, actor-base id or None), in order."""
    found: dict[int, dict[str, list[tuple[str, str | None]]]] = defaultdict(
        lambda: {"actor": [], "target": []})
    rows = connection.execute(
        select(EventParty.event_id, EventParty.role, StoredEntity.name, StoredEntity.kb_id)
        .join(StoredEntity, StoredEntity.id == EventParty.entity_id)
        .where(EventParty.event_id.in_(ids))
        .order_by(EventParty.event_id, EventParty.position))
    for event_id, role, name, kb_id in rows:
        found[event_id].setdefault(role, []).append((name, kb_id))
    return found


def _figures(connection: Connection, ids: list[int]) -> dict[int, list[FigureRow]]:
    found: dict[int, list[FigureRow]] = defaultdict(list)
    rows = connection.execute(
        select(StoredFigure.event_id, StoredFigure.kind, StoredFigure.count.label("number"),
               StoredFigure.low, StoredFigure.high, StoredFigure.text,
               _Side.name.label("side"), _Speaker.name.label("speaker"),
               StoredClaim.speaker_text, StoredFigure.scope)
        .outerjoin(_Side, _Side.id == StoredFigure.side_id)
        .outerjoin(StoredClaim, StoredClaim.id == StoredFigure.claim_id)
        .outerjoin(_Speaker, _Speaker.id == StoredClaim.speaker_id)
        .where(StoredFigure.event_id.in_(ids))
        .order_by(StoredFigure.id))
    for event_id, kind, number, low, high, text, side, speaker, speaker_text, scope in rows:
        found[event_id].append(FigureRow(kind, number, low, high, text, side,
                                         speaker or speaker_text, scope))
    return found


def _event_row(event: tuple[Any, ...], doc: tuple[Any, ...], place: tuple[Any, ...],
               claimant: str | None, parties: dict[str, list[tuple[str, str | None]]],
               figures: list[FigureRow]) -> EventRow:
    (row, _document, _place, _claim, local_id, type_, plover, time_start, time_end,
     time_text, lat, lon, confidence, version, time_precision, status, evidence) = event
    record_id, outlet, published, title, url = doc
    name, precision, admin1, country, admin2 = place
    actors, targets = parties["actor"], parties["target"]
    return EventRow(
        document=record_id, event=local_id, type=type_, plover=plover,
        time_start=time_start, time_end=time_end, time_text=time_text,
        place=name, lat=lat, lon=lon,
        actors=tuple(n for n, _ in actors), targets=tuple(n for n, _ in targets),
        claimant=claimant, confidence=confidence, figures=tuple(figures),
        outlet=outlet, published=published, title=title, url=url,
        pipeline_version=version, precision=precision, admin1=admin1, country=country,
        row=row, time_precision=time_precision, status=status, evidence=evidence,
        admin2=admin2, actor_ids=tuple(i for _, i in actors),
        target_ids=tuple(i for _, i in targets),
    )
