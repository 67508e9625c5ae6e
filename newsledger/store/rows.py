"""An ``Analysis`` as ledger rows: one ``StoredDocument`` holding every row of its record.

The record's local ids (``E1``, ``P1``, ``C1``) become links between the new rows, so that
a whole record is added in one go; no SQL is run here.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import UTC, datetime

from newsledger.record_codec import record_json
from newsledger.records import Analysis, Claim, Document, Entity, Event, Figure, Place
from newsledger.store.models import (
    NAME_LENGTH,
    EventClaimant,
    EventParty,
    StoredClaim,
    StoredDocument,
    StoredEntity,
    StoredEvent,
    StoredFigure,
    StoredMention,
    StoredPlace,
)


def document_key(document: Document) -> str:
    """The ledger's key of an article: its normalised body's hash and its URL, if any."""
    return hashlib.sha256(f"{document.id}\n{document.url or ''}".encode()).hexdigest()


class _Linker:
    """Builds the rows of one record, resolving its local ids to the rows made for them."""

    def __init__(self, version: str) -> None:
        self.version = version
        self.entities: dict[str, StoredEntity] = {}
        self.places: dict[str, StoredPlace] = {}
        self.claims: dict[str, StoredClaim] = {}

    def entity(self, entity: Entity) -> StoredEntity:
        row = StoredEntity(
            local_id=entity.id, name=entity.name, type=entity.type,
            aliases=list(entity.aliases), role=entity.role, affiliation=entity.affiliation,
            kb_id=entity.kb_id, pipeline_version=self.version,
            mentions=[StoredMention(start=m.start, end=m.end, text=m.text)
                      for m in entity.mentions],
        )
        self.entities[entity.id] = row
        return row

    def place(self, place: Place) -> StoredPlace:
        row = StoredPlace(
            local_id=place.id, entity=self.entities.get(place.entity), name=place.name,
            lat=place.lat, lon=place.lon, country=place.country, admin1=place.admin1,
            admin2=place.admin2, precision=place.precision, gazetteer_id=place.gazetteer_id,
            pipeline_version=self.version,
        )
        self.places[place.id] = row
        return row

    def claim(self, claim: Claim) -> StoredClaim:
        speaker = self._entity(claim.speaker)
        row = StoredClaim(
            local_id=claim.id, speaker=speaker,
            speaker_name=speaker.name if speaker is not None else None,
            speaker_text=claim.speaker_text, cue=claim.cue, kind=claim.kind,
            content=claim.content, start=claim.start, end=claim.end,
            via=self._entity(claim.via), hedged=claim.hedged, pipeline_version=self.version,
        )
        self.claims[claim.id] = row
        return row

    def event(self, event: Event, text: str) -> StoredEvent:
        place = self.places.get(event.place) if event.place else None
        time = event.time
        return StoredEvent(
            local_id=event.id, type=event.type, plover=event.plover, place=place,
            lat=place.lat if place else None, lon=place.lon if place else None,
            time_start=time.start if time else None, time_end=time.end if time else None,
            time_text=time.text if time else None,
            time_precision=time.precision if time else None, status=event.status,
            claim=self.claims.get(event.claim) if event.claim else None,
            evidence_start=event.evidence.start, evidence_end=event.evidence.end,
            evidence=text[event.evidence.start:event.evidence.end],
            confidence=event.confidence, pipeline_version=self.version,
            parties=self._parties(event), figures=[self.figure(f) for f in event.figures],
            claimants=[EventClaimant(name=n) for n in self._claimants(event)],
        )

    def figure(self, figure: Figure) -> StoredFigure:
        return StoredFigure(
            kind=figure.kind, count=figure.count, low=figure.low, high=figure.high,
            text=figure.text, side=self._entity(figure.side),
            claim=self.claims.get(figure.claim) if figure.claim else None,
            scope=figure.scope, pipeline_version=self.version,
        )

    def _parties(self, event: Event) -> list[EventParty]:
        parties: list[EventParty] = []
        for role, ids in (("actor", event.actors), ("target", event.targets)):
            for entity_id in dict.fromkeys(ids):
                if entity_id in self.entities:
                    entity = self.entities[entity_id]
                    parties.append(EventParty(entity=entity, role=role, name=entity.name,
                                              position=len(parties)))
        return parties

    def _claimants(self, event: Event) -> list[str]:
        """The names of who says so: the speakers of the event's claim and of its figures'
        claims, entity names and speaker texts alike."""
        names: dict[str, None] = {}
        for local_id in (event.claim, *(f.claim for f in event.figures)):
            claim = self.claims.get(local_id) if local_id else None
            if claim is not None:
                names.update(dict.fromkeys(n for n in (claim.speaker_name, claim.speaker_text)
                                           if n and len(n) <= NAME_LENGTH))
        return list(names)

    def _entity(self, local_id: str | None) -> StoredEntity | None:
        return self.entities.get(local_id) if local_id else None


def document_rows(analysis: Analysis, version: str) -> StoredDocument:
    """The document row of ``analysis`` with all its analysis rows attached."""
    doc = analysis.document
    link = _Linker(version)
    entities = [link.entity(e) for e in analysis.entities]
    places = [link.place(p) for p in analysis.places]
    claims = [link.claim(c) for c in analysis.claims]
    events = [link.event(e, doc.text) for e in analysis.events]
    return StoredDocument(
        key=document_key(doc), record_id=doc.id, source=doc.source, url=doc.url,
        outlet=doc.outlet, title=doc.title, published=doc.published,
        authors=list(doc.authors), dateline=doc.dateline, language=doc.language,
        duplicate_of=doc.duplicate_of, body=doc.text,
        record=record_json(analysis, indent=None), pipeline_version=version,
        analysed_at=datetime.now(UTC), entities=entities, places=places, claims=claims,
        events=events,
    )


def batch_names(analyses: Iterable[Analysis]) -> set[str]:
    """The names a batch stores that the name filters search: outlets, entity, place and
    admin1 names and claims' speaker texts."""
    found = {a.document.outlet for a in analyses if a.document.outlet}
    for a in analyses:
        found.update(e.name for e in a.entities)
        found.update(p.name for p in a.places)
        found.update(p.admin1 for p in a.places if p.admin1)
        found.update(c.speaker_text for c in a.claims if c.speaker_text)
    return {n for n in found if n and len(n) <= NAME_LENGTH}
