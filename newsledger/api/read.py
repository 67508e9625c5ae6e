"""The read endpoints: documents, events (JSON pages and GeoJSON), claims, places, search
and stories. Every filter goes to the ledger as a bound parameter."""

from __future__ import annotations

import json
from dataclasses import asdict, replace
from pathlib import PurePath
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import JSONResponse

from newsledger.api import cursor
from newsledger.api.error_responses import ApiError
from newsledger.api.params import Actor as ActorParam
from newsledger.api.params import (
    BBox,
    Cursor,
    Limit,
    Outlet,
    Place,
    Since,
    Speaker,
    Text,
    Type,
    Until,
    parsed_bbox,
)
from newsledger.api.schemas import ItemsPage
from newsledger.event_codes import ACLED_TYPES, PLOVER_CATEGORIES, PLOVER_OF_TYPE, label
from newsledger.export.geojson import row_collection
from newsledger.records import EVENT_TYPES
from newsledger.store import Filters, Ledger
from newsledger.store.filter_values import checked_filters

router = APIRouter(prefix="/api")
MAX_SEARCH_DEPTH = 2000  # hits ranked for one search page: deeper pages cost more each
GROUPED_ARTICLES = 2000  # while writes wait to be grouped: the articles grouped for a page
Json = dict[str, Any]


def _ledger(request: Request) -> Ledger:
    ledger: Ledger = request.app.state.ledger
    return ledger


def _page(rows: list[Any], limit: int) -> Json:
    """Items of a keyset page (fetched with ``limit + 1``) and the cursor of the next."""
    more = len(rows) > limit
    rows = rows[:limit]
    following = cursor.encode(after=rows[-1].row) if more and rows else None
    return {"items": [r.to_dict() for r in rows], "next": following}


def _filters_from_query(since: str | None, until: str | None, bbox: str | None,
                   place: str | None, type: str | None, actor: str | None,
                   speaker: str | None, outlet: str | None, text: str | None,
                   limit: int, after: str | None) -> Filters:
    return checked_filters(Filters(since, until, parsed_bbox(bbox), place, type, actor,
                                   speaker, outlet, text, limit + 1, 0,
                                   cursor.decode(after, "after")))


@router.get("/event-types", tags=["events"], summary="The event types in words")
def event_types() -> Json:
    """Every event code with its label, ACLED event and sub-event type and PLOVER category
    (what the ``type`` filter accepts besides the codes)."""
    return {"items": [
        {"code": code, "label": label(code), "acled_event_type": ACLED_TYPES[code][0],
         "acled_sub_event_type": ACLED_TYPES[code][1], "plover": PLOVER_OF_TYPE.get(code)}
        for code in EVENT_TYPES], "plover": list(PLOVER_CATEGORIES)}


@router.get("/documents", response_model=ItemsPage, tags=["documents"],
            summary="Stored articles")
def documents(request: Request, since: Since = None, until: Until = None,
              outlet: Outlet = None, text: Text = None, limit: Limit = 100,
              cursor_: Cursor = None) -> Json:
    """Stored articles (id, title, outlet, published, url, language, duplicate_of), in the
    order they were stored, filtered by publication time, outlet and words."""
    filters = checked_filters(Filters(since=since, until=until, outlet=outlet, text=text,
                                      limit=limit + 1, after=cursor.decode(cursor_, "after")))
    return _page(_ledger(request).documents(filters), limit)


@router.get("/documents/{document_id}", tags=["documents"],
            summary="One article's newsledger/1 record")
def document(request: Request, document_id: str) -> Json:
    """The stored ``newsledger/1`` record (CONTRACT.md) of an article, by its record id
    (the body's hash) or its ledger key; a ``source`` that is a path on the server is
    given as its file name alone."""
    record = _ledger(request).document(document_id)
    if record is None:
        raise ApiError(404, "no such document", {"id": document_id})
    document = record.get("document")
    if isinstance(document, dict) and isinstance(document.get("source"), str):
        document["source"] = public_source(document["source"])
    return record


