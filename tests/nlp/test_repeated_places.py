"""Later mentions of a story's places where the model tagged nothing, or an organisation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

NEWS = Path(__file__).resolve().parents[1] / "data" / "news"


def _read(name: str) -> str:
    return (NEWS / name).read_text(encoding="utf-8")


def _mentions(analysis: Any, name: str) -> list[str]:
    """The text up to the end of each mention of the placed entity called ``name``."""
    placed = {p.entity for p in analysis.places}
    entity = next(e for e in analysis.entities if e.id in placed and e.name == name)
    text = analysis.document.text
    return [text[max(0, m.start - 30):m.end] for m in entity.mentions]


def _placed_mentions_at(analysis: Any, words: str) -> list[str]:
    """The placed entities with a mention inside the first occurrence of ``words``."""
    text = analysis.document.text
    start = text.index(words)
    placed = {p.entity for p in analysis.places}
    return [e.name for e in analysis.entities if e.id in placed for m in e.mentions
            if start <= m.start and m.end <= start + len(words)]


def test_an_untagged_repeat_of_a_placed_name_is_a_mention(analyse_text) -> None:  # type: ignore[no-untyped-def]
    # GeoWebNews 152 (the IISS on Tunisia): the model tags Tunis once and leaves "Tunis is
    # increasingly reliant on Algeria" untagged
    analysis = analyse_text(_read("gwn-152.txt"))
    assert any(m.endswith(". Tunis") for m in _mentions(analysis, "Tunis"))
    # a currency's sign is no mention of the country: "(US$3.7m)"
    assert not _placed_mentions_at(analysis, "US$3.7m")


def test_a_town_opening_an_organisation_named_after_it_is_a_mention(analyse_text) -> None:  # type: ignore[no-untyped-def]
    # LGL 585 (Hopkinton burglaries): "the Hopkinton Police Department" is the department,
    # named after the town the story places
    analysis = analyse_text(_read("lgl-0585.txt"))
    assert any(m.endswith("call the Hopkinton") for m in _mentions(analysis, "Hopkinton"))
    # the department stays an organisation of its own
    assert any(e.type == "ORG" and "Police Department" in e.name for e in analysis.entities)


def test_a_repeat_after_a_quote_mark_is_a_mention(analyse_text) -> None:  # type: ignore[no-untyped-def]
    # GeoWebNews 157 (Slovenia and the Vatican): '"Slovenia acted more Catholic than the
    # Pope', which the model leaves untagged; a role's mention ("Slovenia's ambassador")
    # is no person's name that would hold the country's
    analysis = analyse_text(_read("gwn-157.txt"))
    assert any(m.endswith('. "Slovenia') for m in _mentions(analysis, "Slovenia"))


def test_a_name_inside_another_name_is_no_repeat(analyse_text) -> None:  # type: ignore[no-untyped-def]
    # LGL 173 (the Dublin Arts Council's grants, Dublin, Ohio): the council is named after
    # the town; the calendar contest and the choir are names of their own
    analysis = analyse_text(_read("lgl-0173.txt"))
    assert "Dublin" in _placed_mentions_at(analysis, "Nina Webb-Lawton, Dublin Arts Council")
    assert not _placed_mentions_at(analysis, "Distinctly Dublin calendar")
    assert not _placed_mentions_at(analysis, "The Dublin Singers")
    # a street named after the town, inside a name the model calls a place
    assert not _placed_mentions_at(analysis, "6799 Dublin Center Drive")


def test_a_street_s_or_a_firm_s_name_is_no_repeat(analyse_text) -> None:  # type: ignore[no-untyped-def]
    # LGL 162 (DeKalb's March for Babies): "Culver's, 1200 DeKalb Ave. in Sycamore"
    streets = analyse_text(_read("lgl-0162.txt"))
    assert any(m.endswith("Park in DeKalb") for m in _mentions(streets, "DeKalb"))
    assert not _placed_mentions_at(streets, "1200 DeKalb Ave.")
    # LGL 578 (a school board's consultants): "McPherson & Jacobsen LLC" is a firm of people
    firms = analyse_text(_read("lgl-0578.txt"))
    assert not _placed_mentions_at(firms, "McPherson & Jacobsen")


def test_a_name_inside_an_organisation_but_not_its_first_words_is_no_repeat(
        analyse_text) -> None:  # type: ignore[no-untyped-def]
    # LGL 58 (Decatur's aldermen): the model makes the chief's name in "Fire Chief Eddie
    # Jewell" part of an organisation; "Jewell" there is the chief, whatever the story
    # makes of "Jewell said"
    analysis = analyse_text(_read("lgl-0058.txt"))
    assert not _placed_mentions_at(analysis, "Eddie Jewell")
