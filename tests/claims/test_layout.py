"""Claims attributed by punctuation: a headline's "Speaker: statement", a quote signed with a
dash. Real lines from PolNeAR (US political news, 2016)."""

from __future__ import annotations

from newsledger.claims.quotes import find_quotes
from tests.record_lookup import name_of


def test_a_headline_speaker_before_a_colon(analyse_text) -> None:  # type: ignore[no-untyped-def]
    a = analyse_text(
        "Pat Caddell: Democrat Voters Worried About Hillary Clinton's Health Issues\n\n"
        "Pollster Pat Caddell appeared on Fox News on Sunday.",
        published=None,
    )
    (claim,) = [c for c in a.claims if c.cue == ":"]
    assert claim.speaker_text == "Pat Caddell" and name_of(a, claim.speaker) == "Pat Caddell"
    assert claim.content == "Democrat Voters Worried About Hillary Clinton's Health Issues"


def test_a_dateline_or_a_label_before_a_colon_is_no_speaker(analyse_text) -> None:  # type: ignore[no-untyped-def]
    a = analyse_text(
        "KABUL: Fighting is ongoing between Taliban fighters and the resistance forces.\n\n"
        "Poll: Wealthy Voters Abandon Republican Party for Hillary Clinton",
        published=None,
    )
    assert not any(c.cue == ":" for c in a.claims)


def test_a_quote_signed_with_a_dash(analyse_text) -> None:  # type: ignore[no-untyped-def]
    a = analyse_text(
        "“Mr. Trump embodies the lasting legacy of racism in the United States. He has "
        "empowered white racists to be open with their prejudice. He represents our greatest "
        "shame.” ― Sonya Herridge",
        published=None,
    )
    (claim,) = a.claims
    assert claim.kind == "direct" and claim.cue == "―"
    assert name_of(a, claim.speaker) == "Sonya Herridge"
    assert claim.content.startswith("Mr. Trump embodies") and claim.content.endswith("shame.")


def test_straight_quotes_run_on_over_paragraphs_that_reopen_them() -> None:
    text = ('"We do not see a link to terrorism," the mayor said. "It will take more hours.\n\n'
            '"Details will emerge," he added. "Stay away from the area.\n\nThe police left.')
    quotes = [text[q.start:q.end] for q in find_quotes(text)]
    assert quotes[:2] == ["We do not see a link to terrorism,",
                          'It will take more hours.\n\n"Details will emerge,']
    assert "Stay away from the area." not in quotes  # never closed: not a quotation


def test_archive_quote_marks_made_of_two_apostrophes(analyse_text) -> None:  # type: ignore[no-untyped-def]
    a = analyse_text(
        "Most tax experts agree with Mr. Burman.\n\n''There's no empirical evidence whatsoever "
        "this would have any effect on management decision-making,'' Mr. Burman said. It is "
        "the writers' view too.", published=None)
    (claim,) = [c for c in a.claims if c.kind == "direct"]
    assert claim.content.startswith("There's no empirical evidence")
    assert claim.content.endswith("decision-making,") and claim.speaker_text == "Mr. Burman"
