"""ACLED's actor types (``inter1``, ``inter2``, ``interaction``) and country columns
(``iso``, ``country``, ``event_id_cnty``) of our events.

ACLED codes each actor by its kind: 1 state forces, 2 rebel groups, 3 political militias, 4
identity militias, 5 rioters, 6 protesters, 7 civilians, 8 external or other forces.
newsledger knows an actor's CAMEO code when the actor base names it (``cameo:AFGREB:TALIBAN``:
Afghan rebels; ``cameo:AFGMIL:...``: the Afghan military; ``cameo:AFG:...``: the Afghan
state), and otherwise only its name ("protesters", "villagers", "gunmen"). The tables below
read both; state forces of a country other than the event's are external forces (8), as
ACLED codes foreign militaries. An actor neither table knows gets no code (an empty cell),
never a guess. Identity militias (4) need knowledge of the group that neither source gives.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

# CAMEO sector codes (three letters after the country or the group code) → ACLED inter code
SECTOR_INTER: dict[str, int] = {
    **dict.fromkeys(("GOV", "MIL", "COP", "SPY", "JUD"), 1),
    **dict.fromkeys(("REB", "INS", "SEP", "UAF", "IMG"), 2),
    **dict.fromkeys(("CVL", "REF", "EDU", "MED", "HLH", "BUS", "LAB", "AGR", "REL", "HRI",
                     "NGO", "ELI"), 7),
}
# Words of actors' names with no CAMEO code ("protesters", "armed men") → ACLED inter code
NAME_INTER: dict[str, int] = {
    **dict.fromkeys(("police", "policemen", "army", "soldiers", "troops", "military",
                     "security forces", "government forces", "officers"), 1),
    **dict.fromkeys(("militants", "rebels", "insurgents", "jihadists", "jihadis",
                     "separatists", "guerrillas", "terrorists"), 2),
    **dict.fromkeys(("gunmen", "armed men", "unidentified gunmen", "assailants",
                     "attackers", "militia", "militiamen", "bandits"), 3),
    **dict.fromkeys(("rioters", "mob", "looters"), 5),
    **dict.fromkeys(("protesters", "protestors", "demonstrators", "marchers", "strikers"), 6),
    **dict.fromkeys(("civilians", "residents", "villagers", "people", "passengers",
                     "students", "children", "women", "worshippers", "journalists",
                     "farmers", "pilgrims", "shoppers", "patients", "refugees",
                     "migrants", "aid workers", "teachers", "families"), 7),
}
STATE_FORCES, EXTERNAL_FORCES, CIVILIANS = 1, 8, 7


def actor_inter(kb_id: str | None, name: str, event_country: str | None) -> int | None:
    """ACLED's inter code of one actor, from its actor-base id (CAMEO) or its name."""
    code = kb_id.split(":")[1] if kb_id and kb_id.startswith("cameo:") else ""
    if code:
        found = _cameo_inter(code, event_country)
        if found is not None:
            return found
    words = " ".join(name.lower().replace("the ", " ").split())
    return NAME_INTER.get(words) or NAME_INTER.get(words.split(" ")[-1] if words else "")


def _cameo_inter(code: str, event_country: str | None) -> int | None:
    chunks = [code[i:i + 3] for i in range(0, len(code), 3)]
    country = chunks[0] if chunks and alpha3_known(chunks[0]) else None
    sectors = chunks[1:] if country else chunks
    if sectors and sectors[0] == "IGO":
        return EXTERNAL_FORCES
    inter = next((SECTOR_INTER[s] for s in sectors if s in SECTOR_INTER), None)
    if inter is None and country and not sectors:
        inter = STATE_FORCES  # the state itself as an actor ("Afghanistan said ...")
    foreign = country is not None and event_country is not None \
        and country != alpha3(event_country)
    return EXTERNAL_FORCES if inter == STATE_FORCES and foreign else inter


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's two-digit interaction: the two codes, the lower first (``10 * inter1`` for
    an event of one actor)."""
    if inter1 is None:
        return None
    if inter2 is None:
        return 10 * inter1
    low, high = sorted((inter1, inter2))
    return 10 * low + high


def first_inter(ids: Sequence[str | None], names: Sequence[str],
                country: str | None) -> int | None:
    """The inter code of the first actor of a side that has one."""
    for kb_id, name in zip(ids or [None] * len(names), names, strict=False):
        found = actor_inter(kb_id, name, country)
        if found is not None:
            return found
    return None


@lru_cache(maxsize=512)
def alpha3(alpha2: str) -> str | None:
    country = _countries().get(alpha_2=alpha2.upper())
    return country.alpha_3 if country is not None else None


@lru_cache(maxsize=512)
def alpha3_known(code: str) -> bool:
    return _countries().get(alpha_3=code) is not None


@lru_cache(maxsize=512)
def numeric_and_name(alpha2: str) -> tuple[int | None, str | None]:
    """ACLED's ``iso`` (ISO 3166-1 numeric) and ``country`` (the common name)."""
    country = _countries().get(alpha_2=alpha2.upper())
    if country is None:
        return None, None
    return int(country.numeric), getattr(country, "common_name", None) or country.name


def _countries() -> Any:
    import pycountry  # on the first row only: the export's other formats never need it

    return pycountry.countries
