"""The ledger's tables as SQLAlchemy 2 typed declarative models.

One ``documents`` row per article (keyed by a hash of its normalised body and URL), and the
rows of its analysis beneath it: entities and their mentions, places, claims, events with
their actors and targets, and figures. Every analysis row records the pipeline version that
produced it. Child rows go with their document (``ON DELETE CASCADE``), so re-analysing a
document replaces all of them at once. ``rejections`` keeps the inputs that were not
analysed. Times are ISO 8601 strings, as in the record, so that they compare in order.

``names`` holds each distinct name stored anywhere (outlets, entities, places and their
admin1, claims' speaker texts) once, with its search key (``name_key``: casefolded, spaces
collapsed): the name filters scan this small table for the substring and then look the
matching names up in the big tables' indexes, instead of scanning millions of rows.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, DateTime, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

CASCADE = "CASCADE"


class Base(DeclarativeBase):
    pass


def name_key(name: str) -> str:
    """The key a name is searched by: casefolded, runs of white space as one space."""
    return " ".join(name.split()).casefold()


NAME_LENGTH = 500  # longer texts are not names; they are not kept in ``names``


class StoredName(Base):
    """A distinct name and its search key (no foreign keys: rows refer to it by value)."""

    __tablename__ = "names"

    name: Mapped[str] = mapped_column(String(NAME_LENGTH), primary_key=True)
    key: Mapped[str] = mapped_column(String(NAME_LENGTH))


class StoredDocument(Base):
    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    record_id: Mapped[str] = mapped_column(String(64), index=True)
    source: Mapped[str] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(String(300), index=True)
    title: Mapped[str | None] = mapped_column(Text)
    published: Mapped[str | None] = mapped_column(String(40), index=True)
    authors: Mapped[list[str]] = mapped_column(JSON)
    dateline: Mapped[str | None] = mapped_column(String(300))
    language: Mapped[str] = mapped_column(String(8))
    duplicate_of: Mapped[str | None] = mapped_column(String(64))
    body: Mapped[str] = mapped_column(Text)
    record: Mapped[str] = mapped_column(Text)  # the newsledger/1 record as written
    pipeline_version: Mapped[str] = mapped_column(String(40))
    analysed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    entities: Mapped[list[StoredEntity]] = relationship(
        back_populates="document", cascade="all, delete-orphan", passive_deletes=True)
    places: Mapped[list[StoredPlace]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True)
    claims: Mapped[list[StoredClaim]] = relationship(
        back_populates="document", cascade="all, delete-orphan", passive_deletes=True)
    events: Mapped[list[StoredEvent]] = relationship(
        back_populates="document", cascade="all, delete-orphan", passive_deletes=True)


class StoredEntity(Base):
    __tablename__ = "entities"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete=CASCADE),
                                             index=True)
    local_id: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(500), index=True)
    type: Mapped[str] = mapped_column(String(10))
    aliases: Mapped[list[str]] = mapped_column(JSON)
    role: Mapped[str | None] = mapped_column(String(200))
    affiliation: Mapped[str | None] = mapped_column(String(16))  # local id, as in the record
    kb_id: Mapped[str | None] = mapped_column(String(200), index=True)
    pipeline_version: Mapped[str] = mapped_column(String(40))

    document: Mapped[StoredDocument] = relationship(back_populates="entities")
    mentions: Mapped[list[StoredMention]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True)


class StoredMention(Base):
    __tablename__ = "mentions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete=CASCADE),
                                           index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)


class StoredPlace(Base):
    __tablename__ = "places"
    __table_args__ = (
        Index("ix_places_admin1", "admin1"),
        Index("ix_places_country", "country"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete=CASCADE),
                                             index=True)
    local_id: Mapped[str] = mapped_column(String(16))
    entity_id: Mapped[int | None] = mapped_column(
        ForeignKey("entities.id", ondelete=CASCADE))
    name: Mapped[str] = mapped_column(String(500), index=True)
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)
    country: Mapped[str | None] = mapped_column(String(2))
    admin1: Mapped[str | None] = mapped_column(String(300))
    admin2: Mapped[str | None] = mapped_column(String(300))
    precision: Mapped[str] = mapped_column(String(10))
    gazetteer_id: Mapped[str | None] = mapped_column(String(100), index=True)
    pipeline_version: Mapped[str] = mapped_column(String(40))

    entity: Mapped[StoredEntity | None] = relationship()


class StoredClaim(Base):
    __tablename__ = "claims"
    __table_args__ = (
        # hash on PostgreSQL: a speaker text may be longer than a b-tree entry may be
        Index("ix_claims_speaker_text", "speaker_text", postgresql_using="hash"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete=CASCADE),
                                             index=True)
    local_id: Mapped[str] = mapped_column(String(16))
    speaker_id: Mapped[int | None] = mapped_column(
        ForeignKey("entities.id", ondelete=CASCADE), index=True)
    speaker_text: Mapped[str | None] = mapped_column(Text)
    cue: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(16))
    content: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    via_id: Mapped[int | None] = mapped_column(ForeignKey("entities.id", ondelete=CASCADE),
                                               index=True)
    # the speaker entity's name, copied for the speaker filter (an index range, not a join)
    speaker_name: Mapped[str | None] = mapped_column(String(NAME_LENGTH), index=True)
    hedged: Mapped[bool]
    pipeline_version: Mapped[str] = mapped_column(String(40))

    document: Mapped[StoredDocument] = relationship(back_populates="claims")
    speaker: Mapped[StoredEntity | None] = relationship(foreign_keys=[speaker_id])
    via: Mapped[StoredEntity | None] = relationship(foreign_keys=[via_id])


class StoredEvent(Base):
    __tablename__ = "events"
    __table_args__ = (
        Index("ix_events_lat_lon", "lat", "lon"),
        Index("ix_events_time", "time_start", "time_end"),
        Index("ix_events_place_id", "place_id"),
        Index("ix_events_claim_id", "claim_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete=CASCADE),
                                             index=True)
    local_id: Mapped[str] = mapped_column(String(16))
    type: Mapped[str] = mapped_column(String(40), index=True)
    plover: Mapped[str] = mapped_column(String(20))
    place_id: Mapped[int | None] = mapped_column(ForeignKey("places.id", ondelete=CASCADE))
    lat: Mapped[float | None] = mapped_column(Float)  # copied from the place for bbox queries
    lon: Mapped[float | None] = mapped_column(Float)
    time_start: Mapped[str | None] = mapped_column(String(40))
    time_end: Mapped[str | None] = mapped_column(String(40))
    time_text: Mapped[str | None] = mapped_column(Text)
    time_precision: Mapped[str | None] = mapped_column(String(8))  # day, week, month, year
    status: Mapped[str] = mapped_column(String(16), default="occurred",
                                        server_default="occurred")
    claim_id: Mapped[int | None] = mapped_column(ForeignKey("claims.id", ondelete=CASCADE))
    evidence_start: Mapped[int] = mapped_column(Integer)
    evidence_end: Mapped[int] = mapped_column(Integer)
    evidence: Mapped[str | None] = mapped_column(Text)  # the sentence, copied from the body
    confidence: Mapped[float] = mapped_column(Float)
    pipeline_version: Mapped[str] = mapped_column(String(40))

    document: Mapped[StoredDocument] = relationship(back_populates="events")
    place: Mapped[StoredPlace | None] = relationship()
    claim: Mapped[StoredClaim | None] = relationship()
    parties: Mapped[list[EventParty]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="EventParty.position")
    figures: Mapped[list[StoredFigure]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="StoredFigure.id")
    claimants: Mapped[list[EventClaimant]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True)


class EventParty(Base):
    """An actor or target of an event (``role`` is ``actor`` or ``target``)."""

    __tablename__ = "event_parties"
    __table_args__ = (Index("ix_event_parties_name", "name", "event_id"),)

    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete=CASCADE),
                                          primary_key=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete=CASCADE),
                                           primary_key=True, index=True)
    role: Mapped[str] = mapped_column(String(8), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str | None] = mapped_column(String(NAME_LENGTH))  # the entity's, copied

    entity: Mapped[StoredEntity] = relationship()


class EventClaimant(Base):
    """A name that says so for an event: the speaker (entity name or speaker text) of the
    claim reporting it or of a claim giving one of its figures. Derived from those rows
    when they are written, for the speaker filter."""

    __tablename__ = "event_claimants"
    __table_args__ = (Index("ix_event_claimants_name", "name", "event_id"),)

    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete=CASCADE),
                                          primary_key=True)
    name: Mapped[str] = mapped_column(String(NAME_LENGTH), primary_key=True)


class StoredFigure(Base):
    __tablename__ = "figures"
    __table_args__ = (Index("ix_figures_claim_id", "claim_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete=CASCADE),
                                          index=True)
    kind: Mapped[str] = mapped_column(String(16))
    count: Mapped[int | None] = mapped_column(Integer)
    low: Mapped[int | None] = mapped_column(Integer)
    high: Mapped[int | None] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    side_id: Mapped[int | None] = mapped_column(ForeignKey("entities.id", ondelete=CASCADE))
    claim_id: Mapped[int | None] = mapped_column(ForeignKey("claims.id", ondelete=CASCADE))
    scope: Mapped[str] = mapped_column(String(16), default="incident",
                                       server_default="incident")
    pipeline_version: Mapped[str] = mapped_column(String(40))

    side: Mapped[StoredEntity | None] = relationship(foreign_keys=[side_id])
    claim: Mapped[StoredClaim | None] = relationship()


class StoredRejection(Base):
    __tablename__ = "rejections"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(String(40), index=True)
    detail: Mapped[str] = mapped_column(Text)
    pipeline_version: Mapped[str] = mapped_column(String(40))
    rejected_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class LedgerState(Base):
    """One row: the ledger's revision, bumped by every written batch and stories refresh, so
    that what is worked out from the ledger can be kept until the ledger changes; and the
    span of event days written since the stories were last grouped (``stale``: 0 when they
    are current; 1 with ``stale_low``/``stale_high`` for that span, or with both None for
    the whole ledger)."""

    __tablename__ = "ledger_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    revision: Mapped[int] = mapped_column(Integer)
    stale: Mapped[int] = mapped_column(Integer, default=1)
    stale_low: Mapped[str | None] = mapped_column(String(40))
    stale_high: Mapped[str | None] = mapped_column(String(40))


class StoredStory(Base):
    """A story as the stories stage built it (``body``: its JSON), with the span of its
    events' days and how many articles tell it, for the queries that pick stories."""

    __tablename__ = "stories"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(16), index=True)
    first_day: Mapped[str | None] = mapped_column(String(40), index=True)
    last_day: Mapped[str | None] = mapped_column(String(40))
    reports: Mapped[int] = mapped_column(Integer)
    body: Mapped[str] = mapped_column(Text)


