"""A story in words: headline, reports, evidence sentences and reasons for each join, on two
real reports of the 2015 Garissa University College attack (CASE 2021 snippets)."""

from __future__ import annotations

from collections.abc import Callable

from newsledger.records import Analysis, Story
from newsledger.stories import StoryBuilder
from newsledger.stories.summary import link_reason


def _garissa(report: Callable[[str], Analysis]) -> Story:
    stories = StoryBuilder()([report("garissa-750"), report("garissa-962")])
    return next(s for s in stories if len(s.documents) == 2)


def test_the_headline_names_type_place_day_and_party(report) -> None:  # type: ignore[no-untyped-def]
    assert _garissa(report).headline.startswith("Attack · Garissa (KE) · 2 Apr 2015 · Al-Sha")


def test_reports_are_listed_by_outlet_not_hash(report) -> None:  # type: ignore[no-untyped-def]
    story = _garissa(report)
    assert [r.document for r in story.reports] == list(story.documents)
    assert {r.outlet for r in story.reports} == set(story.outlets)
    assert all(r.published for r in story.reports)


def test_each_event_keeps_its_evidence_and_label(report) -> None:  # type: ignore[no-untyped-def]
    story = _garissa(report)
    assert [e.ref for e in story.event_details] == list(story.events)
    assert all(e.label == "Attack" and "Shabab" in e.evidence for e in story.event_details
               if e.type == "ATTACK")


def test_why_two_reports_were_joined_reads_in_words(report) -> None:  # type: ignore[no-untyped-def]
    reasons = [link.reason for link in _garissa(report).links]
    assert reasons and all(r for r in reasons)
    assert any("shared actors: Al-Shabaab" in r and "same kind of event (ATTACK)" in r
               for r in reasons)
    assert link_reason(()) == "no signal in common"
