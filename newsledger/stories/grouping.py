"""Grouping events of many articles into stories.

Candidate pairs come from blocks (the event type's block of families, the country, and time
buckets of ``max_gap_days + 1`` days), so the work grows with the size of the blocks rather
than with the square of the input. Each candidate pair is scored as the weighted mean of the
signals both reports give (no date or no place is no evidence either way); pairs at or above
the threshold are joined, and stories are the connected components (single link,
union-find). Every join is kept as a ``StoryLink`` with the signals that made it. A pair whose
events are already in one story is not scored again, so each story keeps the links that
joined it (a spanning forest) and a dense story costs about one scoring per event, not one
per pair. The candidate pairs, their text similarities and shared words are computed as
arrays, all at once (``pair_arrays``), and only the pairs whose upper bound reaches the
threshold (``pair_bounds``) are scored one by one. A denial in one report that answers a
claim of another joins them too (``answers``), and so do two reports whose whole texts share
rare words strongly, at their closest events, when no story holds both yet (``report_links``:
one report's typing or place may be wrong where the reports agree). Pairs are joined in the
order of their bounds, the likeliest first, and a story whose reports name their incident's
days is never joined through an undated report, a denial or a report link to one that names
other days only (the square's protests of one Saturday and of the Sunday after:
``_UnionFind.apart``); two reports that each name a day are joined on their own score, in
which two different days count as no agreement (``signals.time_value``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np

from newsledger.records import StoryLink, StorySignal
from newsledger.stories.answers import denial_links
from newsledger.stories.items import Item
from newsledger.stories.pair_arrays import Indices, Scores
from newsledger.stories.pair_bounds import ItemArrays, upper_bounds
from newsledger.stories.report_links import REPORT_LINK, Reports, alike_pairs, report_link
from newsledger.stories.signals import (
    Limits,
    actor_signal,
    actor_value,
    block,
    place_known,
    place_signal,
    place_value,
    shared_toll,
    time_known,
    time_signal,
    time_value,
    toll_signal,
    type_signal,
    type_value,
)
from newsledger.stories.similarity import (
    PairScorer,
    SharedWords,
    SimilarityFactory,
    default_similarity,
    pair_scores,
)

# "text" is what the evidence means (embeddings), "words" the rare words both reports use
# (TF-IDF over the events grouped together); see the README for how these were chosen.
WEIGHTS = {"type": 0.15, "time": 0.15, "place": 0.15, "actors": 0.2, "text": 0.15,
           "words": 0.25, "figures": 0.2}
WORDS_FULL = 2 / 3  # the TF-IDF cosine that counts as full agreement of the words
MAX_BUCKETS = 8  # an event spanning more buckets is indexed at its last ones only
BOUND_MARGIN = 1e-3  # the bound uses unrounded values, the score rounds them to 3 decimals


@dataclass(frozen=True)
class GroupingSettings:
    """The threshold a pair's score must reach, the signals' weights, what counts as near,
    and the cosine of two whole reports that joins them (``report_links``)."""

    threshold: float = 0.55
    weights: dict[str, float] = field(default_factory=lambda: dict(WEIGHTS))
    limits: Limits = field(default_factory=Limits)
    similarity: SimilarityFactory = field(default_factory=default_similarity)
    report_link: float | None = REPORT_LINK  # None: reports are joined by their events only

    def __post_init__(self) -> None:
        if self.report_link is not None and not 0.0 < self.report_link <= 1.0:
            raise ValueError(f"report_link must be in (0, 1] or None, not {self.report_link}")


Key = tuple[str, str, int | None]


def _buckets(item: Item, size: int, pad: int) -> list[int | None]:
    if item.start is None or item.end is None:
        return [None]
    first = (item.start.toordinal() - pad) // size
    last = (item.end.toordinal() + pad) // size
    return list(range(max(first, last - MAX_BUCKETS - 2 * pad), last + 1))


def _country(item: Item) -> str:
    return (item.place.country if item.place else None) or "*"


def candidate_pairs(items: Sequence[Item], limits: Limits) -> Iterator[tuple[int, int]]:
    """Pairs of items that share a block of types (``signals.block``), a country (or lack
    one) and a time bucket; an undated item meets the dated items of its block and country
    too (a date one report lacks is no evidence either way). Each pair once, ``(i, j)`` with
    ``i < j``, in the order ``candidate_arrays`` gives them."""
    first, second = candidate_arrays(items, limits)
    yield from zip(first.tolist(), second.tolist(), strict=True)


def _blocks(items: Sequence[Item], size: int) -> tuple[dict[Key, list[int]],
                                                       dict[tuple[str, int | None], list[int]],
                                                       dict[tuple[str, str], list[int]]]:
    """The items by block, country and bucket; by block and bucket; and the undated ones by
    block and country."""
    by_country: dict[Key, list[int]] = defaultdict(list)
    by_family: dict[tuple[str, int | None], list[int]] = defaultdict(list)
    undated: dict[tuple[str, str], list[int]] = defaultdict(list)
    for item in items:
        fam = block(item.event.type, item.event.plover)
        for bucket in _buckets(item, size, 0):
            by_country[(fam, _country(item), bucket)].append(item.index)
            by_family[(fam, bucket)].append(item.index)
        if item.start is None or item.end is None:
            undated[(fam, _country(item))].append(item.index)
    return by_country, by_family, undated


def candidate_arrays(items: Sequence[Item], limits: Limits) -> tuple[Indices, Indices]:
    """``candidate_pairs`` as two arrays of indices: each item meets the pools of its block
    and country in its buckets (padded by ``max_gap_days``), pairs taken once, in the order
    they are first met."""
    size = limits.max_gap_days + 1
    by_country, by_family, undated = _blocks(items, size)
    arrays: dict[tuple[int, Any], Indices] = {}

    def pool(table: Mapping[Any, list[int]], key: Any) -> Indices:
        """A pool of items as an array, made once."""
        if (id(table), key) not in arrays:
            arrays[(id(table), key)] = np.array(table.get(key, ()), dtype=np.int64)
        return arrays[(id(table), key)]

    chunks: list[Indices] = []
    owners: list[Indices] = []
    for item in items:
        fam, country = block(item.event.type, item.event.plover), _country(item)
        for bucket in _buckets(item, size, limits.max_gap_days):
            if country == "*":
                found = [pool(by_family, (fam, bucket))]
            else:
                found = [pool(by_country, (fam, country, bucket)),
                         pool(by_country, (fam, "*", bucket))]
                if bucket is not None:
                    found.append(pool(undated, (fam, country)))
            others = np.concatenate(found)
            chunks.append(others)
            owners.append(np.full(len(others), item.index, dtype=np.int64))
    if not chunks:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    mine, other = np.concatenate(owners), np.concatenate(chunks)
    keep = mine != other
    low, high = np.minimum(mine, other)[keep], np.maximum(mine, other)[keep]
    _, first_seen = np.unique(low * max(len(items), 1) + high, return_index=True)
    order = np.sort(first_seen)
    return low[order], high[order]


def evidence_or_report(evidence: PairScorer, whole: PairScorer, index_of: Indices,
                       reports: Reports, first: Indices, second: Indices) -> Scores:
    """The evidence sentences' score of every pair, or, for events of two reports, the score
    of the reports' texts where higher (``whole`` scores the texts ``index_of`` numbers for
    each event: leads or whole reports); not for two events of one report: the article has
    told its incidents apart already."""
    found = pair_scores(evidence, first, second)
    across = reports.number[first] != reports.number[second]
    found[across] = np.maximum(found[across], pair_scores(
        whole, index_of[first[across]], index_of[second[across]]))
    return found


class PairWords:
    """The words two events' reports share: the TF-IDF cosine of their evidence sentences,
    or, for events of two reports, of the whole reports (title and body), whichever is
    higher."""

    def __init__(self, items: Sequence[Item], reports: Reports | None = None) -> None:
        self.items = items
        self.reports = reports or Reports.of(items)
        self.evidence = SharedWords([item.text for item in items])
        self.whole = SharedWords(self.reports.texts)

    def _best(self, i: int, j: int) -> tuple[SharedWords, int, int, float]:
        found = self.evidence.cosine(i, j)
        ra, rb = int(self.reports.number[i]), int(self.reports.number[j])
        if ra == rb:
            return self.evidence, i, j, found
        whole = self.whole.cosine(ra, rb)
        if whole > found:
            return self.whole, ra, rb, whole
        return self.evidence, i, j, found

    def many(self, first: Indices, second: Indices) -> Scores:
        """``value`` of the pairs ``(first[k], second[k])``, all at once."""
        found = evidence_or_report(self.evidence, self.whole, self.reports.number, self.reports,
                                   first, second)
        return np.round(np.minimum(1.0, found / WORDS_FULL), 3).astype(np.float64)

    def value(self, i: int, j: int) -> float:
        """The cosine scaled so that ``WORDS_FULL`` and above count as 1."""
        return round(min(1.0, self._best(i, j)[3] / WORDS_FULL), 3)

    def signal(self, i: int, j: int) -> StorySignal:
        found, x, y, cosine = self._best(i, j)
        value = round(min(1.0, cosine / WORDS_FULL), 3)
        return StorySignal("words", value, f"shared words: {', '.join(found.shared(x, y))}")


def score_pair(a: Item, b: Item, text: PairScorer, settings: GroupingSettings,
               words: PairWords | None = None,
               values: tuple[float, float] | None = None) -> StoryLink | None:
    """The link between two events if their signals reach the threshold, else None. The
    signals' values decide; their details are written only for a pair that is joined.
    Without ``words`` the shared words are left out of the score; ``values``: the text
    similarity and the words' value, computed beforehand for many pairs at once."""
    w, limits = settings.weights, settings.limits
    kind, time, place = type_value(a, b), time_value(a, b, limits), place_value(a, b, limits)
    if kind is None or time is None or place is None:
        return None
    # a signal neither report gives (no date, no place) is no evidence either way: the score
    # is the weighted mean of the signals both reports give
    told = {"type": kind}
    if a.actors or b.actors:  # neither naming a party is no evidence either way
        told["actors"] = actor_value(a, b)
    if time_known(a, b):
        told["time"] = time
    if place_known(a, b):
        told["place"] = place
    if shared_toll(a, b):  # the same count of the same dead or wounded: one incident's
        told["figures"] = 1.0
    texts = ("text", "words") if words is not None else ("text",)
    weight = sum(w[k] for k in told) + sum(w.get(k, 0.0) for k in texts)
    partial = sum(w[k] * v for k, v in told.items())
    if (partial + sum(w.get(k, 0.0) for k in texts)) / weight < settings.threshold:
        return None
    cosine = round(values[0] if values else text(a.index, b.index), 3)
    partial += w["text"] * cosine
    if words is not None:
        if (partial + w.get("words", 0.0)) / weight < settings.threshold:
            return None
        partial += w.get("words", 0.0) * (values[1] if values else words.value(a.index, b.index))
    score = partial / weight
    if score < settings.threshold:
        return None
    found = (type_signal(a, b), time_signal(a, b, limits), place_signal(a, b, limits),
             actor_signal(a, b), toll_signal(a, b),
             StorySignal("text", cosine, f"cosine {cosine:.2f}"),
             words.signal(a.index, b.index) if words is not None else None)
    signals = tuple(s for s in found if s is not None and s.value > 0)
    return StoryLink(a.ref, b.ref, round(score, 3), signals)


