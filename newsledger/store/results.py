"""What the ledger's queries take and give: filters, and flat rows for tables, JSON and CSV.

No SQL here: ``database`` turns a ``Filters`` into bound statements and stored rows into
these rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from newsledger.event_codes import label
from newsledger.store.models import (
    StoredClaim,
    StoredDocument,
    StoredEntity,
    StoredEvent,
    StoredFigure,
)

BBox = tuple[float, float, float, float]  # min lon, min lat, max lon, max lat


@dataclass(frozen=True)
class Filters:
    """Query filters; every value is bound as a parameter, never formatted into SQL.

    ``since``/``until`` are ISO dates or date-times (an event matches when its time window
    overlaps them; a claim when its article's publication date falls inside). ``actor``,
    ``speaker`` (the speaker entity's name or the claim's speaker text) and ``outlet``
    match names as substrings, ignoring case (casefolded, Unicode-wide) and runs of white
    space, ``actor`` and ``speaker`` also an actor-base id exactly. ``place`` is a country
    code (exactly that country), a country's name (that country, and places so named), a
    place's or admin1 division's name (as whole words) or a gazetteer id.
    ``type`` is an event code, a PLOVER category or an ACLED event or sub-event type
    (``event_codes.codes_named``); ``filter_values.checked_filters`` checks the values;
    ``text`` is a full-text query over article bodies (events) or claim contents (claims).
    """

    since: str | None = None
    until: str | None = None
    bbox: BBox | None = None
    place: str | None = None
    type: str | None = None
    actor: str | None = None
    speaker: str | None = None
    outlet: str | None = None
    text: str | None = None
    limit: int = 100
    offset: int = 0
    after: int | None = None  # keyset paging: only rows whose ledger row id is above this


def _fields(row: Any) -> dict[str, Any]:
    """A row's fields as a dict, one level deep (``dataclasses.asdict`` deep-copies every
    value and took a third of an API page's time)."""
    return {name: getattr(row, name) for name in row.__dataclass_fields__}


def until_bound(until: str) -> str:
    """The last instant an ``until`` date stands for (a date-time stays as it is)."""
    return until + "T23:59:59.999999" if len(until) == 10 else until


@dataclass(frozen=True)
class FigureRow:
    kind: str
    count: int | None
    low: int | None
    high: int | None
    text: str
    side: str | None
    claimant: str | None
    scope: str = "incident"  # or "cumulative": a running toll, no incident's count


@dataclass(frozen=True)
class EventRow:
    document: str
    event: str
    type: str
    plover: str
    time_start: str | None
    time_end: str | None
    time_text: str | None
    place: str | None
    lat: float | None
    lon: float | None
    actors: tuple[str, ...]
    targets: tuple[str, ...]
    claimant: str | None
    confidence: float
    figures: tuple[FigureRow, ...]
    outlet: str | None
    published: str | None
    title: str | None
    url: str | None
    pipeline_version: str
    precision: str | None = None  # the place's: country, admin1, admin2, locality or site
    admin1: str | None = None
    country: str | None = None
    row: int = 0  # the ledger's row id, for keyset paging (``Filters.after``)
    time_precision: str | None = None  # day, week, month or year
    status: str = "occurred"  # or planned, threatened, denied, negated
    evidence: str | None = None  # the sentence that reports the event
    admin2: str | None = None
    actor_ids: tuple[str | None, ...] = ()  # actor-base ids of ``actors``, None where unknown
    target_ids: tuple[str | None, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        found = _fields(self)
        found["figures"] = tuple(_fields(f) for f in self.figures)
        found["type_label"] = label(self.type)
        return found


@dataclass(frozen=True)
class ClaimRow:
    document: str
    claim: str
    speaker: str | None
    speaker_text: str | None
    cue: str
    kind: str
    content: str
    hedged: bool
    via: str | None
    outlet: str | None
    published: str | None
    title: str | None
    url: str | None
    pipeline_version: str
    row: int = 0

    def to_dict(self) -> dict[str, Any]:
        return _fields(self)


@dataclass(frozen=True)
class DocumentRow:
    """A stored article, without its body or record (``Ledger.document`` gives those)."""

    id: str
    title: str | None
    outlet: str | None
    published: str | None
    url: str | None
    language: str
    duplicate_of: str | None
    pipeline_version: str
    row: int = 0

    def to_dict(self) -> dict[str, Any]:
        return _fields(self)


@dataclass(frozen=True)
class PlaceCount:
    """A resolved place and how many stored articles and events name it."""

    name: str
    gazetteer_id: str | None
    lat: float
    lon: float
    country: str | None
    admin1: str | None
    precision: str
    documents: int
    events: int

    def to_dict(self) -> dict[str, Any]:
        return _fields(self)


@dataclass(frozen=True)
class SearchHit:
    """A full-text match: an article (``claim`` is None) or one of its claims."""

    kind: str
    document: str
    claim: str | None
    title: str | None
    outlet: str | None
    snippet: str

    def to_dict(self) -> dict[str, Any]:
        return _fields(self)


@dataclass(frozen=True)
class IngestCounts:
    """What one written batch did."""

    added: int = 0
    replaced: int = 0
    rejected: int = 0
    unchanged: int = 0  # already stored by this version when the batch was written


def _name(entity: StoredEntity | None) -> str | None:
    return entity.name if entity is not None else None


def _claimant(claim: StoredClaim | None) -> str | None:
    if claim is None:
        return None
    return _name(claim.speaker) or claim.speaker_text


def figure_row(figure: StoredFigure) -> FigureRow:
    return FigureRow(figure.kind, figure.count, figure.low, figure.high, figure.text,
                     _name(figure.side), _claimant(figure.claim), figure.scope)


def event_row(event: StoredEvent) -> EventRow:
    doc = event.document
    place = event.place
    parties = event.parties
    return EventRow(
        document=doc.record_id, event=event.local_id, type=event.type, plover=event.plover,
        time_start=event.time_start, time_end=event.time_end, time_text=event.time_text,
        place=place.name if place else None, lat=event.lat, lon=event.lon,
        actors=tuple(p.entity.name for p in parties if p.role == "actor"),
        targets=tuple(p.entity.name for p in parties if p.role == "target"),
        claimant=_claimant(event.claim), confidence=event.confidence,
        figures=tuple(figure_row(f) for f in event.figures), outlet=doc.outlet,
        published=doc.published, title=doc.title, url=doc.url,
        pipeline_version=event.pipeline_version,
        precision=place.precision if place else None, admin1=place.admin1 if place else None,
        country=place.country if place else None, row=event.id,
        time_precision=event.time_precision, status=event.status,
    )


def claim_row(claim: StoredClaim) -> ClaimRow:
    doc = claim.document
    return ClaimRow(
        document=doc.record_id, claim=claim.local_id, speaker=_name(claim.speaker),
        speaker_text=claim.speaker_text, cue=claim.cue, kind=claim.kind,
        content=claim.content, hedged=claim.hedged, via=_name(claim.via), outlet=doc.outlet,
        published=doc.published, title=doc.title, url=doc.url,
        pipeline_version=claim.pipeline_version, row=claim.id,
    )


def document_row(doc: StoredDocument) -> DocumentRow:
    return DocumentRow(id=doc.record_id, title=doc.title, outlet=doc.outlet,
                       published=doc.published, url=doc.url, language=doc.language,
                       duplicate_of=doc.duplicate_of, pipeline_version=doc.pipeline_version,
                       row=doc.id)
