"""``newsledger export`` in every format from a ledger holding the seed, and ``serve``'s
help (the server itself is tested through the app in tests/api)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from newsledger.cli import app
from newsledger.export.acled import ACLED_COLUMNS, COLUMNS
from newsledger.records import Analysis
from newsledger.store import Ledger
from newsledger.store.ledger_writer import PIPELINE_VERSION

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, seed: Analysis) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('cli-export') / 'ledger.db'}"
    with Ledger.open(url) as ledger:
        ledger.write([seed], [], PIPELINE_VERSION)
    return url


def test_export_csv_and_filters(db: str) -> None:
    result = runner.invoke(app, ["export", "-f", "csv", "--db", db])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert tuple(next(csv.reader(io.StringIO(result.stdout)))[:len(ACLED_COLUMNS)]) == ACLED_COLUMNS
    assert rows and "exported" in result.stderr
    limited = runner.invoke(app, ["export", "-f", "csv", "--db", db, "--limit", "1"])
    assert len(list(csv.DictReader(io.StringIO(limited.stdout)))) == 1
    clashes = runner.invoke(app, ["export", "-f", "csv", "--db", db, "--type", "ARMED_CLASH"])
    typed = list(csv.DictReader(io.StringIO(clashes.stdout)))
    assert typed and {r["newsledger_type"] for r in typed} == {"ARMED_CLASH"}
    assert len(typed) < len(rows)


def test_export_geojson_jsonl_parquet(db: str, tmp_path: Path) -> None:
    geo = runner.invoke(app, ["export", "-f", "geojson", "--db", db, "--bbox", "69,35,70,36"])
    collection = json.loads(geo.stdout)
    assert collection["type"] == "FeatureCollection" and collection["features"]
    assert all(69 <= f["geometry"]["coordinates"][0] <= 70 for f in collection["features"])
    lines = runner.invoke(app, ["export", "-f", "jsonl", "--db", db]).stdout.splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["schema"] == "newsledger/1"
    filtered = runner.invoke(app, ["export", "-f", "jsonl", "--db", db, "--actor", "nobody"])
    assert filtered.exit_code == 0 and filtered.stdout == ""
    path = tmp_path / "events.parquet"
    done = runner.invoke(app, ["export", "-f", "parquet", "--db", db, "--out", str(path)])
    assert done.exit_code == 0, done.output
    assert tuple(pq.read_table(path).column_names) == COLUMNS
    assert runner.invoke(app, ["export", "-f", "parquet", "--db", db]).exit_code == 2


def test_serve_and_export_help() -> None:
    for command in ["serve", "export"]:
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0 and "Examples" in result.stdout


def test_the_csv_opens_in_pandas(db: str) -> None:
    """The analysts' usual reader: the ACLED columns, typed coordinates and fatalities."""
    import pandas as pd

    result = runner.invoke(app, ["export", "-f", "csv", "--db", db])
    frame = pd.read_csv(io.StringIO(result.stdout))
    assert tuple(frame.columns[:len(ACLED_COLUMNS)]) == ACLED_COLUMNS
    assert frame["latitude"].dropna().between(-90, 90).all()
    assert frame["longitude"].dropna().between(-180, 180).all()
    assert (frame["fatalities"].fillna(0) >= 0).all() and frame["fatalities"].max() == 40