class _UnionFind:
    """Stories as disjoint sets of events, each set with the days its reports name for the
    incident (``Item.told_day``): two sets whose named days all differ are two incidents,
    whatever chain of undated reports would link them (Beirut's parliament square on Saturday
    14 and Sunday 15 December 2019, each day's report joined to an undated one)."""

    def __init__(self, n: int, days: Sequence[date | None] = ()) -> None:
        self.parent = list(range(n))
        self.days: dict[int, set[date]] = {k: {d} for k, d in enumerate(days) if d is not None}

    def apart(self, i: int, j: int) -> bool:
        """Whether the sets of ``i`` and ``j`` each name days, and none in common."""
        mine, theirs = self.days.get(self.find(i)), self.days.get(self.find(j))
        return bool(mine and theirs and mine.isdisjoint(theirs))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri != rj:
            self.parent[max(ri, rj)] = min(ri, rj)
            named = self.days.pop(ri, set()) | self.days.pop(rj, set())
            if named:
                self.days[min(ri, rj)] = named


@dataclass(frozen=True)
class Group:
    """The items of one story and the links that joined them."""

    items: tuple[Item, ...]
    links: tuple[StoryLink, ...]


def _texts(items: Sequence[Item], reports: Reports, settings: GroupingSettings,
           first: Indices, second: Indices) -> Scores:
    """The text similarity of every pair: its evidence sentences', or its reports' leads'
    (what an embedding of a few hundred words reads of a report)."""
    return evidence_or_report(settings.similarity([item.text for item in items]),
                              settings.similarity(reports.leads), reports.lead_of, reports,
                              first, second)


