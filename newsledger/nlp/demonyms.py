"""Adjectives of the countries a story names, as mentions of those countries.

"Russian diplomats were expelled", "the Nigerian Air Force", "Syrians fled": when the story
also names the country as a place (Russia, resolved at country precision), the adjective is
a mention of that country too. Geoparsing gold data counts such words as toponyms, and an
analyst who asks where a story is about finds Russia's mentions complete. An adjective of a
country the story never names as a place adds nothing: no new entity, no new place.

The stage runs after place resolution, so it never changes a place; its mentions stay out
of the layer's span index, as the toponyms inside organisations' names do
(``newsledger.nlp.embedded``), so "Russian diplomats" still reads as the diplomats.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from newsledger.geo.names import DEMONYM_ENDINGS
from newsledger.records import Entity, Mention, Place

if TYPE_CHECKING:
    from newsledger.nlp.entity_layer import EntityLayer

# Endings of country adjectives and plurals beyond DEMONYM_ENDINGS: "Afghan", "Iraqi",
# "Syrians", "Americans".
_ADJECTIVE_ENDINGS = (*DEMONYM_ENDINGS, "an", "ans", "i", "is", "ch", "ese")


class CountryAdjectives:
    """Stage: (``Doc``, ``EntityLayer``, places) → the layer with the adjectives of the
    countries the story places added as mentions of those countries' entities."""

    def __init__(self, country_of_word: Callable[[str], str | None]) -> None:
        self.country_of_word = country_of_word

    def __call__(self, doc: Doc, layer: EntityLayer,
                 places: tuple[Place, ...]) -> EntityLayer:
        entity_of = {p.country: p.entity for p in places
                     if p.precision == "country" and p.country}
        if not entity_of:
            return layer
        known: dict[str, str | None] = {}
        added: dict[str, list[Mention]] = {}
        for tok in doc:
            if not _adjective_like(tok):
                continue
            if tok.text not in known:
                known[tok.text] = self.country_of_word(tok.text)
            country = known[tok.text]
            if country in entity_of:
                added.setdefault(entity_of[country], []).append(
                    Mention(tok.idx, tok.idx + len(tok), tok.text))
        if not added:
            return layer
        return layer.replace(_with_mentions(e, added.get(e.id, [])) for e in layer.entities)


def _adjective_like(tok: Token) -> bool:
    """A capitalised word that may be a country's adjective: the model's nationality
    label, or a capitalised adjective or name ending like one ("Nigerian Air Force")."""
    if not tok.is_alpha or not tok.text[:1].isupper() or (tok.is_sent_start and tok.is_stop):
        return False
    if tok.ent_type_ == "NORP":
        return True
    return tok.pos_ in ("ADJ", "PROPN") and tok.lower_.endswith(_ADJECTIVE_ENDINGS)


def _with_mentions(entity: Entity, extra: list[Mention]) -> Entity:
    """``entity`` with the mentions of ``extra`` that no mention of it covers already."""
    fresh = [m for m in extra
             if not any(o.start <= m.start and m.end <= o.end for o in entity.mentions)]
    if not fresh:
        return entity
    return replace(entity, mentions=tuple(sorted((*entity.mentions, *fresh),
                                                 key=lambda m: m.start)))
