"""Reports joined by their whole texts where their events' readings keep them apart, on real
reports (``tests/data/stories/reports.json``)."""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date, timedelta
from itertools import combinations
from pathlib import Path

import pytest

import newsledger.stories.report_links as report_links_module
from newsledger.records import Analysis, StoryLink
from newsledger.stories.grouping import (
    Group,
    GroupingSettings,
    PairWords,
    _join_alike_reports,
    _UnionFind,
    group,
)
from newsledger.stories.items import Item, flatten
from newsledger.stories.report_links import (
    MIN_REPORTS,
    MIN_WORDS,
    REPORT_LINK,
    Reports,
    alike_pairs,
    alike_reports,
    closest_events,
)
from newsledger.stories.signals import Limits, time_value

REPORTS = Path(__file__).parent.parent / "data" / "stories" / "reports.json"
NAMES = list(json.loads(REPORTS.read_text(encoding="utf-8")))
ASSANGE = ("assange-bbc", "assange-albawaba")


def _groups_of(groups: list[Group], name: str) -> set[int]:
    return {k for k, g in enumerate(groups)
            for item in g.items if item.lookup.analysis.document.id == name}


def _batch(analyses: Sequence[Analysis]) -> tuple[list[Item], Reports, PairWords]:
    items = flatten(analyses)
    reports = Reports.of(items)
    return items, reports, PairWords(items, reports)


def _number(items: Sequence[Item], reports: Reports, name: str) -> int:
    return next(int(reports.number[i.index]) for i in items
                if i.lookup.analysis.document.id == name)


def _linked(analyses: Sequence[Analysis]) -> set[frozenset[str]]:
    items, reports, words = _batch(analyses)
    return {frozenset(items[k].lookup.analysis.document.id for k in (a.first, a.second))
            for a in alike_pairs(items, reports, words.whole, words.evidence, Limits())}


def test_long_reports_told_in_the_same_rare_words_are_one_story(
        report: Callable[[str], Analysis]) -> None:
    # Sweden drops the Assange investigation: the BBC tells the 2010 allegation in Stockholm,
    # Al Bawaba the dismissal in London; their events' places and types keep them apart
    items = flatten([report(name) for name in NAMES])
    apart = group(items, replace(GroupingSettings(), report_link=None))
    assert _groups_of(apart, ASSANGE[0]).isdisjoint(_groups_of(apart, ASSANGE[1]))
    joined = group(items, GroupingSettings())
    (story,) = _groups_of(joined, ASSANGE[0]) & _groups_of(joined, ASSANGE[1])
    signals = {s.name: s for link in joined[story].links for s in link.signals}
    assert signals["report"].value >= REPORT_LINK
    assert {"assange", "sweden"} <= set(signals["report"].detail.split(", "))


def test_reports_of_a_sentence_or_two_are_never_linked(
        report: Callable[[str], Analysis]) -> None:
    # the two Skripal snippets share rare words ("nerve", "agent", "spy") but are too short
    # for the words to tell an incident from its topic
    analyses = [report(name) for name in NAMES]
    items, reports, words = _batch(analyses)
    a, b = (_number(items, reports, n) for n in ("skripal-262", "skripal-890"))
    assert words.whole.cosine(a, b) >= REPORT_LINK
    assert min(reports.sizes[a], reports.sizes[b]) < MIN_WORDS
    assert frozenset({"skripal-262", "skripal-890"}) not in _linked(analyses)


def test_events_whose_named_days_differ_are_never_joined(
        report: Callable[[str], Analysis]) -> None:
    # riot police and protesters at Beirut's parliament square, on Saturday 14 and Sunday
    # 15 December 2019: the same words, two incidents
    items, _, words = _batch([report(name) for name in NAMES])
    saturday, sunday = (next(i for i in items if i.lookup.analysis.document.id == name)
                        for name in ("beirut-745", "beirut-92"))
    assert saturday.told_day and sunday.told_day and saturday.start != sunday.start
    assert time_value(saturday, sunday, Limits()) == 0.0  # no agreement, at a day apart
    assert closest_events([saturday.index], [sunday.index], items, words.evidence,
                          Limits()) is None
    groups = group(items, GroupingSettings())
    assert _groups_of(groups, "beirut-745").isdisjoint(_groups_of(groups, "beirut-92"))


