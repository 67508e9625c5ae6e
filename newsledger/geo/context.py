"""What a document says about where it is: the countries it is most about, and distances.

``country_weights`` counts the support for each country: each country named in the text,
and each place entity whose best reading clearly belongs to one country (one vote a mention,
at most three an entity; twice that for a place inside a country, weighed by the resolver);
the dateline (three votes) only where the text gives none, since a story filed in one country
is often about another (issue 18: the dateline's place is a fallback).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from newsledger.geo.gazetteer import Gazetteer, GazetteerEntry
from newsledger.geo.names import parse_toponym
from newsledger.records import Document

_CAPITALISED_RUN = re.compile(r"\b[A-Z][\w'’]*(?:[ -](?:of |the |and )?[A-Z][\w'’]*){0,3}")
_DATELINE_VOTES = 3.0
_COUNTRY_IN_TEXT_VOTES = 1.0
MAX_ENTITY_VOTES = 3.0
DISTRICT_SUPPORT = 1.5
_PROVINCE_SUPPORT = 1.0
_SIBLING_SUPPORT = 0.5  # for each other named district that can lie in the same province
_MAX_SIBLINGS = 8


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(a)))


@dataclass
class DocumentContext:
    """Country support (``weights``) and the places already placed, for proximity."""

    weights: dict[str, float] = field(default_factory=dict)
    anchors: list[tuple[str, GazetteerEntry]] = field(default_factory=list)
    own_votes: dict[str, tuple[str | None, float]] = field(default_factory=dict)
    # every reading of every entity, by the division it is or lies in: who could be there
    provinces: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    districts: dict[tuple[str, str, str], set[str]] = field(default_factory=dict)
    towns_in: dict[tuple[str, str, str], set[str]] = field(default_factory=dict)
    # the entities with a reading as a named district ("Harper County") in each province
    districts_in: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    lists: dict[str, int] = field(default_factory=dict)  # the list each entity stands in

    def add_readings(self, owner: str, entries: Iterable[tuple[GazetteerEntry, bool]]) -> None:
        """Note where the readings of the entity ``owner`` lie, for ``containment``: its
        towns, and its districts when the text names one as such ("Henderson County", not
        "Washington", which a Washington County also answers to)."""
        for entry, named_district in entries:
            if not (entry.country and entry.admin1 and entry.admin2):
                continue
            key = (entry.country, entry.admin1, entry.admin2)
            if entry.feature_code == "ADM2" and named_district:
                self.districts.setdefault(key, set()).add(owner)
                self.districts_in.setdefault(key[:2], set()).add(owner)
            elif entry.feature_class == "P":
                self.towns_in.setdefault(key, set()).add(owner)

    def add_province(self, owner: str, entry: GazetteerEntry) -> None:
        """Note the province that an entity clearly names (its best reading), for
        ``containment``."""
        if entry.feature_code == "ADM1" and entry.country and entry.admin1:
            self.provinces.setdefault((entry.country, entry.admin1), set()).add(owner)

    def containment(self, entry: GazetteerEntry, owner: str) -> float:
        """Support for a reading from another entity's reading that contains it or that it
        contains: "Athens" and "Henderson County" are Athens, Texas, in Henderson County,
        Texas (of the eight Athenses and twenty-odd Henderson Counties); "Columbus" in a
        story that names Georgia. 1.5 for a district and its town, 1 for a province, and
        ``_sibling_support`` for a named district."""
        if not (entry.country and entry.admin1):
            return 0.0
        score = 0.0
        district = (entry.country, entry.admin1, entry.admin2 or "")
        if entry.feature_class == "P" and self.districts.get(district, set()) - {owner}:
            score += DISTRICT_SUPPORT
        if entry.feature_code == "ADM2" and district in self.districts and (
                self.towns_in.get(district, set()) - {owner}):
            score += DISTRICT_SUPPORT
        province = (entry.country, entry.admin1)
        if entry.feature_code != "ADM1" and self.provinces.get(province, set()) - {owner}:
            score += _PROVINCE_SUPPORT
        if entry.feature_code == "ADM2" and owner in self.districts.get(district, set()):
            score += self._sibling_support(province, owner)
        return score

    def _sibling_support(self, province: tuple[str, str], owner: str) -> float:
        """Named districts lie together ("Harvey, Harper and Kingman counties", Kansas): 0.5
        for each other named district that may lie in the province, when half of the others
        may at least and no other province of the entity's readings holds as many (Cook
        and Harris counties are no pair of Georgia's in a list that also names Los
        Angeles, Maricopa and San Diego). A district listed with others counts those of its
        list only ("Camden and Charlton counties in Georgia and Nassau and Baker counties
        in Florida" are two lists); one named alone counts the story's other named
        districts."""
        group = self.lists.get(owner)
        named = set().union(*self.districts_in.values()) - {owner}
        in_a_list = any(self.lists.get(o) == group for o in named)

        def listed(owners: set[str]) -> int:
            return sum(1 for o in owners if o != owner
                       and (not in_a_list or self.lists.get(o) == group))

        siblings = listed(self.districts_in.get(province, set()))
        rivals = [listed(owners) for where, owners in self.districts_in.items()
                  if owner in owners and where != province]
        others = listed(named)
        if siblings * 2 < others or siblings <= max(rivals, default=0):
            return 0.0  # most of the others lie elsewhere, or another province holds more
        return _SIBLING_SUPPORT * min(siblings, _MAX_SIBLINGS)

    def support_besides(self, country: str | None, owner: str) -> float:
        """The country's support from everything but the entity ``owner`` itself: a place
        cannot vouch for its own country."""
        voted, amount = self.own_votes.get(owner, (None, 0.0))
        own = amount if voted == country else 0.0
        return self.weights.get(country or "", 0.0) - own

    def share(self, country: str | None, owner: str | None = None) -> float:
        """The country's share of the document's support, 0..1; with ``owner``, of the
        support from everything but that entity (so that "Paris" alone does not make a
        story French and then read itself as the French Paris)."""
        voted, own = self.own_votes.get(owner, (None, 0.0)) if owner else (None, 0.0)
        total = sum(self.weights.values()) - own
        support = self.weights.get(country or "", 0.0) - (own if voted == country else 0.0)
        return support / total if total > 0 and country else 0.0

    def top_country(self) -> str | None:
        best = max(self.weights, key=self.weights.__getitem__, default=None)
        return best if best is not None and self.share(best) >= 0.5 else None

    def nearest_km(self, entry: GazetteerEntry, owner: str) -> float | None:
        """Distance to the nearest anchor of another entity, if any."""
        distances = [
            distance_km(entry.lat, entry.lon, other.lat, other.lon)
            for who, other in self.anchors
            if who != owner
        ]
        return min(distances) if distances else None


def dateline_country(gazetteer: Gazetteer, dateline: str | None) -> str | None:
    """The country of a dateline such as ``KABUL`` or ``DOUMA, Syria``."""
    if not dateline:
        return None
    parts = [p for p in re.split(r"[,(/)]|\s[-—–]\s", dateline) if p.strip()]
    for part in reversed(parts):
        entries = [e for e in gazetteer.lookup(part.strip()) if e.country]
        if entries and entries[0].exact:
            return entries[0].country
    return None


def countries_in_text(gazetteer: Gazetteer, text: str) -> Counter[str]:
    """Countries named in the text (by their own or an official name), with counts."""
    found: Counter[str] = Counter()
    for match in _CAPITALISED_RUN.finditer(text):
        entries = gazetteer.lookup(match.group(0))
        country = entries[0].country if entries and entries[0].feature_code == "PCLI" else None
        if country and not any(e.feature_code == "ADM1" and e.exact for e in entries):
            found[country] += 1  # not Georgia: a US state's name too
    return found


def country_weights(
    gazetteer: Gazetteer,
    document: Document,
    entity_votes: Iterable[tuple[str | None, float]] = (),
) -> dict[str, float]:
    """Support for each country: countries named and clear entity readings; else the
    dateline's country."""
    weights: dict[str, float] = {}

    def vote(country: str, amount: float) -> None:
        weights[country] = weights.get(country, 0.0) + amount

    for country, count in countries_in_text(gazetteer, document.text).items():
        vote(country, _COUNTRY_IN_TEXT_VOTES * min(count, 3))
    for voted, mentions in entity_votes:  # weights, capped by the resolver
        if voted:
            vote(voted, mentions)
    if not weights:  # the dateline only where the text itself says nothing
        dateline = dateline_country(gazetteer, document.dateline or _leading_dateline(document))
        if dateline:
            vote(dateline, _DATELINE_VOTES)
    return weights


def _leading_dateline(document: Document) -> str | None:
    """A dateline at the head of the body (``KABUL:``, ``DOUMA, Syria —``), if any."""
    match = re.search(r"(?m)^\s*([A-Z][A-Z .'’-]{2,40}(?:, [A-Z][\w .]+)?)\s*(?:[:—–]|\s-\s)",
                      document.text[:2000])
    return match.group(1) if match else None


def surfaces(names: Sequence[str]) -> list[str]:
    """Distinct non-empty surface forms, in order."""
    seen: dict[str, None] = {}
    for name in names:
        text = " ".join(name.split())
        if text and parse_toponym(text).keys:
            seen.setdefault(text, None)
    return list(seen)
