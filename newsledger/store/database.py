"""The ledger: the module that speaks SQL (with ``loading``, which reads found events back),
to SQLite (the default) or PostgreSQL.

``Ledger.open(url)`` connects and brings the schema to the latest migration. Writes go one
transaction per batch (``write``): a crash loses at most the batch in flight. Queries take
``Filters`` whose values are always bound parameters. Full text is FTS5 on SQLite (tables
kept in sync by triggers in the writing transaction) and ``to_tsvector`` / ``plainto_tsquery``
on PostgreSQL.

Every filter is a set of row ids found through an index, never a scan of a big table: name
filters scan the small ``names`` table for the substring, then read index ranges of the
names copied beside the links (``event_parties.name``, ``event_claimants``,
``claims.speaker_name``, ``documents.outlet``, ``places.name``/``admin1``); a bounding box
is an R*Tree search on SQLite. Results come in row-id order, so ``Filters.after`` pages at
any depth for the cost of the first page.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import (
    Engine,
    create_engine,
    delete,
    event,
    func,
    or_,
    select,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.strategy_options import _AbstractLoad
from sqlalchemy.sql.expression import TextClause

from newsledger.errors import LedgerError, LedgerMissing
from newsledger.record_codec import analysis_from_dict, story_from_dict
from newsledger.records import Analysis, Rejection, Story
from newsledger.store.boxes import box_alone, dense_box
from newsledger.store.fulltext import (
    PG_SEARCH_CLAIMS,
    PG_SEARCH_DOCUMENTS,
    SQLITE_SEARCH_CLAIMS,
    SQLITE_SEARCH_DOCUMENTS,
    fts5_query,
)
from newsledger.store.ledger_url import DEFAULT_URL, database_url
from newsledger.store.loading import load_events
from newsledger.store.migrate import upgrade
from newsledger.store.models import (
    LedgerState,
    StoredClaim,
    StoredDocument,
    StoredEntity,
    StoredEvent,
    StoredFigure,
    StoredName,
    StoredPlace,
    StoredRejection,
    name_key,
)
from newsledger.store.query_filters import (
    claim_filters,
    document_filters,
    event_filters,
    places_named,
)
from newsledger.store.results import (
    ClaimRow,
    DocumentRow,
    EventRow,
    Filters,
    IngestCounts,
    PlaceCount,
    SearchHit,
    claim_row,
    document_row,
)
from newsledger.store.rows import batch_names, document_rows
from newsledger.store.story_store import (
    StoryRefresh,
    is_current,
    latest_and_largest,
    mark_stale,
    refresh,
    story_bodies,
    story_body,
)
from newsledger.store.watch_state import WatchState

if TYPE_CHECKING:
    from newsledger.stories import StorySettings

_Row = TypeVar("_Row", StoredClaim, StoredDocument)
_Any = TypeVar("_Any", bound=Any)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


def _engine(url: str) -> Engine:
    try:
        engine = create_engine(url)
    except (SQLAlchemyError, ImportError, ValueError) as exc:
        raise LedgerError(f"cannot use the ledger URL {url!r}: {exc}; give a SQLite path or "
                          "a URL like sqlite:///ledger.db or "
                          "postgresql+psycopg://user@host/db") from exc
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    elif engine.dialect.name != "postgresql":
        raise LedgerError(f"the ledger runs on SQLite or PostgreSQL, not {engine.dialect.name}")
    return engine


def _document(load: _AbstractLoad) -> _AbstractLoad:
    """Load a row's document without its body and record (tens of kB each)."""
    return load.load_only(StoredDocument.record_id, StoredDocument.outlet,
                          StoredDocument.published, StoredDocument.title, StoredDocument.url)


def _name(load: _AbstractLoad) -> _AbstractLoad:
    return load.load_only(StoredEntity.name)


