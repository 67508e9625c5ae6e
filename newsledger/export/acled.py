"""Events as ACLED-style rows: ACLED's column names, our codes mapped to its types.

Our codes map to ACLED's ``event_type`` and ``sub_event_type`` by the table of
``newsledger.event_codes``; the codes ACLED has no type for become "Strategic developments /
Other", and the ``newsledger_type`` column keeps our code.

ACLED's ``geo_precision``: 1 for a town or a site, 2 for part of a region (our ``admin2``),
3 for a province or a country. ``fatalities`` is the most conservative count of the
``killed`` figures (ACLED codes the lowest reported number); the figure's claimant, its
range over every ``killed`` figure and who reported the event follow in our own columns.

The input is an event row as a dict (``EventRow.to_dict()`` of the store): this module does
not import the store.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from newsledger.event_codes import ACLED_TYPES, STRATEGIC, label
from newsledger.export.acled_actors import (
    CIVILIANS,
    alpha3,
    first_inter,
    interaction,
    numeric_and_name,
)

# ACLED's time_precision: 1 the day is known, 2 the week (or a few days), 3 the month or less.
TIME_PRECISION: dict[str, int] = {"day": 1, "week": 2, "month": 3, "year": 3}
GEO_PRECISION: dict[str, int] = {"site": 1, "locality": 1, "admin2": 2, "admin1": 3,
                                 "region": 3, "country": 3}

ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "inter1", "actor2", "inter2", "interaction",
    "civilian_targeting", "iso", "country", "admin1", "admin2", "location", "latitude",
    "longitude", "geo_precision", "source", "notes", "fatalities")
OUR_COLUMNS: tuple[str, ...] = (
    "fatalities_claimant", "fatalities_low", "fatalities_high", "claim_speaker",
    "newsledger_type", "type_label", "plover", "time_start", "time_end", "country_code",
    "precision", "published", "title", "document_id", "event_id", "url", "status", "evidence")
COLUMNS: tuple[str, ...] = ACLED_COLUMNS + OUR_COLUMNS

# ACLED's disorder types: political violence, demonstrations (protests and violent ones),
# both (force against protesters), and strategic developments (with our codes ACLED lacks)
POLITICAL_VIOLENCE, DEMONSTRATIONS = "Political violence", "Demonstrations"
DISORDER_OF_EVENT_TYPE: dict[str, str] = {
    "Battles": POLITICAL_VIOLENCE, "Explosions/Remote violence": POLITICAL_VIOLENCE,
    "Violence against civilians": POLITICAL_VIOLENCE, "Riots": POLITICAL_VIOLENCE,
    "Protests": DEMONSTRATIONS, STRATEGIC: STRATEGIC,
}
DISORDER_OF_CODE: dict[str, str] = {
    "VIOL_DEMONSTR": DEMONSTRATIONS,
    "FORCE_AGAINST_PROTEST": f"{POLITICAL_VIOLENCE}; {DEMONSTRATIONS}",
}
CIVILIAN_TARGETING = "Civilian targeting"


def acled_type(code: str) -> tuple[str, str]:
    """ACLED's (event_type, sub_event_type) for one of our event codes."""
    return ACLED_TYPES.get(code.upper(), (STRATEGIC, "Other"))


def geo_precision(precision: str | None) -> int | None:
    return GEO_PRECISION.get(precision) if precision else None


def time_precision(precision: str | None) -> int | None:
    return TIME_PRECISION.get(precision) if precision else None


def _killed(figures: list[Mapping[str, Any]]) -> dict[str, Any]:
    """A running toll ("so far this year") is never an incident's fatalities."""
    killed = [f for f in figures
              if f.get("kind") == "killed" and f.get("scope", "incident") != "cumulative"]
    counts = [(f.get("count") if f.get("count") is not None else f.get("low"), f)
              for f in killed]
    known: list[tuple[int, Mapping[str, Any]]] = [(int(n), f) for n, f in counts
                                                  if n is not None]
    if not known:
        return {"fatalities": 0, "fatalities_claimant": None, "fatalities_low": None,
                "fatalities_high": None}
    fewest, figure = min(known, key=lambda pair: pair[0])
    lows = [int(f["low"]) if f.get("low") is not None else n for n, f in known]
    highs = [int(f["high"]) if f.get("high") is not None else n for n, f in known]
    return {"fatalities": fewest, "fatalities_claimant": figure.get("claimant"),
            "fatalities_low": min(lows), "fatalities_high": max(highs)}


