"""The statements that narrow the ledger's queries to a user's filters: events (by time,
box, place, type, actor, speaker, outlet, words), claims and documents. The ledger
(``database``) and the stored stories (``story_store``) build their queries with these, so
a filter means the same in every command, endpoint and export.
"""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import CompoundSelect, Integer, Select, func, or_, select, text, union

from newsledger.store.boxes import in_box
from newsledger.store.filter_values import country_code, type_codes
from newsledger.store.fulltext import fts5_query
from newsledger.store.models import (
    EventClaimant,
    EventParty,
    StoredClaim,
    StoredDocument,
    StoredEntity,
    StoredEvent,
    StoredFigure,
    StoredPlace,
)
from newsledger.store.name_filters import names_holding, published_by, words_holding
from newsledger.store.results import Filters, until_bound

_Row = TypeVar("_Row", StoredClaim, StoredDocument)
_Any = TypeVar("_Any", bound=Any)


def event_filters(stmt: Select[_Any], f: Filters, dialect: str,
                  dense_box: bool = False) -> Select[_Any]:
    """``stmt`` (a select over events) narrowed to the events matching every filter of
    ``f`` but the limit and offset, on a database of ``dialect`` (``sqlite`` or
    ``postgresql``); ``dense_box``: the box holds many events (``boxes.dense_box``)."""
    low = func.coalesce(StoredEvent.time_start, StoredEvent.time_end)
    high = func.coalesce(StoredEvent.time_end, StoredEvent.time_start)
    if f.since:
        stmt = stmt.where(high >= f.since)
    if f.until:
        stmt = stmt.where(low <= until_bound(f.until))
    if f.bbox:
        stmt = in_box(stmt, f.bbox, dialect, dense_box)
    if f.place:
        stmt = stmt.where(StoredEvent.place_id.in_(places_named(f.place)))
    if f.type:
        codes, plover = type_codes(f.type)
        stmt = stmt.where(or_(StoredEvent.type.in_(sorted(codes)),
                              StoredEvent.plover == plover))
    if f.actor:
        stmt = stmt.where(StoredEvent.id.in_(union(
            select(EventParty.event_id).where(EventParty.name.in_(names_holding(f.actor))),
            select(EventParty.event_id).where(
                EventParty.entity_id.in_(with_kb_id(f.actor))))))
    if f.speaker:
        said = select(StoredClaim.id).where(
            StoredClaim.speaker_id.in_(with_kb_id(f.speaker))).cte("said")
        stmt = stmt.where(StoredEvent.id.in_(union(
            select(EventClaimant.event_id).where(
                EventClaimant.name.in_(names_holding(f.speaker))),
            select(StoredEvent.id).where(StoredEvent.claim_id.in_(select(said.c.id))),
            select(StoredFigure.event_id).where(
                StoredFigure.claim_id.in_(select(said.c.id))))))
    if f.outlet:
        stmt = stmt.where(StoredEvent.document_id.in_(published_by(f.outlet)))
    if f.text:
        stmt = stmt.where(StoredEvent.document_id.in_(document_matches(f.text, dialect)))
    if f.after is not None:
        stmt = stmt.where(StoredEvent.id > f.after)
    return stmt


def published_in(stmt: Select[_Row], f: Filters) -> Select[_Row]:
    if f.since:
        stmt = stmt.where(StoredDocument.published >= f.since)
    if f.until:
        stmt = stmt.where(StoredDocument.published <= until_bound(f.until))
    return stmt


def with_kb_id(kb_id: str) -> Select[int]:
    return select(StoredEntity.id).where(StoredEntity.kb_id == kb_id)


def claims_by(speaker: str) -> CompoundSelect[tuple[int]]:
    """Claims whose speaker's name or speaker text contains ``speaker``, or whose
    speaker has the actor-base id ``speaker``."""
    named = names_holding(speaker)
    return union(
        select(StoredClaim.id).where(StoredClaim.speaker_name.in_(named)),
        select(StoredClaim.id).where(StoredClaim.speaker_text.in_(named)),
        select(StoredClaim.id).where(StoredClaim.speaker_id.in_(with_kb_id(speaker))))


