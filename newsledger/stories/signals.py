"""The signals that say two events are one incident: compatible types, near times, nearby
places and shared actors (text similarity lives in ``similarity``). Each returns a
``StorySignal`` with its value in [0, 1], or None when it rules the pair out; its value alone
(``*_value``, the same number) costs less, for the many pairs that are not joined."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from newsledger.records import Place, StorySignal
from newsledger.stories.items import Item

# Event types that report the same kind of incident. Fighting and the territory it changes are
# one family, since one side's "repelled" and the other's "captured" are one incident.
FAMILIES: dict[str, frozenset[str]] = {
    "fighting": frozenset({
        "ARMED_CLASH", "ATTACK", "AIR_STRIKE", "ART_MISS_ATTACK", "GRENADE", "SUIC_BOMB",
        "REM_EXPLOS", "CHEM_WEAP", "ATTRIB", "PROPERTY_DISTRUCT", "SEX_VIOL",
        "GOV_REGAINS_TERIT", "NON_STATE_ACTOR_OVERTAKES_TER", "NON_VIOL_TERRIT_TRANSFER",
    }),
    "protest": frozenset({
        "PEACE_PROTEST", "PROTEST_WITH_INTER", "VIOL_DEMONSTR", "FORCE_AGAINST_PROTEST",
        "MOB_VIOL",
    }),
    "detention": frozenset({"ARREST", "ABDUCT_DISSAP"}),
    "settlement": frozenset({"AGREEMENT", "DIPLO"}),
    "posture": frozenset({"HQ_ESTABLISHED", "DISR_WEAP", "CHANGE_TO_GROUP_ACT"}),
    "disaster": frozenset({"NATURAL_DISASTER", "MAN_MADE_DISASTER"}),
}
_FAMILY_OF = {code: name for name, codes in FAMILIES.items() for code in codes}


# Families whose types one report's typing may confuse with another's (a raid told as an
# accident, a sit-in's dispersal as a curfew): compared, with less weight than one family.
INCIDENTS = frozenset({"fighting", "protest", "detention", "disaster", "posture"})


def family(event_type: str, plover: str) -> str:
    """The family of an event type, else its PLOVER category."""
    return _FAMILY_OF.get(event_type, "plover:" + plover)


def block(event_type: str, plover: str) -> str:
    """Which events are compared at all: incidents with incidents, else by family."""
    found = family(event_type, plover)
    return "incident" if found in INCIDENTS else found


@dataclass(frozen=True)
class Limits:
    """How near is near: days between time windows, kilometres between places."""

    max_gap_days: int = 3
    near_km: float = 50.0
    far_km: float = 300.0


def type_value(a: Item, b: Item) -> float | None:
    """``type_signal``'s value alone (grouping scores every candidate pair with these and
    writes the signals, with their details, only for the pairs it joins)."""
    ea, eb = a.event, b.event
    return _type_value(ea.type, ea.plover, eb.type, eb.plover)


@lru_cache(maxsize=4096)
def _type_value(ta: str, pa: str, tb: str, pb: str) -> float | None:
    if ta == tb:
        return 1.0
    if family(ta, pa) == family(tb, pb):
        return 0.8
    if block(ta, pa) == block(tb, pb):
        return 0.3
    return None


def type_signal(a: Item, b: Item) -> StorySignal | None:
    ta, tb = a.event.type, b.event.type
    value = type_value(a, b)
    if value is None:
        return None
    if value == 1.0:
        return StorySignal("type", 1.0, ta)
    if value == 0.8:
        return StorySignal("type", value, f"{ta} ~ {tb} ({family(ta, a.event.plover)})")
    return StorySignal("type", value, f"{ta} ~ {tb} (both incidents)")


def _gap_days(a: Item, b: Item) -> int | None:
    if not (a.start and a.end and b.start and b.end):
        return None
    return max((b.start - a.end).days, (a.start - b.end).days, 0)


def time_known(a: Item, b: Item) -> bool:
    """Whether both reports date their events (or were dated by their publication)."""
    return _gap_days(a, b) is not None


def place_known(a: Item, b: Item) -> bool:
    return a.place is not None and b.place is not None


def time_value(a: Item, b: Item, limits: Limits) -> float | None:
    gap = _gap_days(a, b)
    if gap is None:
        return 0.0
    if gap > limits.max_gap_days:
        return None
    if gap == 0:
        return 1.0
    if a.told_day and b.told_day:  # each report names its day, and they name two days
        return 0.0
    return round(1.0 - gap / (limits.max_gap_days + 1), 3)


def time_signal(a: Item, b: Item, limits: Limits) -> StorySignal | None:
    value, gap = time_value(a, b, limits), _gap_days(a, b)
    if value is None:
        return None
    if gap is None:
        return StorySignal("time", 0.0, "no date")
    if gap == 0:
        assert a.start is not None and b.start is not None
        return StorySignal("time", 1.0, f"overlap {max(a.start, b.start).isoformat()}")
    return StorySignal("time", value, f"{gap} day(s) apart")


def distance_km(a: Place, b: Place) -> float:
    """Great-circle distance (haversine, mean Earth radius)."""
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = (math.sin((la2 - la1) / 2) ** 2
         + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2)
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _same_admin1(a: Place, b: Place) -> bool:
    return bool(a.admin1) and a.admin1 == b.admin1 and a.country == b.country


def place_value(a: Item, b: Item, limits: Limits) -> float | None:
    pa, pb = a.place, b.place
    if pa is None or pb is None:
        return 0.0
    if "country" in (pa.precision, pb.precision):
        return 0.3 if pa.country == pb.country else None
    if pa.gazetteer_id and pa.gazetteer_id == pb.gazetteer_id:
        return 1.0
    km = distance_km(pa, pb)
    value = min(1.0, max(0.0, (limits.far_km - km) / (limits.far_km - limits.near_km)))
    if _same_admin1(pa, pb):
        return round(max(value, 0.7), 3)
    if km > limits.far_km:
        return None
    return round(value, 3)


def place_signal(a: Item, b: Item, limits: Limits) -> StorySignal | None:
    pa, pb = a.place, b.place
    value = place_value(a, b, limits)
    if value is None:
        return None
    if pa is None or pb is None:
        return StorySignal("place", 0.0, "no place")
    if "country" in (pa.precision, pb.precision):
        return StorySignal("place", value, f"same country {pa.country}")
    if pa.gazetteer_id and pa.gazetteer_id == pb.gazetteer_id:
        return StorySignal("place", 1.0, f"same place {pa.name}")
    detail = f"{pa.name} – {pb.name} {distance_km(pa, pb):.0f} km"
    if _same_admin1(pa, pb):
        return StorySignal("place", value, detail + f", both {pa.admin1}")
    return StorySignal("place", value, detail)


ELSEWHERE = 0.5  # the most that parties of one event whom the other report names elsewhere
# count for, when the events share none


def _parties(a: Item, b: Item) -> tuple[frozenset[str], frozenset[str]]:
    """The parties both events name, and those one event names that the other report names
    in full elsewhere (the arrest of Guy C. Harminson against a court report that names him
    too)."""
    shared = a.actors & b.actors
    elsewhere = ((a.actors & b.people) | (b.actors & a.people)) - shared
    return shared, elsewhere


def actor_value(a: Item, b: Item) -> float:
    shared, elsewhere = _parties(a, b)
    if not shared and not elsewhere:
        return 0.0
    found = len(shared) + ELSEWHERE * len(elsewhere)
    fewest = min(n for n in (len(a.actors), len(b.actors)) if n)  # one names a party at least
    # parties found only elsewhere are half a match however many: never a shared party's 1.0
    return round(min(1.0 if shared else ELSEWHERE, found / fewest), 3)


def actor_signal(a: Item, b: Item) -> StorySignal:
    shared, elsewhere = _parties(a, b)
    if not shared and not elsewhere:
        return StorySignal("actors", 0.0, "none shared")
    names = {**a.names, **b.names}
    found = ", ".join(sorted(names[k] for k in shared))
    if elsewhere:
        found = "; ".join(x for x in (found, "named in the other report: " + ", ".join(
            sorted(names[k] for k in elsewhere))) if x)
    return StorySignal("actors", actor_value(a, b), found)


def _shared_tolls(a: Item, b: Item) -> list[tuple[str, int]]:
    return sorted(a.tolls & b.counts)


def shared_toll(a: Item, b: Item) -> bool:
    """Both reports give the same count, two or more, of the same kind of casualty for the
    incident ("killed 2, wounded 16" in both): a different count is no evidence against them
    (tolls rise from report to report)."""
    return bool(_shared_tolls(a, b))


def toll_signal(a: Item, b: Item) -> StorySignal | None:
    shared = _shared_tolls(a, b)
    if not shared:
        return None
    return StorySignal("figures", 1.0, "same toll: " + ", ".join(f"{k} {n}" for k, n in shared))
