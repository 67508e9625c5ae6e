"""Parts of a city: neighbourhoods that the text names as such.

"The Crown Heights neighborhood of Brooklyn", "Brooklyn's Crown Heights section", "a
densely packed Chelsea neighborhood", "Uptown": a neighbourhood lies inside a city. Its
name is often a town's elsewhere (Crown Heights, New York, 110 km up the Hudson; Chelsea,
London; Uptown, Chicago, in a story set in Charlotte), and the gazetteer (GeoNames'
populated places of 500 people or more) rarely lists the neighbourhood itself. So a
reading of such a name counts only within ``PART_KM`` of its city: the city the text names
("of Brooklyn", "Brooklyn's"), else a locality the story places. With no such reading the
place is put at the city itself, at locality precision: the point of the city a
neighbourhood lies in is a few kilometres off, a town of the same name elsewhere hundreds.
When the text names no city and the name's own reading lies within ``STORY_KM`` of the
story's places, that reading stands ("a Khan Sheikhoun neighborhood" is in Khan Sheikhoun;
a first reading of Chelsea in Staten Island, 20 km from Manhattan's, would stand too).

A name is a city's part when a mention is followed by "neighborhood" or "neighbourhood"
(with a city or without), or by "section of" a city (without one, it may be a newspaper's:
"the Britain section"), or when it is one of the words that name a part of any city
("Uptown", "Downtown", "Midtown"); never when a reading of it is a country, a division or a
city of ``MIN_CITY`` people or more.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from newsledger.geo.context import distance_km
from newsledger.geo.gazetteer import GazetteerEntry
from newsledger.geo.names import normalise_name
from newsledger.records import Entity

PART_KM = 15.0  # how far from its city's point a reading of a neighbourhood's name may lie
# A town of the name this near a place of the story is the town itself when the text names
# no city: "a Khan Sheikhoun neighborhood" in a story on Idlib is a neighbourhood of Khan
# Sheikhoun, not of the story's most named city.
STORY_KM = 100.0
MIN_CITY = 100_000  # a city the text names for a neighbourhood but the story does not place
_CITY_NAME = r"[A-Z][\w'’-]*(?: [A-Z][\w'’-]*){0,3}"  # words of a line, no full stop
# "Crown Heights neighborhood of Brooklyn", "Kensington section of Philadelphia",
# "Chelsea neighborhood in Manhattan"; the city is optional.
_PART_AFTER = re.compile(
    r"\s+(?P<head>neighbou?rhood|section)\b(?:\s+(?:of|in)\s+(?:the\s+)?(?:borough\s+of\s+)?"
    rf"(?P<city>{_CITY_NAME}))?")
# "Brooklyn's Crown Heights neighborhood": the possessor is the city.
_OWNER_BEFORE = re.compile(rf"(?P<city>{_CITY_NAME})['’]s\s+(?:the\s+)?$")
# Names that are a part of whichever city the story is set in.
PART_NAMES = frozenset({"uptown", "downtown", "midtown"})
_LOOK_BEHIND = 60


@dataclass(frozen=True)
class CityPart:
    """That an entity names a part of a city, and the city's name where the text gives it."""

    city: str | None


def city_part(entity: Entity, text: str) -> CityPart | None:
    """Whether the text names ``entity`` as a part of a city, and of which city."""
    found: CityPart | None = None
    if normalise_name(entity.name) in PART_NAMES:
        found = CityPart(None)
    for mention in entity.mentions:
        if mention.end > len(text) or text[mention.start:mention.end] != mention.text:
            continue  # offsets of another text
        after = _PART_AFTER.match(text, mention.end)
        if after is None:
            continue
        owner = _OWNER_BEFORE.search(text[max(0, mention.start - _LOOK_BEHIND):mention.start])
        city = after.group("city") or (owner.group("city") if owner else None)
        if city:
            return CityPart(city)
        if after.group("head") != "section":  # "the Britain section of the print edition"
            found = CityPart(None)
    return found


Resolved = Sequence[tuple[Entity, GazetteerEntry]]


def could_be_a_part(readings: Sequence[GazetteerEntry]) -> bool:
    """Whether a name whose readings these are can be a neighbourhood's: none of them is a
    country, a division or a city of ``MIN_CITY`` people or more ("the Britain section")."""
    return not any(entry.feature_class == "A" or entry.population >= MIN_CITY
                   for entry in readings)


def city_of(part: CityPart, resolved: Resolved,
            lookup: Callable[[str], list[GazetteerEntry]]) -> tuple[list[GazetteerEntry], bool]:
    """The localities the part may lie in, and whether the text named its city: the city
    the text names, as the story resolves it (else its most populous reading of
    ``MIN_CITY`` people or more); else, or when the words named no city ("in September",
    "de Blasio's"), every locality the story places, the most mentioned first."""
    if part.city is not None:
        key = normalise_name(part.city)
        named = [entry for e, entry in resolved if entry.feature_class == "P" and key in {
            normalise_name(e.name), *(normalise_name(m.text) for m in e.mentions)}]
        cities = named[:1] or sorted(
            (entry for entry in lookup(key)
             if entry.feature_class == "P" and entry.population >= MIN_CITY),
            key=lambda entry: -entry.population)[:1]
        if cities:
            return cities, True
    localities = [(e, entry) for e, entry in resolved if entry.feature_class == "P"]
    ranked = sorted(localities, key=lambda pair: (-len(pair[0].mentions), -pair[1].population))
    return [entry for _, entry in ranked], False


def near_city(entry: GazetteerEntry, cities: Sequence[GazetteerEntry],
              km: float = PART_KM) -> bool:
    """Whether a reading lies within ``km`` (``PART_KM``) of one of the cities."""
    return any(distance_km(entry.lat, entry.lon, c.lat, c.lon) <= km for c in cities)
