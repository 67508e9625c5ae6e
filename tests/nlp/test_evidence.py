"""Words around a name that say it is a place, on LGL articles."""

from __future__ import annotations

from pathlib import Path

NEWS = Path(__file__).resolve().parents[1] / "data" / "news"


def test_a_town_before_man_or_woman_is_a_place(analyse_text) -> None:  # type: ignore[no-untyped-def]
    # LGL 191: "Gainesville man gets 15 years for killing baby. A Gainesville man cut a plea
    # deal": the model calls both mentions an organisation
    text = (NEWS / "lgl-0191.txt").read_text(encoding="utf-8")
    a = analyse_text(text, published="2009-03-26")
    (gainesville,) = [e for e in a.entities if e.name == "Gainesville"]
    assert gainesville.type == "PLACE"
    assert len(gainesville.mentions) == 2
    assert any(p.entity == gainesville.id and p.country == "US" for p in a.places)


def test_a_town_after_a_person_and_a_comma_is_where_the_person_is_from(analyse_text) -> None:  # type: ignore[no-untyped-def]
    # LGL 101 (Ohio's school funding): the model calls "Wooster" a person
    text = ("Advocates and Republican lawmakers are also concerned that the reliance on "
            "federal money would create funding gaps in the future. \"I think we owe it to "
            "them to look further than the next meal of federal funds because we don't have "
            "any reason to expect that to continue,\" said Amstutz, of Wooster.")
    a = analyse_text(text, published="2009-03-26")
    (wooster,) = [e for e in a.entities if e.name == "Wooster"]
    assert wooster.type == "PLACE"
    assert any(p.entity == wooster.id and p.admin1 == "Ohio" for p in a.places)


def test_a_town_before_its_governor_is_a_place(analyse_text) -> None:  # type: ignore[no-untyped-def]
    # LGL 320 (The Moscow Times, 2009): the model calls each "Murmansk" an organisation
    text = ("Murmansk's Governor Resigns. Murmansk Governor Yury Yevdokimov resigned abruptly "
            "Saturday following a week of harsh criticism from United Russia over the loss of "
            "the Murmansk mayoral election to an independent candidate. Independent candidate "
            "Sergei Subbotin, a former Murmansk deputy governor, was elected mayor with 61 "
            "percent. Yevdokimov, a United Russia member, had served as Murmansk governor "
            "since 1996. Dmitriyenko flew to Murmansk on Saturday to meet with regional United "
            "Russia officials.")
    a = analyse_text(text, published="2009-03-23")
    (murmansk,) = [e for e in a.entities if e.name == "Murmansk"]
    assert murmansk.type == "PLACE"
    assert any(p.entity == murmansk.id and p.country == "RU" for p in a.places)


def test_a_surname_s_possessive_stays_the_person_s(analyse_text) -> None:  # type: ignore[no-untyped-def]
    # a possessive makes a town's name a place only before its offices ("Murmansk's governor")
    a = analyse_text("Hillary Clinton spoke in Ohio on Monday. Clinton's voters turned out early, "
                     "her campaign said.")
    clinton = [e for e in a.entities if e.name in ("Clinton", "Hillary Clinton")]
    assert clinton and all(e.type == "PERSON" for e in clinton)
