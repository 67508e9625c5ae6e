"""Stories from real reports: the seed's two sides, and incidents told by two reports."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from newsledger.records import Analysis, Story
from newsledger.stories import StoryBuilder


def story_with(stories: Sequence[Story], kind: str) -> Story:
    found = [s for s in stories if any(f.kind == kind for f in s.figures)]
    assert len(found) == 1, [s.events for s in stories]
    return found[0]


def test_seed_story_holds_both_sides_claims_and_figures(seed: Analysis) -> None:
    story = story_with(StoryBuilder()([seed]), "killed")
    sides = {g.name for g in story.by_side}
    assert {"Taliban", "resistance front"} <= sides
    claimants = {(f.kind, f.side, f.claimant_side) for f in story.figures}
    assert ("killed", "Taliban", "resistance front") in claimants
    assert ("casualties", "resistance front", "Taliban") in claimants
    assert all(f.outlet == "Democrats Voice" and f.published for f in story.figures)
    killed = next(r for r in story.ranges if r.kind == "killed")
    assert (killed.side, killed.low, killed.best, killed.high) == ("Taliban", 40, 40, 40)
    assert "no independent source" in killed.reason and "Fahim Dashti" in killed.reason
    # "heavy casualties" has no count: listed, never reconciled
    assert not any(r.kind == "casualties" for r in story.ranges)


def test_two_reports_of_samangan_make_one_story_and_keep_the_national_toll_apart(
        report: Callable[[str], Analysis]) -> None:
    # "At least 27 security personnel were killed in Taliban attacks across Afghanistan": a
    # country's toll for the day, not Samangan's; the two reports agree on Samangan's 20
    stories = StoryBuilder()([report("samangan-258"), report("samangan-617")])
    story = story_with(stories, "killed")
    assert set(story.documents) == {"samangan-258", "samangan-617"}
    assert len(story.outlets) == 2
    cross = [lk for lk in story.links if lk.a.split(":")[0] != lk.b.split(":")[0]]
    assert cross and all(lk.score >= 0.6 for lk in cross)
    assert {"type", "time", "place"} <= {s.name for s in cross[0].signals}
    killed = next(r for r in story.ranges if r.kind == "killed")
    assert (killed.low, killed.best, killed.high) == (20, 20, 20)
    assert not [c for c in story.contradictions if c.kind == "count"]
    national = [f for f in story.figures if f.count == 27]
    assert national and all(f.scope == "cumulative" for f in national)


def test_agreeing_reports_relayed_by_two_outlets_do_not_contradict(
        report: Callable[[str], Analysis]) -> None:
    stories = StoryBuilder()([report("diyarbakir-46"), report("diyarbakir-843")])
    story = story_with(stories, "killed")
    assert len(story.documents) == 2
    ranges = {(r.kind, r.low, r.best, r.high) for r in story.ranges}
    assert {("killed", 8, 8, 8), ("wounded", 100, 100, 100)} <= ranges
    assert not story.contradictions and not story.updates


def test_different_incidents_stay_apart(report: Callable[[str], Analysis]) -> None:
    names = ["garissa-750", "diyarbakir-46", "samangan-258"]
    stories = StoryBuilder()([report(n) for n in names])
    for story in stories:
        assert len(story.documents) == 1, story.documents


def test_single_event_stories_can_be_dropped(report: Callable[[str], Analysis]) -> None:
    from newsledger.stories import StorySettings

    analyses = [report("samangan-258"), report("samangan-617"), report("baydha-835")]
    kept = StoryBuilder(StorySettings(keep_single=False))(analyses)
    assert kept and all(len(s.events) > 1 for s in kept)
    assert len(kept) < len(StoryBuilder()(analyses))
