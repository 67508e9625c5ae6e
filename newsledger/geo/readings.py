"""A place name's readings in the gazetteer, and what sets some apart from the others: a
town in the province of its own name, a hamlet a country's name overshadows, a town a
capital of the same name dwarfs, a name with readings in one country only; and the entries
that are no reading of a name at all (the town an acronym spells, the spot a world region's
name also names). The resolver (``resolver``) scores the readings with these marks."""

from __future__ import annotations

from dataclasses import dataclass

from newsledger.geo.gazetteer import GazetteerEntry
from newsledger.geo.names import WORLD_REGIONS, Hint

HAMLET = 20_000  # people: a town this small named like a country is rarely the one news means
DWARFING = 1_000_000  # people: a city this big, or a national capital, is what news means
SEAT = 100_000  # people: a town this big is what news means by its province's name too


@dataclass
class PlaceReading:
    """One gazetteer reading of a PLACE entity's names, with what the text says of it."""

    entry: GazetteerEntry
    hints: set[Hint]
    parents: set[str]
    full: bool
    seat: bool = False  # a town in the province of the same name (Dubai in Dubai)
    shadowed: bool = False  # a hamlet named like a country or region the name also reads as
    dwarfed: bool = False  # a town named like a capital or a city a hundred times its size
    sole: bool = False  # the name reads as places of this one country only: no homonym
    respelled: bool = False  # read through a short form the place's name does not use


def _mark_seats(candidates: list[PlaceReading]) -> list[PlaceReading]:
    """Mark the towns of 100,000 people or more that lie in a first-level division of their
    own name: news names the city (Dubai, Tianjin, New York) far more often than the
    province around it; not a parish's village (St. Paul Parish, Antigua, in Saint Paul)."""
    provinces = {(c.entry.country, c.entry.admin1) for c in candidates
                 if c.entry.feature_code == "ADM1" and c.entry.admin1}
    for candidate in candidates:
        entry = candidate.entry
        candidate.seat = (entry.feature_class == "P" and entry.population >= SEAT
                          and (entry.country, entry.admin1) in provinces)
    return candidates


# Feature codes of a country, a continent, a region or a sea: names that overshadow others.
SHADOWING_CODES = frozenset({"PCLI", "CONT", "RGN", "SEA"})


def _mark_shadowed(candidates: list[PlaceReading]) -> list[PlaceReading]:
    """Mark the readings that a country, continent or region of the same name overshadows:
    hamlets, and places that have the name only as an alternate ("U.K." is the United
    Kingdom, not Britton, South Dakota, spelled "Briton"; "Mexico" is the country, not
    Mexico City), unless the text names their parent or kind ("Canada, Texas")."""
    if not any(c.entry.exact and c.entry.feature_code in SHADOWING_CODES
               for c in candidates):
        return candidates
    for candidate in candidates:
        entry = candidate.entry
        small = entry.population < HAMLET or not entry.exact  # "Mexico" is not Mexico City
        candidate.shadowed = (entry.feature_class in "PA" and small
                              and entry.feature_code not in ("PCLI", "ADM1")
                              and not candidate.parents and not candidate.hints)
    return candidates


def _mark_dwarfed(candidates: list[PlaceReading]) -> list[PlaceReading]:
    """Mark the towns named like a national capital or a city of a million people or more,
    a hundred times their size ("Bogota", New Jersey, 8,400 people, beside Bogotá; "Moscow",
    Idaho, beside Moscow), unless the text names their parent or kind: news mentions the
    capital far more often than the town, even in a story set in the town's country."""
    giants = [c.entry for c in candidates if c.entry.exact and c.entry.feature_class == "P"
              and (c.entry.feature_code == "PPLC" or c.entry.population >= DWARFING)]
    # a hundred times at least one person: a capital of no recorded people (Plymouth,
    # Montserrat) dwarfs no one, and no reading dwarfs itself
    largest = max((g.population for g in giants), default=0)
    for candidate in candidates:
        entry = candidate.entry
        candidate.dwarfed = (entry.feature_class == "P" and not candidate.parents
                             and not candidate.hints
                             and largest >= 100 * max(entry.population, 1))
    return candidates


def _mark_sole(candidates: list[PlaceReading]) -> list[PlaceReading]:
    """Mark the readings of a name that reads as places of one country only ("Manbij"): no
    homonym abroad that a story about another country could mean instead. A place abroad
    that bears the name only as another spelling of its own ("Gorey", Ireland, for "Gori")
    is no such homonym, unless it is the bigger place ("Odesa", Ukraine, for "Odessa", which
    is exactly a town of Texas)."""
    if not candidates:
        return candidates
    exact = [c for c in candidates if c.entry.exact] or candidates
    largest = max(c.entry.population for c in exact)
    sole = len({c.entry.country for c in exact}) == 1 and not any(
        c.entry.population > largest for c in candidates if not c.entry.exact)
    for candidate in candidates:
        candidate.sole = sole
    return candidates


WIDE_CODES = frozenset({"CONT", "RGN", "SEA"})
# What stays a reading beside a wide place: a country, a province, a capital (or a big city).
_BESIDE_WIDE_CODES = frozenset({"CONT", "RGN", "SEA", "PCLI", "ADM1", "PPLC"})


def wide(entry: GazetteerEntry) -> bool:
    """A continent, a sea or a region of several countries: a place, but no country's."""
    return entry.feature_code in ("CONT", "SEA") or (
        entry.feature_code == "RGN" and entry.country is None)


def _no_spot_under_a_region(candidates: list[PlaceReading]) -> list[PlaceReading]:
    """A name that is a continent's, a region's or a sea's, in any of the names the shipped
    table gives it ("Atlantic", "Asia"), does not mean the village or county spelled the
    same (Atlantic, Iowa; Atlantic County, New Jersey; Asia, Peru): only a country, a
    province, a capital or a city of a million stays a reading beside it."""
    if not any(c.entry.feature_code in WIDE_CODES for c in candidates):
        return candidates
    return [c for c in candidates if c.entry.feature_code in _BESIDE_WIDE_CODES
            or c.entry.population >= 1_000_000]


def mark_readings(candidates: list[PlaceReading]) -> list[PlaceReading]:
    """The readings of one entity, spots under a region left out, each marked."""
    return _mark_sole(_mark_dwarfed(_mark_shadowed(_mark_seats(
        _no_spot_under_a_region(candidates)))))


def acronym_for_a_town(surface: str, entry: GazetteerEntry) -> bool:
    """"EU", "UN", "AU" are acronyms: they name countries, divisions or big cities ("US",
    "UK", "LA"), never the small town that happens to be spelled so (Eu in France)."""
    letters = surface.replace(".", "").strip()
    short_caps = letters.isupper() and len(letters) <= 3
    return short_caps and entry.feature_class != "A" and entry.population < 1_000_000


def region_for_a_spot(key: str, entry: GazetteerEntry) -> bool:
    """"The Middle East", "the Balkans": a region of the world, never the small place of the
    same name (a quarter of Baltimore); a continent or region stays a reading."""
    return key in WORLD_REGIONS and entry.feature_code not in SHADOWING_CODES
