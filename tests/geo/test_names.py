"""Newsroom abbreviations of states and provinces, as name spans give them."""

from __future__ import annotations

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
