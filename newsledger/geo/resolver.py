"""The place-resolution stage: PLACE entities to gazetteer places with coordinates.

Each PLACE entity's name, mentions and aliases are parsed into a core name and hints
(``Panjshir province`` -> ``panjshir`` + admin1; ``the Andarab valley of Baghlan`` ->
``andarab`` + a natural feature + parent ``baghlan``; ``Paris, Texas`` -> parent ``texas``).
Every gazetteer reading of the names is scored on

* its kind and size (population, with a bonus for a country, a capital and a province, so
  that "China" in a story about the US is still China, not China, Texas),
* whether it matched on its own name or only on a rare alternate name,
* the hints and the named parent (newsroom abbreviations expanded: "Paris, Ky."),
* a town in the province of its own name over the province (Dubai in Dubai),
* the document's countries (dateline, countries named, clear readings of the *other*
  entities, a city's twice a country name's: "Paris" alone does not make a story French),
* a country, continent or region of the same name, which overshadows hamlets and
  alternate-name readings ("U.K." is not Britton, SD; "Mexico" is not Mexico City),
* containment: a town and the district or province another entity names ("Athens" and
  "Henderson County" are Athens, Texas),
* and nearness to the other places of the document (a second pass);

the best reading above a floor becomes a ``Place``. A name with no reading, or only weak
readings (a tiny homonym abroad), gives no place: coordinates are never invented, except
that a name the gazetteer lacks but that can lie within the story's main first-level
division (a village, a pass, a building; not a sea or an acronym), and that the text puts
somewhere ("in X", "the X camp", "X and Y" with Y a place), is placed there at ``admin1``
precision, as ACLED does (``fallback``).

A small town that a country's name overshadows ("Lebanon", "Palestine") is still read when
the text names its county ("Lebanon" and "Boone County" are Lebanon, Indiana). A name with
a leading bearing that is a place's own name, or any name of a country or a division
("Northern Ireland", "Inner Mongolia"), is not also read without it (Ireland, Mongolia). A name
read through a short form its place does not use ("St. Louis" and Saint-Louis, Senegal)
counts for less than one written as the place writes it. A neighbourhood the text names as
such ("the Crown Heights neighborhood of Brooklyn", "Uptown") is read only within a few
kilometres of its city, else placed at the city (``city_parts``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

from newsledger.geo.city_parts import (
    STORY_KM,
    city_of,
    city_part,
    could_be_a_part,
    near_city,
)
from newsledger.geo.context import (
    DISTRICT_SUPPORT,
    MAX_ENTITY_VOTES,
    DocumentContext,
    country_weights,
    surfaces,
)
from newsledger.geo.fallback import listed_together, regional_fallbacks
from newsledger.geo.gazetteer import Gazetteer, GazetteerEntry
from newsledger.geo.names import (
    BARE_BEARINGS,
    Hint,
    is_state_abbreviation,
    normalise_name,
    parse_toponym,
    short_forms,
)
from newsledger.geo.prior import place_prior
from newsledger.geo.readings import (
    HAMLET,
    WIDE_CODES,
    PlaceReading,
    acronym_for_a_town,
    mark_readings,
    region_for_a_spot,
    wide,
)
from newsledger.records import Document, Entity, Place, Precision

_PRECISION: dict[str, Precision] = {
    "CONT": "continent", "RGN": "region", "SEA": "region", "OCN": "region", "GULF": "region",
    "PCLI": "country", "ADM1": "admin1", "ADM2": "admin2", "PPLC": "locality", "PPL": "locality",
}
_SITE_CLASSES = frozenset("HLSTV")


def precision_of(entry: GazetteerEntry) -> Precision | None:
    """The precision of a place at this entry: ``continent``, ``region`` for a world region,
    a sea or a named region inside a country, ``site`` for a pass, river, building or other
    spot (from an imported GeoNames dump); ``None`` for a kind with no precision of its own
    (an ADM3)."""
    fixed = _PRECISION.get(entry.feature_code)
    if fixed is not None:
        return fixed
    if entry.feature_class == "P":
        return "locality"
    return "site" if entry.feature_class in _SITE_CLASSES else None


_BASE = {"PCLI": 3.0, "PPLC": 2.5, "ADM1": 2.2, "ADM2": 1.2, "CONT": 2.5, "RGN": 2.3, "SEA": 2.3}
_KIND_BONUS = {"PCLI": 1.0, "PPLC": 1.0, "ADM1": 0.3}
_HINT_FITS: dict[Hint, dict[str, float]] = {
    "admin1": {"ADM1": 3.0, "ADM2": 1.0, "PPL": -1.0, "PPLC": -1.0},
    "admin2": {"ADM2": 3.0, "ADM1": 1.0, "PPL": -0.5, "PPLC": -0.5},
    "locality": {"PPL": 2.0, "PPLC": 2.0, "ADM1": -1.0, "ADM2": -0.5},
    "natural": {"ADM2": 1.0, "ADM1": 0.8, "PPL": 0.3},
    "country": {"PCLI": 3.0},
}
_MIN_SCORE = 1.6
SOLE_TOWN = 15_000  # a town, not a village: its name alone is evidence where it is
_SEAT_BONUS = 1.0
_SHADOW_PENALTY = 3.0
_DWARF_PENALTY = 1.0  # and no share of the story's country unless the text names its parent
_INSIDE_VOTE = 2.0  # a city's or province's vote for its country, against a country name's
_CONTEXT_WEIGHT = 4.0
# A name read through a short form its place does not use ("St. Louis" and Saint-Louis,
# Senegal): the written form is evidence, as an alternate spelling's is.
_RESPELLED_PENALTY = 0.25
_DIVISION_CODES = frozenset({"PCLI", "ADM1", "ADM2"})


@dataclass(frozen=True)
class _EntityReadings:
    entity: Entity
    candidates: tuple[PlaceReading, ...]


class PlaceResolver:
    """``PlaceResolver(gazetteer)(entities, document)`` -> the document's places.

    ``known_toponyms``: the PLACE entities are known to be toponyms (the gold strings of a
    geoparsing corpus), so a name the gazetteer lacks is put in the story's region without
    the check that the text itself puts it somewhere (``fallback``), which is a check of
    recognition, not of resolution.
    """

    def __init__(self, gazetteer: Gazetteer, known_toponyms: bool = False) -> None:
        self.gazetteer = gazetteer
        self.known_toponyms = known_toponyms

    def __call__(self, entities: Sequence[Entity], document: Document) -> tuple[Place, ...]:
        readings = [
            _EntityReadings(entity, tuple(self._candidates(entity)))
            for entity in entities
            if entity.type == "PLACE"
        ]
        readings = [r for r in readings if r.candidates]
        votes = [self._clear_vote(r) for r in readings]
        context = DocumentContext(
            weights=country_weights(self.gazetteer, document, votes),
            own_votes={r.entity.id: (c, n)
                       for r, (c, n) in zip(readings, votes, strict=True)},
            lists=listed_together([r.entity for r in readings], document.text),
        )
        for reading in readings:
            context.add_readings(reading.entity.id,
                                 ((c.entry, "admin2" in c.hints) for c in reading.candidates))
        first = {r.entity.id: self._best(r, context) for r in readings}
        parts = self._city_parts(entities, readings, first, document)
        first.update(parts)
        for who, entry in first.items():
            if entry is not None:
                context.add_province(who, entry)
        context.anchors = [  # a country's point is its middle: near nothing in particular
            (who, entry) for who, entry in first.items()
            if entry is not None and not wide(entry) and entry.feature_code != "PCLI"
        ]
        places: list[Place] = []
        elsewhere: set[str] = set()  # known, but as no place of a precision (an ADM3)
        for reading in readings:
            entry = parts[reading.entity.id] if reading.entity.id in parts else self._best(
                reading, context)
            if entry is not None and precision_of(entry) is not None:
                places.append(place_at(f"P{len(places) + 1}", reading.entity, entry))
            elif entry is not None or any(precision_of(c.entry) is None
                                          for c in reading.candidates):
                elsewhere.add(reading.entity.id)
        read = {r.entity.id for r in readings}
        for entity in entities:  # a neighbourhood the gazetteer lacks, at its city
            if entity.id in parts and entity.id not in read:
                places.append(place_at(f"P{len(places) + 1}", entity, parts[entity.id]))
        unplaced = [e for e in entities if e.id not in elsewhere]
        fallbacks = regional_fallbacks(unplaced, places, self.gazetteer, document,
                                       checked=not self.known_toponyms)
        return tuple(places) + tuple(
            replace(place_at(f"P{len(places) + n}", entity, region), precision="admin1")
            for n, (entity, region) in enumerate(fallbacks, start=1)
        )

    def place_prior(self, name: str) -> float:
        """How likely a capitalised name is a place (0..1); see ``newsledger.geo.prior``."""
        return place_prior(self.gazetteer.lookup(name), name)

    def country_of_word(self, word: str) -> str | None:
        """The country a word names exactly ("Afghan", "Syrians", "U.S."), or None."""
        for entry in self.gazetteer.lookup(word):
            if entry.exact and entry.feature_code.startswith("PCL"):
                return entry.country
        return None

    def resolve_name(self, name: str, document: Document) -> GazetteerEntry | None:
        """The best reading of one toponym in a document (for benchmarks and debugging)."""
        entity = Entity(id="E0", name=name, type="PLACE", mentions=())
        reading = _EntityReadings(entity, tuple(self._candidates(entity)))
        if not reading.candidates:
            return None
        context = DocumentContext(weights=country_weights(self.gazetteer, document))
        return self._best(reading, context)

    def _candidates(self, entity: Entity) -> list[PlaceReading]:
        """The gazetteer's readings of the names the text writes (and the entity's name);
        the actor base's other names only when those give none: the alias "Ciudad de
        Mexico" of Mexico's actor is no reading of "Mexico" as written."""
        found: dict[str, PlaceReading] = {}
        # a place the text only ever abbreviates as a state ("Wash.", "N.Y.", "Que.") is the
        # state or province, not its capital or its city ("New York" and "N.Y." together
        # can be the city)
        written = [m.text for m in entity.mentions] or [entity.name]
        abbreviated = all(is_state_abbreviation(text) for text in written)
        own = surfaces([entity.name, *written])
        for surface in own:
            self._add_readings(found, surface, abbreviated, alias=False)
        if not found:
            for surface in surfaces(entity.aliases):
                if surface not in own:
                    self._add_readings(found, surface, abbreviated, alias=True)
        return mark_readings(list(found.values()))

    def _add_readings(self, found: dict[str, PlaceReading], surface: str, abbreviated: bool,
                      alias: bool) -> None:
        """Add the readings of one surface form to ``found`` (by gazetteer id)."""
        toponym = parse_toponym(surface)
        if toponym.keys and toponym.keys[0] in BARE_BEARINGS:
            return  # "Western", "the South": a direction, no place of its own
        for index, key in enumerate(toponym.keys):
            entries = self.gazetteer.lookup(key) or _hyphen_pair(surface, key, self.gazetteer)
            named = False  # this phrase, as written, is some place's name
            own_name = False  # ... and a place's own name, or a country's or division's
            if alias:
                entries = _country_word_readings(key, entries)
            for entry in (_own_name_and_city_word(surface, e) for e in entries):
                if acronym_for_a_town(surface, entry) or region_for_a_spot(key, entry):
                    continue
                named = True
                own_name = own_name or entry.exact or entry.feature_code in _DIVISION_CODES
                respelled = _respelled(surface, entry)
                candidate = found.setdefault(
                    entry.gazetteer_id, PlaceReading(entry, set(), set(), False,
                                                     respelled=respelled)
                )
                # one surface written as the place writes itself is enough ("St. Paul" and
                # "Saint Paul" in one story)
                candidate.respelled = candidate.respelled and respelled
                candidate.full = candidate.full or (index == 0 and len(toponym.keys) > 1)
                if toponym.hint:  # "Edgar County" is a county, under either key
                    candidate.hints.add(toponym.hint)
                if abbreviated:
                    candidate.hints.add("admin1")
                if toponym.parent:
                    candidate.parents.add(toponym.parent)
            if index == 0 and named and toponym.hint not in (None, "natural"):
                break  # the phrase as written is a name of its own ("New York City")
            if index == 0 and own_name and toponym.modified:
                break  # "Northern Ireland", "Inner Mongolia": not Ireland, not Mongolia
            if index == 0 and any(c.entry.feature_code in WIDE_CODES for c in found.values()):
                break  # "Central American" is the region, not "American" stripped

    def _city_parts(self, entities: Sequence[Entity], readings: Sequence[_EntityReadings],
                    first: dict[str, GazetteerEntry | None],
                    document: Document) -> dict[str, GazetteerEntry]:
        """The entry of each entity the text names as a part of a city (``city_parts``):
        its best reading within ``PART_KM`` of the city, else the city itself, unless the
        text names no city and the entity's own first reading lies within ``STORY_KM`` of
        the story's places: then that reading. Entities left out are resolved as any
        other."""
        found: dict[str, GazetteerEntry] = {}
        candidates = {r.entity.id: r for r in readings}
        for entity in entities:
            part = city_part(entity, document.text) if entity.type == "PLACE" else None
            reading = candidates.get(entity.id)
            if part is None or (reading is not None and not could_be_a_part(
                    [c.entry for c in reading.candidates])):
                continue
            resolved = [(e, entry) for e in entities
                        if e.id != entity.id and (entry := first.get(e.id)) is not None]
            cities, named = city_of(part, resolved, self.gazetteer.lookup)
            if not cities:
                continue  # no city to place it by
            near = [c for c in reading.candidates if near_city(c.entry, cities)] if (
                reading is not None) else []
            best = self._best_of(entity, near)
            own = first.get(entity.id)
            if best is None and not named and own is not None and near_city(
                    own, cities, STORY_KM):
                best = own  # "a Khan Sheikhoun neighborhood": the town itself
            found[entity.id] = best if best is not None else cities[0]
        return found

    def _best_of(self, entity: Entity, candidates: Sequence[PlaceReading]) -> GazetteerEntry | None:
        """The best of some readings, before the document's context."""
        if not candidates:
            return None
        return self._best(_EntityReadings(entity, tuple(candidates)), DocumentContext())

    def _best(self, reading: _EntityReadings, context: DocumentContext) -> GazetteerEntry | None:
        scored = [(self._score(c, reading.entity.id, context), c) for c in reading.candidates
                  if _named_by_kind(c) or _sole_town(c)
                  or not _stray(c.entry, context, reading.entity.id)]
        if not scored:
            return None
        score, best = max(scored, key=lambda pair: pair[0])
        return best.entry if score >= _MIN_SCORE else None

    def _score(self, candidate: PlaceReading, owner: str, context: DocumentContext) -> float:
        entry = candidate.entry
        score = prior_score(entry)
        fits = [_HINT_FITS[hint].get(entry.feature_code, 0.0) for hint in candidate.hints]
        score += max(fits, default=0.0) + (0.5 if candidate.full else 0.0)
        score += _SEAT_BONUS if candidate.seat and not candidate.hints else 0.0
        contained = context.containment(entry, owner)
        local = contained >= DISTRICT_SUPPORT  # the text names its county
        score -= _SHADOW_PENALTY if candidate.shadowed and not local else 0.0
        score -= _DWARF_PENALTY if candidate.dwarfed else 0.0
        score -= _RESPELLED_PENALTY if candidate.respelled else 0.0
        score += sum(self._parent_fit(entry, parent) for parent in candidate.parents)
        share = context.share(entry.country, owner)
        score += 0.0 if candidate.dwarfed and not contained else _CONTEXT_WEIGHT * share
        if wide(entry):
            return score  # a continent, a region or a sea: no homonym abroad, no distance
        score += contained
        top = context.top_country()
        if top and entry.country != top and entry.population < 100_000 and not candidate.sole:
            score -= 1.5  # a small homonym abroad, in a document about another country
        nearest = context.nearest_km(entry, owner)
        if nearest is not None and entry.feature_code != "PCLI":
            score += 1.5 if nearest < 50 else 1.0 if nearest < 200 else 0.5 if nearest < 500 else 0
        return score

    def _clear_vote(self, reading: _EntityReadings) -> tuple[str | None, float]:
        """The country of the entity's best reading before context, if it is a good reading
        and beats other countries' by 0.5 (a country name counts as a province here, so that
        ``Georgia`` votes for neither Georgia), and the weight of its vote: one a mention,
        at most ``MAX_ENTITY_VOTES``, doubled for a place inside a country (a city named
        in a story says more about where its other places lie than a country named as an
        actor: "the U.S. said" in a story set in Salisbury and London)."""
        best: dict[str, float] = {}
        inside: dict[str, bool] = {}
        exact: dict[str, bool] = {}
        blank = DocumentContext()
        for candidate in reading.candidates:
            score = self._score(candidate, reading.entity.id, blank)
            if candidate.entry.feature_code == "PCLI":
                score -= _BASE["PCLI"] - _BASE["ADM1"]
            country = candidate.entry.country or ""
            if score > best.get(country, -9.0):
                best[country] = score
                inside[country] = candidate.entry.feature_code not in ("PCLI", "RGN")
                exact[country] = candidate.entry.exact
        ranked = sorted(best.items(), key=lambda item: -item[1])
        margin = ranked[0][1] - ranked[1][1] if len(ranked) > 1 else 9.0
        if not ranked[0][0] or ranked[0][1] < _MIN_SCORE or margin < 0.5:
            return None, 0
        if not exact[ranked[0][0]] and any(
                c.entry.exact and c.entry.country != ranked[0][0] and c.entry.population >= HAMLET
                for c in reading.candidates):
            return None, 0  # a name the place only used to bear ("Salisbury", Harare before
            # 1982) while a town elsewhere bears it as its own: no clear vote ("Madras" keeps
            # India's: Madras, Oregon, is a hamlet)
        weight = min(float(max(1, len(reading.entity.mentions))), MAX_ENTITY_VOTES)
        return ranked[0][0], weight * (_INSIDE_VOTE if inside[ranked[0][0]] else 1.0)

    def _parent_fit(self, entry: GazetteerEntry, parent: str) -> float:
        """+3 when a named parent contains the entry (``Paris, Texas``), -1 when it cannot."""
        if entry.admin1 and normalise_name(entry.admin1) == parent:
            return 3.0
        for other in self.gazetteer.lookup(parent)[:5]:
            if other.feature_code == "PCLI" and other.country == entry.country:
                return 2.0
            same = other.country == entry.country and other.admin1 == entry.admin1
            if other.feature_code == "ADM1" and same:
                return 3.0
        return -1.0