def public_source(source: str) -> str:
    """A record's ``source`` as the API shows it: a URL (or ``api``, ``-``) as it is, a
    path on the server as its file name alone (with any ``#record`` part): the server's
    folders are nobody's business."""
    if "://" in source or ("/" not in source.split("#", 1)[0] and "\\" not in source):
        return source
    path, sep, member = source.partition("#")
    return PurePath(path.replace("\\", "/")).name + sep + member


@router.get("/events", response_model=ItemsPage, tags=["events"], summary="Events")
def events(request: Request, since: Since = None, until: Until = None, bbox: BBox = None,
           place: Place = None, type: Type = None, actor: ActorParam = None,
           speaker: Speaker = None, outlet: Outlet = None, text: Text = None,
           limit: Limit = 100,
           cursor_: Cursor = None) -> Json:
    """Events matching every filter, in the order they were stored: type, PLOVER category,
    time window, place and coordinates, actors and targets, who reported it, figures with
    their claimants, and the article (document id, title, outlet, url)."""
    filters = _filters_from_query(since, until, bbox, place, type, actor, speaker, outlet, text,
                             limit, cursor_)
    return _page(_ledger(request).find_events(filters), limit)


@router.get("/events.geojson", tags=["events"], summary="Events as GeoJSON",
            response_description="A FeatureCollection of Points ([lon, lat]); 'next' (a "
            "foreign member) is the cursor of the following page or null.")
def events_geojson(request: Request, since: Since = None, until: Until = None,
                   bbox: BBox = None, place: Place = None, type: Type = None,
                   actor: ActorParam = None, speaker: Speaker = None, outlet: Outlet = None,
                   text: Text = None,
                   limit: Annotated[int, Query(ge=1, le=10_000)] = 500,
                   cursor_: Cursor = None) -> JSONResponse:
    """The events with coordinates that match the filters (as ``/api/events``), one Point
    feature each; properties: id, type, plover, document, title, outlet, url, published,
    time_start, time_end, time_text, place, admin1, country, precision, actors, targets,
    figures (kind, count, low, high, text, side, claimant), speaker, confidence."""
    filters = _filters_from_query(since, until, bbox, place, type, actor, speaker, outlet, text,
                             limit, cursor_)
    rows = _ledger(request).find_events(filters)
    following = cursor.encode(after=rows[limit - 1].row) if len(rows) > limit else None
    collection = row_collection(rows[:limit])
    collection["next"] = following
    # plain JSON values already: answered as they are, without FastAPI's encoder (a page of
    # features costs more to walk than to build). The default page (500) keeps one request
    # short for a server shared by many clients; the map follows ``next`` for the rest.
    return JSONResponse(collection)


@router.get("/claims", response_model=ItemsPage, tags=["claims"], summary="Claims")
def claims(request: Request, since: Since = None, until: Until = None,
           speaker: Speaker = None, outlet: Outlet = None, text: Text = None,
           limit: Limit = 100,
           cursor_: Cursor = None) -> Json:
    """Attributed claims (speaker, cue, content, hedged, via) filtered by the article's
    publication time, speaker, outlet (or the relaying source) and words of the claim."""
    filters = checked_filters(Filters(since=since, until=until, speaker=speaker,
                                      outlet=outlet, text=text, limit=limit + 1,
                                      after=cursor.decode(cursor_, "after")))
    return _page(_ledger(request).find_claims(filters), limit)


@router.get("/places", response_model=ItemsPage, tags=["places"],
            summary="Places with counts")
def places(request: Request, place: Place = None, limit: Limit = 100,
           cursor_: Cursor = None) -> Json:
    """Resolved places (name, gazetteer id, coordinates, country, admin1, precision) with
    how many articles and events name them, the most eventful first."""
    offset = cursor.decode(cursor_, "offset") or 0
    rows = _ledger(request).places(Filters(place=place, limit=limit + 1, offset=offset))
    following = cursor.encode(offset=offset + limit) if len(rows) > limit else None
    return {"items": [r.to_dict() for r in rows[:limit]], "next": following}


