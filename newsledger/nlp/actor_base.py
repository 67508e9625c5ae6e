"""A knowledge base of named actors (armed groups, bodies, states, leaders) for NER and linking.

The shipped base has three layers, each winning over the next for a name they share:

1. user CSVs passed to :meth:`ActorBase.load` (``extra_csv``), in the order given;
2. ``data/actors_curated.csv``: hand-kept entries for groups and bodies of today's conflicts;
3. ``data/actors.tsv.gz``: built by ``scripts/build_actor_base.py`` from the PETRARCH2/Phoenix
   CAMEO dictionaries (MIT, see ``data/LICENSE.petrarch2``).

Names are matched after :func:`normalise_actor_name`. A Phoenix actor whose canonical name is
taken by a curated or user actor is superseded and dropped. When one alias names several
actors the winner is, in order: the higher layer, the actor whose canonical name it is, the
shortest canonical name, the smallest id.
"""

from __future__ import annotations

import csv
import functools
import gzip
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from newsledger.errors import ActorBaseError

ACTOR_TYPES = frozenset({"PERSON", "ORG", "PLACE"})
CSV_COLUMNS = ("id", "name", "type", "country", "cameo", "aliases")
_DATA = "newsledger.data"
_PHOENIX_FILE = "actors.tsv.gz"
_CURATED_FILE = "actors_curated.csv"
_AGENTS_FILE = "agents.tsv"

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'"})
_POSSESSIVE = re.compile(r"(?:'s|s')$")
_DELETED = re.compile(r"['.]")
_NON_WORD = re.compile(r"[\W_]+")
_COUNTRY = re.compile(r"^[A-Z]{2}$")
_CAMEO = re.compile(r"^[A-Z0-9~]{3,}$")


@dataclass(frozen=True)
class Actor:
    """One actor: a person, an organisation or a state (a PLACE)."""

    id: str
    name: str
    type: str  # PERSON | ORG | PLACE
    aliases: tuple[str, ...]
    country: str | None  # ISO 3166-1 alpha-2
    cameo: str | None


def normalise_actor_name(name: str) -> str:
    """The matching key of a name: casefolded, accents stripped, punctuation and hyphens
    turned to spaces (apostrophes and dots dropped, so ``U.S.`` is ``us`` and ``Qa'ida`` is
    ``qaida``), a leading ``the`` and a trailing possessive ``'s`` removed.
    """
    text = name if name.isascii() else _strip_accents(name.translate(_APOSTROPHES))
    text = text.casefold().strip()
    text = _POSSESSIVE.sub("", text.replace("&", " and "))
    text = _NON_WORD.sub(" ", _DELETED.sub("", text)).strip()
    if text.startswith("the "):
        text = text[4:]
    return text


def _strip_accents(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch))


_key = functools.lru_cache(maxsize=262_144)(normalise_actor_name)


@dataclass(frozen=True)
class _Entry:
    actor: Actor
    layer: int  # 0 user, 1 curated, 2 phoenix: lower wins


class ActorBase:
    """Actors indexed by every normalised name; see the module docstring for precedence."""

    def __init__(self, entries: Iterable[_Entry]) -> None:
        kept = _drop_superseded(list(entries))
        self._index: dict[str, tuple[Actor, str]] = {}
        ranks: dict[str, tuple[int, int, int, str]] = {}
        for entry in kept:
            actor = entry.actor
            canonical = _key(actor.name)
            for surface in (actor.name, *actor.aliases):
                key = _key(surface)
                if not key:
                    continue
                rank = (entry.layer, key != canonical, len(actor.name), actor.id)
                if key not in ranks or rank < ranks[key]:
                    ranks[key] = rank
                    self._index[key] = (actor, surface)
        self._actors = {actor.id: actor for actor, _ in self._index.values()}

    @classmethod
    def load(cls, extra_csv: Sequence[Path] = ()) -> ActorBase:
        """The shipped base (cached per process) with the actors of ``extra_csv`` on top."""
        base = _shipped_entries()
        extra = [
            _Entry(actor, 0)
            for path in extra_csv
            for actor in read_actor_csv(Path(path), Path(path).read_text(encoding="utf-8"))
        ]
        if not extra:
            return _shipped_base()
        return cls([*extra, *base])

    def lookup(self, name: str) -> Actor | None:
        """The actor a name refers to, or None; the name is normalised first. A short
        acronym (``US``, ``WHO``) matches only when written without lower-case letters."""
        key = normalise_actor_name(name)
        hit = self._index.get(key)
        if hit is None or (_is_short_acronym(key, hit[1]) and name != name.upper()):
            return None
        return hit[0]

    def __len__(self) -> int:
        return len(self._actors)

    def __iter__(self) -> Iterator[Actor]:
        return iter(self._actors.values())

    def names(self) -> Iterator[tuple[str, Actor]]:
        """Every surface name with the actor it resolves to (one per normalised name)."""
        for actor, surface in self._index.values():
            yield surface, actor


