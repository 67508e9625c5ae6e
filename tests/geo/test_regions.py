"""Continents, world regions, seas and named regions inside countries."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsledger.geo.gazetteer import Gazetteer
from newsledger.geo.regions import _mean_point, read_region_table
from newsledger.geo.resolver import PlaceResolver
from newsledger.records import Document, Entity, Mention

DATA = Path(__file__).parent.parent / "data"


def test_the_table_reads() -> None:
    specs = {s.name: s for s in read_region_table()}
    assert specs["Middle East"].kind == "region" and "IR" in specs["Middle East"].members
    assert specs["Darfur"].members[0].startswith("SD:")
    assert specs["Atlantic Ocean"].point is not None
    assert all(s.members or s.point or s.kind == "continent" for s in specs.values())


def test_every_region_of_the_table_is_in_the_gazetteer(gazetteer: Gazetteer) -> None:
    """A region whose members the packaged data lacks would be missing: a table error."""
    missing = []
    for spec in read_region_table():
        codes = {e.feature_code for e in gazetteer.lookup(spec.name)}
        if not codes & {"CONT", "RGN", "SEA"}:
            missing.append(spec.name)
    assert missing == []


def test_every_member_of_the_table_is_in_the_gazetteer(gazetteer: Gazetteer) -> None:
    """A member misspelled or missing ("SD:North Darfour") would move its region's point."""
    missing = []
    for spec in read_region_table():
        for member in spec.members:
            country, _, name = member.partition(":")
            if name and not any(e.country == country for e in gazetteer.lookup(name)):
                missing.append(f"{spec.name}: {member}")
    assert missing == []


def test_a_region_of_one_country_lies_in_it(gazetteer: Gazetteer) -> None:
    darfur = next(e for e in gazetteer.lookup("Darfur") if e.feature_code == "RGN")
    assert darfur.country == "SD" and 10 < darfur.lat < 16 and 22 < darfur.lon < 27
    sahel = next(e for e in gazetteer.lookup("Sahel") if e.feature_code == "RGN")
    assert sahel.country is None  # five countries


@pytest.mark.parametrize(("name", "code", "canonical"), [
    ("European", "CONT", "Europe"), ("Donbass", "RGN", "Donbas"),
    ("Mediterranean", "SEA", "Mediterranean Sea"), ("Iraqi Kurdistan", "RGN", "Kurdistan Region"),
])
def test_regions_answer_to_their_other_names(gazetteer: Gazetteer, name: str, code: str,
                                             canonical: str) -> None:
    assert any(e.feature_code == code and e.name == canonical for e in gazetteer.lookup(name))


def test_mean_point_is_taken_on_the_sphere() -> None:
    lat, lon = _mean_point([(0.0, 179.0), (0.0, -179.0)])
    assert lat == pytest.approx(0.0) and abs(lon) == pytest.approx(180.0)
    assert _mean_point([(10.0, 20.0)]) == (10.0, 20.0)


def test_a_region_of_one_country_is_a_place_of_its_own(gazetteer: Gazetteer) -> None:
    # the scrapinghub benchmark (AP, a BART stabbing): not a fallback into California
    from newsledger.geo.resolver import PlaceResolver
    from newsledger.records import Document, Entity, Mention

    text = ("Authorities say a stabbing that killed a passenger on a San Francisco Bay Area "
            "commuter train may have occurred after the attacker tried to steal another "
            "rider's shoes. The attack happened in Hayward, California.")
    start = text.index("San Francisco Bay Area")
    names = ["San Francisco Bay Area", "Hayward", "California"]
    entities = [Entity(id=f"E{n}", name=name, type="PLACE",
                       mentions=(Mention(text.index(name), text.index(name) + len(name), name),))
                for n, name in enumerate(names, start=1)]
    places = {p.name: p for p in PlaceResolver(gazetteer)(
        entities, Document(id="d", source="t", text=text))}
    bay = places["San Francisco Bay Area"]
    assert start >= 0 and bay.precision == "region" and bay.country == "US"
    assert 37.3 < bay.lat < 38.0 and -122.6 < bay.lon < -121.8


def test_the_eu_is_a_region_not_the_town_of_eu(gazetteer: Gazetteer) -> None:
    """GeoWebNews 12: Europe's airline groups lobby "in Brussels, Belgium" for "a new EU
    Aviation Strategy" and cheaper "EU's airports". The EU is the European Union, placed at
    its geographic centre (Gadheim, Bavaria) and in no country; the town of Eu (Normandy,
    8,425 people) is what the name alone would find."""
    text = (DATA / "news" / "gwn-012.txt").read_text(encoding="utf-8")
    document = Document(id="gwn-012", source="test", text=text)
    entities = [Entity(id="E1", name="EU", type="PLACE", mentions=tuple(
        Mention(m.start(), m.end(), "EU") for m in re.finditer(r"\bEU\b", text))),
        Entity(id="E2", name="Brussels", type="PLACE", mentions=(
            Mention(text.index("Brussels"), text.index("Brussels") + 8, "Brussels"),))]
    places = {p.entity: p for p in PlaceResolver(gazetteer)(entities, document)}
    eu = places["E1"]
    assert (eu.precision, eu.country) == ("region", None)
    assert 49 < eu.lat < 50.5 and 9 < eu.lon < 11
    assert places["E2"].country == "BE"
