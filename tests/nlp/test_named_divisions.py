"""Divisions named with their kind that the small model leaves untagged, on LGL articles."""

from __future__ import annotations

from pathlib import Path

from newsledger.records import Analysis, Entity, Place

NEWS = Path(__file__).resolve().parents[1] / "data" / "news"


def _news(name: str) -> str:
    return (NEWS / name).read_text(encoding="utf-8")


def _entities_at(analysis: Analysis, text: str, words: str) -> list[Entity]:
    """The entities with a mention of exactly ``words`` at each place the text has them."""
    found = []
    start = text.find(words)
    while start >= 0:
        found += [e for e in analysis.entities if any(
            m.start == start and m.end == start + len(words) for m in e.mentions)]
        start = text.find(words, start + 1)
    return found


def _place_of(analysis: Analysis, entity: Entity) -> Place:
    return next(p for p in analysis.places if p.entity == entity.id)


def test_a_county_the_model_leaves_in_a_time_or_untagged(analyse_text) -> None:  # type: ignore[no-untyped-def]
    # "At 12:03 p.m. Walker County dispatchers received a 911 call": the model tags
    # "12:03 p.m. Walker County" as one time; "Huntsville–Walker County EMS" as nothing
    text = _news("lgl-0224.txt")
    a = analyse_text(text, published="2009-03-28")
    walker = _entities_at(a, text, "Walker County")
    assert len(walker) == 2 and all(e.type == "PLACE" for e in walker)
    place = _place_of(a, walker[0])
    # the Walker County of Texas, where the story's Huntsville is, not Alabama's or Georgia's
    assert (place.country, place.admin1, place.precision) == ("US", "Texas", "admin2")


def test_a_county_inside_a_longer_name_the_model_missed(analyse_text) -> None:  # type: ignore[no-untyped-def]
    text = _news("lgl-0336.txt")  # "Licking County Prosecutor Ken Oswalt said ..."
    a = analyse_text(text, published="2009-03-15")
    licking = _entities_at(a, text, "Licking County")
    assert licking and licking[0].type == "PLACE"
    assert _place_of(a, licking[0]).admin1 == "Ohio"
    oswalt = _entities_at(a, text, "Ken Oswalt")
    assert oswalt and oswalt[0].type == "PERSON"  # the person is still a person


def test_the_county_of_a_fair_s_name_not_the_fair(analyse_text) -> None:  # type: ignore[no-untyped-def]
    # LGL 221: "The 2008 Walker County Fair Queen made one of her last official appearances
    # ... at the Walker County Fairgrounds": the county is a place, the year, the article
    # and the fair no part of it
    text = _news("lgl-0221.txt")
    a = analyse_text(text, published="2009-03-28")
    walker = _entities_at(a, text, "Walker County")
    assert walker and all(e.type == "PLACE" for e in walker)
    assert _place_of(a, walker[0]).admin1 == "Texas"  # the story's Huntsville is in Texas
    placed = {m.text for e in a.entities if e.type == "PLACE" for m in e.mentions}
    assert not any("Fair" in m or "2008" in m for m in placed), placed
