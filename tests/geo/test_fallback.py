"""The regional fallback (``newsledger.geo.fallback``): a place the gazetteer lacks is put in
the story's first-level division only when the text itself puts it somewhere. Real articles
of GeoWebNews and LGL (tests/data/news, see its README) and the seed."""

from __future__ import annotations

import json
import re
from pathlib import Path

from newsledger.geo.fallback import PlaceSpans, could_lie_within, placed_by_text
from newsledger.geo.gazetteer import Gazetteer
from newsledger.geo.resolver import PlaceResolver
from newsledger.records import Document, Entity, Mention, Place
from tests.geo.test_resolver import entities_for, resolve

DATA = Path(__file__).resolve().parents[1] / "data"
NEWS = DATA / "news"


def news(name: str) -> str:
    return (NEWS / name).read_text(encoding="utf-8")


def entity(text: str, name: str) -> Entity:
    mentions = tuple(Mention(m.start(), m.end(), name) for m in re.finditer(re.escape(name), text))
    return Entity(id="E1", name=name, type="PLACE", mentions=mentions)


def fallback_of(places: dict[str, Place], name: str) -> Place | None:
    place = places.get(name)
    return place if place is not None and place.precision == "admin1" else None


# --- written sentences (moved from test_resolver when the fallback got its own module) -----

def test_an_unknown_place_falls_back_to_the_region_the_story_is_about(
        gazetteer: Gazetteer) -> None:
    text = ("Fighting spread to Qalatak in Logar province on Monday. Logar province has seen "
            "heavy clashes, officials in Afghanistan said.")
    places = resolve(gazetteer, text, [["Qalatak"], ["Logar province"], ["Afghanistan"]])
    fallback = next(p for p in places.values() if p.entity == "E1")
    assert fallback.precision == "admin1" and fallback.country == "AF"


def test_no_regional_fallback_to_a_region_named_once(gazetteer: Gazetteer) -> None:
    text = "He served in Qalatak before moving to Texas."
    places = resolve(gazetteer, text, [["Qalatak"], ["Texas"]])
    assert all(p.entity != "E1" for p in places.values())


def test_mixed_case_acronyms_get_no_regional_fallback(gazetteer: Gazetteer) -> None:
    text = ("Fighting spread to Qalatak in Logar province on Monday, officials at the MoD "
            "said. Logar province has seen heavy clashes, officials in Afghanistan said.")
    places = resolve(gazetteer, text, [["Qalatak"], ["Logar province"], ["Afghanistan"],
                                       ["MoD"]])
    assert any(p.entity == "E1" for p in places.values())  # a village: the region
    assert all(p.entity != "E4" for p in places.values())  # the Ministry of Defence: none


# --- real articles -----------------------------------------------------------------------

def test_a_party_named_after_its_country_is_no_spot_of_the_region(
        gazetteer: Gazetteer) -> None:
    # LGL 320 (The Moscow Times, 2009): the model calls the party a place; "from United
    # Russia" would put it in the Murmansk region the story is about
    text = ("Murmansk Governor Yury Yevdokimov resigned abruptly Saturday following a week of "
            "harsh criticism from United Russia over the loss of the Murmansk mayoral election "
            "to an independent candidate. Yevdokimov, a United Russia member, had served as "
            "Murmansk governor since 1996. Dmitriyenko flew to Murmansk on Saturday to meet "
            "with regional United Russia officials.")
    places = resolve(gazetteer, text, [["Murmansk"], ["United Russia"]])
    assert places["Murmansk"].country == "RU"
    assert all(p.entity != "E2" for p in places.values())

def test_villages_the_text_puts_somewhere_are_placed_in_the_story_s_county(
        gazetteer: Gazetteer) -> None:
    # GeoWebNews 82 (Tipperary housing applicants): "26 applicants in Portroe with 24 in
    # Toomevara"; neither village is in the shipped data
    text = news("gwn-082.txt")
    groups = [["Nenagh"], ["Cloughjordan"], ["Portroe"], ["Toomevara"], ["Ireland"]]
    places = resolve(gazetteer, text, groups)
    assert places["Nenagh"].admin1 == "Tipperary"
    for village in ("Portroe", "Toomevara"):
        place = fallback_of(places, village)
        assert place is not None and (place.country, place.admin1) == ("IE", "Tipperary")


def test_villages_named_as_such_or_listed_with_a_place_are_placed(
        gazetteer: Gazetteer) -> None:
    # LGL 212 (South Ossetia, 2008): "the Georgian-controlled villages of Nuli and Avnevi",
    # "The Georgian-controlled village of Prisi reportedly came under attack"
    text = news("lgl-0212.txt")
    groups = [["Tbilisi"], ["Gori"], ["Nuli"], ["Avnevi"], ["Prisi"], ["Russia"]]
    places = resolve(gazetteer, text, groups)
    for village in ("Nuli", "Avnevi", "Prisi"):
        place = fallback_of(places, village)
        assert place is not None and place.country == "GE", village


