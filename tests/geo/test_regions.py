"""Continents, world regions, seas and named regions inside countries."""

from __future__ import annotations

import pytest

from newsledger.geo.gazetteer import Gazetteer
from newsledger.geo.regions import _mean_point, read_region_table


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