class Ledger:
    """A ledger of analysed news in one database."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.dialect = engine.dialect.name

    @classmethod
    def open(cls, url: str = DEFAULT_URL, create: bool = True) -> Ledger:
        """Connect to ``url`` (a SQLAlchemy URL or a SQLite path) and upgrade its schema.
        With ``create`` false a SQLite file that does not exist is ``LedgerMissing``
        (a read command given a mistyped path must not make an empty ledger)."""
        engine = _engine(database_url(url))
        path = engine.url.database if engine.dialect.name == "sqlite" else None
        if not create and path and path != ":memory:" and not Path(path).exists():
            engine.dispose()
            raise LedgerMissing(f"no ledger at {path}: check --db (or NEWSLEDGER_DB), or "
                                "make one with 'newsledger ingest SOURCE --db PATH'")
        try:
            upgrade(engine)
        except (SQLAlchemyError, OSError) as exc:
            engine.dispose()
            raise LedgerError(f"cannot open the ledger at {engine.url!r}: {exc}; check that "
                              "the server runs, the database exists and you may write "
                              "to it") from exc
        return cls(engine)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- writing -------------------------------------------------------------------------

    def stored_version(self, key: str) -> str | None:
        """The pipeline version that produced the stored document ``key``, or None."""
        with Session(self.engine) as session:
            return session.scalar(
                select(StoredDocument.pipeline_version).where(StoredDocument.key == key))

    def write(self, analyses: Sequence[Analysis], rejections: Sequence[Rejection],
              version: str, keep_current: bool = False) -> IngestCounts:
        """Store a batch in one transaction: each analysis replaces any stored document of
        the same key, and each rejection any earlier one of its source. With
        ``keep_current`` a document that this ``version`` already stored (another ingest
        got there first) is kept as it is and counted ``unchanged``."""
        added = replaced = unchanged = 0
        try:
            with Session(self.engine) as session, session.begin():
                for analysis in analyses:
                    row = document_rows(analysis, version)
                    if keep_current and session.scalar(
                            select(StoredDocument.pipeline_version)
                            .where(StoredDocument.key == row.key)) == version:
                        unchanged += 1
                        continue
                    gone = session.execute(
                        delete(StoredDocument).where(StoredDocument.key == row.key))
                    replaced += 1 if gone.rowcount else 0  # type: ignore[attr-defined]
                    added += 0 if gone.rowcount else 1  # type: ignore[attr-defined]
                    session.execute(delete(StoredRejection).where(
                        StoredRejection.source == row.source))
                    session.add(row)
                    session.flush()
                self._add_rejections(session, rejections, version)
                self._add_names(session, batch_names(analyses))
                mark_stale(session, analyses)
                session.execute(update(LedgerState).values(revision=LedgerState.revision + 1))
        except SQLAlchemyError as exc:
            raise LedgerError(f"cannot write to the ledger: {exc}; the batch was rolled back, "
                              "so run the same ingest again once the cause is fixed") from exc
        return IngestCounts(added, replaced, len(rejections), unchanged)

    @staticmethod
    def _add_rejections(session: Session, rejections: Iterable[Rejection],
                        version: str) -> None:
        now = datetime.now(UTC)
        for r in rejections:
            session.execute(delete(StoredRejection).where(StoredRejection.source == r.source))
            session.add(StoredRejection(source=r.source, reason=r.reason, detail=r.detail,
                                        pipeline_version=version, rejected_at=now))

    def _add_names(self, session: Session, names: set[str]) -> None:
        if not names:
            return
        insert = postgresql.insert if self.dialect == "postgresql" else sqlite.insert
        rows = [{"name": n, "key": name_key(n)} for n in sorted(names)]  # sorted: no deadlock
        session.execute(insert(StoredName).on_conflict_do_nothing(), rows)

    # -- reading -------------------------------------------------------------------------

    def document(self, document_id: str) -> dict[str, Any] | None:
        """The stored ``newsledger/1`` record of a document, by its id (the body's hash, as in
        the record) or its ledger key."""
        with Session(self.engine) as session:
            record = session.scalar(
                select(StoredDocument.record)
                .where(or_(StoredDocument.record_id == document_id,
                           StoredDocument.key == document_id))
                .order_by(StoredDocument.id).limit(1))
        return json.loads(record) if record is not None else None

    def count(self, what: str = "documents") -> int:
        """How many rows a table holds: documents, entities, claims, events, figures..."""
        models = {"documents": StoredDocument, "entities": StoredEntity,
                  "places": StoredPlace, "claims": StoredClaim, "events": StoredEvent,
                  "figures": StoredFigure, "rejections": StoredRejection}
        with Session(self.engine) as session:
            return session.scalar(select(func.count()).select_from(models[what])) or 0

    def rejections(self) -> list[Rejection]:
        with Session(self.engine) as session:
            rows = session.scalars(select(StoredRejection).order_by(StoredRejection.id))
            return [Rejection(r.source, r.reason, r.detail) for r in rows]

    def events(self, since: str | None = None, until: str | None = None,
               bbox: tuple[float, float, float, float] | None = None,
               place: str | None = None, type: str | None = None,
               actor: str | None = None, speaker: str | None = None,
               outlet: str | None = None, text: str | None = None,
               limit: int = 100, offset: int = 0) -> list[EventRow]:
        """Events matching every filter given, in the order they were stored."""
        return self.find_events(Filters(since, until, bbox, place, type, actor, speaker,
                                        outlet, text, limit, offset))

    def claims(self, since: str | None = None, until: str | None = None,
               speaker: str | None = None, outlet: str | None = None,
               text: str | None = None, limit: int = 100,
               offset: int = 0) -> list[ClaimRow]:
        """Claims matching every filter given, in the order they were stored."""
        return self.find_claims(Filters(since=since, until=until, speaker=speaker,
                                        outlet=outlet, text=text, limit=limit, offset=offset))

    def records(self, filters: Filters) -> list[dict[str, Any]]:
        """The stored records of the documents with an event matching the filters (the
        limit and offset count documents), oldest publication first."""
        events = event_filters(select(StoredEvent), filters, self.dialect).subquery()
        stmt = (select(StoredDocument.record)
                .where(StoredDocument.id.in_(select(events.c.document_id)))
                .order_by(StoredDocument.published, StoredDocument.id)
                .limit(filters.limit).offset(filters.offset))
        with Session(self.engine) as session:
            return [json.loads(r) for r in session.scalars(stmt)]

    def stories(self, filters: Filters, settings: StorySettings | None = None
                ) -> tuple[Story, ...]:
        """The stories matching the filters: the stored ones when they are current (see
        ``story_bodies``), else the events matching the filters grouped now by the stories
        stage (``newsledger.stories``; also with ``settings`` of one's own); the latest
        first, then the most reported."""
        bodies = self.story_bodies(filters) if settings is None else None
        if bodies is not None:
            return tuple(story_from_dict(json.loads(b)) for b in bodies)
        from newsledger.stories import StoryBuilder  # the stage, only when it must group

        analyses = [analysis_from_dict(r) for r in self.records(filters)]
        return latest_and_largest(StoryBuilder(settings)(analyses))

    def story_bodies(self, filters: Filters, min_reports: int = 1) -> list[str] | None:
        """The stored stories' JSON (``story_store.story_bodies``), or None while documents
        written since the last ``refresh_stories`` wait to be grouped."""
        return story_bodies(self.engine, filters, min_reports) if is_current(self.engine) else None

    def story(self, story_id: str) -> tuple[str | None, bool]:
        """The stored story's JSON (or None) and whether the stored stories are current."""
        return story_body(self.engine, story_id), is_current(self.engine)

    def refresh_stories(self, settings: StorySettings | None = None) -> StoryRefresh:
        """Group what was written since the last refresh and store the stories."""
        return refresh(self.engine, settings)

    def watch_state(self) -> WatchState:
        """The state of ``newsledger watch`` in this ledger (its sources and items taken)."""
        return WatchState(self.engine)

    def revision(self) -> int:
        """The ledger's revision: how many batches were written since migration 0005 (what
        is worked out from the ledger, such as stories, may be kept until it changes)."""
        with self.engine.connect() as connection:
            return connection.execute(select(LedgerState.revision)).scalar_one()

    def find_events(self, filters: Filters) -> list[EventRow]:
        with self.engine.connect() as connection:
            dense = (self.dialect == "sqlite" and filters.bbox is not None
                     and box_alone(filters)
                     and dense_box(connection, filters.bbox, filters.limit + filters.offset))
            stmt = event_filters(select(StoredEvent.__table__), filters, self.dialect, dense)
            stmt = stmt.order_by(StoredEvent.id).limit(filters.limit).offset(filters.offset)
            return load_events(connection, connection.execute(stmt).all())

    def each_event(self, filters: Filters, limit: int | None = None,
                   page: int = 1000) -> Iterator[EventRow]:
        """Every event matching ``filters`` (at most ``limit``), read ``page`` rows at a time
        by keyset paging: an export or a download of any size in bounded memory."""
        after, given = filters.after, 0
        while limit is None or given < limit:
            size = page if limit is None else min(page, limit - given)
            rows = self.find_events(replace(filters, limit=size, offset=0, after=after))
            yield from rows
            given += len(rows)
            if len(rows) < size:
                return
            after = rows[-1].row

    def find_claims(self, filters: Filters) -> list[ClaimRow]:
        stmt = claim_filters(select(StoredClaim).join(StoredClaim.document), filters,
                             self.dialect)
        stmt = stmt.order_by(StoredClaim.id).limit(filters.limit).offset(filters.offset)
        stmt = stmt.options(_document(selectinload(StoredClaim.document)),
                            _name(selectinload(StoredClaim.speaker)),
                            _name(selectinload(StoredClaim.via)))
        with Session(self.engine) as session:
            return [claim_row(c) for c in session.scalars(stmt)]

    def documents(self, filters: Filters) -> list[DocumentRow]:
        """Stored articles by publication time (``since``/``until``), ``outlet`` and words
        of the article (``text``), in the order they were stored."""
        stmt = document_filters(select(StoredDocument), filters, self.dialect)
        stmt = stmt.order_by(StoredDocument.id).limit(filters.limit).offset(filters.offset)
        with Session(self.engine) as session:
            return [document_row(d) for d in session.scalars(stmt)]

    def places(self, filters: Filters) -> list[PlaceCount]:
        """Resolved places (matching ``filters.place``) with how many articles and events
        name them, the most eventful first."""
        events = func.count(func.distinct(StoredEvent.id))
        documents = func.count(func.distinct(StoredPlace.document_id))
        stmt = (select(StoredPlace.name, StoredPlace.gazetteer_id, func.min(StoredPlace.lat),
                       func.min(StoredPlace.lon), StoredPlace.country, StoredPlace.admin1,
                       StoredPlace.precision, documents, events)
                .outerjoin(StoredEvent, StoredEvent.place_id == StoredPlace.id)
                .group_by(StoredPlace.name, StoredPlace.gazetteer_id, StoredPlace.country,
                          StoredPlace.admin1, StoredPlace.precision)
                .order_by(events.desc(), documents.desc(), StoredPlace.name)
                .limit(filters.limit).offset(filters.offset))
        if filters.place:
            stmt = stmt.where(StoredPlace.id.in_(places_named(filters.place)))
        with Session(self.engine) as session:
            return [PlaceCount(*row) for row in session.execute(stmt)]

    def search(self, words: str, limit: int = 20) -> list[SearchHit]:
        """Articles, then claims, whose text matches ``words``, best first: at most
        ``limit`` in all."""
        if not re.search(r"\w", words):
            return []
        hits: list[SearchHit] = []
        with Session(self.engine) as session:
            for kind, statement in self._search_statements():
                if len(hits) >= limit:
                    break
                query = fts5_query(words) if self.dialect == "sqlite" else words
                params = {"q": query, "limit": limit - len(hits)}
                for row in session.execute(statement, params):
                    hits.append(SearchHit(kind, row.record_id, row.claim, row.title,
                                          row.outlet, row.snippet))
        return hits

    def _search_statements(self) -> list[tuple[str, TextClause]]:
        if self.dialect == "sqlite":
            return [("document", SQLITE_SEARCH_DOCUMENTS), ("claim", SQLITE_SEARCH_CLAIMS)]
        return [("document", PG_SEARCH_DOCUMENTS), ("claim", PG_SEARCH_CLAIMS)]
