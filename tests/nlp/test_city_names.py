"""A capitalised "City" is part of a city's name: Kansas City is no Kansas (LGL 309 and 236,
GeoWebNews 132)."""

from __future__ import annotations

from newsledger.records import Analysis


def _resolved(analysis: Analysis, written: str):  # type: ignore[no-untyped-def]
    entity = next(e for e in analysis.entities if e.type == "PLACE"
                  and any(m.text == written for m in e.mentions))
    return entity, next(p for p in analysis.places if p.entity == entity.id)


def test_a_state_and_the_city_named_after_it_are_two_places(analyse_text) -> None:  # type: ignore[no-untyped-def]
    # LGL 309's headline and dateline: "KANSAS CITY" had made every "Kansas" the city
    text = ("Snow, ice blanket Kansas; two dead. KANSAS CITY, Mo. \u2014 Tens of thousands of "
            "Kansas utility customers were without power Saturday and two deaths were reported "
            "as an early spring blizzard buried parts of Kansas in snow and ice.")
    a = analyse_text(text, published="2009-03-28")
    state, state_place = _resolved(a, "Kansas")
    city, city_place = _resolved(a, "KANSAS CITY")
    assert state.id != city.id
    assert (state_place.precision, state_place.admin1) == ("admin1", "Kansas")
    assert city.name == "Kansas City" and city_place.precision == "locality"
    assert (city_place.admin1, state.name) == ("Missouri", "Kansas")


def test_a_state_s_abbreviation_after_its_city_stays_the_state(analyse_text) -> None:  # type: ignore[no-untyped-def]
    # LGL 236
    text = ("A man has been charged for the role he allegedly played in a car chase in which a "
            "Kansas City, Kan., police officer was dragged about 50 feet. Issac Fisher, 26, of "
            "Kansas City, Kan., was charged Monday in Wyandotte County District Court.")
    a = analyse_text(text, published="2009-03-24")
    _, state = _resolved(a, "Kan.")
    _, city = _resolved(a, "Kansas City")
    assert (state.precision, state.admin1) == ("admin1", "Kansas")
    assert (city.precision, city.admin1) == ("locality", "Kansas")


def test_a_city_named_with_its_city_word_in_a_story_set_abroad(analyse_text) -> None:  # type: ignore[no-untyped-def]
    # GeoWebNews 132: NAFTA talks in Washington; Québec's own name lacks "City", and the
    # story points nowhere in Canada but there
    text = ("Canadian Prime Minister Justin Trudeau said he is optimistic that a deal can be "
            "reached sooner rather than later. \"We are happy to engage as much as they want, "
            "to move forward towards a deal,\" Trudeau said, speaking to reporters in Quebec "
            "City. U.S. Trade Representative Robert Lighthizer met her in Washington.")
    a = analyse_text(text, published="2018-04-11")
    entity, place = _resolved(a, "Quebec City")
    assert entity.name == "Quebec City"
    assert (place.country, place.admin1, place.precision) == ("CA", "Quebec", "locality")
