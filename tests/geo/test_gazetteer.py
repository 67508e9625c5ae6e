from __future__ import annotations

import pickle
import shutil
import sqlite3
from pathlib import Path

import pytest

from newsledger.errors import GazetteerError
from newsledger.geo.gazetteer import BUILD_VERSION, Gazetteer
from newsledger.geo.names import normalise_many, normalise_name, parse_toponym
from newsledger.geo.packaged_places import centre
from newsledger.geo.prior import place_prior


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("Côte-d'Ivoire", "cote divoire"),
        ("U.S.", "us"),
        ("the Gambia", "gambia"),
        ("  Kharkiv   Oblast ", "kharkiv oblast"),
        ("Ḩukūmatī Dahanah-ye Ghōrī", "hukumati dahanah ye ghori"),
        ("’Unābah", "unabah"),
        ("Łódź", "lodz"),
        ("Москва", ""),
        ("St. Petersburg", "saint petersburg"),  # a short form before a word: written out
        ("Mt Pleasant", "mount pleasant"),
        ("Ft. Worth", "fort worth"),
        ("Ste-Foy", "sainte foy"),
        ("Main St.", "main st"),  # a last word is a street, not a saint
        ("Stavropol", "stavropol"),
    ],
)
def test_normalise_name(raw: str, key: str) -> None:
    assert normalise_name(raw) == key


def test_normalise_many_matches_one_by_one() -> None:
    names = ["São Paulo", "The Hague", "Panjshir-Valley", "Ørsta", ""]
    assert normalise_many(names) == [normalise_name(n) for n in names]


def test_parse_toponym_heads_and_parents() -> None:
    assert parse_toponym("Panjshir province").keys == ("panjshir province", "panjshir")
    assert parse_toponym("Panjshir province").hint == "admin1"
    assert parse_toponym("Andarab district").hint == "admin2"
    nested = parse_toponym("the Andarab valley of Baghlan")
    assert nested.keys == ("andarab valley", "andarab")
    assert (nested.hint, nested.parent) == ("natural", "baghlan")
    assert parse_toponym("Paris, Texas").parent == "texas"
    assert parse_toponym("city of Aleppo").keys[-1] == "aleppo"
    assert parse_toponym("northern Syria").keys[-1] == "syria"
    assert parse_toponym("South Korea").keys == ("south korea",)


def test_parse_toponym_expands_newsroom_abbreviations() -> None:
    assert parse_toponym("Paris, Ky.").parent == "kentucky"
    assert parse_toponym("W. Va.").keys == ("west virginia",)
    assert parse_toponym("Calif.").keys == ("california",)
    assert parse_toponym("Miss").keys == ("miss",)  # undotted: a word, not Mississippi


def test_centre_crosses_the_antimeridian() -> None:
    lat, lon = centre([-17.0, -17.5, -16.5], [179.5, -179.5, 179.0])
    assert lat == -17.0
    assert lon > 179.0 or lon < -179.0


def test_countries_come_first(gazetteer: Gazetteer) -> None:
    entries = gazetteer.lookup("Afghanistan")
    assert entries[0].feature_code == "PCLI"
    assert entries[0].country == "AF"
    assert entries[0].gazetteer_id == "geonames:1149361"
    assert gazetteer.lookup("U.S.")[0].country == "US"
    assert gazetteer.lookup("the United Kingdom")[0].country == "GB"


def test_capital_and_province(gazetteer: Gazetteer) -> None:
    codes = [(e.feature_code, e.country) for e in gazetteer.lookup("Kabul")]
    assert ("PPLC", "AF") in codes
    assert ("ADM1", "AF") in codes
    capital = next(e for e in gazetteer.lookup("Kabul") if e.feature_code == "PPLC")
    assert capital.gazetteer_id == "geonames:1138958"
    assert abs(capital.lat - 34.528) < 0.05 and abs(capital.lon - 69.172) < 0.05


def test_first_level_divisions_have_coordinates(gazetteer: Gazetteer) -> None:
    panjshir = gazetteer.lookup("Panjshir province")[0]
    assert (panjshir.feature_code, panjshir.country) == ("ADM1", "AF")
    assert abs(panjshir.lat - 35.4) < 0.5 and abs(panjshir.lon - 69.7) < 0.5
    baghlan = gazetteer.lookup("Baghlan")[0]
    assert (baghlan.feature_code, baghlan.admin1) == ("ADM1", "Baghlān")


