"""GeoNames dump import, on a small GeoNames-format file the tests write.

Every import goes into a copy of the session's gazetteer (never the shared file itself).
The rows are shaped like GeoNames' AF.txt; the coordinates of Khawak and Kabul are real, the
ids of the village and the pass are illustrative (Kabul's, 1138958, is GeoNames' own).
"""

from __future__ import annotations

import shutil
import sqlite3
import zipfile
from pathlib import Path

import pytest

from newsledger.errors import GazetteerError
from newsledger.geo.gazetteer import Gazetteer
from newsledger.geo.geonames_import import ImportReport, import_geonames
from newsledger.geo.resolver import PlaceResolver, precision_of
from newsledger.records import Document, Entity, Mention

VILLAGE, PASS, KABUL = "geonames:9000001", "geonames:9000002", "geonames:1138958"
KABUL_POPULATION = 4_601_789


def _line(*fields: object) -> str:
    assert len(fields) == 19
    return "\t".join(str(field) for field in fields) + "\n"


AF_TXT = "".join([
    _line(9000001, "Khawāk", "Khawak", "Khawak,Khawaak,Хавак", 35.66667, 69.70000, "P", "PPL",
          "AF", "", "42", "3304", "", "", 0, "", 2651, "Asia/Kabul", "2021-09-03"),
    _line(9000002, "Kōtal-e Khawāk", "Kotal-e Khawak", "Kotal-e Khawak,Khawak Kotal",
          35.65, 69.72, "T", "PASS", "AF", "", "42", "", "", "", 0, "", 3848, "Asia/Kabul",
          "2021-09-03"),
    _line(1138958, "Kabul", "Kabul", "Cabool,Caboul,KBL,Kabil,Kābul,Кабул", 34.52813,
          69.17233, "P", "PPLC", "AF", "", "13", "", "", "", KABUL_POPULATION, "", 1798,
          "Asia/Kabul", "2024-01-01"),
    "9000003\tBroken line with too few columns\t34.5\n",
    _line(9000004, "Dahane-ye Kowtal", "Dahane-ye Kowtal", "", "not-a-latitude", 69.7, "P",
          "PPL", "AF", "", "42", "", "", "", 0, "", 0, "Asia/Kabul", "2021-09-03"),
    _line(9000005, "Dara Road", "Dara Road", "", 35.3, 69.8, "R", "RD", "AF", "", "42", "",
          "", "", 0, "", 0, "Asia/Kabul", "2021-09-03"),
])
ALTERNATE_NAMES = "".join(
    "\t".join(fields) + "\n"
    for fields in [
        ["1", "9000002", "en", "Khawak Pass", "1", "", "", "", "", ""],
        ["2", "9000002", "link", "https://en.wikipedia.org/wiki/Khawak_Pass", "", "", "", "",
         "", ""],
        ["3", "9000001", "fa", "خواک", "", "", "", "", "", ""],
        ["4", "9000001", "", "Khwaak", "", "", "", "", "", ""],
        ["5", "9000001", "en", "Khawak Valley Town", "", "", "1", "", "", ""],
        ["6", "1149361", "en", "Not imported here", "", "", "", "", "", ""],
    ]
)


@pytest.fixture
def copy(gazetteer_path: Path, tmp_path: Path) -> Path:
    """A private copy of the session's gazetteer, safe to import into."""
    target = tmp_path / "gazetteer.sqlite"
    shutil.copy(gazetteer_path, target)
    return target


@pytest.fixture
def dump(tmp_path: Path) -> Path:
    path = tmp_path / "AF.txt"
    path.write_text(AF_TXT, encoding="utf-8")
    return path


@pytest.fixture
def imported(copy: Path, dump: Path, tmp_path: Path) -> tuple[Path, ImportReport]:
    alternates = tmp_path / "alternateNamesV2.txt"
    alternates.write_text(ALTERNATE_NAMES, encoding="utf-8")
    return copy, import_geonames(copy, dump, alternate_names=alternates)


def _resolve(gazetteer: Gazetteer, text: str, groups: list[list[str]]) -> dict[str, str]:
    entities = [
        Entity(id=f"E{n}", name=names[0], type="PLACE", mentions=tuple(
            Mention(start, start + len(name), name)
            for name in names for start in _starts(text, name)
        ))
        for n, names in enumerate(groups, start=1)
    ]
    document = Document(id="doc", source="test", text=text, dateline="KABUL")
    places = PlaceResolver(gazetteer)(entities, document)
    names = {entity.id: entity.name for entity in entities}  # a fallback keeps its region's
    return {names[p.entity]: f"{p.gazetteer_id} {p.precision}" for p in places}


def _starts(text: str, name: str) -> list[int]:
    return [i for i in range(len(text)) if text.startswith(name, i)]


PANJSHIR_STORY = (
    "KABUL: The Taliban attacked Khawak in Panjshir overnight. Fighters in Panjshir said "
    "the village of Khawak held."
)


def test_counts(imported: tuple[Path, ImportReport]) -> None:
    _, report = imported
    # 6 data lines: 2 malformed (columns, latitude) and a road (class R) skipped.
    assert (report.rows_read, report.rows_added, report.rows_updated) == (6, 2, 1)
    assert report.rows_skipped == 3 and report.seconds >= 0


def test_khawak_resolves_to_the_village_in_a_panjshir_story(
    copy: Path, imported: tuple[Path, ImportReport]
) -> None:
    places = _resolve(Gazetteer(copy), PANJSHIR_STORY, [["Panjshir"], ["Khawak"]])
    assert places["Khawak"] == f"{VILLAGE} locality"  # not the regional fallback: see below
    village = Gazetteer(copy).lookup("Khawak")[0]
    assert (village.gazetteer_id, village.admin1, village.admin2) == (
        VILLAGE, "Panjshayr", "Parīān"
    )
    assert abs(village.lat - 35.67) < 0.02 and abs(village.lon - 69.70) < 0.02