def test_the_seed_s_village_attacked_on_is_placed_in_its_province(
        gazetteer: Gazetteer) -> None:
    # "the Taliban launched some offensives on Khawak from the Andarab valley of Baghlan"
    text = (DATA / "panjshir-2021-09-03.txt").read_text(encoding="utf-8")
    gold = json.loads((DATA / "panjshir-2021-09-03.gold.json").read_text(encoding="utf-8"))
    places = resolve(gazetteer, text, [g["names"] for g in gold["places"]])
    khawak = fallback_of(places, "Khawak")
    assert khawak is not None and (khawak.country, khawak.admin1) == (
        places["Panjshir"].country, places["Panjshir"].admin1)


def test_a_name_the_text_puts_nowhere_is_not_placed(gazetteer: Gazetteer) -> None:
    # GeoWebNews 157 (Slovenia and the Skripal expulsions): "Slovenia's action in the
    # Skripal affair"; a Skripal taken for a place is no spot of the Moscow region
    text = news("gwn-157.txt")
    groups = [["Moscow"], ["Russia"], ["Slovenia"], ["Skripal"]]
    assert "Skripal" not in resolve(gazetteer, text, groups)
    # the same entities as gold toponyms (the resolver benchmark's mode) are placed
    document = Document(id="gwn-157", source="test", text=text)
    known = PlaceResolver(gazetteer, known_toponyms=True)(entities_for(text, groups), document)
    assert any(p.name == "Skripal" and p.precision == "admin1" for p in known)


def test_a_target_a_possessive_or_a_website_is_no_place() -> None:
    # GeoWebNews 155: "taking aim at Scott Pruitt's policy decisions"; 47: "Follow us on
    # Twitter"; 157: "in the Skripal affair"
    for name, file in (("Scott Pruitt", "gwn-155.txt"), ("Twitter", "gwn-047.txt"),
                       ("Skripal", "gwn-157.txt")):
        text = news(file)
        assert not placed_by_text(entity(text, name), text), name
    # a target alone (Express.co.uk's headline of 19 November 2019)
    headline = "China furious at Macron for Hong Kong protest jibe"
    assert not placed_by_text(entity(headline, "Macron"), headline)


def test_the_words_that_put_a_name_somewhere() -> None:
    khawak = (DATA / "panjshir-2021-09-03.txt").read_text(encoding="utf-8")
    assert placed_by_text(entity(khawak, "Khawak"), khawak)  # "offensives on Khawak"
    tipperary = news("gwn-082.txt")
    assert placed_by_text(entity(tipperary, "Portroe"), tipperary)  # "in Portroe"
    assert not placed_by_text(entity(tipperary, "Ardcroney"), tipperary)  # "Ardcroney has"
    ossetia = news("lgl-0212.txt")
    nuli, avnevi = entity(ossetia, "Nuli"), entity(ossetia, "Avnevi")
    # "the villages of Nuli and Avnevi": Avnevi by the list, when Nuli is a place, not alone
    assert placed_by_text(nuli, ossetia)
    assert not placed_by_text(avnevi, ossetia)
    assert placed_by_text(avnevi, ossetia, PlaceSpans(nuli.mentions))
    # a dateline is written in capitals: "HARWINTON — Former ..." (LGL 79's form); a name
    # heading a line in mixed case before a dash is a speaker or a subject, not a dateline
    dateline = "Lamont visits Harwinton supporters.\nHARWINTON \u2014 Former Democratic Senate"
    assert placed_by_text(entity(dateline, "HARWINTON"), dateline)
    mixed = "Lamont visits Harwinton supporters.\nHarwinton \u2014 Former Democratic Senate"
    assert not placed_by_text(entity(mixed, "Harwinton"), mixed)


def test_a_possessive_places_a_name_only_before_a_place_s_part() -> None:
    # GeoWebNews 153: "in Tunisia's recent decisions" says nothing of where Tunisia is
    sentence = next(s for s in news("gwn-153.txt").split(". ")
                    if "in Tunisia\u2019s recent decisions" in s)
    assert not placed_by_text(entity(sentence, "Tunisia"), sentence)


def test_what_can_be_a_spot_inside_a_region() -> None:
    for name in ("Union Station", "Republic Square", "Qalatak", "Kingsley Road"):
        assert could_lie_within(name), name
    for name in ("Republic", "the Kingdom", "Union", "Gulf of Guinea", "EU", "Kurdish"):
        assert not could_lie_within(name), name
