"""Where an event took place, in the words of its clause: a place after a preposition of
place ("in Sacramento", "in a North Carolina nursing home", "in the English city of
Salisbury"), the finer place a possessor holds ("in Iran's Sistan-Baluchestan border"), and
the place a whole story is about."""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Token

from newsledger.nlp.entity_layer import EntityLayer
from newsledger.nlp.lexicon import PLACE_HEADS
from newsledger.records import Place

PLACE_PREPOSITIONS = ("on", "in", "at", "near", "around", "outside", "inside", "into")


def placed_by_preposition(tok: Token) -> bool:
    """A place word after a preposition of place ("in Sacramento"), or naming the place of
    its object ("in a North Carolina nursing home", "in Alabama's history", "in the English
    city of Salisbury")."""
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lower_ in PLACE_HEADS:
        return placed_by_preposition(tok.head.head)  # "in the English city of Salisbury"
    if tok.dep_ == "pobj":
        return tok.head.lower_ in PLACE_PREPOSITIONS
    return tok.dep_ in {"compound", "poss"} and tok.head.dep_ == "pobj" and (
        tok.head.head.lower_ in PLACE_PREPOSITIONS)


def within_possessor(tok: Token, layer: EntityLayer, place_of: dict[str, str]) -> str | None:
    """"in Iran's Sistan-Baluchestan border", "in Syria's Idlib province": the place the
    possessor's noun names after it, which the possessor holds when both are of one country
    (the caller checks: "Turkey's Syria border region" is Turkey's)."""
    if tok.dep_ != "poss":
        return None
    for other in tok.head.children:
        if other.dep_ == "compound" and other.i > tok.i:
            inner = place_of.get(layer.at(other.idx, other.idx + len(other)) or "")
            if inner is not None:
                return inner
    return None


def main_place(layer: EntityLayer, places: tuple[Place, ...]) -> str | None:
    """The place the story is about: the most mentioned, finer places before countries."""
    if not places:
        return None
    counts = Counter(eid for _s, _e, eid in layer.spans)
    fine = [p for p in places if p.precision != "country"] or list(places)
    return max(fine, key=lambda p: counts[p.entity]).id
