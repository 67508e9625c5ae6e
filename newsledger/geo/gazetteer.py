"""The gazetteer: GeoNames countries, divisions and populated places in an indexed SQLite file.

Built on first use from the data that PyPI packages ship (see ``newsledger.geo.packaged_places``)
into ``default_path(cache_dir)`` (``gazetteer-{BUILD_VERSION}.sqlite`` in the cache folder
the caller's settings name); the build writes a
temporary file and moves it into place with ``os.replace``, so that a reader never sees a
half-built file and two processes building at once cannot corrupt it.

Run ``newsledger gazetteer build`` (or ``python -m newsledger.geo [PATH]``) to build it ahead
of time.
"""

from __future__ import annotations

import gc
import os
import sqlite3
import tempfile
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from newsledger.errors import GazetteerError
from newsledger.geo.names import normalise_name
from newsledger.geo.packaged_places import Row, read_rows
from newsledger.geo.regions import with_regions

BUILD_VERSION = "14"

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE places (
    id INTEGER PRIMARY KEY, gazetteer_id TEXT NOT NULL, name TEXT NOT NULL,
    ascii_name TEXT NOT NULL, feature_class TEXT NOT NULL, feature_code TEXT NOT NULL,
    country TEXT, admin1 TEXT, admin2 TEXT, population INTEGER NOT NULL,
    lat REAL NOT NULL, lon REAL NOT NULL, rank INTEGER NOT NULL
);
CREATE TABLE names (key TEXT NOT NULL, place INTEGER NOT NULL, is_primary INTEGER NOT NULL);
"""
_INDEXES = """
CREATE INDEX names_key ON names (key);
CREATE INDEX places_gazetteer_id ON places (gazetteer_id);
"""
_SELECT = (
    "SELECT p.gazetteer_id, p.name, p.lat, p.lon, p.country, p.admin1, p.admin2,"
    " p.feature_class, p.feature_code, p.population, p.rank, n.is_primary"
    " FROM names n JOIN places p ON p.id = n.place WHERE n.key = ?"
)


@dataclass(frozen=True)
class GazetteerEntry:
    """One gazetteer place. ``feature_class``/``feature_code`` are GeoNames' (``A``/``PCLI``
    country, ``A``/``ADM1``, ``A``/``ADM2``, ``P``/``PPLC`` capital, ``P``/``PPL``, ``L``/``CONT``
    continent); ``exact`` says the lookup matched the entry's own name, not an alternate."""

    gazetteer_id: str
    name: str
    lat: float
    lon: float
    country: str | None
    admin1: str | None
    admin2: str | None
    feature_class: str
    feature_code: str
    population: int
    rank: int = 3
    exact: bool = True


def default_path(cache_dir: Path) -> Path:
    """Where the gazetteer of this build lives in the cache folder ``cache_dir``."""
    return cache_dir / f"gazetteer-{BUILD_VERSION}.sqlite"


class Gazetteer:
    """Read-only access to a built gazetteer file; safe to share between threads."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        try:
            self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
            version = self._db.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
        except sqlite3.Error as error:
            raise GazetteerError(f"cannot read the gazetteer {path}: {error}") from error
        if version is None or version[0] != BUILD_VERSION:
            self._db.close()
            raise GazetteerError(f"{path} is not a gazetteer of build {BUILD_VERSION}")
        self._lookup_key: Callable[[str], tuple[GazetteerEntry, ...]] = lru_cache(65536)(
            self._query
        )

    @classmethod
    def open(cls, path: Path) -> Gazetteer:
        """The gazetteer at ``path`` (``default_path`` of a cache folder), built there if
        missing or of another build."""
        if path.exists():
            try:
                return cls(path)
            except GazetteerError:
                pass  # a stale or damaged file: build it anew below
        build_gazetteer(path)
        return cls(path)

    def lookup(self, name: str) -> list[GazetteerEntry]:
        """Places whose name or an alternate name is ``name`` once normalised, best prior
        first: countries, first-level divisions, capitals, then by population (places matched
        only on an alternate name after those matched on their own name)."""
        key = normalise_name(name)
        return list(self._lookup_key(key)) if key else []

    def is_known(self, name: str) -> bool:
        return bool(self.lookup(name))

    def close(self) -> None:
        self._db.close()

    def __getstate__(self) -> dict[str, Any]:
        return {"path": self.path}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["path"])  # type: ignore[misc]

    def _query(self, key: str) -> tuple[GazetteerEntry, ...]:
        with self._lock:
            rows = self._db.execute(_SELECT, (key,)).fetchall()
        entries = [_entry(row) for row in rows]
        entries.sort(key=_order)
        return tuple(entries)


def _entry(row: tuple[Any, ...]) -> GazetteerEntry:
    return GazetteerEntry(
        gazetteer_id=row[0], name=row[1], lat=row[2], lon=row[3], country=row[4],
        admin1=row[5], admin2=row[6], feature_class=row[7], feature_code=row[8],
        population=row[9], rank=row[10], exact=bool(row[11]),
    )


def _order(entry: GazetteerEntry) -> tuple[int, int]:
    demoted = entry.feature_class == "P" and not entry.exact
    return (entry.rank + 2 if demoted else entry.rank, -entry.population)


def build_gazetteer(path: Path) -> int:
    """Build the gazetteer file at ``path`` atomically; returns the number of places written."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp_name = tempfile.mkstemp(prefix=".gazetteer-", suffix=".tmp", dir=path.parent)
    except OSError as error:
        raise GazetteerError(f"cannot build the gazetteer at {path}: {error}") from error
    os.close(handle)
    temp = Path(temp_name)
    try:
        count = _write(temp)
        temp.chmod(0o644)  # mkstemp makes it private; the cache may be shared
        os.replace(temp, path)
    except (OSError, sqlite3.Error, KeyError, ValueError, ImportError) as error:
        raise GazetteerError(f"cannot build the gazetteer at {path}: {error}") from error
    finally:
        temp.unlink(missing_ok=True)
    return count


def _write(temp: Path) -> int:
    was_enabled = gc.isenabled()
    gc.disable()  # millions of small objects: the collector would double the build time
    try:
        rows = with_regions(read_rows())
        db = sqlite3.connect(temp)
        try:
            db.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;" + _SCHEMA)
            db.executemany(
                "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", _place_values(rows)
            )
            db.executemany("INSERT INTO names VALUES (?,?,?)", _name_values(rows))
            db.executescript(_INDEXES)
            db.execute("INSERT INTO meta VALUES ('version', ?)", (BUILD_VERSION,))
            db.commit()
        finally:
            db.close()
        return len(rows)
    finally:
        if was_enabled:
            gc.enable()


def _place_values(rows: list[Row]) -> Iterator[tuple[object, ...]]:
    for number, row in enumerate(rows, start=1):
        yield (
            number, row.gazetteer_id, row.name, row.ascii_name, row.feature_class,
            row.feature_code, row.country, row.admin1, row.admin2, row.population,
            row.lat, row.lon, row.rank,
        )


def _name_values(rows: list[Row]) -> Iterator[tuple[str, int, int]]:
    for number, row in enumerate(rows, start=1):
        for key in row.primary:
            yield key, number, 1
        for key in row.alternates:
            yield key, number, 0