@router.get("/search", response_model=ItemsPage, tags=["search"], summary="Full-text search")
def search(request: Request,
           q: Annotated[str, Query(min_length=1, max_length=500, examples=["Taliban"],
                                   description="Words to find (all must occur).")],
           limit: Annotated[int, Query(ge=1, le=200)] = 20,
           cursor_: Cursor = None) -> Json:
    """Articles, then claims, whose text holds every word of ``q``, best first, each with
    a snippet (matches in [brackets]); ``next`` is the cursor of the following page."""
    offset = cursor.decode(cursor_, "offset") or 0
    if offset > MAX_SEARCH_DEPTH:
        raise ApiError(400, "invalid cursor", f"search pages reach {MAX_SEARCH_DEPTH} hits "
                       "deep; narrow the words instead")
    hits = _ledger(request).search(q, offset + limit + 1)
    following = cursor.encode(offset=offset + limit) if len(hits) > offset + limit else None
    return {"items": [h.to_dict() for h in hits[offset:offset + limit]], "next": following}


@router.get("/stories", response_model=ItemsPage, tags=["stories"], summary="Stories")
def stories(request: Request, since: Since = None, until: Until = None, bbox: BBox = None,
            place: Place = None, type: Type = None, actor: ActorParam = None,
            outlet: Outlet = None, text: Text = None,
            min_reports: Annotated[int, Query(ge=1, description="Only stories told by at "
                                              "least this many articles.")] = 2,
            limit: Annotated[int, Query(ge=1, le=5000, description="At most this many "
                                        "stories a page.")] = 2000,
            cursor_: Cursor = None) -> Response:
    """Events of different articles grouped into incidents: every claim by speaker and
    side, figures with claimants, reconciled ranges (low / best / high), contradictions
    and updates, and the signals that joined the events (``newsledger.records.Story``);
    the latest first (by the last day of their events), then the most reported. ``next``
    is the cursor of the following page, or null."""
    offset = cursor.decode(cursor_, "offset") or 0
    filters = checked_filters(Filters(since, until, parsed_bbox(bbox), place, type, actor,
                                      None, outlet, text, limit, 0))
    ledger, memo = _ledger(request), request.app.state.story_memo
    stored = ledger.story_bodies(replace(filters, limit=limit + 1, offset=offset),
                                 min_reports)
    if stored is not None:  # the stories kept in the ledger, sent as they are stored
        following = cursor.encode(offset=offset + limit) if len(stored) > limit else None
        return Response(b'{"items":[' + ",".join(stored[:limit]).encode() + b'],"next":'
                        + json.dumps(following).encode() + b"}",
                        media_type="application/json")
    # while writes wait to be grouped: grouped now, kept rendered until the ledger's next
    # write or refresh (newsledger.api.memo)
    revision = ledger.revision()
    body = memo.get((filters, min_reports, offset), revision)
    if body is None:
        grouped = ledger.stories(replace(filters, limit=GROUPED_ARTICLES))
        found = [s for s in grouped if len(s.documents) >= min_reports]
        page = found[offset:offset + limit]
        more = len(found) > offset + limit
        body = JSONResponse({"items": [asdict(s) for s in page], "next": cursor.encode(
            offset=offset + limit) if more else None}).body
        memo.put((filters, min_reports, offset), revision, bytes(body))
    return Response(body, media_type="application/json")


@router.get("/stories/{story_id}", tags=["stories"], summary="One story")
def story(request: Request, story_id: str) -> Response:
    """One stored story by its id (as in ``/api/stories``), as ``/api/stories`` gives it.
    A story's id is a hash of its events: when a later report joins it, it gets a new id
    and this answers 404 for the old one. The header ``X-Stories-Current`` is ``false``
    while writes wait to be grouped (the story may have changed since)."""
    body, current = _ledger(request).story(story_id)
    if body is None:
        raise ApiError(404, "no such story", {"id": story_id, "current": current})
    return Response(body, media_type="application/json",
                    headers={"X-Stories-Current": "true" if current else "false"})
