"""The entity layer of one document: its entities and where each mention stands, as the
recogniser leaves them and every later stage reads them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from newsledger.records import Entity


@dataclass(frozen=True)
class EntityLayer:
    """The entities of one document and where each of their mentions stands."""

    entities: tuple[Entity, ...]
    spans: tuple[tuple[int, int, str], ...]  # (start, end, entity id), sorted by start

    def at(self, start: int, end: int) -> str | None:
        """The entity with a mention overlapping [start, end), the longest overlap first and
        of equal overlaps the shortest mention ("Taliban" in "a senior Taliban commander")."""
        best, best_len, best_size = None, 0, 0
        for s, e, eid in self.spans:
            if s >= end:
                break
            overlap = min(e, end) - max(s, start)
            if overlap > best_len or (overlap == best_len > 0 and e - s < best_size):
                best, best_len, best_size = eid, overlap, e - s
        return best

    def inside(self, start: int, end: int) -> list[str]:
        """The entities with a mention lying wholly within [start, end), in text order."""
        return list(dict.fromkeys(eid for s, e, eid in self.spans if start <= s and e <= end))

    def get(self, eid: str | None) -> Entity | None:
        return next((e for e in self.entities if e.id == eid), None)

    def replace(self, entities: Iterable[Entity]) -> EntityLayer:
        return EntityLayer(tuple(entities), self.spans)
