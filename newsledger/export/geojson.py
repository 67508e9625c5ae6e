"""Events as GeoJSON (RFC 7946): a FeatureCollection of Points in ``[lon, lat]`` order.

An event without coordinates has no feature. Each feature's ``id`` is
``"<document id>:<event id>"`` and its properties are: ``id``, ``type``, ``plover``,
``document`` (the record id), ``title``, ``outlet``, ``url``, ``published``, ``time_start``,
``time_end``, ``time_text``, ``place`` (its name), ``admin1``, ``country``, ``precision``,
``actors`` and ``targets`` (names), ``figures`` (``kind``, ``count``, ``low``, ``high``,
``text``, ``side``, ``claimant``), ``speaker`` (who reported the event), ``confidence``,
``type_label`` (the type in words), ``evidence`` (the sentence that reports it), ``admin2``,
``status`` and ``iso3`` (the country's ISO alpha-3 code).

The input is an event row as a dict (``EventRow.to_dict()`` of the store), or the row itself
(``row_feature``, ``row_collection``: the API's fast path).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from newsledger.event_codes import label
from newsledger.export.acled_actors import alpha3

FIGURE_KEYS = ("kind", "count", "low", "high", "text", "side", "claimant")


def _alpha3(country: Any) -> str | None:
    """The ISO alpha-3 code of an alpha-2 one (the map loads a country's first-level
    boundaries by it)."""
    return alpha3(country) if isinstance(country, str) and country else None


def _valid_point(lat: Any, lon: Any) -> bool:
    return (isinstance(lat, int | float) and isinstance(lon, int | float)
            and -90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0)


def event_feature(event: Mapping[str, Any]) -> dict[str, Any] | None:
    """One event as a GeoJSON Feature, or None when it has no (valid) coordinates."""
    lat, lon = event.get("lat"), event.get("lon")
    if not _valid_point(lat, lon):
        return None
    assert lat is not None and lon is not None
    ident = f"{event.get('document')}:{event.get('event')}"
    properties = {
        "id": ident, "type": event.get("type"), "plover": event.get("plover"),
        "document": event.get("document"), "title": event.get("title"),
        "outlet": event.get("outlet"), "url": event.get("url"),
        "published": event.get("published"), "time_start": event.get("time_start"),
        "time_end": event.get("time_end"), "time_text": event.get("time_text"),
        "place": event.get("place"), "admin1": event.get("admin1"),
        "country": event.get("country"), "precision": event.get("precision"),
        "actors": list(event.get("actors") or ()), "targets": list(event.get("targets") or ()),
        "figures": [{k: f.get(k) for k in FIGURE_KEYS} for f in event.get("figures") or ()],
        "speaker": event.get("claimant"), "confidence": event.get("confidence"),
        "type_label": label(str(event.get("type") or "")), "evidence": event.get("evidence"),
        "admin2": event.get("admin2"), "status": event.get("status", "occurred"),
        "iso3": _alpha3(event.get("country")),
    }
    return {"type": "Feature", "id": ident,
            "geometry": {"type": "Point", "coordinates": [float(lon), float(lat)]},
            "properties": properties}


def row_feature(row: Any) -> dict[str, Any] | None:
    """The same feature read from an object with the event's fields as attributes (the
    store's ``EventRow``, figures as ``FigureRow``) without building a dict of it first."""
    lat, lon = row.lat, row.lon
    if not _valid_point(lat, lon):
        return None
    ident = f"{row.document}:{row.event}"
    properties = {
        "id": ident, "type": row.type, "plover": row.plover, "document": row.document,
        "title": row.title, "outlet": row.outlet, "url": row.url, "published": row.published,
        "time_start": row.time_start, "time_end": row.time_end, "time_text": row.time_text,
        "place": row.place, "admin1": row.admin1, "country": row.country,
        "precision": row.precision, "actors": list(row.actors or ()),
        "targets": list(row.targets or ()),
        "figures": [{"kind": f.kind, "count": f.count, "low": f.low, "high": f.high,
                     "text": f.text, "side": f.side, "claimant": f.claimant}
                    for f in row.figures or ()],
        "speaker": row.claimant, "confidence": row.confidence,
        "type_label": label(row.type), "evidence": row.evidence, "admin2": row.admin2,
        "status": row.status, "iso3": _alpha3(row.country),
    }
    return {"type": "Feature", "id": ident,
            "geometry": {"type": "Point", "coordinates": [float(lon), float(lat)]},
            "properties": properties}


def feature_collection(events: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """The events with coordinates as one FeatureCollection."""
    features = [f for f in (event_feature(e) for e in events) if f is not None]
    return {"type": "FeatureCollection", "features": features}


def row_collection(rows: Iterable[object]) -> dict[str, Any]:
    """``feature_collection`` of event rows given as objects (``row_feature``)."""
    features = [f for f in (row_feature(r) for r in rows) if f is not None]
    return {"type": "FeatureCollection", "features": features}
