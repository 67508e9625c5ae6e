"""The story stage: analyses in, stories out."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field

from newsledger.records import Analysis, Story, TimeWindow
from newsledger.stories.accounts import (
    claim_groups,
    report_denials,
    story_claims,
    story_figures,
)
from newsledger.stories.contradictions import (
    answering_denials,
    count_contradictions,
    denial_contradictions,
    outcome_contradictions,
)
from newsledger.stories.grouping import Group, GroupingSettings, group
from newsledger.stories.items import flatten
from newsledger.stories.reconcile import reconcile, tallies
from newsledger.stories.summary import event_details, headline, reports, with_reasons


@dataclass(frozen=True)
class StorySettings:
    """What the story stage may change: grouping (threshold, weights, limits, similarity) and
    whether stories of a single event are kept."""

    grouping: GroupingSettings = field(default_factory=GroupingSettings)
    keep_single: bool = True


def _window(g: Group) -> TimeWindow | None:
    starts = [i.start for i in g.items if i.start]
    ends = [i.end for i in g.items if i.end]
    if not starts or not ends:
        return None
    return TimeWindow(min(starts).isoformat(), max(ends).isoformat())


def _parties(g: Group) -> frozenset[str]:
    keys: set[str] = set()
    for item in g.items:
        for entity_id in (*item.event.actors, *item.event.targets):
            for actor in (item.lookup.actor(entity_id), item.lookup.side_of(entity_id)):
                if actor is not None:
                    keys.add(actor.key)
    return frozenset(keys)


def build_story(g: Group) -> Story:
    """One story from a group of events: its claims, figures, ranges and contradictions."""
    said = story_claims(g.items)
    said += answering_denials(said, report_denials(g.items))
    counted = story_figures(g.items)
    tally = tallies(counted)
    parties = _parties(g)
    by_speaker, by_side = claim_groups(said)
    refs = tuple(item.ref for item in g.items)
    documents = tuple(dict.fromkeys(i.lookup.analysis.document.id for i in g.items))
    outlets = tuple(dict.fromkeys(
        o for i in g.items if (o := i.lookup.analysis.document.outlet)))
    contradictions = (count_contradictions(tally) + denial_contradictions(said)
                      + outcome_contradictions(said, g.items))
    return Story(
        id=hashlib.sha256("\n".join(sorted(refs)).encode()).hexdigest()[:16],
        events=refs, documents=documents, outlets=outlets, links=with_reasons(g.links),
        claims=tuple(s.record for s in said), by_speaker=by_speaker, by_side=by_side,
        figures=tuple(c.figure for c in counted),
        ranges=tuple(reconcile(t, parties) for t in tally),
        contradictions=tuple(contradictions),
        updates=tuple(u for t in tally for u in t.updates),
        time=_window(g),
        headline=headline(g.items), reports=reports(g.items),
        event_details=event_details(g.items),
    )


class StoryBuilder:
    """``StoryBuilder(settings)(analyses)``: the stories of a sequence of analysed articles, in
    order of their first event. Pure: no I/O, the same input gives the same stories."""

    def __init__(self, settings: StorySettings | None = None) -> None:
        self.settings = settings or StorySettings()

    def __call__(self, analyses: Sequence[Analysis]) -> tuple[Story, ...]:
        items = flatten(analyses)
        groups = group(items, self.settings.grouping)
        if not self.settings.keep_single:
            groups = [g for g in groups if len(g.items) > 1]
        return tuple(build_story(g) for g in groups)
