"""Stories kept in the ledger: the SQL that marks what a write makes stale, groups it again
and reads stored stories back (a part of the store's SQL, beside ``database``).

Every written batch widens the span of days waiting to be grouped by its events' days and its
reports' publication days (``mark_stale``, in the batch's own transaction, so a crash never
loses the mark). ``refresh`` groups again the events of that span, padded by the grouping's
largest gap, and those of the documents published in it, together with every event of the
stories they were in, and replaces those stories in one transaction; an ingest run calls it
once at its end. While stories are stale, ``Ledger.stories`` groups per request instead.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import Select, delete, func, insert, or_, select, update
from sqlalchemy.orm import Session

from newsledger.record_codec import analysis_from_dict, story_json
from newsledger.records import Analysis, Story
from newsledger.store.models import (
    LedgerState,
    StoredDocument,
    StoredEvent,
    StoredStory,
    StoryEvent,
)
from newsledger.store.query_filters import event_filters
from newsledger.store.results import Filters, until_bound

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from newsledger.stories import StorySettings

CHUNK = 5000  # ids per IN list (SQLite binds at most 32,766 parameters)


@dataclass(frozen=True)
class StoryRefresh:
    """What one refresh did: ``documents`` read back, ``stories`` stored, over ``span``
    (None: the whole ledger); ``current`` is False when another write came meanwhile."""

    documents: int = 0
    stories: int = 0
    seconds: float = 0.0
    span: tuple[str, str] | None = None
    current: bool = True


def day(iso: str | None) -> date | None:
    """The calendar day of an ISO 8601 date or date-time, or None (as
    ``stories.items.day``, without loading the stories stage for a read)."""
    try:
        return date.fromisoformat(iso[:10]) if iso else None
    except ValueError:
        return None


def _iso_day(value: str | None) -> str | None:
    """The calendar day of an ISO date or date-time, or None for anything else (a stored
    "not a date" must not become the span every later refresh fails to read)."""
    found = day(value)
    return found.isoformat() if found else None


def _days(analyses: Iterable[Analysis]) -> Iterator[str | None]:
    """The days of the batch's events and, for a document with events, its publication day
    (reports published near each other may be joined whatever their events' days:
    ``stories.report_links``)."""
    for a in analyses:
        published = _iso_day(a.document.published)
        for e in a.events:
            found: list[str | None] = [
                d for d in (_iso_day(t) for t in (e.time.start, e.time.end)) if d
            ] if e.time else []
            yield from found or [published]
        if a.events and published:
            yield published


def mark_stale(session: Session, analyses: Sequence[Analysis]) -> None:
    """Widen the span of days waiting to be grouped by this batch's events' days and its
    reports' publication days (an event with no day at all makes the whole ledger wait). The
    span is one interval: a batch whose events are dated years before its publication makes
    those years wait, as a batch holding an old event and a new one always did."""
    days = list(_days(analyses))
    if not days:
        return
    state = session.execute(select(LedgerState)).scalar_one()
    known = [d for d in days if d]
    if len(known) < len(days) or (state.stale and state.stale_low is None):
        state.stale, state.stale_low, state.stale_high = 1, None, None
        return
    low, high = min(known), max(known)
    if state.stale:
        low = min(low, state.stale_low or low)
        high = max(high, state.stale_high or high)
    state.stale, state.stale_low, state.stale_high = 1, low, high


def is_current(engine: Engine) -> bool:
    with engine.connect() as connection:
        return not connection.execute(select(LedgerState.stale)).scalar_one()


def _chunks(ids: Sequence[int]) -> Iterator[Sequence[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start:start + CHUNK]


def _padded(low: str, high: str, pad: int) -> tuple[str, str] | None:
    """The stale span widened by ``pad`` days; None (the whole ledger) when a bound is no
    day, as one written before bounds were checked may be."""
    first, last = day(low), day(high)
    if first is None or last is None:
        return None
    return ((first - timedelta(days=pad)).isoformat(),
            (last + timedelta(days=pad)).isoformat())


def _documents_to_group(engine: Engine, session: Session,
                        span: tuple[str, str] | None) -> list[int]:
    """The documents with an event in ``span`` (None: every document with an event) or
    with events and published in it, and those of the stories their events are in, so that
    no stored story is cut in two."""
    events = select(StoredEvent.document_id)
    found: set[int] = set()
    if span is not None:
        events = event_filters(events, Filters(since=span[0], until=span[1]),
                               engine.dialect.name)
        found.update(session.scalars(
            select(StoredEvent.document_id).join(StoredDocument)
            .where(StoredDocument.published >= span[0],
                   StoredDocument.published <= until_bound(span[1])).distinct()))
    found.update(session.scalars(events.distinct()))
    ids = sorted(found)
    for chunk in _chunks(ids):
        touched = (select(StoryEvent.story_id).join(StoredEvent)
                   .where(StoredEvent.document_id.in_(chunk)))
        found.update(session.scalars(
            select(StoredEvent.document_id).join(StoryEvent)
            .where(StoryEvent.story_id.in_(touched)).distinct()))
    return sorted(found)


def _event_ids(session: Session, documents: Sequence[int]) -> dict[str, int]:
    """Story references (``record id:local id``) of the documents' events → event rows."""
    refs: dict[str, int] = {}
    for chunk in _chunks(documents):
        rows = session.execute(
            select(StoredEvent.id, StoredDocument.record_id, StoredEvent.local_id)
            .join(StoredDocument).where(StoredEvent.document_id.in_(chunk)))
        refs.update({f"{record}:{local}": event for event, record, local in rows})
    return refs


