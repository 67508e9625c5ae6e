"""Query parameters shared by the read endpoints, checked and turned into ``Filters``."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query, Request

from newsledger.api.error_responses import ApiError

Since = Annotated[str | None, Query(
    description="From this ISO date or date-time (an event's time window overlaps it; "
    "a claim's or article's publication is on or after it).", examples=["2021-09-01"],
    max_length=40)]
Until = Annotated[str | None, Query(
    description="Up to this ISO date or date-time (a date includes the whole day).",
    examples=["2021-09-30"], max_length=40)]
BBox = Annotated[str | None, Query(
    description="min_lon,min_lat,max_lon,max_lat in decimal degrees.",
    examples=["69,35,70,36"], max_length=200)]
Place = Annotated[str | None, Query(
    description="Country code (exactly that country), country name, place or admin1 name "
    "(whole words) or gazetteer id.",
    examples=["Panjshir"], max_length=300)]
Type = Annotated[str | None, Query(
    description="Event code (e.g. ARMED_CLASH), PLOVER category (e.g. ASSAULT) or ACLED "
    "event or sub-event type (e.g. Battles, Armed clash).",
    examples=["ARMED_CLASH"], max_length=60)]
Actor = Annotated[str | None, Query(
    description="An actor or target: name or part of it, or actor-base id.",
    examples=["Taliban"], max_length=300)]
Speaker = Annotated[str | None, Query(
    description="Said by: the speaker of the claim (name or part of it).",
    examples=["Fahim Dashti"], max_length=300)]
Outlet = Annotated[str | None, Query(
    description="Published by (outlet name or part of it).", max_length=300)]
Text = Annotated[str | None, Query(
    description="Full-text words, all of which must occur.", examples=["casualties"],
    max_length=500)]
Cursor = Annotated[str | None, Query(
    alias="cursor", max_length=200,
    description="The 'next' value of the previous page; leave out for the first page.")]
Limit = Annotated[int, Query(ge=1, le=500, description="At most this many items a page.")]


def parsed_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    """``min_lon,min_lat,max_lon,max_lat`` as four numbers in range, or a 422."""
    if value is None:
        return None
    try:
        w, s, e, n = (float(v) for v in value.split(","))
    except ValueError as exc:
        raise ApiError(422, "invalid bbox", "give four numbers: "
                       "min_lon,min_lat,max_lon,max_lat") from exc
    if not (-180 <= w <= e <= 180 and -90 <= s <= n <= 90):
        raise ApiError(422, "invalid bbox", "longitudes within -180..180 and latitudes "
                       "within -90..90, minimum first")
    return (w, s, e, n)


def refuse_nul(request: Request) -> None:
    """A NUL character in a query or path parameter answers 422: SQLite would cut the value
    there (a filter ``a\\0b`` would act as ``a``) and PostgreSQL refuses it in text."""
    values = [*request.query_params.values(), *request.path_params.values()]
    for value in values:
        if isinstance(value, str) and "\x00" in value:
            raise ApiError(422, "invalid request", "parameters cannot contain NUL (\\0) "
                           "characters")
