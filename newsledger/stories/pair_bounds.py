"""An upper bound of ``grouping.score_pair`` for many candidate pairs at once.

A day's events make hundreds of thousands of candidate pairs, and most of them share too
little to be joined. The bound takes the signals that are cheap to compute for all pairs at
once exactly (type, the text similarity and the shared words, computed beforehand; time too,
but for two different days both reports name, which count here by their gap and in the
score as no agreement) and
the others at their best (a place both reports give counts as the same place; parties both
name, or that one names and the other report may name elsewhere, as the same parties; a
toll one gives and the other counts as the same toll), with the same rule as
``score_pair``: the weighted mean of the signals both reports give. Only the pairs whose
bound reaches the threshold are scored one by one; the others cannot be joined.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from newsledger.stories.items import Item
from newsledger.stories.pair_arrays import Flags, Indices, Scores
from newsledger.stories.signals import ELSEWHERE, Limits, type_value

NOT_COMPARED = -1.0  # the bound of a pair whose types or days rule it out


@dataclass(frozen=True)
class ItemArrays:
    """What the bound reads of each event, as arrays indexed like the events."""

    kind: Indices  # the event's (type, PLOVER) pair, numbered
    kinds: tuple[Item, ...]  # an event of each numbered pair
    start: Scores  # the first and last day (ordinals), NaN when undated
    end: Scores
    placed: Flags
    parties: Flags
    people: Flags  # the report names someone in full (a party of another event may be theirs)
    tolls: Flags  # a toll of two or more that another report could share
    counts: Flags  # any count of the incident

    @classmethod
    def of(cls, items: Sequence[Item]) -> ItemArrays:
        numbered: dict[tuple[str, str], int] = {}
        kinds: list[Item] = []
        for item in items:
            key = (item.event.type, item.event.plover)
            if key not in numbered:
                numbered[key] = len(kinds)
                kinds.append(item)
        nan = float("nan")
        return cls(
            kind=np.array([numbered[(i.event.type, i.event.plover)] for i in items],
                          dtype=np.int64),
            kinds=tuple(kinds),
            start=np.array([i.start.toordinal() if i.start and i.end else nan for i in items]),
            end=np.array([i.end.toordinal() if i.start and i.end else nan for i in items]),
            placed=np.array([i.place is not None for i in items], dtype=bool),
            parties=np.array([bool(i.actors) for i in items], dtype=bool),
            people=np.array([bool(i.people) for i in items], dtype=bool),
            tolls=np.array([bool(i.tolls) for i in items], dtype=bool),
            counts=np.array([bool(i.counts) for i in items], dtype=bool),
        )

    def type_values(self) -> Scores:
        """``signals.type_value`` of every two numbered kinds; NaN where never compared."""
        size = len(self.kinds)
        found = np.full((size, size), np.nan)
        for x, a in enumerate(self.kinds):
            for y, b in enumerate(self.kinds):
                value = type_value(a, b)
                if value is not None:
                    found[x, y] = value
        return found


def upper_bounds(arrays: ItemArrays, first: Indices, second: Indices, text: Scores,
                 words: Scores | None, weights: Mapping[str, float], limits: Limits) -> Scores:
    """For each pair ``(first[k], second[k])``, a score ``score_pair`` cannot exceed, or
    ``NOT_COMPARED`` where it rules the pair out on type or days."""
    kind = arrays.type_values()[arrays.kind[first], arrays.kind[second]]
    total = weights["type"] * np.nan_to_num(kind) + weights["text"] * text
    weight = np.full(len(first), weights["type"] + weights["text"])
    if words is not None:
        total += weights.get("words", 0.0) * words
        weight += weights.get("words", 0.0)
    gap = np.maximum(np.maximum(arrays.start[second] - arrays.end[first],
                                arrays.start[first] - arrays.end[second]), 0.0)
    dated = ~np.isnan(gap)
    day_value = np.where(dated, 1.0 - gap / (limits.max_gap_days + 1), 0.0)
    total += weights["time"] * day_value
    weight += weights["time"] * dated
    placed = arrays.placed[first] & arrays.placed[second]
    total += weights["place"] * placed
    weight += weights["place"] * placed
    one, other = arrays.parties[first], arrays.parties[second]
    named = one | other
    # parties both name (up to 1), or one names and the other's report names someone in full
    # (up to ``ELSEWHERE``)
    elsewhere = (one & arrays.people[second]) | (other & arrays.people[first])
    total += weights["actors"] * np.where(one & other, 1.0, ELSEWHERE * elsewhere)
    weight += weights["actors"] * named
    shared = arrays.tolls[first] & arrays.counts[second]
    total += weights["figures"] * shared
    weight += weights["figures"] * shared
    bounds = total / weight
    ruled_out = np.isnan(kind) | (dated & (gap > limits.max_gap_days))
    return np.where(ruled_out, NOT_COMPARED, bounds)