def test_second_level_division(gazetteer: Gazetteer) -> None:
    andarab = [e for e in gazetteer.lookup("Andarab district") if e.feature_code == "ADM2"]
    assert andarab and andarab[0].country == "AF" and andarab[0].admin1 == "Baghlān"


def test_alternate_names_and_accents(gazetteer: Gazetteer) -> None:
    assert gazetteer.lookup("Kharkov")[0].country == "UA"
    assert any(e.country == "SY" for e in gazetteer.lookup("Douma"))
    assert gazetteer.lookup("Sao Paulo")[0].country == "BR"
    assert gazetteer.is_known("Damascus") and not gazetteer.is_known("Qwxzy")


def test_population_orders_homonyms(gazetteer: Gazetteer) -> None:
    paris = [e for e in gazetteer.lookup("Paris") if e.feature_class == "P"]
    assert paris[0].country == "FR"
    assert any(e.country == "US" and e.admin1 == "Texas" for e in paris)


def test_place_prior(gazetteer: Gazetteer) -> None:
    def prior(name: str) -> float:
        return place_prior(gazetteer.lookup(name), name)

    assert prior("Afghanistan") > 0.9
    assert prior("Kabul") > 0.9
    assert prior("Panjshir") > 0.7
    assert prior("Qwxzy") == 0.0
    assert prior("Taliban") < 0.3
    assert prior("May") < 0.3


def test_open_reuses_the_built_file(gazetteer_path: Path) -> None:
    mtime = gazetteer_path.stat().st_mtime_ns
    Gazetteer.open(gazetteer_path).close()
    assert gazetteer_path.stat().st_mtime_ns == mtime
    assert not list(gazetteer_path.parent.glob(".gazetteer-*"))


def test_pickles_by_path(gazetteer: Gazetteer) -> None:
    copy = pickle.loads(pickle.dumps(gazetteer))
    assert copy.lookup("Kabul") == gazetteer.lookup("Kabul")


def test_a_foreign_file_is_refused(tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.sqlite"
    sqlite3.connect(bogus).execute("CREATE TABLE meta (key TEXT, value TEXT)").connection.commit()
    with pytest.raises(GazetteerError):
        Gazetteer(bogus)
    with pytest.raises(GazetteerError):
        Gazetteer(tmp_path / "missing.sqlite")


def test_unbuildable_location_raises(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(GazetteerError):
        Gazetteer.open(blocker / "gazetteer.sqlite")


def test_the_analyzer_uses_the_cache_folder_of_its_own_settings(
        gazetteer_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Settings handed in win over the environment: the gazetteer of an Analyzer given a
    cache folder is in that folder, whatever NEWSLEDGER_CACHE_DIR says."""
    from newsledger.pipeline import Analyzer
    from newsledger.settings import Settings

    own = tmp_path / "own-cache"
    own.mkdir()
    shutil.copy(gazetteer_path, own / gazetteer_path.name)  # not built again: copied
    monkeypatch.setenv("NEWSLEDGER_CACHE_DIR", str(tmp_path / "elsewhere"))
    analyzer = Analyzer(Settings(cache_dir=own))
    assert analyzer.resolver.gazetteer.path == own / f"gazetteer-{BUILD_VERSION}.sqlite"
    assert not (tmp_path / "elsewhere").exists()


@pytest.mark.parametrize(("demonym", "country"), [("Syrian", "SY"), ("Russian", "RU"),
                                                   ("Nigerian", "NG"), ("Russians", "RU"),
                                                   ("Afghans", "AF")])
def test_demonyms_name_their_country(gazetteer: Gazetteer, demonym: str, country: str) -> None:
    entries = gazetteer.lookup(demonym)
    assert entries and entries[0].country == country and entries[0].feature_code == "PCLI"


def test_inverted_division_names_are_found_by_their_name(gazetteer: Gazetteer) -> None:
    entries = [e for e in gazetteer.lookup("Dagestan") if e.feature_code == "ADM1"]
    assert entries and entries[0].country == "RU"  # listed as "Dagestan, Respublika"


def test_a_name_is_found_without_its_arabic_article(gazetteer: Gazetteer) -> None:
    # news writes "Qamishli" and "Raqqa" for GeoNames' Al Qāmishlī and Ar Raqqah
    qamishli = gazetteer.lookup("Qamishli")
    assert qamishli and qamishli[0].country == "SY" and not qamishli[0].exact