def prior_score(entry: GazetteerEntry) -> float:
    """Score of a reading before context: kind and size, less for an alternate-name match."""
    by_size = 0.3 + 0.35 * math.log10(entry.population + 1)
    if entry.feature_code in _BASE:
        score = _BASE[entry.feature_code]
        if entry.feature_code in _KIND_BONUS:
            score = max(score, by_size + _KIND_BONUS[entry.feature_code])
    else:
        score = by_size
    if not entry.exact:
        score -= (1.0 if entry.population < 100_000 else 0.3) if entry.feature_class == "P" else 0.3
    return score


_ABOVE_ADMIN2 = frozenset({"PCLI", "ADM1", "CONT", "RGN", "SEA"})


def place_at(place_id: str, entity: Entity, entry: GazetteerEntry) -> Place:
    """The ``Place`` of an entity at a gazetteer entry."""
    return Place(
        id=place_id,
        entity=entity.id,
        name=entity.name,
        lat=round(entry.lat, 5),
        lon=round(entry.lon, 5),
        country=entry.country,
        admin1=entry.admin1 if entry.feature_code != "PCLI" else None,
        precision=precision_of(entry) or "locality",
        gazetteer_id=entry.gazetteer_id,
        admin2=entry.admin2 if entry.feature_code not in _ABOVE_ADMIN2 else None,
    )


