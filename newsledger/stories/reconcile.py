"""Reconciled figures in UCDP's low/best/high convention, one range per figure kind and side.

Each claimant counts once, with its latest report: reports are ordered by publication day,
then by input order, and within its latest report the highest count is the claimant's. An
earlier report of the same claimant with another count is an ``update``, never a
contradiction. Figures stated in a denial, and figures without a count ("heavy
casualties"), do not enter the range.

- ``low``: the lowest low bound among the claimants' counts ("at least 20" → 20);
- ``high``: the highest count or high bound among them;
- ``best``: the median (the lower of the two middle values) of the counts of the independent
  claimants, those whose side is neither a party to the story's events nor the side counted;
  when there is none, the median of all the claimants' counts. The ``reason`` names the
  claimants the best estimate rests on and whether they are parties.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import pairwise

from newsledger.records import Contradiction, FigureKind, FigureRange
from newsledger.stories.accounts import Counted
from newsledger.stories.items import UNSPECIFIED


@dataclass(frozen=True)
class Tally:
    """The figures of one kind and side: each claimant's latest count, and their updates."""

    kind: FigureKind
    side: str
    side_name: str
    current: tuple[Counted, ...]
    updates: tuple[Contradiction, ...]


# Words that qualify a claimant's name without telling two claimants apart: "the national
# disaster agency" and "Indonesia's disaster agency" are one agency.
GENERIC_WORDS = frozenset({"national", "state", "federal", "local", "provincial", "regional",
                           "official", "officials", "s"})


def claimant_aliases(keys: Iterable[str]) -> dict[str, str]:
    """Claimants named only in words (not actors of the actor base or outlets: their keys
    hold a colon) whose words, generic ones aside, all lie in the name of a claimant that
    says more and has the same head word: each is that claimant when those that say more are
    nested ("the agency" ⊂ "the national disaster agency" ⊂ "Indonesia's disaster agency"),
    the widest of them. "Sudanese officials" is never "Sudanese rebels": the heads differ."""
    named = [k for k in set(keys) if ":" not in k and k.split()]
    words = {k: frozenset(k.split()) - GENERIC_WORDS for k in named}
    aliases: dict[str, str] = {}
    for key in named:
        head, own = key.split()[-1], words[key]
        wider = sorted((o for o in named if own and own < words[o] and o.split()[-1] == head),
                       key=lambda o: len(words[o]))
        if wider and all(words[a] < words[b] for a, b in pairwise(wider)):
            aliases[key] = wider[-1]
    return aliases


def _report_key(c: Counted) -> tuple[date, int]:
    return c.published or date.min, c.order // 1000


def _reports(figures: Sequence[Counted]) -> list[list[Counted]]:
    """A claimant's figures by report (document), oldest first."""
    by_doc: dict[str, list[Counted]] = defaultdict(list)
    for c in figures:
        by_doc[c.figure.document].append(c)
    return sorted(by_doc.values(), key=lambda fs: max(_report_key(c) for c in fs))


def _top(report: Sequence[Counted]) -> Counted:
    return max(report, key=lambda c: (c.figure.count or 0, -c.order))


def _update(earlier: Counted, later: Counted) -> Contradiction:
    e, la = earlier.figure, later.figure
    trend = "rising" if (la.count or 0) > (e.count or 0) else "revised down"
    detail = (f"{la.claimant}: {la.kind} {la.side} {e.count} ({e.published or 'undated'}) → "
              f"{la.count} ({la.published or 'undated'}), {trend}")
    claims = tuple(c for c in (e.claim, la.claim) if c)
    return Contradiction("update", claims, detail, (earlier.index, later.index))


def _claimant_tally(figures: Sequence[Counted]) -> tuple[Counted, list[Contradiction]]:
    tops = [_top(report) for report in _reports(figures)]
    updates = [_update(a, b) for a, b in pairwise(tops)
               if a.figure.count != b.figure.count]
    return tops[-1], updates


def tallies(counted: Iterable[Counted]) -> list[Tally]:
    """One tally per (kind, side) with a usable count, in order of first appearance. A
    running toll (scope ``cumulative``) is no incident's count and is left out; a count
    whose side is unspecified joins the only side counted of its kind, if there is one."""
    usable = [c for c in counted if c.figure.count is not None and not c.figure.denied
              and c.figure.scope != "cumulative"]
    known: dict[str, set[str]] = defaultdict(set)
    for c in usable:
        if c.side != UNSPECIFIED:
            known[c.figure.kind].add(c.side)
    groups: dict[tuple[str, str], list[Counted]] = defaultdict(list)
    for c in usable:
        sides = known[c.figure.kind]
        side = next(iter(sides)) if c.side == UNSPECIFIED and len(sides) == 1 else c.side
        groups[(c.figure.kind, side)].append(c)
    result: list[Tally] = []
    for (_, side), figures in groups.items():
        by_claimant: dict[str, list[Counted]] = defaultdict(list)
        aliases = claimant_aliases(c.claimant for c in figures)
        for c in figures:
            by_claimant[aliases.get(c.claimant, c.claimant)].append(c)
        current: list[Counted] = []
        updates: list[Contradiction] = []
        for claimant_figures in by_claimant.values():
            top, revised = _claimant_tally(claimant_figures)
            current.append(top)
            updates.extend(revised)
        first = next((c.figure for c in figures if c.side == side), figures[0].figure)
        result.append(Tally(first.kind, side, first.side, tuple(current), tuple(updates)))
    return result


def _median_low(values: Sequence[int]) -> int:
    ordered = sorted(values)
    return ordered[(len(ordered) - 1) // 2]


def _describe(c: Counted, parties: frozenset[str], side: str) -> str:
    f = c.figure
    if c.claimant_side == side:
        role = "counting its own side"
    elif c.claimant_side in parties:
        role = "a party"
    else:
        role = "independent"
    where = f", {f.outlet}" if f.outlet else ""
    return f"{f.claimant} ({role}{where}) {f.count}"


def reconcile(tally: Tally, parties: frozenset[str]) -> FigureRange:
    """The low/best/high range of one tally; ``parties`` are the keys of the story's actors."""
    current = tally.current
    low = min(c.figure.low if c.figure.low is not None else c.figure.count or 0 for c in current)
    high = max(max(c.figure.count or 0, c.figure.high or 0) for c in current)
    independent = [c for c in current
                   if c.claimant_side not in parties and c.claimant_side != tally.side]
    basis = independent or list(current)
    best = _median_low([c.figure.count or 0 for c in basis])
    named = "; ".join(_describe(c, parties, tally.side) for c in basis)
    if independent:
        reason = f"median of {len(basis)} independent claimant(s)' latest counts: {named}"
    elif len(basis) == 1:
        reason = f"only claimant, no independent source: {named}"
    else:
        reason = (f"no independent source; median of {len(basis)} claimants' latest counts: "
                  f"{named}")
    return FigureRange(tally.kind, tally.side_name, min(low, best), best, max(high, best),
                       reason, tuple(c.index for c in current))
