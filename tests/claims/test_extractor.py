"""Claims: each construction on real sentences (the seed) and wire-style ones."""

from __future__ import annotations

from newsledger.records import Analysis
from tests.conftest import story_text
from tests.record_lookup import claims_by, name_of


def test_indirect_claim_with_that_clause(seed: Analysis) -> None:
    (claim,) = claims_by(seed, "Ahmad Massoud")
    assert claim.kind == "indirect" and claim.cue == "claimed"
    assert claim.content.startswith("Al-Qaeda has joined the Taliban")
    assert claim.speaker_text == "Ahmad Massoud, son of Ahmad Shah Massoud"


def test_according_to_an_outlet(seed: Analysis) -> None:
    (claim,) = claims_by(seed, "Al Arabiya")
    assert claim.kind == "according_to" and claim.cue == "according to"
    assert claim.content.startswith("fighting is ongoing between Taliban fighters")


def test_floating_quote_takes_the_speaker_of_the_sentence_before(seed: Analysis) -> None:
    claims = claims_by(seed, "Anaamullah Samangani")
    kinds = {c.kind: c for c in claims}
    assert kinds["indirect"].content == "the casualties"
    assert kinds["indirect"].cue == "confirmed"
    assert kinds["direct"].content.startswith("Mujahideen of the Islamic Emirate were attacked")
    assert kinds["direct"].content.endswith("has suffered heavy casualties.")


def test_quote_over_several_sentences_after_said_that(seed: Analysis) -> None:
    (claim,) = claims_by(seed, "Fahim Dashti")
    assert claim.kind == "direct"
    assert claim.content.startswith("In the past 40 hours")
    assert claim.content.endswith("another 35 of them were wounded.")


def test_hedged_claim_of_a_so_called_group(seed: Analysis) -> None:
    hedged = [c for c in seed.claims if c.hedged]
    assert len(hedged) == 1
    assert "anti-Taliban resistance" in (hedged[0].speaker_text or "")
    assert "fighting the Taliban" in hedged[0].content


def test_speech_inside_a_quote_is_not_a_claim_of_its_own(seed: Analysis) -> None:
    assert not any(c.content == "will resist" for c in seed.claims)
    assert len(seed.claims) == 6


def test_quote_before_the_cue_and_a_pronoun_speaker(analyse_text) -> None:  # type: ignore[no-untyped-def]
    a = analyse_text(
        "Ashraf Ghani left the country on Sunday. “I had to leave to avoid bloodshed,” "
        "he said in a video posted on Facebook."
    )
    direct = [c for c in a.claims if c.kind == "direct"]
    assert direct and direct[0].content == "I had to leave to avoid bloodshed,"
    assert name_of(a, direct[0].speaker) == "Ashraf Ghani"


def test_relayed_claim_names_the_outlet_in_via(analyse_text) -> None:  # type: ignore[no-untyped-def]
    a = analyse_text(
        "Ahmad Massoud told Al Arabiya that his forces would never surrender to the Taliban."
    )
    (claim,) = a.claims
    assert name_of(a, claim.speaker) == "Ahmad Massoud"
    assert name_of(a, claim.via) == "Al Arabiya"
    assert claim.content.startswith("his forces would never surrender")


def test_denial_is_a_claim_with_its_cue(analyse_text) -> None:  # type: ignore[no-untyped-def]
    a = analyse_text(
        "The Taliban denied that their fighters had entered the valley, calling the reports "
        "propaganda."
    )
    assert any(c.cue == "denied" and "fighters had entered the valley" in c.content
               for c in a.claims)


def test_allegedly_marks_a_claim_hedged(analyse_text) -> None:  # type: ignore[no-untyped-def]
    a = analyse_text(
        "Local officials said the militants had allegedly executed three prisoners."
    )
    assert a.claims and a.claims[0].hedged


def test_a_partial_quote_stays_inside_the_reported_clause(analyse_text) -> None:  # type: ignore[no-untyped-def]
    a = analyse_text("The minister said he was “deeply troubled” by reports of abuses in "
                     "the northern camps.")
    (claim,) = a.claims
    assert claim.kind == "indirect"
    assert claim.content == ("he was “deeply troubled” by reports of abuses in the northern "
                             "camps")


def test_a_fronted_clause_is_not_the_content(analyse_text) -> None:  # type: ignore[no-untyped-def]
    a = analyse_text("Buoyed by a string of victories, the commander declared that his forces "
                     "would reach the capital within a week.")
    (claim,) = a.claims
    assert claim.content == "his forces would reach the capital within a week"


def test_the_quote_before_the_cue_wins_over_a_quoted_title_after_it(analyse_text) -> None:  # type: ignore[no-untyped-def]
    a = analyse_text("“We are seeing a backlash against years of neglect,” said Alden, author "
                     "of the book “Failure to Adjust: How Workers Were Left Behind.”")
    (claim,) = a.claims
    assert claim.kind == "direct"
    assert claim.content.startswith("We are seeing a backlash")


