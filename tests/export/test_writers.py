"""The export formats, from the seed's event rows as the store gives them: CSV with ACLED's
columns, GeoJSON, Parquet and JSON Lines, each read back with its usual reader."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from newsledger.export.acled import ACLED_COLUMNS, ACLED_TYPES, COLUMNS, acled_row, acled_type
from newsledger.export.acled_actors import actor_inter
from newsledger.export.writers import write_csv, write_geojson, write_jsonl, write_parquet
from newsledger.records import Analysis
from newsledger.store import Filters, Ledger
from newsledger.store.ledger_writer import PIPELINE_VERSION

CONTRACT_CODES = (Path(__file__).parents[2] / "CONTRACT.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def events(tmp_path_factory: pytest.TempPathFactory, seed: Analysis) -> list[dict[str, Any]]:
    url = f"sqlite:///{tmp_path_factory.mktemp('export') / 'ledger.db'}"
    with Ledger.open(url) as ledger:
        ledger.write([seed], [], PIPELINE_VERSION)
        return [r.to_dict() for r in ledger.find_events(Filters(limit=1000))]


def test_every_contract_code_maps_to_acled() -> None:
    section = CONTRACT_CODES.split("## Event types", 1)[1].split("`")[1]
    assert set(section.split()) == set(ACLED_TYPES)
    assert acled_type("ARMED_CLASH") == ("Battles", "Armed clash")
    assert acled_type("unknown") == ("Strategic developments", "Other")


def test_csv_has_acled_columns_first(events: list[dict[str, Any]]) -> None:
    out = io.StringIO()
    assert write_csv(events, out) == len(events)
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    header = rows[0]
    assert tuple(header[:len(ACLED_COLUMNS)]) == (  # ACLED's own order
        "event_id_cnty", "event_date", "year", "time_precision", "disorder_type",
        "event_type", "sub_event_type", "actor1", "inter1", "actor2", "inter2",
        "interaction", "civilian_targeting", "iso", "country", "admin1", "admin2",
        "location", "latitude", "longitude", "geo_precision", "source", "notes",
        "fatalities")
    assert {"fatalities_claimant", "fatalities_low", "fatalities_high", "claim_speaker",
            "document_id", "url"} <= set(header)
    records = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert len(records) == len(events)
    clash = next(r for r in records if r["newsledger_type"] == "ARMED_CLASH"
                 and r["fatalities_claimant"])
    assert clash["event_type"] == "Battles" and clash["sub_event_type"] == "Armed clash"
    assert clash["fatalities"] == "40" and clash["fatalities_claimant"] == "Fahim Dashti"
    assert clash["admin1"] == "Panjshayr" and clash["geo_precision"] == "3"
    assert clash["source"] == "Democrats Voice" and clash["event_date"] == "2021-09-01"
    assert -90 <= float(clash["latitude"]) <= 90 and "Taliban" in clash["actor1"]
    # the Taliban's CAMEO code is AFGREB: a rebel group (2); the resistance front has none
    assert clash["event_id_cnty"].startswith("AFG") and clash["year"] == "2021"
    assert (clash["iso"], clash["country"]) == ("4", "Afghanistan")
    assert clash["disorder_type"] == "Political violence" and clash["inter1"] == "2"
    assert clash["evidence"] and clash["evidence"] in clash["notes"]
    assert clash["type_label"] == "Armed clash"


@pytest.mark.parametrize(("kb_id", "name", "country", "inter"), [
    ("cameo:AFGREB:TALIBAN", "Taliban", "AF", 2),
    ("cameo:AFGMIL:AFGHAN_ARMY", "Afghan army", "AF", 1),
    ("cameo:USAMIL:US_FORCES", "US forces", "AF", 8),  # a foreign military: external forces
    ("cameo:IMGMUSALQ:AL_QAEDA", "Al-Qaeda", "AF", 2),
    ("cameo:AFG:AFGHANISTAN", "Afghanistan", "AF", 1),
    (None, "protesters", "IR", 6), (None, "the villagers", "NG", 7), (None, "gunmen", "NG", 3),
    (None, "resistance front", "AF", None),
])
def test_actor_types_as_acled_codes_them(kb_id: str | None, name: str, country: str,
                                         inter: int | None) -> None:
    assert actor_inter(kb_id, name, country) == inter


def test_violence_against_civilians_is_civilian_targeting() -> None:
    row = acled_row({"type": "ARMED_CLASH", "actors": ["gunmen"], "targets": ["villagers"],
                     "country": "NG", "document": "d", "event": "V1", "row": 7,
                     "time_start": "2021-09-03"})
    assert (row["inter1"], row["inter2"], row["interaction"]) == (3, 7, 37)
    assert row["civilian_targeting"] == "Civilian targeting"
    assert row["event_id_cnty"] == "NGA7" and row["year"] == 2021
    protest = acled_row({"type": "PEACE_PROTEST", "actors": ["protesters"], "document": "d",
                         "event": "V2"})
    assert protest["disorder_type"] == "Demonstrations" and protest["interaction"] == 60
    assert protest["civilian_targeting"] is None


def test_acled_row_without_figures_or_place() -> None:
    row = acled_row({"type": "AGREEMENT", "document": "d", "event": "V1"})
    assert set(row) == set(COLUMNS)
    assert row["fatalities"] == 0 and row["geo_precision"] is None
    assert row["event_type"] == "Strategic developments"


def _check_feature(feature: dict[str, Any]) -> None:
    assert feature["type"] == "Feature"
    geometry = feature["geometry"]
    assert geometry["type"] == "Point" and len(geometry["coordinates"]) == 2
    lon, lat = geometry["coordinates"]
    assert all(isinstance(v, float) for v in (lon, lat))
    assert -180 <= lon <= 180 and -90 <= lat <= 90
    assert isinstance(feature["properties"], dict)


def test_geojson_is_a_valid_feature_collection(events: list[dict[str, Any]]) -> None:
    out = io.StringIO()
    written = write_geojson([*events, {"type": "OTHER", "lat": None, "lon": None}], out)
    collection = json.loads(out.getvalue())
    assert collection["type"] == "FeatureCollection"
    assert len(collection["features"]) == written == sum(e["lat"] is not None for e in events)
    for feature in collection["features"]:
        _check_feature(feature)
    by_place = {f["properties"]["place"]: f for f in collection["features"]}
    lon, lat = by_place["Panjshir"]["geometry"]["coordinates"]
    assert lon == pytest.approx(69.79, abs=0.01) and lat == pytest.approx(35.43, abs=0.01)


def test_parquet_reads_back(events: list[dict[str, Any]], tmp_path: Path) -> None:
    path = tmp_path / "events.parquet"
    assert write_parquet(events, path) == len(events)
    table = pq.read_table(path)
    assert table.num_rows == len(events)
    assert tuple(table.column_names) == COLUMNS
    assert str(table.schema.field("latitude").type) == "double"
    assert str(table.schema.field("fatalities").type) == "int64"
    assert str(table.schema.field("event_date").type) == "date32[day]"
    assert str(table.schema.field("published").type) == "timestamp[ms]"
    rows = table.to_pylist()
    clash = next(r for r in rows if r["newsledger_type"] == "ARMED_CLASH"
                 and r["fatalities_claimant"])
    assert clash["fatalities"] == 40 and clash["event_type"] == "Battles"


def test_parquet_of_nothing(tmp_path: Path) -> None:
    path = tmp_path / "empty.parquet"
    assert write_parquet([], path) == 0
    assert pq.read_table(path).num_rows == 0


def test_jsonl_one_record_per_line(seed: Analysis) -> None:
    from newsledger.record_codec import record_dict

    out = io.StringIO()
    assert write_jsonl([record_dict(seed), record_dict(seed)], out) == 2
    lines = out.getvalue().splitlines()
    assert len(lines) == 2
    assert all(json.loads(line)["schema"] == "newsledger/1" for line in lines)
