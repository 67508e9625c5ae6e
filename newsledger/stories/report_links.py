"""Reports that tell one story in the same rare words, joined where their events' types or
places would keep them apart.

Events are compared only when their types share a block and their places a country, and one
report's reading can break either: the BBC tells Sweden's dropping of the Assange
investigation through the 2010 allegation in Stockholm, Al Bawaba through the dismissal in
London; the expulsions that answered the Skripal poisoning are a nerve-agent attack in one
report and a diplomatic act in another; Saint Petersburg is placed in Florida. A whole
report says more than the sentences its events stand on: two reports whose full texts (title
and body) share rare words strongly (the cosine of their sublinear TF-IDF vectors, fitted on
the reports being grouped, at least ``REPORT_LINK``), published within ``max_gap_days`` of
each other (or undated), tell one story. Their closest events are
joined (events whose days agree, then agreeing types, then places, then the words of their
evidence), with a ``report`` signal naming the words the reports share; not when no two of
their events have days that agree (``signals.time_value``; two days each report names are
two incidents: the same square's protests on a Saturday and on the Sunday), which also keeps
daily reports of a running matter (one hearing a day) from chaining into one story.

Only reports of at least ``MIN_WORDS`` content words are linked: the cosine of a sentence or
two rests on a few names, which say where and who, not which incident (two raids by one
group on one province's army posts). Over fewer than ``MIN_REPORTS`` reports the weights
cannot tell a rare word from a common one, and no report is linked. ``REPORT_LINK`` and
``MIN_WORDS`` were chosen on the tuning half of the stories gold set and on a day of
unlabelled reports (``benchmarks/stories.py``; the README says how).

The cosines come from sparse products (scipy), a bounded number of entries at a time, of the
reports of each block of ``max_gap_days + 1`` days of publication with those of the block and
the next, so the work grows with the reports of a few days, not with the ledger's; an undated
report is compared with every report, so undated reports cost in proportion to all.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
from scipy import sparse

from newsledger.records import StoryLink, StorySignal
from newsledger.stories.items import Item, day
from newsledger.stories.pair_arrays import Indices
from newsledger.stories.signals import (
    Limits,
    place_signal,
    place_value,
    time_signal,
    time_value,
    type_signal,
    type_value,
)
from newsledger.stories.similarity import SharedWords, tokens

REPORT_LINK = 0.35
MIN_REPORTS = 10
MIN_WORDS = 40  # content words (``similarity.tokens``) a report needs to be linked
MAX_ENTRIES = 4_000_000  # entries of one partial product (about 100 MB at most)


@dataclass(frozen=True)
class Reports:
    """The reports being grouped, numbered in order of their first event: each event's
    report; each report's events, publication day, whole text (title and body) and its
    number of content words; and the reports' leads (title and first lines, ``Item.lead``),
    each event's lead numbered."""

    number: Indices
    events: list[tuple[int, ...]]
    published: list[date | None]
    texts: list[str]
    leads: list[str]
    lead_of: Indices
    sizes: list[int]

    @classmethod
    def of(cls, items: Sequence[Item]) -> Reports:
        members: dict[str, list[int]] = {}
        for item in items:
            members.setdefault(item.lookup.analysis.document.id, []).append(item.index)
        number = {doc: k for k, doc in enumerate(members)}
        docs = [items[m[0]].lookup.analysis.document for m in members.values()]
        leads = list(dict.fromkeys(item.lead for item in items))  # one per report
        lead_at = {lead: k for k, lead in enumerate(leads)}
        texts = [f"{d.title or ''}\n{d.text}" for d in docs]
        return cls(
            np.array([number[i.lookup.analysis.document.id] for i in items], dtype=np.int64),
            [tuple(m) for m in members.values()], [day(d.published) for d in docs], texts,
            leads, np.array([lead_at[i.lead] for i in items], dtype=np.int64),
            [len(tokens(text)) for text in texts])


def _matrix(words: SharedWords) -> sparse.csr_matrix:
    rows = words.rows()
    return sparse.csr_matrix((rows.data, rows.indices, rows.indptr),
                             shape=(len(rows.indptr) - 1, rows.width))