def places_named(place: str) -> CompoundSelect[tuple[int]]:
    """Places a ``--place`` value names: a country's code its country alone ("IN" is
    India, never Indiana or Beijing); a country's name its country and the places
    or admin1 divisions with that name ("Georgia"); any other name the places and
    admin1 divisions whose names hold it as whole words ("Panjshir" finds "Panjshir
    Valley", "Kabul" never "Kabulistan"); and a gazetteer id its place."""
    code = country_code(place)
    in_country = select(StoredPlace.id).where(StoredPlace.country == code)
    if code is not None and place.strip().upper() == code:
        return union(in_country, select(StoredPlace.id).where(
            StoredPlace.gazetteer_id == place))
    named = words_holding(place)
    selects = [select(StoredPlace.id).where(StoredPlace.name.in_(named)),
               select(StoredPlace.id).where(StoredPlace.admin1.in_(named)),
               select(StoredPlace.id).where(StoredPlace.gazetteer_id == place)]
    return union(*selects, *([in_country] if code is not None else []))


def document_matches(words: str, dialect: str) -> Any:
    if dialect == "sqlite":
        return text("SELECT rowid FROM documents_fts WHERE documents_fts MATCH :fts_doc"
                    ).bindparams(fts_doc=fts5_query(words) or '""').columns(rowid=Integer)
    return select(StoredDocument.id).where(text(
        "to_tsvector('english', coalesce(documents.title, '') || ' ' || documents.body) "
        "@@ plainto_tsquery('english', :fts_doc)").bindparams(fts_doc=words))


def claim_matches(words: str, dialect: str) -> Any:
    if dialect == "sqlite":
        return text("SELECT rowid FROM claims_fts WHERE claims_fts MATCH :fts_claim"
                    ).bindparams(fts_claim=fts5_query(words) or '""').columns(rowid=Integer)
    return select(StoredClaim.id).where(text(
        "to_tsvector('english', claims.content) @@ plainto_tsquery('english', :fts_claim)"
    ).bindparams(fts_claim=words))


def claim_filters(stmt: Select[Any], f: Filters, dialect: str) -> Select[Any]:
    """``stmt`` (a select over claims joined to their documents) narrowed to the claims
    matching the publication time, speaker, outlet (of the article, or the one a claim
    came via) and words of ``f``."""
    stmt = published_in(stmt, f)
    if f.speaker:
        stmt = stmt.where(StoredClaim.id.in_(claims_by(f.speaker)))
    if f.outlet:
        via = select(StoredEntity.id).where(StoredEntity.name.in_(names_holding(f.outlet)))
        stmt = stmt.where(StoredClaim.id.in_(union(
            select(StoredClaim.id).where(StoredClaim.document_id.in_(published_by(f.outlet))),
            select(StoredClaim.id).where(StoredClaim.via_id.in_(via)))))
    if f.text:
        stmt = stmt.where(StoredClaim.id.in_(claim_matches(f.text, dialect)))
    if f.after is not None:
        stmt = stmt.where(StoredClaim.id > f.after)
    return stmt


def document_filters(stmt: Select[Any], f: Filters, dialect: str) -> Select[Any]:
    """``stmt`` (a select over documents) narrowed to the articles matching the
    publication time, outlet and words of ``f``."""
    stmt = published_in(stmt, f)
    if f.outlet:
        stmt = stmt.where(StoredDocument.id.in_(published_by(f.outlet)))
    if f.text:
        stmt = stmt.where(StoredDocument.id.in_(document_matches(f.text, dialect)))
    if f.after is not None:
        stmt = stmt.where(StoredDocument.id > f.after)
    return stmt