def group(items: Sequence[Item], settings: GroupingSettings) -> list[Group]:
    """Stories as connected components of the joined pairs, in order of their first event.
    The shared words of every candidate pair are computed at once, then the text similarity
    of the pairs whose upper bound (``pair_bounds``) could still reach the threshold, and
    only the pairs whose bound does are scored one by one."""
    first, second = candidate_arrays(items, settings.limits)
    reports = Reports.of(items)
    words = PairWords(items, reports)
    shared = words.many(first, second)
    arrays = ItemArrays.of(items)
    # the bound with the best text similarity first: the sentences of pairs it rules out are
    # never encoded (a lone report's, or a day's that share no words)
    hopeful = upper_bounds(arrays, first, second, np.ones(len(first)), shared,
                           settings.weights, settings.limits) >= settings.threshold - BOUND_MARGIN
    first, second, shared = first[hopeful], second[hopeful], shared[hopeful]
    texts = _texts(items, reports, settings, first, second)
    bounds = upper_bounds(arrays, first, second, texts, shared, settings.weights,
                          settings.limits)
    forest = _UnionFind(len(items), [item.start if item.told_day else None for item in items])
    links: list[tuple[int, StoryLink]] = []
    reaching = np.flatnonzero(bounds >= settings.threshold - BOUND_MARGIN)
    # the likeliest joins first, so that the days a story names keep out a chain's weaker
    # links, not its stronger ones; two reports that each name a day were weighed on their
    # days already (``signals.time_value``)
    for k in reaching[np.argsort(-bounds[reaching], kind="stable")]:
        i, j = int(first[k]), int(second[k])
        if forest.find(i) == forest.find(j) or (
                forest.apart(i, j) and not (items[i].told_day and items[j].told_day)):
            continue
        link = score_pair(items[i], items[j], _unused, settings, words,
                          values=(float(texts[k]), float(shared[k])))
        if link is not None:
            forest.union(i, j)
            links.append((i, link))
    for i, j, link in denial_links(items, settings.limits):  # "X denied ..." against "...
        if forest.find(i) != forest.find(j) and not forest.apart(i, j):  # a claim it answers
            forest.union(i, j)
            links.append((i, link))
    _join_alike_reports(items, words, settings, forest, links)
    members: dict[int, list[Item]] = defaultdict(list)
    for item in items:
        members[forest.find(item.index)].append(item)
    joined: dict[int, list[StoryLink]] = defaultdict(list)
    for i, link in links:
        joined[forest.find(i)].append(link)
    return [Group(tuple(m), tuple(joined[root])) for root, m in sorted(members.items())]


def _join_alike_reports(items: Sequence[Item], words: PairWords, settings: GroupingSettings,
                        forest: _UnionFind, links: list[tuple[int, StoryLink]]) -> None:
    """Join reports that tell one story in the same rare words (``report_links``) and that
    no story holds together yet."""
    if settings.report_link is None:
        return
    reports = words.reports
    for alike in alike_pairs(items, reports, words.whole, words.evidence, settings.limits,
                             settings.report_link):
        ra, rb = alike.reports
        mine = {forest.find(k) for k in reports.events[ra]}
        if mine.isdisjoint(forest.find(k) for k in reports.events[rb]) and not forest.apart(
                alike.first, alike.second):
            forest.union(alike.first, alike.second)
            links.append((alike.first, report_link(items, alike, words.whole, settings.limits)))


def _unused(i: int, j: int) -> float:
    raise AssertionError("the text similarity was computed beforehand")