def _own_name_and_city_word(surface: str, entry: GazetteerEntry) -> GazetteerEntry:
    """A city the text names by its own name and the word "City" or "Town" ("Quebec City"
    for Québec, found through that alternate name) is named as it names itself."""
    words = surface.split()
    if entry.exact or entry.feature_class != "P" or len(words) < 2 or (
            words[-1].casefold() not in ("city", "town") or not words[-1][:1].isupper()):
        return entry
    if normalise_name(" ".join(words[:-1])) != normalise_name(entry.name):
        return entry
    return replace(entry, exact=True)


def _named_by_kind(candidate: PlaceReading) -> bool:
    """The phrase's own generic head names the entry's kind ("Edgar County" and a county):
    evidence enough, whatever the rest of the story points to."""
    fits = (_HINT_FITS[hint].get(candidate.entry.feature_code, 0.0) for hint in candidate.hints)
    return candidate.entry.exact and max(fits, default=0.0) >= 2.0


def _sole_town(candidate: PlaceReading) -> bool:
    """A town of ``SOLE_TOWN`` people or more, named by its own name, whose name reads as
    places of no other country (Shakopee, Minnesota; Feltham, London): no homonym that a
    story about another country could mean, so never a stray. A smaller one may be the
    only listed namesake of a place the gazetteer lacks ("Yorkshire", Virginia; "Thames",
    New Zealand), and a division is no town ("the Western District of New York" is no
    Western District of American Samoa)."""
    entry = candidate.entry
    return (candidate.sole and entry.exact and entry.feature_class == "P"
            and entry.population >= SOLE_TOWN)


