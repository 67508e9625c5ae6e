"""The marks on a name's gazetteer readings: dwarfed towns and names read in one country."""

from __future__ import annotations

from pathlib import Path

from newsledger.geo.context import distance_km
from newsledger.geo.gazetteer import Gazetteer, GazetteerEntry
from newsledger.geo.readings import PlaceReading, mark_readings
from tests.geo.test_resolver import resolve

NEWS = Path(__file__).resolve().parents[1] / "data" / "news"


def _reading(name: str, code: str, country: str, people: int, *,
             parents: set[str] | None = None) -> PlaceReading:
    entry = GazetteerEntry(f"test:{name}:{country}:{code}", name, 0.0, 0.0, country, None, None,
                           "P" if code.startswith("PPL") else "A", code, people)
    return PlaceReading(entry, set(), parents or set(), False)


def test_a_town_a_hundred_times_smaller_than_a_capital_of_its_name_is_dwarfed() -> None:
    capital, town, city = (_reading("Bogotá", "PPLC", "CO", 7_674_366),
                           _reading("Bogota", "PPL", "US", 8_400),
                           _reading("Bogota", "PPL", "XX", 200_000))
    mark_readings([capital, town, city])
    assert town.dwarfed and not city.dwarfed and not capital.dwarfed


def test_a_town_whose_parent_the_text_names_is_not_dwarfed() -> None:
    capital = _reading("Paris", "PPLC", "FR", 2_138_551)
    named = _reading("Paris", "PPL", "US", 24_000, parents={"texas"})
    mark_readings([capital, named])
    assert not named.dwarfed


def test_a_capital_of_no_recorded_people_dwarfs_no_one() -> None:
    ghost = _reading("Plymouth", "PPLC", "MS", 0)
    hamlet = _reading("Plymouth", "PPL", "XX", 0)
    mark_readings([ghost, hamlet])
    assert not hamlet.dwarfed and not ghost.dwarfed


def test_a_name_read_in_one_country_only_is_sole() -> None:
    town, district = _reading("Manbij", "PPL", "SY", 99_497), _reading("Manbij", "ADM2", "SY", 0)
    mark_readings([town, district])
    assert town.sole and district.sole
    elsewhere = [_reading("Salem", "PPL", "US", 170_000), _reading("Salem", "PPL", "IN", 800_000)]
    mark_readings(elsewhere)
    assert not any(r.sole for r in elsewhere)


def test_a_place_abroad_that_bears_the_name_as_another_spelling_leaves_it_sole(
        analyse_text) -> None:  # type: ignore[no-untyped-def]
    # LGL 210 (2009): Gori reads as Georgia's town and, by an alternate spelling, as Gorey,
    # Ireland; the story names the United States as well as Georgia
    text = ("Senior U.S. Military Official Visits Georgia. Gen. Cartwright, who is the second "
            "highest ranking military officer of the United States, will meet with President "
            "Saakashvili and Defense Minister, Davit Sikharulidze. He will also travel town of "
            "Gori, according to the Georgian MoD, and visit the Gori-based first infantry "
            "brigade and the first artillery brigade.")
    a = analyse_text(text, published="2009-03-27")
    gori = next(e for e in a.entities if e.name == "Gori")
    place = next(p for p in a.places if p.entity == gori.id)
    assert (place.country, place.admin1) == ("GE", "Shida Kartli")
    spelled = GazetteerEntry("test:Gorey", "Gorey", 0.0, 0.0, "IE", None, None, "P", "PPL",
                             9_822, exact=False)
    readings = [_reading("Gori", "PPL", "GE", 41_933), PlaceReading(spelled, set(), set(), False)]
    mark_readings(readings)
    assert all(r.sole for r in readings)


def test_a_bigger_place_abroad_spelled_otherwise_keeps_a_name_from_being_sole() -> None:
    # "Odessa" is exactly a Texas city, and Ukraine's Odesa, ten times its size, by another
    # spelling: a story about Ukraine may mean either
    texas = _reading("Odessa", "PPL", "US", 114_428)
    odesa = PlaceReading(GazetteerEntry("test:Odesa", "Odesa", 0.0, 0.0, "UA", None, None, "P",
                                        "PPLA", 1_015_826, exact=False), set(), set(), False)
    mark_readings([texas, odesa])
    assert not texas.sole and not odesa.sole


def test_a_dwarfed_town_takes_no_share_of_the_story_s_country_unless_its_state_is_named(
        gazetteer: Gazetteer) -> None:
    # GeoWebNews 38 (Reuters, from Washington, on a New York court's award to graffiti
    # artists): "London-based BOP Consulting", "London boroughs" are the capital, not London,
    # Ohio, though every other place of the story is American
    text = (NEWS / "gwn-038.txt").read_text(encoding="utf-8")
    names = ["D.C.", "London", "New York", "U.S.", "United States", "Washington"]
    places = resolve(gazetteer, text, [[name] for name in names])  # GeoWebNews' toponyms
    assert places["London"].country == "GB"
    assert distance_km(places["London"].lat, places["London"].lon, 51.51, -0.13) < 30
