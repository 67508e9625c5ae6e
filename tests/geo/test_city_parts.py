"""Parts of a city (``newsledger.geo.city_parts``): a neighbourhood the text names as such is
placed in its city, never at a town of the same name elsewhere. Real text: GeoWebNews
article 59 (tests/data/news, see its README) and sentences of PolNeAR and GeoWebNews."""

from __future__ import annotations

import math
from pathlib import Path

from newsledger.geo.city_parts import CityPart, city_part
from newsledger.geo.gazetteer import Gazetteer
from tests.geo.test_fallback import entity
from tests.geo.test_resolver import resolve

NEWS = Path(__file__).resolve().parents[1] / "data" / "news"


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(
        math.radians(lon2 - lon1) / 2) ** 2
    return 12742.0 * math.asin(math.sqrt(a))


# PolNeAR (Politico, 2016-09-17), the first sentences, and a later one naming the city
CHELSEA = ("Twenty-nine people were injured tonight in a densely packed Chelsea neighborhood "
           "by an explosion that Mayor Bill de Blasio described as \u201can intentional act.\u201d"
           " At a press conference in Chelsea, the mayor also said that it was too early to "
           "tell whether the explosion was caused by a bomb. Donald Trump said at an event in "
           "Colorado Springs that \"a bomb\" had gone off in New York. Clinton said she had "
           "been in touch with the mayor's office in New York.")
# PolNeAR (Washington Post, 2016-09-26)
UPTOWN = ("On Sunday afternoon, the windows of the CVS at the popular Epicentre in Uptown were "
          "still covered with planks of wood. Charlotte remains in a state of limbo, and "
          "Charlotte's leaders met on Monday.")
# GeoWebNews article 74, an Economist piece on knife crime in London
BRITAIN = ("Such measures will come too late for the 17-year-old who died in London on April "
           "2nd. This article appeared in the Britain section of the print edition under the "
           "headline \"London\u2019s bleeding\"")


def test_a_neighbourhood_and_its_city_are_read_from_the_words_around_it() -> None:
    text = (NEWS / "gwn-059.txt").read_text(encoding="utf-8")
    assert city_part(entity(text, "Crown Heights"), text) == CityPart("Brooklyn")
    assert city_part(entity(CHELSEA, "Chelsea"), CHELSEA) == CityPart(None)
    assert city_part(entity(UPTOWN, "Uptown"), UPTOWN) == CityPart(None)
    assert city_part(entity(text, "Brooklyn"), text) is None
    # a newspaper's section is no neighbourhood
    assert city_part(entity(BRITAIN, "Britain"), BRITAIN) is None


def test_a_neighbourhood_is_placed_in_the_city_the_text_names(gazetteer: Gazetteer) -> None:
    text = (NEWS / "gwn-059.txt").read_text(encoding="utf-8")
    places = resolve(gazetteer, text, [["Crown Heights"], ["Brooklyn"], ["New York City"],
                                       ["New York"]])
    crown = places["Crown Heights"]
    # the neighbourhood (40.669, -73.942), not Crown Heights, Dutchess County, 110 km north
    assert km(crown.lat, crown.lon, 40.6694, -73.9422) < 6
    assert crown.country == "US" and crown.precision == "locality"


def test_a_neighbourhood_without_its_city_is_in_the_story_s_city(gazetteer: Gazetteer) -> None:
    places = resolve(gazetteer, CHELSEA, [["Chelsea"], ["Colorado Springs"], ["New York"]])
    chelsea = places["Chelsea"]
    # Manhattan's Chelsea (40.747, -74.001): not Chelsea, London, nor Colorado Springs
    assert km(chelsea.lat, chelsea.lon, 40.7465, -74.0014) < 5
    places = resolve(gazetteer, UPTOWN, [["Uptown"], ["Charlotte"]])
    uptown, charlotte = places["Uptown"], places["Charlotte"]
    # Charlotte's Uptown, not Uptown, Chicago
    assert km(uptown.lat, uptown.lon, charlotte.lat, charlotte.lon) < 10
    assert charlotte.admin1 == "North Carolina"


def test_a_country_named_before_section_stays_the_country(gazetteer: Gazetteer) -> None:
    places = resolve(gazetteer, BRITAIN, [["Britain"], ["London"]])
    assert places["Britain"].precision == "country" and places["Britain"].country == "GB"


# PolNeAR (USA Today, 2016-10-25)
TAMPA = ("The 53-year-old homemaker lives in a quietly unassuming west Tampa neighborhood, which "
         "conservative blogger Ed Morrissey calls \"the most generic place\" he's ever been. "
         "Hillsborough County has picked the winner in Florida in all but one election since "
         "1960, and Orlando is two hours away.")


def test_a_city_named_before_neighborhood_is_the_city(gazetteer: Gazetteer) -> None:
    # "a west Tampa neighborhood" is a neighbourhood of Tampa: a city of 100,000 people or
    # more is never a neighbourhood's name, so it is read as any place
    places = resolve(gazetteer, TAMPA, [["Tampa"], ["Hillsborough County"], ["Florida"],
                                        ["Orlando"]])
    tampa = places["Tampa"]
    assert (tampa.country, tampa.admin1) == ("US", "Florida")
    assert km(tampa.lat, tampa.lon, 27.9475, -82.4584) < 15
