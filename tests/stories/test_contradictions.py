"""Denials and opposed outcomes, on the claims of real reports."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from newsledger.records import Analysis, Document
from newsledger.stories.accounts import Said, is_denial, said_from
from newsledger.stories.builder import StoryBuilder
from newsledger.stories.contradictions import (
    _answered,
    denial_contradictions,
    outcome_contradictions,
)
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


def test_a_denial_of_that_answers_the_claim_it_closes(analyzer) -> None:  # type: ignore[no-untyped-def]
    """AP's "The Latest" (GeoWebNews 23): "Britain says the Russian government was involved
    in the March 4 nerve agent poisoning ..., a charge that Russia denies." The denial's
    content is "that": it answers the claim its sentence closes, and though no event links
    it, it joins the story of the event that Britain's claim is about."""
    path = Path(__file__).parent.parent / "data" / "news" / "gwn-023.txt"
    title, _, body = path.read_text(encoding="utf-8").partition("\n\n")
    analysis = analyzer.analyze(Document(id="gwn-023", source=path.name, text=body,
                                         title=title, published="2018-03-31"))
    claims = {f"gwn-023:{c.id}": c for c in analysis.claims}
    found = [(claims[c.claims[0]], [claims[r] for r in c.claims[1:]])
             for story in StoryBuilder()([analysis]) for c in story.contradictions
             if c.kind == "denial"]
    assert any(denial.content == "that" and (denial.speaker_text or "").startswith("Russia")
               and len(answered) == 1
               and answered[0].content.startswith("the Russian government was involved")
               for denial, answered in found), found
    # a denial of "that" far from any claim answers nothing: the claim must close its sentence
    lookup = Lookup(analysis)
    said = [said_from(lookup, c) for c in analysis.claims]
    pronouns = [s for s in said if s.denial and s.claim.content in {"that", "which"}]
    assert pronouns and all(len(_answered(s, said, strict=True)) <= 1 for s in pronouns)


def test_two_claimants_counts_in_one_article_contradict(
        report: Callable[[str], Analysis]) -> None:
    # LGL article 206: the Interior Ministry's ten arrested against the party's nine
    (story,) = [s for s in StoryBuilder()([report("georgia-206")])
                if any(f.kind == "arrested" for f in s.figures)]
    (counts,) = [c for c in story.contradictions if c.kind == "count"]
    assert "Georgian Interior Ministry 10" in counts.detail and " 9" in counts.detail


def test_calling_accusations_unsubstantiated_is_a_denial(
        report: Callable[[str], Analysis]) -> None:
    # CASE 2021 snippets 453 and 433: "Kosachyov describes U.S.' accusations against Iran
    # after attacks on oil facilities in Saudi Arabia as unsubstantiated" denies; "Iran is
    # responsible for Aramco attacks" does not
    (described,) = report("aramco-453").claims
    assert is_denial(described)
    assert not [c for c in report("aramco-433").claims if is_denial(c)]
