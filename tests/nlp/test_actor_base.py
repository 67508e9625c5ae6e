"""Tests of the actor base: shipped data only (no ../shared)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from newsledger.errors import ActorBaseError
from newsledger.nlp.actor_base import (
    Actor,
    ActorBase,
    load_role_lexicon,
    normalise_actor_name,
)


@pytest.fixture(scope="module")
def base() -> ActorBase:
    return ActorBase.load()


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "actors.csv"
    path.write_text("id,name,type,country,cameo,aliases\n" + body, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Al-Qaeda", "al qaeda"),
        ("al-Qa'ida", "al qaida"),
        ("The Taliban's", "taliban"),
        ("U.S.", "us"),
        ("Médecins Sans Frontières", "medecins sans frontieres"),
        ("  Hay’at  Tahrir al-Sham ", "hayat tahrir al sham"),
    ],
)
def test_normalise(text: str, key: str) -> None:
    assert normalise_actor_name(text) == key


def test_spellings_of_al_qaeda_are_one_actor(base: ActorBase) -> None:
    found = {base.lookup(n) for n in ("Al Qaeda", "Al-Qaeda", "al-Qaida", "AL QAEDA")}
    assert len(found) == 1
    actor = found.pop()
    assert actor is not None and actor.name == "Al-Qaeda" and actor.type == "ORG"


@pytest.mark.parametrize(
    ("alias", "name"),
    [
        ("Islamic Emirate", "Taliban"),
        ("Mujahideen of the Islamic Emirate", "Taliban"),
        ("Islamic Emirate of Afghanistan", "Taliban"),
        ("ISIL", "Islamic State"),
        ("Daesh", "Islamic State"),
        ("NRF", "National Resistance Front of Afghanistan"),
        ("ANSDF", "Afghan National Defense and Security Forces"),
        ("Hizbollah", "Hezbollah"),
        ("Ansar Allah", "Houthis"),
        ("U.N.", "United Nations"),
    ],
)
def test_aliases_resolve(base: ActorBase, alias: str, name: str) -> None:
    actor = base.lookup(alias)
    assert actor is not None and actor.name == name


def test_curated_wins_over_phoenix(base: ActorBase) -> None:
    hezbollah = base.lookup("Hezbollah")
    assert hezbollah is not None and hezbollah.country == "LB" and hezbollah.cameo == "LBNREB"
    assert not any(a.name == "Al Qa'ida" for a in base)  # the Phoenix entry is superseded


def test_country_and_leader(base: ActorBase) -> None:
    afghanistan = base.lookup("Afghanistan")
    assert afghanistan is not None
    assert (afghanistan.type, afghanistan.country, afghanistan.cameo) == ("PLACE", "AF", "AFG")
    assert base.lookup("Afghan") == afghanistan
    karzai = base.lookup("Hamid Karzai")
    assert karzai is not None and karzai.type == "PERSON" and karzai.country == "AF"
    assert base.lookup("United States") == base.lookup("U.S.")


def test_cities_are_not_country_aliases(base: ActorBase) -> None:
    assert base.lookup("Kabul") is None


@pytest.mark.parametrize("junk", ["the", "group", "police", "army", "forces", "a", "who", ""])
def test_junk_is_not_an_actor(base: ActorBase, junk: str) -> None:
    assert base.lookup(junk) is None


def test_names_cover_every_alias_once(base: ActorBase) -> None:
    pairs = list(base.names())
    keys = [normalise_actor_name(surface) for surface, _ in pairs]
    assert len(keys) == len(set(keys))
    surfaces = {surface for surface, actor in pairs if actor.name == "Taliban"}
    assert {"Taliban", "Islamic Emirate"} <= surfaces
    assert len(base) > 10_000


def test_user_csv_adds_and_overrides(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "user:democrats_voice,Democrats Voice,ORG,AF,,DV News\n"
        "user:my_taliban,Taliban Movement,ORG,AF,AFGREB,Taliban\n",
    )
    base = ActorBase.load([path])
    assert base.lookup("DV News") == Actor(
        "user:democrats_voice", "Democrats Voice", "ORG", ("DV News",), "AF", None
    )
    taliban = base.lookup("Taliban")
    assert taliban is not None and taliban.id == "user:my_taliban"
    assert ActorBase.load().lookup("DV News") is None  # the shipped base is unchanged


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("x:1,Someone,PEOPLE,,,\n", "type"),
        ("x:1,Someone,PERSON,Afghanistan,,\n", "country"),
        ("x:1,Someone,PERSON\n", "columns"),
        (",Someone,PERSON,,,\n", "empty"),
    ],
)
def test_bad_row_names_file_and_line(tmp_path: Path, row: str, message: str) -> None:
    path = _write(tmp_path, "x:0,Fine,ORG,,,\n" + row)
    with pytest.raises(ActorBaseError, match=message) as caught:
        ActorBase.load([path])
    assert f"{path}:3" in str(caught.value)


def test_bad_header(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("name,type\nX,ORG\n", encoding="utf-8")
    with pytest.raises(ActorBaseError, match=f"{path}:1"):
        ActorBase.load([path])


def test_role_lexicon() -> None:
    roles = load_role_lexicon()
    assert roles["police"] == "~COP"
    assert roles["soldier"] == roles["soldiers"] == "~MIL"
    assert "taliban" not in roles


def test_load_is_cached_and_fast() -> None:
    start = time.perf_counter()
    ActorBase.load()
    assert time.perf_counter() - start < 0.05


def test_institutions_are_organisations_with_country_acronyms_kept() -> None:
    actor = ActorBase.load().lookup("US Intelligence Community")
    assert actor is not None
    assert (actor.name, actor.type) == ("US Intelligence Community", "ORG")
