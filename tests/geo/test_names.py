"""Newsroom abbreviations of states, provinces and big cities, as name spans give them."""

from __future__ import annotations

from pathlib import Path

from newsledger.geo.names import expand_abbreviation, is_state_abbreviation


def test_a_dotted_abbreviation_without_its_last_dot_is_read() -> None:
    # LGL 112: "selling controlled substances in Bronx County, N.Y, which makes him
    # ineligible"; LGL 122: the span of "HURRICANE, W.Va. - Law ..." ends before the dot
    assert expand_abbreviation("N.Y") == "New York"
    assert expand_abbreviation("W.Va") == "West Virginia"
    assert expand_abbreviation("W. Va.") == "West Virginia"
    assert is_state_abbreviation("B.C")


def test_undotted_words_stay_words() -> None:
    # "Miss" is a title and "Mass" a service: only a dot inside makes an abbreviation
    assert expand_abbreviation("Miss") == "Miss" and expand_abbreviation("Mass") == "Mass"
    assert not is_state_abbreviation("Kan")
    assert expand_abbreviation("U.K") == "U.K"  # no state or province of the table


def test_a_big_city_abbreviated_is_the_city_not_a_state(analyse_text) -> None:  # type: ignore[no-untyped-def]
    # LGL 294 (AP on Sara Jane Olson's parole): the headline's "L.A. police" is Los
    # Angeles's; the abbreviation is no state's, so the city keeps a city's reading
    text = (Path(__file__).resolve().parents[1] / "data" / "news" / "lgl-0294.txt").read_text(
        encoding="utf-8")
    analysis = analyse_text(text)
    place = next(p for p in analysis.places if p.name == "Los Angeles")
    entity = next(e for e in analysis.entities if e.id == place.entity)
    assert "L.A." in {m.text for m in entity.mentions}
    assert (place.admin1, place.precision) == ("California", "locality")
