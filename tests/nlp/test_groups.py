"""Participant groups become GROUP entities that events and tolls can point at."""

from __future__ import annotations


def test_victims_named_by_what_they_are_are_groups(analyse_text) -> None:  # type: ignore[no-untyped-def]
    a = analyse_text("Four officers were treated for minor injuries after protesters threw "
                     "bottles at police in Charlotte on Wednesday.")
    groups = {e.name: e for e in a.entities if e.type == "GROUP"}
    assert {"officers", "protesters"} <= set(groups)
    assert not {"officers", "protesters"} & {e.name for e in a.entities if e.type == "ORG"}
