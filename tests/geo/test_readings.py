"""The marks on a name's gazetteer readings: dwarfed towns and names read in one country."""

from __future__ import annotations

from newsledger.geo.gazetteer import GazetteerEntry
from newsledger.geo.readings import PlaceReading, mark_readings


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
