"""What the ledger's queries take and give: filters, and flat rows for tables, JSON and CSV.

No SQL here: ``database`` turns a ``Filters`` into bound statements and stored rows into
these rows.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from newsledger.store.models import StoredClaim, StoredEntity, StoredEvent, StoredFigure

BBox = tuple[float, float, float, float]  # min lon, min lat, max lon, max lat


@dataclass(frozen=True)
class Filters:
    """Query filters; every value is bound as a parameter, never formatted into SQL.

    ``since``/``until`` are ISO dates or date-times (an event matches when its time window
    overlaps them; a claim when its article's publication date falls inside). ``place``,
    ``actor``, ``speaker`` and ``outlet`` match names case-insensitively as substrings (or a
    gazetteer / actor-base id exactly); ``type`` is an event code or a PLOVER category;
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


@dataclass(frozen=True)
class FigureRow:
    kind: str
    count: int | None
    low: int | None
    high: int | None
    text: str
    side: str | None
    claimant: str | None


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

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


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

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


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
        return asdict(self)


@dataclass(frozen=True)
class IngestCounts:
    """What one written batch did."""

    added: int = 0
    replaced: int = 0
    rejected: int = 0


def _name(entity: StoredEntity | None) -> str | None:
    return entity.name if entity is not None else None


def _claimant(claim: StoredClaim | None) -> str | None:
    if claim is None:
        return None
    return _name(claim.speaker) or claim.speaker_text


def figure_row(figure: StoredFigure) -> FigureRow:
    return FigureRow(figure.kind, figure.count, figure.low, figure.high, figure.text,
                     _name(figure.side), _claimant(figure.claim))


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
    )


def claim_row(claim: StoredClaim) -> ClaimRow:
    doc = claim.document
    return ClaimRow(
        document=doc.record_id, claim=claim.local_id, speaker=_name(claim.speaker),
        speaker_text=claim.speaker_text, cue=claim.cue, kind=claim.kind,
        content=claim.content, hedged=claim.hedged, via=_name(claim.via), outlet=doc.outlet,
        published=doc.published, title=doc.title, url=doc.url,
        pipeline_version=claim.pipeline_version,
    )
