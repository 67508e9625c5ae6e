"""Grouping events of many articles into stories.

Candidate pairs come from blocks (the event type's block of families, the country, and time
buckets of ``max_gap_days + 1`` days), so the work grows with the size of the blocks rather
than with the square of the input. Each candidate pair is scored as the weighted mean of the
signals both reports give (no date or no place is no evidence either way); pairs at or above
the threshold are joined, and stories are the connected components (single link,
union-find). Every join is kept as a ``StoryLink`` with the signals that made it. A pair whose
events are already in one story is not scored again, so each story keeps the links that
joined it (a spanning forest) and a dense story costs about one scoring per event, not one
per pair.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from newsledger.records import StoryLink, StorySignal
from newsledger.stories.answers import denial_links
from newsledger.stories.items import Item
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
)

# "text" is what the evidence means (embeddings), "words" the rare words both reports use
# (TF-IDF over the events grouped together); see the README for how these were chosen.
WEIGHTS = {"type": 0.15, "time": 0.15, "place": 0.15, "actors": 0.2, "text": 0.15,
           "words": 0.25, "figures": 0.2}
WORDS_FULL = 2 / 3  # the TF-IDF cosine that counts as full agreement of the words
MAX_BUCKETS = 8  # an event spanning more buckets is indexed at its last ones only


@dataclass(frozen=True)
class GroupingSettings:
    """The threshold a pair's score must reach, the signals' weights and what counts as near."""

    threshold: float = 0.55
    weights: dict[str, float] = field(default_factory=lambda: dict(WEIGHTS))
    limits: Limits = field(default_factory=Limits)
    similarity: SimilarityFactory = field(default_factory=default_similarity)


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
    too (a date one report lacks is no evidence either way)."""
    size = limits.max_gap_days + 1
    by_country: dict[Key, list[int]] = defaultdict(list)
    by_family: dict[tuple[str, int | None], list[int]] = defaultdict(list)
    for item in items:
        fam = block(item.event.type, item.event.plover)
        for bucket in _buckets(item, size, 0):
            by_country[(fam, _country(item), bucket)].append(item.index)
            by_family[(fam, bucket)].append(item.index)
    undated: dict[tuple[str, str], list[int]] = defaultdict(list)
    for item in items:  # an undated report is compared with the dated ones of its country
        if item.start is None or item.end is None:
            undated[(block(item.event.type, item.event.plover), _country(item))].append(
                item.index)
    seen: set[tuple[int, int]] = set()
    for item in items:
        fam, country = block(item.event.type, item.event.plover), _country(item)
        for bucket in _buckets(item, size, limits.max_gap_days):
            if country == "*":
                pool = by_family.get((fam, bucket), [])
            else:
                pool = by_country.get((fam, country, bucket), []) + by_country.get(
                    (fam, "*", bucket), [])
            if bucket is not None and country != "*":
                pool = pool + undated.get((fam, country), [])
            for other in pool:
                pair = (min(item.index, other), max(item.index, other))
                if other != item.index and pair not in seen:
                    seen.add(pair)
                    yield pair


class PairWords:
    """The words two events' reports share: the TF-IDF cosine of their evidence sentences,
    or, for events of two reports, of the reports' leads, whichever is higher."""

    def __init__(self, items: Sequence[Item]) -> None:
        self.items = items
        self.evidence = SharedWords([item.text for item in items])
        leads = list(dict.fromkeys(item.lead for item in items))  # one per report
        self.lead_at = {lead: k for k, lead in enumerate(leads)}
        self.leads = SharedWords(leads)

    def _best(self, i: int, j: int) -> tuple[SharedWords, int, int, float]:
        a, b = self.items[i], self.items[j]
        found = self.evidence.cosine(i, j)
        if a.lookup.analysis.document.id == b.lookup.analysis.document.id:
            return self.evidence, i, j, found
        la, lb = self.lead_at[a.lead], self.lead_at[b.lead]
        lead = self.leads.cosine(la, lb)
        if lead > found:
            return self.leads, la, lb, lead
        return self.evidence, i, j, found

    def value(self, i: int, j: int) -> float:
        """The cosine scaled so that ``WORDS_FULL`` and above count as 1."""
        return round(min(1.0, self._best(i, j)[3] / WORDS_FULL), 3)

    def signal(self, i: int, j: int) -> StorySignal:
        found, x, y, cosine = self._best(i, j)
        value = round(min(1.0, cosine / WORDS_FULL), 3)
        return StorySignal("words", value, f"shared words: {', '.join(found.shared(x, y))}")


def score_pair(a: Item, b: Item, text: PairScorer, settings: GroupingSettings,
               words: PairWords | None = None) -> StoryLink | None:
    """The link between two events if their signals reach the threshold, else None. The
    signals' values decide; their details are written only for a pair that is joined.
    Without ``words`` the shared words are left out of the score."""
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
    weight = sum(w[k] for k in told) + sum(w[k] for k in texts)
    partial = sum(w[k] * v for k, v in told.items())
    if (partial + sum(w[k] for k in texts)) / weight < settings.threshold:
        return None
    cosine = round(text(a.index, b.index), 3)
    partial += w["text"] * cosine
    if words is not None:
        if (partial + w["words"]) / weight < settings.threshold:
            return None
        partial += w["words"] * words.value(a.index, b.index)
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
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri != rj:
            self.parent[max(ri, rj)] = min(ri, rj)


@dataclass(frozen=True)
class Group:
    """The items of one story and the links that joined them."""

    items: tuple[Item, ...]
    links: tuple[StoryLink, ...]


def group(items: Sequence[Item], settings: GroupingSettings) -> list[Group]:
    """Stories as connected components of the joined pairs, in order of their first event."""
    evidence = settings.similarity([item.text for item in items])
    lead_texts = list(dict.fromkeys(item.lead for item in items))  # one per report
    lead_at = {lead: k for k, lead in enumerate(lead_texts)}
    leads = settings.similarity(lead_texts)

    def text(i: int, j: int) -> float:
        """The evidence sentences' similarity, or what two reports are about (not for two
        events of one report: the article has told its incidents apart already)."""
        found = evidence(i, j)
        a, b = items[i], items[j]
        if a.lookup.analysis.document.id == b.lookup.analysis.document.id:
            return found
        return max(found, leads(lead_at[a.lead], lead_at[b.lead]))

    words = PairWords(items)
    forest = _UnionFind(len(items))
    links: list[tuple[int, StoryLink]] = []
    for i, j in candidate_pairs(items, settings.limits):
        if forest.find(i) == forest.find(j):
            continue
        link = score_pair(items[i], items[j], text, settings, words)
        if link is not None:
            forest.union(i, j)
            links.append((i, link))
    for i, j, link in denial_links(items, settings.limits):  # "X denied ..." against "...
        if forest.find(i) != forest.find(j):  # a claim of another report it answers
            forest.union(i, j)
            links.append((i, link))
    members: dict[int, list[Item]] = defaultdict(list)
    for item in items:
        members[forest.find(item.index)].append(item)
    joined: dict[int, list[StoryLink]] = defaultdict(list)
    for i, link in links:
        joined[forest.find(i)].append(link)
    return [Group(tuple(m), tuple(joined[root])) for root, m in sorted(members.items())]