def _stray(entry: GazetteerEntry, context: DocumentContext, owner: str) -> bool:
    """A place in a country the document never points to, small or reached only through an
    alternate spelling: a homonym, not the place meant (a town in Chad, in a story about
    Afghanistan)."""
    if wide(entry):
        return False
    others = sum(context.support_besides(c, owner) for c in context.weights)
    if others <= 0 or context.support_besides(entry.country, owner) > 0:
        return False  # nothing else in the story points anywhere, or it points here too
    spelled_otherwise = not entry.exact and entry.feature_class == "P"
    return entry.population < 100_000 or spelled_otherwise


def _respelled(surface: str, entry: GazetteerEntry) -> bool:
    """Whether the text writes a short form the place's own name does not, or the other way
    ("St. Louis" against Saint-Louis, "Saint Paul" against St. Paul Parish)."""
    phrase = surface.partition(",")[0]  # not its parent: "Belleville, St. Clair County"
    return entry.exact and short_forms(phrase) != short_forms(entry.name)


def _country_word_readings(key: str, entries: list[GazetteerEntry]) -> list[GazetteerEntry]:
    """An alias that names a country other than by the country's own name (a people's word,
    "Canadian", "Afghan"; another name, "U.S.", "Britain") reads as that country only: the
    actor base gives "Canada" the alias "Canadian", which is no Canadian County, Oklahoma.
    (Written in the text, such a word keeps every reading: "Palestine, Texas".)"""
    countries = [e for e in entries if e.exact and e.feature_code.startswith("PCL")]
    if countries and all(normalise_name(e.name) != key for e in countries):
        return countries
    return entries


def _hyphen_pair(surface: str, key: str, gazetteer: Gazetteer) -> list[GazetteerEntry]:
    """"Sistan-Baluchestan", "Jammu-Kashmir": two names joined by a hyphen, which no place
    bears, are the place named "X and Y"."""
    if "-" not in surface or key.count(" ") != 1:
        return []
    return gazetteer.lookup(key.replace(" ", " and "))