def _notes(event: Mapping[str, Any]) -> str:
    """The evidence sentence, then the article's title, the time as written and each
    figure as written with its side and claimant ("more than 2,500", not 2500)."""
    parts = [event.get("evidence") or "", event.get("title") or ""]
    if event.get("time_text"):
        parts.append(f"time: {event['time_text']}")
    for f in event.get("figures") or ():
        said = f" according to {f['claimant']}" if f.get("claimant") else ""
        side = f" ({f['side']})" if f.get("side") else ""
        parts.append(f"{f.get('kind')}: {f.get('text')}{side}{said}")
    return "; ".join(p for p in parts if p)


def _date(event: Mapping[str, Any]) -> str | None:
    when = event.get("time_start") or event.get("time_end") or event.get("published")
    return str(when)[:10] if when else None


def _actors_columns(event: Mapping[str, Any], event_type: str, code: str) -> dict[str, Any]:
    """inter1, inter2, interaction and civilian_targeting."""
    country = event.get("country")
    inter1 = first_inter(event.get("actor_ids") or (), event.get("actors") or (), country)
    inter2 = first_inter(event.get("target_ids") or (), event.get("targets") or (), country)
    disorder = DISORDER_OF_CODE.get(code, DISORDER_OF_EVENT_TYPE.get(event_type, STRATEGIC))
    targeting = POLITICAL_VIOLENCE in disorder and (
        event_type == "Violence against civilians" or inter2 == CIVILIANS)
    return {"disorder_type": disorder, "inter1": inter1, "inter2": inter2,
            "interaction": interaction(inter1, inter2),
            "civilian_targeting": CIVILIAN_TARGETING if targeting else None}


def _country_columns(event: Mapping[str, Any], date: str | None) -> dict[str, Any]:
    """event_id_cnty (the country's ISO alpha-3 and the ledger row), year, iso, country."""
    code = event.get("country")
    iso, name = numeric_and_name(code) if code else (None, None)
    prefix = (alpha3(code) if code else None) or "XXX"
    return {"event_id_cnty": f"{prefix}{event.get('row') or event.get('event') or ''}",
            "year": int(date[:4]) if date else None, "iso": iso, "country": name}


def acled_row(event: Mapping[str, Any]) -> dict[str, Any]:
    """One event row (``EventRow.to_dict()``) as a row of ``COLUMNS``."""
    code = str(event.get("type") or "OTHER")
    event_type, sub_event_type = acled_type(code)
    date = _date(event)
    row: dict[str, Any] = {
        "event_date": date, "event_type": event_type, "sub_event_type": sub_event_type,
        "actor1": "; ".join(event.get("actors") or ()),
        "actor2": "; ".join(event.get("targets") or ()), "admin1": event.get("admin1"),
        "admin2": event.get("admin2"), "location": event.get("place"),
        "latitude": event.get("lat"), "longitude": event.get("lon"),
        "geo_precision": geo_precision(event.get("precision")),
        "time_precision": time_precision(event.get("time_precision")),
        "source": event.get("outlet"), "notes": _notes(event),
    }
    row.update(_country_columns(event, date))
    row.update(_actors_columns(event, event_type, code))
    row.update(_killed(list(event.get("figures") or ())))
    row.update({
        "claim_speaker": event.get("claimant"), "newsledger_type": event.get("type"),
        "type_label": label(code), "plover": event.get("plover"),
        "time_start": event.get("time_start"), "time_end": event.get("time_end"),
        "country_code": event.get("country"), "precision": event.get("precision"),
        "published": event.get("published"), "title": event.get("title"),
        "document_id": event.get("document"), "event_id": event.get("event"),
        "url": event.get("url"), "status": event.get("status", "occurred"),
        "evidence": event.get("evidence"),
    })
    return {name: row.get(name) for name in COLUMNS}