def test_passive_and_action_verbs_are_not_claims(analyse_text) -> None:  # type: ignore[no-untyped-def]
    a = analyse_text("The exact number of observers will not be revealed until closer to "
                     "election day. She announced her campaign in April 2015.")
    assert a.claims == ()


def test_a_headline_claim_does_not_run_into_the_next_paragraph(analyse_text) -> None:  # type: ignore[no-untyped-def]
    a = analyse_text("Governor says troops will stay in the north\n\nKANO — The governor "
                     "on Tuesday defended the deployment.")
    assert a.claims and a.claims[0].content == "troops will stay in the north"


def test_a_role_only_speaker_is_an_entity(analyse_text) -> None:  # type: ignore[no-untyped-def]
    # CASE 2021 snippet 353.
    a = analyse_text("Security forces in Siverskiy's Nebreda regional state have killed 219 "
                     "suspected Oromo Liberation Army (OLA) rebels, an Ethiopian official said "
                     "on Wednesday")
    claim = next(c for c in a.claims if c.cue == "said")
    speaker = next(e for e in a.entities if e.id == claim.speaker)
    assert speaker.type == "PERSON" and speaker.role == "official"
    assert any(m.text == "Ethiopian official" for m in speaker.mentions)


def test_a_pronoun_speaker_is_a_mention_of_its_entity(analyse_text) -> None:  # type: ignore[no-untyped-def]
    # PolNeAR, NYT 2016-10-17 (Wells Fargo).
    a = analyse_text("For his part, Mr. Sloan did not signal in his first hours as chief "
                     "executive that he intended to make any bold shifts. He praised the "
                     "tenure of Mr. Stumpf and said he planned to pursue largely the same "
                     "strategy in restoring the bank's reputation that his predecessor had "
                     "begun.")
    claim = next(c for c in a.claims if c.cue == "said")
    sloan = next(e for e in a.entities if e.id == claim.speaker)
    assert sloan.name.endswith("Sloan")
    assert claim.speaker_text == "He"
    assert any(m.text == "He" and m.start < claim.start for m in sloan.mentions)


# The sentences below are from PolNeAR (US political news, 2016) and CASE 2021 snippets.


def test_a_finding_with_a_reported_clause_is_a_claim(analyse_text) -> None:  # type: ignore[no-untyped-def]
    a = analyse_text(
        "Polls showed that few Americans thought of climate change as a high public priority. "
        "O'Neill said officials are in possession of video that shows the explosion."
    )
    (poll,) = [c for c in a.claims if c.cue == "showed"]
    assert poll.speaker_text == "Polls"
    assert poll.content.startswith("few Americans thought of climate change")
    assert not any(c.cue == "shows" for c in a.claims)  # a video showing a thing: no claim


def test_calls_and_condemnations_have_their_object_as_content(analyse_text) -> None:  # type: ignore[no-untyped-def]
    a = analyse_text(
        "Iraqi security forces fired water cannons, tear gas and rubber bullets into crowds of "
        "thousands of protesters Friday as anti-government demonstrations resumed and a "
        "leading cleric called for peace. Palmieri called on Trump to stop attacking Machado "
        "and apologize."
    )
    calls = {c.content: c for c in a.claims if c.cue == "called"}
    assert calls["peace"].speaker_text == "a leading cleric"
    assert name_of(a, calls["peace"].speaker) is not None  # the role-only person
    on = next(c for text, c in calls.items() if text.startswith("Trump to stop"))
    assert on.content.endswith("apologize") and on.speaker_text == "Palmieri"


def test_an_accusation_holds_its_object_and_its_charge(analyse_text) -> None:  # type: ignore[no-untyped-def]
    # the opening of Polygraph.info's Rukban fact check (extraction benchmark) and a PolNeAR
    # dev sentence; a passive "have been accused" names no one and is no claim
    a = analyse_text(
        "In a joint statement published Oct. 25, the Russian and Syrian defense ministries "
        "accused U.S. forces in southern Syria’s al-Tanf of controlling “bandit formations” "
        "and disrupting a United Nations plan to return people in the Rubkan refugee camp to "
        "their homes. Strada accused the Saudi government of attempting to intimidate the 9/11 "
        "families. Russia and the Syrian government have been accused of creating a "
        "humanitarian disaster in the Rukban camp."
    )
    accused = [c for c in a.claims if c.cue == "accused"]
    assert [c.speaker_text for c in accused] == [
        "the Russian and Syrian defense ministries", "Strada"]
    assert accused[0].content.startswith("U.S. forces in southern Syria’s al-Tanf of controlling")
    assert accused[0].content.endswith("to their homes")
    assert accused[1].content == ("the Saudi government of attempting to intimidate the 9/11 "
                                  "families")


def test_a_group_called_by_a_name_is_no_claim(analyse_text) -> None:  # type: ignore[no-untyped-def]
    a = analyse_text("Violent protests erupted in Colombia on Tuesday ahead of nationwide "
                     "marches that have been called for the second time in the space of a week.")
    assert not any(c.cue == "called" for c in a.claims)


