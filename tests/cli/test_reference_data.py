"""The actors and gazetteer commands: a user's actors are known to every later analysis."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsledger.cli import app

runner = CliRunner()
CSV = """id,name,type,country,cameo,aliases
# local armed groups a newsroom follows
user:KHAWAK_DEFENDERS,Khawak Defence Council,ORG,AF,AFGREB,KDC|Khawak Defenders
"""


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("NEWSLEDGER_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "data"


def test_added_actors_are_known_to_later_analyses(  # type: ignore[no-untyped-def]
        analyzer, data_dir: Path, tmp_path: Path) -> None:
    csv_file = tmp_path / "groups.csv"
    csv_file.write_text(CSV)
    added = runner.invoke(app, ["actors", "add", str(csv_file)])
    assert added.exit_code == 0 and "1 actors" in added.stdout
    assert (data_dir / "actors" / "groups.csv").exists()
    looked = runner.invoke(app, ["actors", "lookup", "KDC"])
    assert looked.exit_code == 0 and "Khawak Defence Council" in looked.stdout
    page = tmp_path / "story.txt"
    page.write_text("Fighters of the Khawak Defenders said on Monday that they had repelled "
                    "an attack near the pass, the KDC said in a statement.\n")
    result = runner.invoke(app, ["analyze", str(page), "--format", "json"])
    record = json.loads(result.stdout)
    assert any(e["kb_id"] == "user:KHAWAK_DEFENDERS" for e in record["entities"])


def test_a_bad_actor_file_names_the_file_and_line(data_dir: Path, tmp_path: Path) -> None:
    csv_file = tmp_path / "bad.csv"
    csv_file.write_text(CSV + "user:X,Someone,ROBOT,AF,,\n")
    result = runner.invoke(app, ["actors", "add", str(csv_file)])
    assert result.exit_code == 1
    assert f"{csv_file}:4" in result.stderr
    assert not (data_dir / "actors" / "bad.csv").exists()


def test_gazetteer_lookup(analyzer) -> None:  # type: ignore[no-untyped-def]
    found = runner.invoke(app, ["gazetteer", "lookup", "Kabul"], env={"COLUMNS": "200"})
    assert found.exit_code == 0 and "geonames:1138958" in found.stdout
    missing = runner.invoke(app, ["gazetteer", "lookup", "Qqqzzxville"])
    assert missing.exit_code == 1


def test_gazetteer_import_adds_a_village_from_a_geonames_dump(
        cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    from newsledger.geo.gazetteer import default_path

    own_cache = tmp_path / "cache"
    own_cache.mkdir()
    shared = default_path(cache_dir)
    shutil.copy(shared, own_cache / shared.name)  # never touch the shared one
    monkeypatch.setenv("NEWSLEDGER_CACHE_DIR", str(own_cache))
    row = ["9100001", "Dasht-e Rewat", "Dasht-e Rewat", "", "35.39", "69.63", "P", "PPL", "AF",
           "", "42", "", "", "", "1200", "", "2400", "Asia/Kabul", "2021-09-01"]
    dump = tmp_path / "AF.txt"
    dump.write_text("\t".join(row) + "\n")
    result = runner.invoke(app, ["gazetteer", "import", str(dump)])
    assert result.exit_code == 0, result.stderr
    assert "1 places added" in result.stdout
    found = runner.invoke(app, ["gazetteer", "lookup", "Dasht-e Rewat"], env={"COLUMNS": "200"})
    assert found.exit_code == 0 and "geonames:9100001" in found.stdout
    bad = tmp_path / "notes.txt"
    bad.write_text("not a geonames file\n")
    refused = runner.invoke(app, ["gazetteer", "import", str(bad)])
    assert refused.exit_code == 1 and "notes.txt" in refused.stderr
