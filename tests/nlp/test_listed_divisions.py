"""Names listed before a plural division word, and a state's abbreviation after a town
(sentences of LGL articles 7, 310, 367 and 111)."""

from __future__ import annotations

from newsledger.records import Analysis


def _places(analysis: Analysis) -> dict[str, tuple[str | None, str]]:
    return {p.name: (p.admin1, p.precision) for p in analysis.places}


def test_every_name_of_a_county_list_is_a_county_of_one_state(analyse_text) -> None:  # type: ignore[no-untyped-def]
    # LGL 7: the model read "Douglas" as a person and "Grant, Mahnomen" as one organisation;
    # Douglas and Grant counties are found in a dozen states, Minnesota's are meant
    a = analyse_text("Minnesota State Patrol urges motorists to drive with caution as flooding "
                     "continues. Water over the roadway is currently affecting the following "
                     "areas in Becker, Clay, Douglas, Grant, Mahnomen, Otter Tail, Swift and "
                     "Wilkin counties:", published="2009-03-27")
    found = _places(a)
    for county in ("Becker", "Clay", "Douglas", "Grant", "Mahnomen", "Otter Tail", "Swift",
                   "Wilkin"):
        assert found.get(f"{county} County") == ("Minnesota", "admin2"), (county, found)
    assert not [e for e in a.entities if e.type in {"PERSON", "ORG"} and "Grant" in e.name]


def test_a_list_of_counties_a_person_s_name_opens(analyse_text) -> None:  # type: ignore[no-untyped-def]
    # LGL 310 (Kansas): "Harper" alone was a person
    a = analyse_text("The adjutant general's office also reported that emergency crews in "
                     "Hutchinson responded to three partially collapsed buildings. Partial "
                     "building collapses also were reported in Harvey, Harper and Kingman "
                     "counties, but no injuries were reported.", published="2009-03-29")
    found = _places(a)
    assert {found.get(f"{c} County") for c in ("Harvey", "Harper", "Kingman")} == {
        ("Kansas", "admin2")}


def test_listed_counties_outvote_a_larger_state_s_homonyms(analyse_text) -> None:  # type: ignore[no-untyped-def]
    # LGL 367 (Ohio): Indiana has five of the seven names too, Ohio all seven
    a = analyse_text("The program is open to contestants that live, work or attend school in "
                     "Butler, Clark, Hamilton, Madison, Montgomery, Preble or Warren counties.",
                     published="2009-03-25")
    found = _places(a)
    assert {found[f"{c} County"][0] for c in ("Butler", "Clark", "Hamilton", "Madison",
                                              "Montgomery", "Preble", "Warren")} == {"Ohio"}


def test_no_list_of_divisions_without_names(analyse_text) -> None:  # type: ignore[no-untyped-def]
    a = analyse_text("The Northern and Southern states disagreed. Kurdish and Arab provinces "
                     "voted. Both the United States and Canada objected.")
    names = {e.name for e in a.entities if e.type == "PLACE"}
    assert not {"Northern State", "Southern State", "Kurdish Province", "Arab Province"} & names


def test_a_state_s_abbreviation_after_a_town_is_the_state(analyse_text) -> None:  # type: ignore[no-untyped-def]
    # LGL 111: the model read "Va." as a person
    a = analyse_text("In fact, Hypes said George Washington designed the original trail from "
                     "Virginia Beach, Va., to Cedar Grove in 1790.", published="2009-03-25")
    state = next(e for e in a.entities if any(m.text == "Va." for m in e.mentions))
    assert state.type == "PLACE" and state.name == "Virginia"
    assert _places(a)["Virginia"] == ("Virginia", "admin1")


def test_two_lists_of_counties_lie_in_their_own_states(analyse_text) -> None:  # type: ignore[no-untyped-def]
    # LGL 199 (the St. Marys River cleanup): Baker County is Florida's (28,000 people),
    # though Georgia has a Baker County too and the first list is Georgia's
    a = analyse_text("Woehrle believes the ratio of empties to other trash will remain the same "
                     "when as many as 850 volunteers from Camden and Charlton counties in "
                     "Georgia and Nassau and Baker counties in Florida participate in today's "
                     "cleanup.", published="2009-03-21")
    found = _places(a)
    assert found["Camden County"][0] == found["Charlton County"][0] == "Georgia"
    assert found["Nassau County"][0] == found["Baker County"][0] == "Florida"


def test_two_counties_a_headline_names_lie_in_one_state(analyse_text) -> None:  # type: ignore[no-untyped-def]
    # LGL 177's headline: Forsyth County, North Carolina, is the larger, Georgia's lies
    # beside Hall County
    a = analyse_text("Former Hall County official named to Forsyth County post. The board "
                     "voted 5-0 tonight to remove the interim tag.", published="2009-03-17")
    assert {p.admin1 for p in a.places if p.name in {"Hall", "Forsyth"}} == {"Georgia"}
