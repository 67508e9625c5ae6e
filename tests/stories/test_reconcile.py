"""The reconciliation rule and updates against contradictions, on records of real reports."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from newsledger.records import Analysis, Claim, Document, Story
from newsledger.stories import StoryBuilder


def killed_story(analyses: list[Analysis]) -> Story:
    (story,) = [s for s in StoryBuilder()(analyses) if any(f.kind == "killed" for f in s.figures)]
    return story


def test_a_rising_toll_from_the_same_claimant_is_an_update(
        report: Callable[[str], Analysis]) -> None:
    story = killed_story([report("garissa-750"), report("garissa-962")])
    assert not [c for c in story.contradictions if c.kind == "count"]
    (update,) = [u for u in story.updates if "killed" in u.detail]
    assert "2" in update.detail and "10" in update.detail and "rising" in update.detail
    killed = next(r for r in story.ranges if r.kind == "killed")
    assert killed.best == 10  # the claimant's latest report counts


def test_the_same_reports_in_reverse_time_are_revised_down(
        report: Callable[[str], Analysis]) -> None:
    early, late = report("garissa-750"), report("garissa-962")
    swapped = [replace(late, document=replace(late.document, published="2015-04-01")), early]
    story = killed_story(swapped)
    (update,) = [u for u in story.updates if "killed" in u.detail]
    assert "revised down" in update.detail
    assert next(r for r in story.ranges if r.kind == "killed").best == 2


def _respeak(analysis: Analysis, speaker_text: str) -> Analysis:
    claims = tuple(replace(c, speaker=None, speaker_text=speaker_text) for c in analysis.claims)
    return replace(analysis, claims=claims)


def test_different_claimants_with_different_counts_contradict(
        report: Callable[[str], Analysis]) -> None:
    later = _respeak(report("garissa-962"), "hospital sources")
    story = killed_story([report("garissa-750"), later])
    counts = [c for c in story.contradictions if c.kind == "count" and "killed" in c.detail]
    assert len(counts) == 1 and not [u for u in story.updates if "killed" in u.detail]
    killed = next(r for r in story.ranges if r.kind == "killed")
    assert (killed.low, killed.high) == (2, 10)


def _independent_copy(seed: Analysis, count: int) -> Analysis:
    """The seed as another outlet would run it, quoting a neutral source with another count."""
    def neutral(c: Claim) -> Claim:
        return replace(c, speaker=None, speaker_text="Al Arabiya") if "40" in c.content else c
    events = tuple(replace(e, figures=tuple(
        replace(f, count=count, low=count, high=count) if f.kind == "killed" else f
        for f in e.figures)) for e in seed.events)
    doc: Document = replace(seed.document, id="copy", outlet="Another outlet")
    return replace(seed, document=doc, claims=tuple(neutral(c) for c in seed.claims),
                   events=events)


def test_best_is_the_independent_claimants_count(seed: Analysis) -> None:
    story = killed_story([seed, _independent_copy(seed, 30)])
    killed = next(r for r in story.ranges if r.kind == "killed" and r.side == "Taliban")
    assert (killed.low, killed.best, killed.high) == (30, 30, 40)
    assert killed.reason.startswith("median of 1 independent") and "Al Arabiya" in killed.reason
    assert [c for c in story.contradictions if c.kind == "count"]


def test_without_independent_claimant_best_is_the_lower_median(seed: Analysis) -> None:
    story = killed_story([seed])
    killed = next(r for r in story.ranges if r.kind == "killed")
    assert killed.reason.startswith("only claimant")
    assert "Fahim Dashti (a party" in killed.reason


def test_one_claimant_named_two_ways_updates_its_toll(
        report: Callable[[str], Analysis]) -> None:
    """Two CASE 2021 snippets of the Papua floods: "Indonesia's disaster agency" counts 77
    dead, "the national disaster agency" 89 the next day. The one agency named two ways is
    one claimant, so 77 → 89 is an update, never a contradiction."""
    stories = StoryBuilder()([report("papua-131"), report("papua-227")])
    (story,) = [s for s in stories if len(s.documents) == 2]
    assert not [c for c in story.contradictions if c.kind == "count"]
    (update,) = [u for u in story.updates if "killed" in u.detail]
    assert "77" in update.detail and "89" in update.detail and "rising" in update.detail


def test_claimants_named_in_words_are_merged_only_when_nested() -> None:
    from newsledger.stories.reconcile import claimant_aliases

    found = claimant_aliases(["indonesia s disaster agency", "national disaster agency",
                              "agency", "cameo:IDN:INDONESIA"])
    assert found == {"national disaster agency": "indonesia s disaster agency",
                     "agency": "indonesia s disaster agency"}
    # two ministries that say more than "interior ministry": which one it is is unknown
    assert claimant_aliases(["interior ministry", "russia s interior ministry",
                             "ukraine s interior ministry"]) == {}
    # the same nationality, other heads: two sides, never one claimant
    assert claimant_aliases(["sudanese officials", "sudanese rebels"]) == {}
    assert claimant_aliases(["us officials", "us military", "islamic state",
                             "islamic jihad"]) == {}
