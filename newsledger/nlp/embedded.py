"""Places named inside the names of organisations, and in politicians' party tags.

"The Shreveport Police Department", "Alexandria City Public Schools", "the Douglas County
Sheriff's Office", "the University of Minnesota": the organisation is the entity the text
talks about, and the place it is named after is a toponym of the text too (geoparsing gold
data annotates it; an analyst filtering by place wants the story). ``embedded_places`` finds
such a place at the start of an organisation's name (followed by an institution word; a
country or a capital alone, as in "Malaysia Airlines") or at its end (after "of" governed by
an institution word; a country or a capital: "Air Zimbabwe"), and the state of a party tag
("Ilhan Omar (D-Minn.)"); ``with_embedded_places`` adds each as a mention of the document's
entity of that name, or as a new PLACE entity. A name the model calls a place that the
gazetteer does not know as a whole is read the same way ("the Guernsey County Common Pleas
Court", "Greer City Hall", "Northeast Georgia"): the place it is named after is a toponym.

These mentions are kept out of the layer's span index, so that a word of the organisation's
name still reads as the organisation for actors, claims and events.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

import pycountry
from spacy.tokens import Doc, Span

from newsledger.geo.names import DEMONYM_ENDINGS, expand_abbreviation
from newsledger.nlp.lexicon import (
    INSTITUTION_WORDS,
    LOCAL_GOVERNORS,
    PLACE_HEADS,
    STREET_WORDS,
)
from newsledger.nlp.model import doc_text
from newsledger.nlp.name_candidates import Candidate, name_key
from newsledger.records import Entity, Mention

if TYPE_CHECKING:
    from newsledger.nlp.entity_layer import EntityLayer

PROMINENT = 0.6  # the gazetteer prior of a town of 30,000, a county or a province (geo.prior)
COUNTRY_OR_CAPITAL = 0.95  # a country or a capital (geo.prior): no other word is needed
NAMED_KIND = 0.3  # enough when the name says its kind ("Douglas County")
NAMED_CITY = 0.8  # a province or a city of 300,000 (geo.prior)
# Words after the opening words of a name that tie them into a longer one ("Bank of ...",
# "Smith & Sons", "X's"): the opening words are no place of their own.
OPENING_LINKS = frozenset({"of", "and", "&", "-", "'s", "’s"})
# Words before the closing words of a name that tie them into a longer one ("Bank of ...",
# "Church in ..."): the closing words are no country the name is named after.
CLOSING_LINKS = frozenset({"of", "the", "and", "&", "-", "in"})
# Words before a governed place's own name: "Mayor of Greater London".
PLACE_PREFIXES = frozenset({"the", "metropolitan", "greater"})

Found = tuple[int, int, str, str]  # start, end, the words, the place's name
# A politician's party and state after the name: "Ilhan Omar (D-Minn.)", "(R-Texas)",
# "(D-MN)", "(R-Wis., chairman of ...)", and AP's "Rep. Ilhan Omar, D-Minn., said"; a state
# legislator's county or town the same way ("Clif Moore, D-McDowell.", Minnesota's
# Democratic-Farmer-Labor "Tom Bakk, DFL-Cook,").
# The closing mark is looked at, not taken, so that the next tag may open with it ("Sen. Smith,
# R-Ky., and Jones, D-Ohio,"); a second word never follows a word that ends a sentence
# ("Moore, D-McDowell. Jones said" is McDowell).
_PARTY_STATE = re.compile(
    r"(?:\(|,\s)(?:D|R|I|DFL)\s?[-–]\s?"
    r"(?P<state>[A-Z][A-Za-z.]*(?:(?<![a-z]\.) [A-Z][A-Za-z.]*)?)"
    r"(?=\s*[,;)]|(?<=\.)(?:\s|$)|\.(?:\s|$))")
# Words after a party's letter that are no place: "D-Day".
_NOT_PARTY_TAGS = frozenset({"Day"})


def embedded_places(cands: list[Candidate], doc: Doc,
                    place_prior: Callable[[str], float]) -> list[Found]:
    """The toponyms that open or close the names of the organisations among ``cands``."""
    found: list[Found] = []
    for cand in cands:
        if cand.type not in ("ORG", "PERSON", "PLACE") or cand.kind != "name":
            continue
        span = doc.char_span(cand.start, cand.end, alignment_mode="contract")
        if span is None or len(span) < 2:
            continue
        if cand.type == "PLACE":
            if place_prior(cand.place_key or span.text) > 0.0:
                continue  # a place the gazetteer knows as a whole: "Kansas City"
            place = _named_after(span, place_prior)
        else:
            organisation = cand.type == "ORG"  # a person's name holds no place: "Kerry"
            place = (_leading_place(span, place_prior, organisation)
                     or _trailing_place(span, place_prior)
                     or (_closing_country(span, place_prior) if organisation else None))
        if place is not None:
            found.append((place.start_char, place.end_char, place.text, place.text))
    return found + party_states(doc_text(doc), place_prior)


# First words after a town's name that make the rest its own body or building ("Greer City
# Hall", "Paris City Hall", "Vanderburgh County Sheriff"), not a site named after someone
# ("the Webb Center", "Sunset Memorial Park").
LOCAL_BODY_WORDS = frozenset({"city", "county", "town", "village", "municipal", "police",
                              "sheriff", "council", "court", "fire", "public", "school",
                              "schools", "district", "metro", "state"})
COMPASS_WORDS = frozenset({"north", "south", "east", "west", "northeast", "northwest",
                           "southeast", "southwest", "central", "northern", "southern",
                           "eastern", "western"})


def _named_after(span: Span, place_prior: Callable[[str], float]) -> Span | None:
    """The place a name the model calls a place, but the gazetteer does not know, is named
    after: its county or town before the body's words ("the Guernsey County Common Pleas
    Court", "Greer City Hall", "the Henderson County Jail"; a big city before any
    institution word), or the country or state after compass words ("Northeast Georgia").
    Never a street's ("Dublin Road") or a direction's ("the South Central District")."""
    if any(t.lower_ in STREET_WORDS for t in span):
        return None
    head = _leading_place(span, place_prior, organisation=False)
    if head is not None and not all(t.lower_ in COMPASS_WORDS for t in head):
        after = span[len(head)].lower_
        if (head[-1].lower_ in PLACE_HEADS or after in LOCAL_BODY_WORDS
                or place_prior(head.text) >= NAMED_CITY):
            return head
        return None
    tail = _closing_country(span, place_prior)
    if tail is not None and all(t.lower_ in COMPASS_WORDS for t in span[:tail.start - span.start]):
        return tail
    return None


def party_states(text: str, place_prior: Callable[[str], float]) -> list[Found]:
    """The US states of politicians' party tags: "(D-Minn.)" is Minnesota, "(D-MN)" too;
    and a state legislator's county or town, when the gazetteer knows it ("Brent Boggs,
    D-Braxton", "Rep. Torrey Westrom, R-Elbow Lake")."""
    found: list[Found] = []
    for match in _PARTY_STATE.finditer(text):
        surface, start, end = match.group("state"), match.start("state"), match.end("state")
        name = _us_states().get(surface) or expand_abbreviation(surface)
        if surface.rstrip(".") in _NOT_PARTY_TAGS:
            continue
        if name not in _us_states().values():
            surface = surface.rstrip(".")  # "D-McDowell." ends a sentence
            end, name = start + len(surface), surface
            if place_prior(surface) < NAMED_KIND:
                continue
        found.append((start, end, surface, name))
    return found


