"""Bounding-box statements of the ledger (a part of its SQL, beside ``database``).

On SQLite a box is found through the R*Tree of migration 0002, except for a page of events
in row order whose box holds many of the ledger's events: reading the events in row order
and keeping those inside stops after a few pages' worth of rows, while the R*Tree would
first list every event of the box (a 10-degree box over 38,000 of 100,000 events: 0.9 ms
instead of 20). With other filters the R*Tree stays: they may leave too few events for a
scan in row order to stop early. PostgreSQL uses the (lat, lon) index.
"""

from __future__ import annotations

import math
from typing import Any, TypeVar

from sqlalchemy import Connection, Integer, Select, SQLColumnExpression, and_, func, select, text

from newsledger.store.models import StoredEvent
from newsledger.store.results import Filters

_Any = TypeVar("_Any", bound=Any)
BBox = tuple[float, float, float, float]

_TREE = ("SELECT id FROM events_rtree WHERE max_lon >= :w AND min_lon <= :e "
         "AND max_lat >= :s AND min_lat <= :n")
# Reading a row in order costs about 0.4 of listing one R*Tree match (measured on SQLite):
# the scan reads about limit * events / matches rows, the tree lists the matches.
SCAN_COST = 0.4
MIN_DENSE = 1000


def in_box(stmt: Select[_Any], bbox: BBox, dialect: str, dense: bool = False) -> Select[_Any]:
    """``stmt`` restricted to events inside ``bbox`` (min_lon, min_lat, max_lon, max_lat);
    ``dense``: by the coordinates alone, in row order (see ``dense_box``)."""
    min_lon, min_lat, max_lon, max_lat = bbox
    lat: SQLColumnExpression[float | None] = StoredEvent.lat
    lon: SQLColumnExpression[float | None] = StoredEvent.lon
    if dense:  # "+ 0": no index on the coordinates, so SQLite keeps to row order
        lat, lon = lat + 0, lon + 0
    stmt = stmt.where(and_(lat.between(min_lat, max_lat), lon.between(min_lon, max_lon)))
    if dialect != "sqlite" or dense:
        return stmt
    # the R*Tree finds the candidates; the test above stays, as the tree stores 32-bit bounds
    tree = text(_TREE).bindparams(w=min_lon, e=max_lon, s=min_lat, n=max_lat).columns(
        id=Integer)
    return stmt.where(StoredEvent.id.in_(tree))


def box_alone(f: Filters) -> bool:
    """No filter but the box (paging aside): its density alone then says how far a scan in
    row order reads (with a type and a year too, on 1M events: 106 ms instead of 31)."""
    return not any((f.since, f.until, f.place, f.type, f.actor, f.speaker, f.outlet, f.text))


def dense_box(connection: Connection, bbox: BBox, limit: int) -> bool:
    """Whether a page of ``limit`` events in row order is cheaper to find by reading events
    in order than through the R*Tree (SQLite): when the box holds at least
    sqrt(SCAN_COST * limit * events) of them, counted up to that bound."""
    last = connection.scalar(select(func.max(StoredEvent.id))) or 0
    bound = max(MIN_DENSE, math.isqrt(int(SCAN_COST * max(limit, 1) * last)))
    min_lon, min_lat, max_lon, max_lat = bbox
    found = connection.scalar(
        text(f"SELECT count(*) FROM ({_TREE} LIMIT :bound)"),
        {"w": min_lon, "e": max_lon, "s": min_lat, "n": max_lat, "bound": bound})
    return bool(found is not None and found >= bound)
