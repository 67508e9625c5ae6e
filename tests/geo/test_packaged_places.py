"""Points of countries and first-level divisions, against GeoNames' own."""

from __future__ import annotations

import math
import sqlite3

import pytest

from newsledger.geo.gazetteer import Gazetteer
from newsledger.geo.packaged_places import geonames_country_points


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(
        math.radians(lon2 - lon1) / 2) ** 2
    return 12742.0 * math.asin(math.sqrt(a))


def test_the_shipped_table_holds_geonames_country_points() -> None:
    points = geonames_country_points()
    assert len(points) >= 190
    # GeoNames' points (www.geonames.org features 6252001, 6251999, 1861060): the centre of
    # the contiguous United States, western Canada, and Tokyo for Japan
    assert points["US"] == (39.76, -98.5)
    assert points["CA"] == (60.10867, -113.64258)
    assert points["JP"] == (35.68536, 139.75309)
    assert all(-90 <= lat <= 90 and -180 <= lon <= 180 for lat, lon in points.values())


def test_every_country_of_the_gazetteer_lies_at_geonames_point(gazetteer: Gazetteer) -> None:
    """Each of the 196 countries of the table is at GeoNames' point in the built gazetteer:
    countryinfo's points lay hundreds of kilometres off (the US 342 km, Canada 1,031 km),
    and geoparsing gold data scores against GeoNames'."""
    with sqlite3.connect(gazetteer.path) as db:
        built = {code: (lat, lon) for code, lat, lon in db.execute(
            "SELECT country, lat, lon FROM places WHERE feature_code = 'PCLI'")}
    table = geonames_country_points()
    assert set(table) <= set(built)
    far = [code for code, (lat, lon) in table.items() if km(*built[code], lat, lon) > 1]
    assert far == []
    united_states = gazetteer.lookup("United States")[0]
    assert (united_states.lat, united_states.lon) == (39.76, -98.5)


# GeoNames' points of first-level divisions (its ADM1 features, as published in GeoNames'
# search results): where the centre of a division's towns lies in its populated south
# (Ontario, Quebec, British Columbia, Alaska), the outline's centroid is the convention.
GEONAMES_ADM1 = [
    ("Ontario", "CA", 49.25014, -84.49983), ("Quebec", "CA", 52.00017, -71.99907),
    ("British Columbia", "CA", 53.99983, -125.0032), ("Alaska", "US", 64.00028, -150.00028),
    ("Texas", "US", 31.25044, -99.25061), ("Iowa", "US", 42.00027, -93.50049),
    ("Colorado", "US", 39.00027, -105.50083), ("Idaho", "US", 44.5002, -114.25118),
    ("Montana", "US", 47.00025, -109.75102), ("Arizona", "US", 34.5003, -111.50098),
    ("Missouri", "US", 38.25031, -92.50046), ("Illinois", "US", 40.00032, -89.25037),
]


@pytest.mark.parametrize(("name", "country", "lat", "lon"), GEONAMES_ADM1)
def test_first_level_divisions_lie_near_geonames_points(
        gazetteer: Gazetteer, name: str, country: str, lat: float, lon: float) -> None:
    division = next(e for e in gazetteer.lookup(name)
                    if e.feature_code == "ADM1" and e.country == country)
    assert km(division.lat, division.lon, lat, lon) < 161