class StoryEvent(Base):
    """An event of a stored story (an event is in at most one story)."""

    __tablename__ = "story_events"

    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete=CASCADE),
                                          primary_key=True)
    story_id: Mapped[int] = mapped_column(ForeignKey("stories.id", ondelete=CASCADE),
                                          index=True)


class WatchSource(Base):
    """A source ``newsledger watch`` polls (a feed, a sitemap, a page to re-check) and where
    its polling stands: the validators of its last download (a conditional request next
    time), when it was last polled and with what outcome, when it is due, its failures in a
    row (the backoff), its articles; ``lease_until``/``lease_owner``: a watcher polling it
    now, so that two watchers on one ledger never poll it at once. Times: ISO 8601, UTC."""

    __tablename__ = "watch_sources"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    url: Mapped[str] = mapped_column(String(2000), unique=True)
    kind: Mapped[str | None] = mapped_column(String(16))
    every_s: Mapped[float] = mapped_column(Float)
    etag: Mapped[str | None] = mapped_column(String(500))
    last_modified: Mapped[str | None] = mapped_column(String(100))
    last_poll: Mapped[str | None] = mapped_column(String(40))
    next_poll: Mapped[str | None] = mapped_column(String(40), index=True)
    last_status: Mapped[str | None] = mapped_column(String(40))
    last_error: Mapped[str | None] = mapped_column(Text)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_article: Mapped[str | None] = mapped_column(String(40))
    articles: Mapped[int] = mapped_column(Integer, default=0)
    requests: Mapped[int] = mapped_column(Integer, default=0)
    lease_until: Mapped[str | None] = mapped_column(String(40))
    lease_owner: Mapped[str | None] = mapped_column(String(64))


class WatchItem(Base):
    """An item of a watched source already taken (a feed's guid or link, a sitemap's URL),
    by the hash of its key, with the version it had (its updated time): an item is fetched
    again only when its version changes."""

    __tablename__ = "watch_items"

    source_id: Mapped[int] = mapped_column(ForeignKey("watch_sources.id", ondelete=CASCADE),
                                           primary_key=True)
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    version: Mapped[str | None] = mapped_column(String(100))
    seen: Mapped[str] = mapped_column(String(40))