def test_without_the_import_khawak_falls_back_to_the_region(gazetteer: Gazetteer) -> None:
    places = _resolve(gazetteer, PANJSHIR_STORY, [["Panjshir"], ["Khawak"]])
    assert places["Khawak"] == "geonames:6957555 admin1"  # Panjshir, the regional fallback


def test_the_pass_is_a_site(imported: tuple[Path, ImportReport]) -> None:
    gazetteer = Gazetteer(imported[0])
    entry = gazetteer.lookup("Khawak Pass")[0]
    assert (entry.gazetteer_id, entry.feature_code, entry.exact) == (PASS, "PASS", True)
    assert precision_of(entry) == "site"
    document = Document(id="doc", source="test", text=PANJSHIR_STORY, dateline="KABUL")
    best = PlaceResolver(gazetteer).resolve_name("Khawak Pass", document)
    assert best is not None and best.gazetteer_id == PASS
    assert gazetteer.lookup("Khawak")[0].gazetteer_id == VILLAGE  # a village before a site


def test_the_resolver_places_the_pass_at_site_precision(
    imported: tuple[Path, ImportReport]
) -> None:
    text = "Fighters in Panjshir crossed the Khawak Pass. Panjshir is calm."
    places = _resolve(Gazetteer(imported[0]), text, [["Panjshir"], ["Khawak Pass"]])
    assert places["Khawak Pass"] == f"{PASS} site"


def test_kabul_is_updated_not_duplicated(imported: tuple[Path, ImportReport]) -> None:
    path, _ = imported
    kabuls = [e for e in Gazetteer(path).lookup("Kabul") if e.gazetteer_id == KABUL]
    assert len(kabuls) == 1
    assert (kabuls[0].population, kabuls[0].feature_code, kabuls[0].rank) == (
        KABUL_POPULATION, "PPLC", 2
    )
    with sqlite3.connect(path) as db:
        count = db.execute("SELECT COUNT(*) FROM places WHERE gazetteer_id = ?", (KABUL,))
        assert count.fetchone()[0] == 1
        keys = db.execute(
            "SELECT key, COUNT(*) FROM names WHERE place = (SELECT id FROM places WHERE "
            "gazetteer_id = ?) GROUP BY key HAVING COUNT(*) > 1", (KABUL,)
        ).fetchall()
    assert keys == []  # no key written twice
    assert Gazetteer(path).lookup("Caboul")[0].gazetteer_id == KABUL


def test_alternate_names(imported: tuple[Path, ImportReport]) -> None:
    gazetteer = Gazetteer(imported[0])
    khwaak = gazetteer.lookup("Khwaak")
    assert [(e.gazetteer_id, e.exact) for e in khwaak] == [(VILLAGE, False)]
    assert not gazetteer.lookup("Khawak Valley Town")  # colloquial
    assert not gazetteer.lookup("https://en.wikipedia.org/wiki/Khawak_Pass")
    assert not gazetteer.lookup("Not imported here")  # a place outside this import


def test_zip_and_reimport(copy: Path, dump: Path, tmp_path: Path) -> None:
    archive = tmp_path / "AF.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as handle:
        handle.write(dump, "AF.txt")
        handle.writestr("readme.txt", "GeoNames readme")
    first = import_geonames(copy, archive)
    second = import_geonames(copy, archive)
    assert (first.rows_added, first.rows_updated) == (2, 1)
    assert (second.rows_added, second.rows_updated) == (0, 3)
    assert [e.gazetteer_id for e in Gazetteer(copy).lookup("Khawak")] == [VILLAGE]


def test_filters(copy: Path, dump: Path) -> None:
    report = import_geonames(copy, dump, feature_classes="P", min_population=1000)
    assert (report.rows_added, report.rows_updated, report.rows_skipped) == (0, 1, 5)


def test_not_a_geonames_file(copy: Path, tmp_path: Path) -> None:
    csv = tmp_path / "places.csv"
    csv.write_text("name,lat,lon\nKhawak,35.67,69.70\nKabul,34.5,69.2\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match=r"places\.csv is not a GeoNames file"):
        import_geonames(copy, csv)
    broken = tmp_path / "AF.zip"
    broken.write_bytes(b"PK\x03\x04 this is not really a zip archive")
    with pytest.raises(GazetteerError, match=r"cannot read .*AF\.zip"):
        import_geonames(copy, broken)
    with pytest.raises(GazetteerError, match="feature classes"):
        import_geonames(copy, csv, feature_classes="PX")
    with sqlite3.connect(copy) as db:  # nothing was written
        notes = db.execute("SELECT key FROM meta WHERE key LIKE 'geonames_import:%'")
        assert notes.fetchall() == []


def test_not_a_gazetteer(tmp_path: Path, dump: Path) -> None:
    with pytest.raises(GazetteerError, match="no gazetteer"):
        import_geonames(tmp_path / "missing.sqlite", dump)
    (tmp_path / "other.sqlite").write_bytes(b"")
    with pytest.raises(GazetteerError):
        import_geonames(tmp_path / "other.sqlite", dump)


def test_the_shared_gazetteer_is_untouched(gazetteer: Gazetteer) -> None:
    assert not gazetteer.lookup("Khwaak")
    with sqlite3.connect(f"file:{gazetteer.path}?mode=ro", uri=True) as db:
        notes = db.execute("SELECT key FROM meta WHERE key LIKE 'geonames_import:%'")
        assert notes.fetchall() == []