def _is_short_acronym(key: str, surface: str) -> bool:
    return len(key) <= 3 and " " not in key and surface.isupper()


def _drop_superseded(entries: list[_Entry]) -> list[_Entry]:
    """Entries less any Phoenix actor whose canonical name a higher layer uses."""
    taken: set[str] = set()
    for entry in entries:
        if entry.layer < 2:
            actor = entry.actor
            taken.update(_key(n) for n in (actor.name, *actor.aliases))
    return [e for e in entries if e.layer < 2 or _key(e.actor.name) not in taken]


def _optional(value: str) -> str | None:
    value = value.strip()
    return value or None


def _split_aliases(value: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(a.strip() for a in value.split("|") if a.strip()))


def _csv_actor(row: list[str], where: str) -> Actor:
    if len(row) != len(CSV_COLUMNS):
        raise ActorBaseError(f"{where}: expected {len(CSV_COLUMNS)} columns, got {len(row)}")
    ident, name, kind, country, cameo, aliases = (cell.strip() for cell in row)
    if not ident or not name:
        raise ActorBaseError(f"{where}: id and name must not be empty")
    if kind not in ACTOR_TYPES:
        raise ActorBaseError(f"{where}: type {kind!r} is not one of {sorted(ACTOR_TYPES)}")
    if country and not _COUNTRY.match(country):
        raise ActorBaseError(f"{where}: country {country!r} is not an ISO 3166-1 alpha-2 code")
    if cameo and not _CAMEO.match(cameo):
        raise ActorBaseError(f"{where}: cameo {cameo!r} is not a CAMEO code")
    return Actor(ident, name, kind, _split_aliases(aliases), _optional(country), _optional(cameo))


def read_actor_csv(path: Path, text: str) -> list[Actor]:
    """Actors of a CSV with the columns ``id,name,type,country,cameo,aliases`` (header
    required, aliases ``|``-separated, ``#`` lines ignored); errors name the file and line.
    """
    rows = csv.reader(text.splitlines())
    header = next(rows, None)
    if header is None or tuple(c.strip().lower() for c in header) != CSV_COLUMNS:
        raise ActorBaseError(f"{path}:1: header must be {','.join(CSV_COLUMNS)}, got {header}")
    actors: list[Actor] = []
    seen: set[str] = set()
    for row in rows:
        where = f"{path}:{rows.line_num}"
        if not row or not "".join(row).strip() or row[0].lstrip().startswith("#"):
            continue
        actor = _csv_actor(row, where)
        if actor.id in seen:
            raise ActorBaseError(f"{where}: duplicate id {actor.id!r}")
        seen.add(actor.id)
        actors.append(actor)
    return actors


def _tsv_actor(line: str) -> Actor:
    ident, name, kind, country, cameo, aliases = line.rstrip("\n").split("\t")
    return Actor(ident, name, kind, _split_aliases(aliases), country or None, cameo or None)


@functools.lru_cache(maxsize=1)
def _shipped_entries() -> tuple[_Entry, ...]:
    data = resources.files(_DATA)
    try:
        curated_text = data.joinpath(_CURATED_FILE).read_text(encoding="utf-8")
        with data.joinpath(_PHOENIX_FILE).open("rb") as raw, gzip.open(raw, "rt") as fh:
            lines = [line for line in fh if line.strip() and not line.startswith("#")]
    except OSError as exc:
        raise ActorBaseError(f"cannot read the shipped actor base: {exc}") from exc
    curated = read_actor_csv(Path(str(data.joinpath(_CURATED_FILE))), curated_text)
    try:
        phoenix = [_tsv_actor(line) for line in lines[1:]]  # lines[0] is the column header
    except ValueError as exc:
        raise ActorBaseError(f"{_PHOENIX_FILE}: malformed row: {exc}") from exc
    return (*(_Entry(a, 1) for a in curated), *(_Entry(a, 2) for a in phoenix))


@functools.lru_cache(maxsize=1)
def _shipped_base() -> ActorBase:
    return ActorBase(_shipped_entries())


def load_role_lexicon() -> dict[str, str]:
    """Role nouns (lower case, singular and plural) to CAMEO agent codes (``police`` ->
    ``~COP``), from ``data/agents.tsv``; a fresh copy of a per-process cache."""
    return dict(_role_lexicon())


@functools.lru_cache(maxsize=1)
def _role_lexicon() -> dict[str, str]:
    text = resources.files(_DATA).joinpath(_AGENTS_FILE).read_text(encoding="utf-8")
    lexicon: dict[str, str] = {}
    for line in text.splitlines():
        if line.startswith("#") or "\t" not in line:
            continue
        noun, code = line.split("\t")[:2]
        if noun != "noun":
            lexicon[noun] = code
    return lexicon