def _replace(session: Session, documents: Sequence[int], stories: Sequence[Story],
             refs: dict[str, int]) -> int:
    """Delete the stories of the documents' events (and stories left with no event), then
    store ``stories``; the number stored."""
    for chunk in _chunks(documents):
        session.execute(delete(StoredStory).where(StoredStory.id.in_(
            select(StoryEvent.story_id).join(StoredEvent)
            .where(StoredEvent.document_id.in_(chunk)))))
    session.execute(delete(StoredStory).where(~StoredStory.id.in_(
        select(StoryEvent.story_id))))
    next_id = (session.scalar(select(func.max(StoredStory.id))) or 0) + 1
    story_rows: list[dict[str, Any]] = []
    member_rows: list[dict[str, Any]] = []
    for story in stories:
        members = {refs[r] for r in story.events if r in refs}
        if not members:
            continue
        story_rows.append({"id": next_id, "key": story.id, "reports": len(story.documents),
                           "first_day": story.time.start if story.time else None,
                           "last_day": story.time.end if story.time else None,
                           "body": story_json(story)})
        member_rows.extend({"event_id": e, "story_id": next_id} for e in members)
        next_id += 1
    if story_rows:
        session.execute(insert(StoredStory), story_rows)
        session.execute(insert(StoryEvent), member_rows)
    return len(story_rows)


def _records(session: Session, documents: Sequence[int]) -> list[Analysis]:
    analyses: list[Analysis] = []
    for chunk in _chunks(documents):
        analyses.extend(analysis_from_dict(json.loads(r)) for r in session.scalars(
            select(StoredDocument.record).where(StoredDocument.id.in_(chunk))
            .order_by(StoredDocument.published, StoredDocument.id)))
    return analyses


def refresh(engine: Engine, settings: StorySettings | None = None) -> StoryRefresh:
    """Group again what was written since the last refresh and store the stories."""
    from newsledger.stories import StoryBuilder, StorySettings  # the stage, when it runs

    started = time.perf_counter()
    settings = settings or StorySettings()
    with Session(engine) as session:
        state = session.execute(select(LedgerState)).scalar_one()
        if not state.stale:
            return StoryRefresh()
        revision, span = state.revision, None
        if state.stale_low and state.stale_high:
            span = _padded(state.stale_low, state.stale_high,
                           settings.grouping.limits.max_gap_days)
        documents = _documents_to_group(engine, session, span)
        stories = StoryBuilder(settings)(_records(session, documents))
        refs = _event_ids(session, documents)
    with Session(engine) as session, session.begin():
        state = session.execute(select(LedgerState).with_for_update()).scalar_one()
        if state.revision != revision:  # written meanwhile: keep the mark for the next one
            return StoryRefresh(len(documents), 0, time.perf_counter() - started, span, False)
        stored = _replace(session, documents, stories, refs)
        session.execute(update(LedgerState).values(
            stale=0, stale_low=None, stale_high=None, revision=LedgerState.revision + 1))
    return StoryRefresh(len(documents), stored, time.perf_counter() - started, span)


def _story_filter(engine: Engine, stmt: Select[Any], filters: Filters) -> Select[Any]:
    """Stories whose span overlaps the time filter and, for any other filter, with an
    event that matches it."""
    if filters.since:
        stmt = stmt.where(or_(StoredStory.last_day >= filters.since,
                              StoredStory.last_day.is_(None)))
    if filters.until:
        stmt = stmt.where(StoredStory.first_day <= until_bound(filters.until))
    rest = Filters(bbox=filters.bbox, place=filters.place, type=filters.type,
                   actor=filters.actor, speaker=filters.speaker, outlet=filters.outlet,
                   text=filters.text)
    if rest != Filters():
        events = event_filters(select(StoredEvent.id), rest, engine.dialect.name)
        stmt = stmt.where(StoredStory.id.in_(
            select(StoryEvent.story_id).where(StoryEvent.event_id.in_(events))))
    return stmt


def story_bodies(engine: Engine, filters: Filters, min_reports: int = 1) -> list[str]:
    """The stored stories' JSON matching ``filters``, told by at least ``min_reports``
    articles: the latest first (by the last day of their events), then the most reported
    (``filters.limit`` and ``offset`` count stories)."""
    stmt = _story_filter(engine, select(StoredStory.body), filters)
    stmt = (stmt.where(StoredStory.reports >= min_reports)
            .order_by(StoredStory.last_day.is_(None), StoredStory.last_day.desc(),
                      StoredStory.reports.desc(), StoredStory.id)
            .limit(filters.limit).offset(filters.offset))
    with engine.connect() as connection:
        return list(connection.scalars(stmt))


def story_body(engine: Engine, key: str) -> str | None:
    """The stored story ``key`` (its id) as JSON, if one is stored under that id."""
    with engine.connect() as connection:
        return connection.scalar(select(StoredStory.body).where(StoredStory.key == key))


def latest_and_largest(stories: Iterable[Story]) -> tuple[Story, ...]:
    """Stories in the ledger's order: the latest last day of events first (stories without
    one last), then the most reports, then the id (as ``story_store.story_bodies``)."""
    ordered = sorted(stories, key=lambda s: s.id)
    ordered.sort(key=lambda s: len(s.documents), reverse=True)
    ordered.sort(key=lambda s: (s.time.end if s.time else None) or "", reverse=True)
    return tuple(ordered)
