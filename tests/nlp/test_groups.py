"""Participant groups become GROUP entities that events and tolls can point at."""

from __future__ import annotations


def test_victims_named_by_what_they_are_are_groups(analyse_text) -> None:  # type: ignore[no-untyped-def]
    a = analyse_text("Four officers were treated for minor injuries after protesters threw "
                     "bottles at police in Charlotte on Wednesday.")
    groups = {e.name: e for e in a.entities if e.type == "GROUP"}
    assert {"officers", "protesters"} <= set(groups)
    assert not {"officers", "protesters"} & {e.name for e in a.entities if e.type == "ORG"}


def test_a_group_named_after_a_place_of_two_words_keeps_the_whole_name(analyse_text) -> None:  # type: ignore[no-untyped-def]
    # the article-extraction benchmark's report of the Polytechnic University siege (2019)
    # and PolNeAR (Washington Post, 2016-09-25): "Hong Kong police" was "Kong police", and
    # "a Charlotte-Mecklenburg police officer" made a place of "Mecklenburg"
    a = analyse_text("Britain handed the territory to China in 1997.\n\nHong Kong police have "
                     "laid siege to the campus of the Polytechnic University.")
    assert "Kong police" not in {e.name for e in a.entities}
    assert "Hong Kong police" in {e.name for e in a.entities}
    b = analyse_text("Scott is one of at least 707 people shot and killed by police so far this "
                     "year and the fourth person shot and killed by a Charlotte-Mecklenburg "
                     "police officer, according to a Washington Post database tracking such "
                     "deaths.")
    assert not [e for e in b.entities if e.name == "Mecklenburg"]