@lru_cache(maxsize=1)
def _us_states() -> dict[str, str]:
    """US states by postal code ("MN") and by name, from pycountry."""
    states = pycountry.subdivisions.get(country_code="US") or []  # type: ignore[no-untyped-call]
    by_code = {s.code.removeprefix("US-"): s.name for s in states}
    return by_code | {name: name for name in by_code.values()}


def _is_name(span: Span) -> bool:
    """Proper nouns, capitalised, and not a lone demonym ("Palestinian Authority")."""
    if len(span) == 1 and span[0].lower_.endswith(DEMONYM_ENDINGS):
        return False
    return all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in span)


def _known(span: Span, place_prior: Callable[[str], float]) -> bool:
    prior = place_prior(span.text)
    return prior >= PROMINENT or (span[-1].lower_ in PLACE_HEADS and prior >= NAMED_KIND)


def _leading_place(span: Span, place_prior: Callable[[str], float],
                   organisation: bool) -> Span | None:
    """"Shreveport Police Department" -> Shreveport; the longest known opening name."""
    for k in range(min(len(span) - 1, 4), 0, -1):
        head, rest = span[:k], span[k:]
        if not _is_name(head) or rest[0].lower_ in OPENING_LINKS:
            continue
        if any(t.lower_ in INSTITUTION_WORDS for t in rest) and _known(head, place_prior):
            return _with_kind(span, head, place_prior)
        if organisation and place_prior(head.text) >= COUNTRY_OR_CAPITAL:
            return head  # "Malaysia Airlines", "Georgia National Guard"
    return None