def _day_blocks(published: Sequence[date | None], size: int,
                eligible: Sequence[int]) -> dict[int | None, Indices]:
    """The eligible reports by block of ``size`` days of publication (None: undated)."""
    blocks: dict[int | None, list[int]] = {}
    for r in eligible:
        day_ = published[r]
        blocks.setdefault(day_.toordinal() // size if day_ else None, []).append(r)
    return {key: np.array(rows, dtype=np.int64) for key, rows in blocks.items()}


def _pairs_above(matrix: sparse.csr_matrix, rows: Indices, cols: Indices,
                 threshold: float) -> tuple[Indices, Indices]:
    """The pairs (row, col) of distinct reports whose cosine reaches ``threshold``, each as
    (lower, higher); the product is taken a few rows at a time, at most ``MAX_ENTRIES``
    entries, so its memory stays bounded (whole reports share many words: the product is
    nearly dense)."""
    firsts, seconds = [], []
    right = matrix[cols].T.tocsc()
    step = max(1, MAX_ENTRIES // max(1, len(cols)))
    for start in range(0, len(rows), step):
        part = rows[start:start + step]
        product = (matrix[part] @ right).tocoo()
        keep = product.data >= threshold
        first, second = part[product.row[keep]], cols[product.col[keep]]
        distinct = first != second
        firsts.append(np.minimum(first[distinct], second[distinct]))
        seconds.append(np.maximum(first[distinct], second[distinct]))
    if not firsts:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    return np.concatenate(firsts), np.concatenate(seconds)


def alike_reports(words: SharedWords, published: Sequence[date | None], limits: Limits,
                  threshold: float, eligible: Sequence[int] | None = None
                  ) -> tuple[Indices, Indices]:
    """The pairs ``(i, j)``, ``i < j``, of reports (of ``eligible``, else all) whose cosine
    reaches ``threshold`` and that may lie days enough apart to be one story: reports are
    compared within blocks of ``max_gap_days + 1`` days of publication and with the next
    block (an undated report with every report), so the work grows with the reports of a
    few days, not with the ledger's."""
    matrix = _matrix(words)
    chosen = list(range(len(published))) if eligible is None else list(eligible)
    blocks = _day_blocks(published, limits.max_gap_days + 1, chosen)
    everyone = np.array(chosen, dtype=np.int64)
    found: list[tuple[Indices, Indices]] = []
    for key, rows in blocks.items():
        if key is None:
            cols = everyone
        else:
            cols = np.concatenate([rows, blocks.get(key + 1, np.zeros(0, dtype=np.int64))])
        found.append(_pairs_above(matrix, rows, cols, threshold))
    if not found:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    first = np.concatenate([f for f, _ in found])
    second = np.concatenate([s for _, s in found])
    _, once = np.unique(first * max(len(published), 1) + second, return_index=True)
    return first[once], second[once]


def _near_in_time(a: date | None, b: date | None, limits: Limits) -> bool:
    return a is None or b is None or abs((a - b).days) <= limits.max_gap_days


def _timely(a: Item, b: Item, limits: Limits) -> bool:
    """Whether two events' days agree: not days apart (``signals.time_value``), and not two
    days each report names (two incidents: a protest and the next day's, told in the same
    words)."""
    return time_value(a, b, limits) is not None and not (
        a.told_day and b.told_day and a.start != b.start)


def closest_events(a: Sequence[int], b: Sequence[int], items: Sequence[Item],
                   evidence: SharedWords, limits: Limits) -> tuple[int, int] | None:
    """The pair of events of two reports most alike: agreeing types, then places, then the
    words of their evidence, among the pairs whose days agree (the earlier events on a tie);
    None when no pair's days agree."""
    def closeness(pair: tuple[int, int]) -> tuple[float, float, float]:
        x, y = items[pair[0]], items[pair[1]]
        return (type_value(x, y) or 0.0, place_value(x, y, limits) or 0.0,
                evidence.cosine(x.index, y.index))
    pairs = [(x, y) for x in a for y in b if _timely(items[x], items[y], limits)]
    if not pairs:
        return None
    return max(pairs, key=lambda p: (closeness(p), -p[0], -p[1]))


@dataclass(frozen=True)
class AlikeReports:
    """Two reports alike enough to be one story, and the events they would be joined at."""

    first: int  # event indices
    second: int
    cosine: float
    reports: tuple[int, int]


def alike_pairs(items: Sequence[Item], reports: Reports, whole: SharedWords,
                evidence: SharedWords, limits: Limits, threshold: float = REPORT_LINK
                ) -> list[AlikeReports]:
    """Each pair of reports alike enough, published near enough and with events whose days
    agree, the most alike first. ``whole``: the reports' texts' TF-IDF vectors, numbered as
    ``reports``; ``evidence``: the events' evidence sentences'."""
    if len(reports.texts) < MIN_REPORTS:
        return []
    long = [r for r, size in enumerate(reports.sizes) if size >= MIN_WORDS]
    first, second = alike_reports(whole, reports.published, limits, threshold, long)
    cosines = np.array([whole.cosine(int(i), int(j))
                        for i, j in zip(first, second, strict=True)])
    found: list[AlikeReports] = []
    for k in np.argsort(-cosines, kind="stable"):
        ra, rb = int(first[k]), int(second[k])
        if not _near_in_time(reports.published[ra], reports.published[rb], limits):
            continue
        pair = closest_events(reports.events[ra], reports.events[rb], items, evidence, limits)
        if pair is not None:
            found.append(AlikeReports(pair[0], pair[1], float(cosines[k]), (ra, rb)))
    return found


def report_link(items: Sequence[Item], alike: AlikeReports, whole: SharedWords,
                limits: Limits) -> StoryLink:
    """The link of two alike reports' events: its score is the reports' cosine (the bar is
    ``REPORT_LINK``, not the event signals' threshold), with the event signals that agree."""
    a, b = items[alike.first], items[alike.second]
    shared = ", ".join(whole.shared(*alike.reports))
    found = (StorySignal("report", round(alike.cosine, 3), shared),
             type_signal(a, b), place_signal(a, b, limits), time_signal(a, b, limits))
    signals = tuple(s for s in found if s is not None and s.value > 0)
    return StoryLink(a.ref, b.ref, round(alike.cosine, 3), signals)
