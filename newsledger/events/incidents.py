"""Incidents: one event per incident per document, as ACLED, UCDP and POLECAT code them.

The detector finds an event wherever a sentence reports one; an article tells one incident
in many sentences ("A bomb exploded...", "The blast killed...", "Police said the attack...").
Events of one incident family (``triggers.FAMILY_OF_TYPE``: violence, protest, arrest,
abduction, disaster, territory, diplomacy, agreement) and one status merge into one unless
their own places lie apart or their own times do not overlap; an event told by its year
alone, a year or more before the report, is history, never the incident of an undated
event ("In 2000, they attacked the USS Cole" in a column on last weekend's bombing). The
merged event keeps every span (``mentions``), every claim, all actors and targets, all
figures, the finest place and time its reports give, and the type its reports give most
confidently (a demonstration's type follows ACLED's order over its confident reports: a riot
over a march).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date

from newsledger.event_codes import PLOVER_OF_TYPE
from newsledger.events.triggers import FAMILY_OF_TYPE
from newsledger.records import Event, Figure, Place, TimeWindow

SAME_PLACE_KM = 40.0
HISTORY_DAYS = 365  # a year told alone this long before the report's day is history
PRECISION_RANK = {"site": 0, "locality": 1, "admin2": 2, "admin1": 3, "region": 4, "country": 5,
                  "continent": 6}
# ACLED's order for one demonstration: the demonstrators' violence, then excessive force,
# then intervention, then a peaceful protest; a report counts from this confidence
PROTEST_ORDER = ("VIOL_DEMONSTR", "FORCE_AGAINST_PROTEST", "PROTEST_WITH_INTER",
                 "PEACE_PROTEST")
PROTEST_SURE = 0.5


def merge_incidents(events: Sequence[Event], places: Sequence[Place],
                    fallback_places: frozenset[str] = frozenset(),
                    accounts: Mapping[str, str] | None = None,
                    earlier: frozenset[str] = frozenset(),
                    listed: frozenset[str] = frozenset()) -> tuple[Event, ...]:
    """The events merged by incident, renumbered ``V1``... in the order of their time.
    ``fallback_places`` are the ids of events whose place is the story's, not their own;
    ``accounts`` maps an event id to the claim of the party whose own statement it is;
    ``earlier`` are the events told as another incident the sentence compares its own with
    ("The shooting comes after the police killing of a man in Sacramento"): never one
    incident with another event of their sentence; ``listed`` are the other incidents a
    round-up lists, each one alone."""
    by_id = {p.id: p for p in places}
    party = accounts or {}
    groups: list[list[Event]] = []
    for event in sorted(events, key=lambda e: e.evidence.start):
        home = next((g for g in groups if event.id not in listed and g[0].id not in listed
                     and party.get(g[0].id) == party.get(event.id)
                     and not _compared(event, g, earlier)
                     and _joins(event, g, by_id, fallback_places)), None)
        if home is None:
            groups.append([event])
        else:
            home.append(event)
    groups = _with_attributions(groups, by_id, fallback_places)
    merged = sorted((_merge(g, by_id, fallback_places) for g in groups), key=_chronological)
    return tuple(replace(e, id=f"V{n}") for n, e in enumerate(merged, start=1))


def _with_attributions(groups: list[list[Event]], places: dict[str, Place],
                       fallback: frozenset[str]) -> list[list[Event]]:
    """A claim of responsibility or a blame for an attack ("Britain accuses Russia of the
    poisoning ... in the English city of Salisbury") is a claim about the incident the
    document reports: it joins the first violent incident whose place it does not contradict,
    as one more of its reports (its place may be the finer one); the incident keeps its type."""
    violent = [g for g in groups if any(_family(e.type) == "violence" for e in g)]
    kept: list[list[Event]] = []
    for g in groups:
        home = None
        if all(e.type == "ATTRIB" for e in g):
            own = [p for p in (_own_place(e, places, fallback) for e in g) if p is not None]
            home = next((v for v in violent if not own or any(
                near(o, p) for o in own for p in _places_of(v, places, fallback))), None)
        if home is None:
            kept.append(g)
        else:
            home.extend(g)
    return kept


def _places_of(group: list[Event], places: dict[str, Place],
               fallback: frozenset[str]) -> list[Place]:
    own = [p for p in (_own_place(e, places, fallback) for e in group) if p is not None]
    return own or [p for p in (places.get(e.place or "") for e in group) if p is not None]


def _chronological(event: Event) -> tuple[str, int]:
    """A ledger's order: by the earliest moment the event may have happened (a window
    "no later than" a day counts from that day), undated events last, then by first report."""
    when = event.time.start or event.time.end if event.time is not None else None
    return (when or "~", event.evidence.start)


def _compared(event: Event, group: list[Event], earlier: frozenset[str]) -> bool:
    """An event and a group holding another event of its sentence, one of the two told as
    an earlier incident the other is compared with."""
    return any(e.evidence == event.evidence and (e.id in earlier) != (event.id in earlier)
               for e in group)


def _family(event_type: str) -> str:
    return FAMILY_OF_TYPE.get(event_type, event_type)


def _joins(event: Event, group: list[Event], places: dict[str, Place],
           fallback: frozenset[str]) -> bool:
    first = group[0]
    if event.type not in FAMILY_OF_TYPE or first.type not in FAMILY_OF_TYPE:
        return False  # a statement, a deal, a move: each report is its own development
    if _family(event.type) != _family(first.type) or event.status != first.status:
        return False
    own = _own_place(event, places, fallback)
    theirs = [p for p in (_own_place(e, places, fallback) for e in group) if p is not None]
    # an incident told without a place of its own is presumed at the story's place: a
    # shooting in another town is another incident ("... Earlier, a man shot ten in Geneva")
    theirs = theirs or [p for p in (places.get(e.place or "") for e in group) if p is not None]
    if own is not None and theirs and not any(near(own, p) for p in theirs):
        return False
    window = _explicit(event.time)
    windows = [w for w in (_explicit(e.time) for e in group) if w is not None]
    if window is not None and windows:
        return any(_overlap(window, w) for w in windows)
    # a year told alone, long before the report, is history: not an undated event's incident
    return not (_history(event, group) or any(_history(e, [event]) for e in group))


def _history(event: Event, group: list[Event]) -> bool:
    """Whether ``event`` is told by its year alone, the year ending a year or more before
    the day the group's untold events are presumed to have happened (the report's day): "In
    2000, they attacked the USS Cole" in a column on last weekend's bombings is history, not
    the incident the undated "29 New Yorkers wounded by a bomb" tells. A finer date ("on
    Oct. 12, 2000") is left to merge: a report of a trial dates the crime once and tells it
    undated elsewhere. Without a publication date no event is presumed anywhere."""
    time = event.time
    if time is None or not time.text or time.precision != "year" or not time.end:
        return False
    told = _day(time.end)
    presumed = [_day(e.time.end) for e in group if e.time is not None and not e.time.text]
    return told is not None and any(
        day is not None and (day - told).days >= HISTORY_DAYS for day in presumed)


def _day(iso: str | None) -> date | None:
    try:
        return date.fromisoformat(iso[:10]) if iso else None
    except ValueError:
        return None


def _own_place(event: Event, places: dict[str, Place], fallback: frozenset[str]) -> Place | None:
    if event.place is None or event.id in fallback:
        return None
    return places.get(event.place)


def near(a: Place, b: Place) -> bool:
    """The same place, one inside the other (a town in its country or province), or two
    points within ``SAME_PLACE_KM``."""
    if a.id == b.id:
        return True
    if a.country and a.country == b.country:
        coarse = a if PRECISION_RANK[a.precision] >= PRECISION_RANK[b.precision] else b
        fine = b if coarse is a else a
        if coarse.precision == "country":
            return True
        if coarse.precision == "admin1" and coarse.admin1 and coarse.admin1 == fine.admin1:
            return True
    return _km(a, b) <= SAME_PLACE_KM


def _km(a: Place, b: Place) -> float:
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _explicit(time: TimeWindow | None) -> tuple[str, str] | None:
    """The window of a time the text states (not one inferred from the publication day)."""
    if time is None or not time.text or not (time.start or time.end):
        return None
    start = (time.start or time.end or "")[:10]
    return start, (time.end or time.start or "")[:10]


def _overlap(a: tuple[str, str], b: tuple[str, str]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def _merge(group: list[Event], places: dict[str, Place], fallback: frozenset[str]) -> Event:
    if len(group) == 1:
        only = group[0]
        return replace(only, mentions=only.mentions or (only.evidence,),
                       claims=only.claims or ((only.claim,) if only.claim else ()),
                       figures=_figures(group))
    weight: dict[str, float] = defaultdict(float)
    for e in group:  # an attribution joined to an incident never types it
        if e.type != "ATTRIB" or all(x.type == "ATTRIB" for x in group):
            weight[e.type] += e.confidence
    best_type = _protest_type(group) or max(
        weight, key=lambda t: (weight[t], -_first_index(group, t)))
    lead = next(e for e in group if e.type == best_type)
    actors = _union(a for e in group for a in e.actors)
    targets = tuple(t for t in _union(t for e in group for t in e.targets) if t not in actors)
    claims = _union(c for e in group for c in (e.claims or ((e.claim,) if e.claim else ())))
    return replace(
        group[0], type=best_type,
        plover=lead.plover if lead.type == best_type else PLOVER_OF_TYPE[best_type],
        actors=actors, targets=targets, place=_finest_place(group, places, fallback),
        time=_finest_time(group), claim=claims[0] if claims else None, claims=claims,
        confidence=max(e.confidence for e in group), figures=_figures(group),
        mentions=tuple(sorted({m for e in group for m in (e.mentions or (e.evidence,))},
                              key=lambda s: (s.start, s.end))),
    )


def _protest_type(group: list[Event]) -> str | None:
    """A demonstration told in several sentences takes ACLED's order over its confident
    reports (``PROTEST_ORDER``): "Thousands marched ... Some threw stones at police" is a
    riot, however many sentences tell the march."""
    if not all(e.type in PROTEST_ORDER for e in group):
        return None
    sure = {e.type for e in group if e.confidence >= PROTEST_SURE}
    return next((t for t in PROTEST_ORDER if t in sure), None)


def _first_index(group: list[Event], event_type: str) -> int:
    return next(i for i, e in enumerate(group) if e.type == event_type)


def _union(items: Iterable[str]) -> tuple[str, ...]:
    """The items once each, in order of first appearance."""
    return tuple(dict.fromkeys(items))


def _finest_place(group: list[Event], places: dict[str, Place],
                  fallback: frozenset[str]) -> str | None:
    own = [places[e.place] for e in group
           if e.place is not None and e.id not in fallback and e.place in places]
    if own:
        return min(own, key=lambda p: PRECISION_RANK[p.precision]).id
    return next((e.place for e in group if e.place is not None), None)


def _finest_time(group: list[Event]) -> TimeWindow | None:
    """The narrowest stated time of the reports; else the narrowest inferred one (the day a
    later report was told on beats "no later than publication")."""
    stated = [e.time for e in group if _explicit(e.time) is not None]
    if stated:
        return min(stated, key=_width)  # type: ignore[arg-type]
    bounded = [e.time for e in group if e.time is not None and e.time.start and e.time.end]
    if bounded:
        return min(bounded, key=_span_days)
    return next((e.time for e in group if e.time is not None), None)


def _span_days(time: TimeWindow) -> int:
    try:
        return (date.fromisoformat((time.end or "")[:10])
                - date.fromisoformat((time.start or "")[:10])).days
    except ValueError:
        return 10**6


def _width(time: TimeWindow) -> int:
    window = _explicit(time)
    if window is None:
        return 10**6
    try:
        return (date.fromisoformat(window[1]) - date.fromisoformat(window[0])).days
    except ValueError:
        return 10**6


def _figures(group: list[Event]) -> tuple[Figure, ...]:
    seen: set[tuple[object, ...]] = set()
    out: list[Figure] = []
    for f in (f for e in group for f in e.figures):
        key = (f.kind, f.count, f.side, f.claim, f.text)
        if key not in seen:
            seen.add(key)
            out.append(f)
    # "Mohanna was shot ... the young woman was killed": one person shot dead is a death
    dead = {f.side for f in out if f.kind == "killed" and f.side is not None}
    return tuple(f for f in out
                 if not (f.kind == "wounded" and f.count == 1 and f.side in dead))