def test_too_few_reports_tell_no_rare_word(report: Callable[[str], Analysis]) -> None:
    others = [n for n in NAMES if n not in ASSANGE]
    few = [report(n) for n in [*ASSANGE, *others[:MIN_REPORTS - 3]]]
    items, reports, words = _batch(few)
    assert len(reports.texts) == MIN_REPORTS - 1
    a, b = (_number(items, reports, n) for n in ASSANGE)
    assert words.whole.cosine(a, b) >= REPORT_LINK  # alike, but the weights say little
    assert _linked(few) == set()
    assert frozenset(ASSANGE) in _linked([*few, report(others[MIN_REPORTS - 3])])


def _dated(analysis: Analysis, day: date | None) -> Analysis:
    published = day.isoformat() if day else None
    return replace(analysis, document=replace(analysis.document, published=published))


def test_blocking_by_day_loses_no_pair_that_may_be_linked(
        report: Callable[[str], Analysis]) -> None:
    """Reports are multiplied only with those of their block of days and the next; every
    pair alike enough and published within the window is found."""
    rng = random.Random(7)
    analyses = [_dated(a, None if k % 5 == 0 else date(2020, 1, 1) + timedelta(
        days=rng.randrange(12))) for k, a in enumerate(report(n) for n in NAMES)]
    _, reports, words = _batch(analyses)
    limits, low = Limits(), 0.05
    first, second = alike_reports(words.whole, reports.published, limits, low)
    found = set(zip(first.tolist(), second.tolist(), strict=True))
    expected = {(i, j) for i, j in combinations(range(len(reports.texts)), 2)
                if words.whole.cosine(i, j) >= low + 1e-9
                and (None in (reports.published[i], reports.published[j])
                     or abs((reports.published[i] - reports.published[j]).days)
                     <= limits.max_gap_days)}
    assert len(expected) > 10 and expected <= found


def test_reports_published_days_apart_are_not_linked(
        report: Callable[[str], Analysis]) -> None:
    # the two Assange reports five days apart, in neighbouring blocks of four days: the
    # blocks pair them, the publication days do not
    first = date(2019, 11, 17)
    assert first.toordinal() % (Limits().max_gap_days + 1) == 0
    days = {ASSANGE[0]: first, ASSANGE[1]: first + timedelta(days=5)}
    analyses = [_dated(report(n), days.get(n, first)) for n in NAMES]
    items, reports, words = _batch(analyses)
    a, b = sorted(_number(items, reports, n) for n in ASSANGE)
    pairs = alike_reports(words.whole, reports.published, Limits(), REPORT_LINK)
    assert (a, b) in set(zip(pairs[0].tolist(), pairs[1].tolist(), strict=True))
    assert frozenset(ASSANGE) not in _linked(analyses)
    days[ASSANGE[1]] = first + timedelta(days=3)
    assert frozenset(ASSANGE) in _linked([_dated(report(n), days.get(n, first))
                                          for n in NAMES])


def test_reports_one_story_holds_already_are_not_linked_again(
        report: Callable[[str], Analysis]) -> None:
    # a link between two reports some story already holds would pull their other events in
    items, reports, words = _batch([report(name) for name in NAMES])
    bbc, albawaba = (reports.events[_number(items, reports, n)] for n in ASSANGE)
    forest = _UnionFind(len(items))
    forest.union(bbc[-1], albawaba[-1])
    links: list[tuple[int, StoryLink]] = []
    _join_alike_reports(items, words, GroupingSettings(), forest, links)
    assert not any(items[i].lookup.analysis.document.id in ASSANGE for i, _ in links)
    fresh: list[tuple[int, StoryLink]] = []
    _join_alike_reports(items, words, GroupingSettings(), _UnionFind(len(items)), fresh)
    assert any(items[i].lookup.analysis.document.id in ASSANGE for i, _ in fresh)


def test_the_report_link_bar_is_a_cosine() -> None:
    assert GroupingSettings(report_link=None).report_link is None
    for wrong in (0.0, -0.2, 1.5, float("nan")):
        with pytest.raises(ValueError, match="report_link"):
            GroupingSettings(report_link=wrong)


def test_products_taken_in_parts_find_the_same_pairs(
        report: Callable[[str], Analysis], monkeypatch: pytest.MonkeyPatch) -> None:
    _, reports, words = _batch([report(n) for n in NAMES])
    at_once = alike_reports(words.whole, reports.published, Limits(), 0.05)
    monkeypatch.setattr(report_links_module, "MAX_ENTRIES", 7)  # a row or two at a time
    in_parts = alike_reports(words.whole, reports.published, Limits(), 0.05)
    pairs = [set(zip(f.tolist(), s.tolist(), strict=True)) for f, s in (at_once, in_parts)]
    assert len(pairs[0]) > 10 and pairs[0] == pairs[1]
