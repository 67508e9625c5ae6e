"""Words around a name that say it is a place, on LGL articles."""

from __future__ import annotations

from pathlib import Path

NEWS = Path(__file__).resolve().parents[1] / "data" / "news"


def test_a_town_before_man_or_woman_is_a_place(analyse_text) -> None:  # type: ignore[no-untyped-def]
    # LGL 191: "Gainesville man gets 15 years for killing baby. A Gainesville man cut a plea
    # deal": the model calls both mentions an organisation
    text = (NEWS / "lgl-0191.txt").read_text(encoding="utf-8")
    a = analyse_text(text, published="2009-03-26")
    (gainesville,) = [e for e in a.entities if e.name == "Gainesville"]
    assert gainesville.type == "PLACE"
    assert len(gainesville.mentions) == 2
    assert any(p.entity == gainesville.id and p.country == "US" for p in a.places)