def _with_kind(span: Span, head: Span, place_prior: Callable[[str], float]) -> Span:
    """The opening name with the place noun after it where the two name a known division
    ("the Henderson County Jail", "Henderson County Crimestoppers": the county, not the
    town of Henderson); the opening name alone otherwise."""
    kind = span[:len(head) + 1]
    if len(kind) < len(span) and kind[-1].lower_ in PLACE_HEADS and (
            place_prior(kind.text) >= NAMED_KIND):
        return kind
    return head


def _closing_country(span: Span, place_prior: Callable[[str], float]) -> Span | None:
    """"Air Zimbabwe", "CSA Singapore": a country or a capital closing the name."""
    for k in range(min(len(span) - 1, 3), 0, -1):
        tail = span[len(span) - k:]
        before = span[len(span) - k - 1]
        if before.lower_ in CLOSING_LINKS or not _is_name(tail):
            continue
        if place_prior(tail.text) >= COUNTRY_OR_CAPITAL:
            return tail
    return None


def _trailing_place(span: Span, place_prior: Callable[[str], float]) -> Span | None:
    """"University of Minnesota" -> Minnesota, when an institution word governs the "of"."""
    for i, tok in enumerate(span):
        if tok.lower_ != "of" or i == 0 or i + 1 >= len(span):
            continue
        if not any(t.lower_ in LOCAL_GOVERNORS for t in span[:i]):
            return None
        tail = span[i + 1:]
        while len(tail) > 1 and tail[0].lower_ in PLACE_PREFIXES:
            tail = tail[1:]
        return tail if _is_name(tail) and _known(tail, place_prior) else None
    return None


def with_embedded_places(layer: EntityLayer, found: list[Found]) -> EntityLayer:
    """``layer`` with each embedded toponym a mention of the PLACE entity of its name (made
    when the document has none); its span stays out of the layer's index."""
    if not found:
        return layer
    entities = list(layer.entities)
    by_key: dict[str, int] = {}
    for index, entity in enumerate(entities):
        if entity.type == "PLACE":
            for name in (entity.name, *entity.aliases, *(m.text for m in entity.mentions)):
                by_key.setdefault(name_key(expand_abbreviation(name)), index)
    next_id = 1 + max((int(e.id[1:]) for e in entities if e.id[1:].isdigit()), default=0)
    for start, end, text, name in found:
        mention = Mention(start, end, text)
        found_at = by_key.get(name_key(name))
        if found_at is None:
            entities.append(Entity(id=f"E{next_id}", name=name, type="PLACE",
                                   mentions=(mention,)))
            by_key[name_key(name)] = len(entities) - 1
            next_id += 1
        else:
            entity = entities[found_at]
            if mention not in entity.mentions:
                mentions = tuple(sorted((*entity.mentions, mention), key=lambda m: m.start))
                entities[found_at] = replace(entity, mentions=mentions)
    return layer.replace(entities)
