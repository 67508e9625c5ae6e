"""Adjectives of the countries a story names, as mentions of those countries.

"Russian diplomats were expelled", "the Nigerian Air Force", "Syrians fled": when the story
also names the country as a place (Russia, resolved at country precision), the adjective is
a mention of that country too. Geoparsing gold data counts such words as toponyms, and an
analyst who asks where a story is about finds Russia's mentions complete. An adjective of a
country the story never names as a place adds nothing: no new entity, no new place.
The same holds for a continent or region the story places ("European" once Europe is a
place of the story; "Central American" once Central America is).

The stage runs after place resolution, so it never changes a place; its mentions stay out
of the layer's span index, as the toponyms inside organisations' names do
(``newsledger.nlp.embedded``), so "Russian diplomats" still reads as the diplomats.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from newsledger.geo.names import DEMONYM_ENDINGS, WORLD_REGIONS
from newsledger.nlp.model import doc_text
from newsledger.records import Entity, Mention, Place

if TYPE_CHECKING:
    from newsledger.nlp.entity_layer import EntityLayer

# Endings of country adjectives and plurals beyond DEMONYM_ENDINGS: "Afghan", "Iraqi",
# "Syrians", "Americans".
ADJECTIVE_ENDINGS = (*DEMONYM_ENDINGS, "an", "ans", "i", "is", "ch", "ese")


class CountryAdjectives:
    """Stage: (``Doc``, ``EntityLayer``, places) → the layer with the adjectives of the
    countries the story places added as mentions of those countries' entities."""

    def __init__(self, country_of_word: Callable[[str], str | None]) -> None:
        self.country_of_word = country_of_word

    def __call__(self, doc: Doc, layer: EntityLayer,
                 places: tuple[Place, ...]) -> EntityLayer:
        entity_of = {p.country: p.entity for p in places
                     if p.precision == "country" and p.country}
        region_of = {p.name.casefold(): p.entity for p in places
                     if p.precision in ("continent", "region")}
        if not entity_of and not region_of:
            return layer
        text = doc_text(doc)
        known: dict[str, str | None] = {}
        added: dict[str, list[Mention]] = {}
        for tok in doc:
            if not _adjective_like(tok):
                continue
            end = tok.idx + len(tok)
            pair = _with_modifier(tok, text)
            if pair is not None and pair not in known:
                known[pair] = self.country_of_word(pair)
            if pair is not None and (known[pair] or _region_pair(pair)):
                start = end - len(pair)  # "South African", "Central American"
            else:
                start = tok.idx  # "Northern Nigerian": Nigeria's
            word = text[start:end]
            if word not in known:
                known[word] = self.country_of_word(word)
            country = known[word]
            owner = entity_of.get(country) if country else _region_of_word(word, region_of)
            if owner is not None:
                added.setdefault(owner, []).append(Mention(start, end, word))
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
    return tok.pos_ in ("ADJ", "PROPN") and tok.lower_.endswith(ADJECTIVE_ENDINGS)


def _with_modifier(tok: Token, text: str) -> str | None:
    """The adjective with the capitalised word before it ("South African", "Central
    American", "Northern Nigerian"), or None when there is none."""
    prev = tok.nbor(-1) if tok.i > 0 else None
    if prev is None or not prev.is_alpha or not prev.text[:1].isupper() or not prev.whitespace_:
        return None
    return text[prev.idx:tok.idx + len(tok)]


def _stems(word: str) -> list[str]:
    """``word`` and the word less an adjective's or a plural's ending: "Europeans" ->
    "europeans", "european", "europea", "europe"."""
    lowered = word.casefold()
    cuts = 4 if lowered.endswith(("n", "ns")) else 1
    return [lowered[:len(lowered) - cut] for cut in range(cuts)]


def _region_pair(pair: str) -> bool:
    """Two words that make a region's adjective ("Central American", "West African",
    "Latin Americans"): no country's, whatever the second alone would be."""
    return any(stem in WORLD_REGIONS for stem in _stems(pair))


def _region_of_word(word: str, region_of: dict[str, str]) -> str | None:
    """The entity of the continent or region the story places that ``word`` is the
    adjective of: "European" and Europe, "African" and Africa, "Latin American" and Latin
    America, "Caribbean" and the Caribbean."""
    return next((region_of[stem] for stem in _stems(word) if stem in region_of), None)


def _with_mentions(entity: Entity, extra: list[Mention]) -> Entity:
    """``entity`` with the mentions of ``extra`` that no mention of it covers already."""
    fresh = [m for m in extra
             if not any(o.start <= m.start and m.end <= o.end for o in entity.mentions)]
    if not fresh:
        return entity
    return replace(entity, mentions=tuple(sorted((*entity.mentions, *fresh),
                                                 key=lambda m: m.start)))
