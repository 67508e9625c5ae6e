"""The events of many analyses flattened into items, and the keys that name actors and sides
across articles: an entity's actor-base id, else its normalised name."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from newsledger.records import Analysis, Claim, Entity, Event, Place

UNSPECIFIED = "unspecified"
# The casualty kinds whose same count in two reports is evidence of one incident.
TOLL_KINDS = frozenset({"killed", "wounded", "abducted", "arrested", "missing"})
LEADING_ARTICLE = re.compile(r"^(the|a|an)\s+")


def normalise(name: str) -> str:
    """Case-folded, accent- and punctuation-free, with a leading article dropped."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = re.sub(r"[^\w\s]", " ", text)
    text = LEADING_ARTICLE.sub("", text.strip())
    return " ".join(text.split())


def ref(analysis: Analysis, local_id: str) -> str:
    """The story-wide reference of an id local to one record."""
    return f"{analysis.document.id}:{local_id}"


def day(iso: str | None) -> date | None:
    """The calendar day of an ISO 8601 date or date-time, or None."""
    if not iso:
        return None
    try:
        return date.fromisoformat(iso[:10])
    except ValueError:
        return None


@dataclass(frozen=True)
class Actor:
    """An actor or side as known across articles: a key and a readable name."""

    key: str
    name: str


class Lookup:
    """Entities, places and claims of one analysis by id."""

    def __init__(self, analysis: Analysis) -> None:
        self.analysis = analysis
        self.entities: dict[str, Entity] = {e.id: e for e in analysis.entities}
        self.places: dict[str, Place] = {p.id: p for p in analysis.places}
        self.claims: dict[str, Claim] = {c.id: c for c in analysis.claims}

    @cached_property
    def people(self) -> frozenset[str]:
        """The keys of the people the report names in full ("Guy C. Harminson"), whatever
        part they play in its events; not the actor base's public figures, whom reports of
        many incidents name in passing."""
        return frozenset(normalise(e.name) for e in self.analysis.entities
                         if e.type == "PERSON" and e.kb_id is None and len(e.name.split()) > 1
                         and _named(e))

    def actor(self, entity_id: str | None) -> Actor | None:
        entity = self.entities.get(entity_id or "")
        if entity is None:
            return None
        return Actor(entity.kb_id or normalise(entity.name), entity.name)

    def side_of(self, entity_id: str | None) -> Actor | None:
        """Whom an entity speaks or acts for: its affiliation, else itself."""
        entity = self.entities.get(entity_id or "")
        if entity is None:
            return None
        return self.actor(entity.affiliation) or self.actor(entity.id)

    def speaker(self, claim: Claim) -> Actor:
        """Who made a claim: the speaker entity, else the words naming the speaker."""
        found = self.actor(claim.speaker)
        if found is not None:
            return found
        text = claim.speaker_text or "unnamed source"
        return Actor(normalise(text), text)

    def speaker_side(self, claim: Claim) -> Actor:
        return self.side_of(claim.speaker) or self.speaker(claim)

    def outlet(self) -> Actor:
        """The article itself as a claimant, for what it states without attribution."""
        doc = self.analysis.document
        name = doc.outlet or doc.url or doc.source
        return Actor("outlet:" + normalise(name), name)


@dataclass(frozen=True)
class Item:
    """One event of one article, with what grouping compares."""

    index: int  # position in the flattened sequence
    lookup: Lookup
    event: Event
    actors: frozenset[str]
    names: dict[str, str]
    place: Place | None
    start: date | None
    end: date | None
    text: str
    lead: str = ""  # the report's title and first lines: what the whole report is about
    tolls: frozenset[tuple[str, int]] = frozenset()  # incident tolls of two or more
    counts: frozenset[tuple[str, int]] = frozenset()  # every incident count, by kind
    told_day: bool = False  # the report's words name the incident's day ("Saturday, Dec. 14")
    people: frozenset[str] = frozenset()  # the people the report names in full

    @property
    def ref(self) -> str:
        return ref(self.lookup.analysis, self.event.id)


def _evidence(analysis: Analysis, event: Event) -> str:
    text = analysis.document.text
    return text[event.evidence.start:event.evidence.end] or text[:300]


def _window(analysis: Analysis, event: Event) -> tuple[date | None, date | None]:
    """The event's days; an open or missing window falls back to the publication day."""
    published = day(analysis.document.published)
    start = day(event.time.start) if event.time else None
    end = day(event.time.end) if event.time else None
    end = end or start or published
    start = start or end
    if start and end and start > end:
        start, end = end, start
    return start, end


def _item(index: int, lookup: Lookup, event: Event) -> Item:
    # unnamed groups ("suicide bombers", "protesters", "border guard forces") are in every
    # report of their kind: they say nothing of which incident a report tells
    named = [e for e in (*event.actors, *event.targets)
             if (entity := lookup.entities.get(e)) is not None and _named(entity)]
    found = [lookup.actor(e) for e in named]
    actors = [a for a in found if a is not None]
    start, end = _window(lookup.analysis, event)
    counts = {(str(f.kind), f.count) for f in event.figures
              if f.count is not None and f.scope == "incident"}
    return Item(
        index=index, lookup=lookup, event=event,
        actors=frozenset(a.key for a in actors), names={a.key: a.name for a in actors},
        place=lookup.places.get(event.place or ""), start=start, end=end,
        text=_evidence(lookup.analysis, event), lead=_lead(lookup.analysis),
        told_day=_told_day(event), people=lookup.people, counts=frozenset(counts), tolls=frozenset(
            (kind, n) for kind, n in counts if kind in TOLL_KINDS and n >= 2),
    )


def _named(entity: Entity) -> bool:
    """Whether an entity is a named party: not a group, nor a description in lower case that
    no actor base knows ("guard forces")."""
    return entity.type != "GROUP" and (entity.kb_id is not None or not entity.name.islower())


# The lead's length: the title and about the first 150 words, most of what the sentence
# encoder reads of a text (256 word pieces). With 300 characters (a sentence or two) fewer
# reports of one story were joined; 800 join as many of the stories gold set's tuning half as
# the whole report does (benchmarks/stories.py), and cost less to encode.
LEAD_CHARS = 800


def _told_day(event: Event) -> bool:
    time = event.time
    if not (time and time.text and time.precision == "day"):
        return False
    first = day(time.start)
    return first is not None and first == day(time.end)


def _lead(analysis: Analysis) -> str:
    doc = analysis.document
    return f"{doc.title or ''}\n{doc.text[:LEAD_CHARS]}".strip()


def flatten(analyses: Sequence[Analysis]) -> list[Item]:
    """Every event of every analysis, in input order."""
    items: list[Item] = []
    for analysis in analyses:
        lookup = Lookup(analysis)
        for event in analysis.events:
            items.append(_item(len(items), lookup, event))
    return items