def test_a_cue_inside_the_clause_it_reports(analyse_text) -> None:  # type: ignore[no-untyped-def]
    a = analyse_text("But to prevent problems, he said, local officials should be vigilant.")
    (claim,) = a.claims
    assert claim.cue == "said" and claim.speaker_text == "he"
    assert claim.content.startswith("to prevent problems")
    assert claim.content.endswith("local officials should be vigilant")


def test_a_possessor_s_claim_that(analyse_text) -> None:  # type: ignore[no-untyped-def]
    a = analyse_text(
        "Following Monday's presidential debate Politifact did a fact-check on Donald Trump's "
        "claim that there have been thousands of shootings in gun-controlled Chicago this year."
    )
    (claim,) = [c for c in a.claims if c.cue == "claim"]
    assert claim.speaker_text == "Donald Trump"
    assert claim.content.startswith("there have been thousands of shootings")


def test_in_a_statement_with_a_colon_quote(analyse_text) -> None:  # type: ignore[no-untyped-def]
    a = analyse_text(
        'In a statement, Peabody said: "Patriot Coal was highly successful when it became an '
        'independent, publicly traded company nearly a decade ago," adding that its market '
        "capitalization quadrupled in less than a year."
    )
    claim = next(c for c in a.claims if c.speaker_text == "Peabody")
    assert claim.kind == "direct" and claim.cue == "said"
    assert claim.content.startswith("Patriot Coal was highly successful")


def test_an_outlet_reported_that(analyse_text) -> None:  # type: ignore[no-untyped-def]
    a = analyse_text(
        "In August, The New York Times reported that anti-corruption investigators in Ukraine "
        "had found handwritten ledgers showing $12.7 million in undisclosed cash payments."
    )
    (claim,) = a.claims
    assert claim.cue == "reported" and name_of(a, claim.speaker) == "New York Times"
    assert claim.content.startswith("anti-corruption investigators in Ukraine")


def test_quoted_as_saying_and_unconfirmed_reports(analyse_text) -> None:  # type: ignore[no-untyped-def]
    a = analyse_text(
        "Deputy Foreign Minister Sergei Ryabkov was quoted as saying that Moscow would respond "
        "to any new sanctions. Unconfirmed reports said dozens of fighters had been killed."
    )
    quoted = next(c for c in a.claims if "Moscow would respond" in c.content)
    assert name_of(a, quoted.speaker) == "Sergei Ryabkov" and not quoted.hedged
    rumour = next(c for c in a.claims if "fighters had been killed" in c.content)
    assert rumour.hedged and rumour.speaker is None


def test_what_a_court_heard_is_told_in_court(analyse_text) -> None:  # type: ignore[no-untyped-def]
    a = analyse_text(
        "A young woman was killed when a bullet ricocheted off a wall and hit her in the back "
        "as she stood in the heart of gang territory, a court heard. Residents heard gunshots "
        "at about 2am.")
    assert [(c.speaker_text, c.cue) for c in a.claims] == [("a court", "heard")]
    assert a.document.text[a.claims[0].start:a.claims[0].end].startswith("A young woman")


def test_a_source_named_after_a_comma_at_the_end_reports_what_comes_before(analyse_text) -> None:  # type: ignore[no-untyped-def]
    # CASE 2021 snippet 487: the parse leaves "Fourteen Basij ..." outside the cue's clause
    analysis = analyse_text(story_text("mirjaveh-487"), None)
    (claim,) = [c for c in analysis.claims if c.speaker_text == "an informed source"]
    assert claim.content.startswith("Fourteen Basij (volunteer forces)")
    assert claim.content.endswith("border with Pakistan")
    (irgc,) = [c for c in analysis.claims if c.cue == "said" and c is not claim]
    assert irgc.speaker_text == "The Islamic Revolution Guard Corps (IRGC)"  # bracket closed


def test_a_headline_style_speaker_with_no_article_is_the_speaker(analyse_text) -> None:  # type: ignore[no-untyped-def]
    # CASE 2021 snippet 296: "Top IRGC commander announced on Thursday that ..." is parsed as a
    # noun phrase; its participle still reports the that-clause
    analysis = analyse_text(story_text("mirjaveh-296"), None)
    (claim,) = [c for c in analysis.claims if c.cue == "announced"]
    assert claim.speaker_text == "Top IRGC commander"
    assert claim.content.startswith("five of the 12 Iranian guards abducted")
    abducted = next(f for e in analysis.events for f in e.figures if f.kind == "abducted")
    assert abducted.count == 12 and abducted.claim == claim.id


def test_an_object_judged_as_something_is_the_content_with_its_judgement(analyse_text) -> None:  # type: ignore[no-untyped-def]
    # CASE 2021 snippets 453 and 433
    (described,) = analyse_text(story_text("aramco-453"), None).claims
    assert described.content == ("U.S.' accusations against Iran after attacks on oil "
                                 "facilities in Saudi Arabia as unsubstantiated")
    said = analyse_text(story_text("aramco-433"), None).claims
    # the day is no part of the speaker's name
    minister = "Saudi Arabia’s Minister of State for Foreign Affairs"
    assert {c.speaker_text for c in said} == {minister}
