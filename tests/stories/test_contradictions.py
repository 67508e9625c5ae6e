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


def test_the_armys_denial_answers_the_rescuers_toll(report: Callable[[str], Analysis]) -> None:
    ghouta = report("ghouta-gwn121")
    said = said_of(ghouta)
    denials = [s for s in said if s.denial]
    assert any("civilians were killed" in s.claim.content for s in denials)
    found = denial_contradictions(said)
    civilians = [c for c in found if "civilians were killed" in c.detail]
    assert civilians
    answered = {s.ref: s for s in said}
    targets = [answered[r] for r in civilians[0].claims[1:]]
    assert any("1600 civilians" in s.claim.content for s in targets)
    assert all(s.speaker.key != denials[0].speaker.key for s in targets)


def test_denial_cues_and_words(report: Callable[[str], Analysis]) -> None:
    ghouta = report("ghouta-gwn121")
    cues = {c.cue for c in ghouta.claims if is_denial(c)}
    assert "deny" in cues
    assert not is_denial(next(c for c in ghouta.claims if "1600" in c.content))


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
