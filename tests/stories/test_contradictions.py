"""Denials and opposed outcomes, on the claims of real reports."""

from __future__ import annotations

from collections.abc import Callable

from newsledger.records import Analysis
from newsledger.stories.accounts import Said, is_denial, said_from
from newsledger.stories.contradictions import denial_contradictions, outcome_contradictions
from newsledger.stories.items import Lookup, flatten


def said_of(analysis: Analysis) -> list[Said]:
    lookup = Lookup(analysis)
    return [said_from(lookup, c) for c in analysis.claims]


def test_denials_answer_the_accusation_they_name(report: Callable[[str], Analysis]) -> None:
    # The Pentagon, analysts, a researcher, a State Department official and a refugee each
    # deny the Russian and Syrian defence ministries' accusation, named or as "these
    # accusations"; no denial is matched to another denial or to the wrong speaker.
    said = said_of(report("rukban-polygraph"))
    accusation = next(s for s in said if s.claim.cue == "accused")
    assert "bandit formations" in accusation.claim.content
    assert not accusation.denial
    found = denial_contradictions(said)
    deniers = {c.claims[0]: c for c in found}
    by_ref = {s.ref: s for s in said}
    speakers = {by_ref[r].speaker.name for r in deniers}
    assert {"Pentagon", "Charles Simpson", "Sean Robertson"} <= speakers
    assert len(found) >= 5
    for contradiction in found:
        assert contradiction.claims[1:] == (accusation.ref,), contradiction.detail


def test_denial_cues_and_words(report: Callable[[str], Analysis]) -> None:
    said = said_of(report("rukban-polygraph"))
    by_cue = {s.claim.cue for s in said if is_denial(s.claim)}
    assert "rejected" in by_cue  # "The Pentagon rejected these accusations"
    worded = [s for s in said if s.denial and s.claim.cue in {"told", "said"}]
    assert any("patently false" in s.claim.content for s in worded)
    assert not is_denial(next(s.claim for s in said if s.claim.cue == "accused"))


def test_repelled_against_captured_from_two_sides(report: Callable[[str], Analysis]) -> None:
    # No shared report tells both sides of one such incident; the rule is tested on the real
    # claims of two: the Manbij council's "repelled" and Yemen's Defence Ministry's "recaptured".
    manbij, baydha = report("manbij-429"), report("baydha-835")
    said = said_of(manbij) + said_of(baydha)
    items = flatten([manbij, baydha])
    found = outcome_contradictions(said, items)
    assert len(found) == 1
    assert "repelled" in found[0].detail and "recaptured" in found[0].detail
    assert outcome_contradictions(said_of(manbij), flatten([manbij])) == []
