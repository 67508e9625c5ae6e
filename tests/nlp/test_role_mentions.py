"""Unnamed people named only by a role, on sentences from real news (CASE 2021, PolNeAR)."""

from __future__ import annotations

from newsledger.records import Analysis, Entity
from tests.record_lookup import entity_named, name_of

# CASE 2021 snippets 404, 502 and 356; PolNeAR (NYT, 2016-10-23, 2016-10-17).
OFFICIAL = ("Two female suicide bombers blew themselves up in Borno State, shortly after "
            "another bomber killed four at a displaced persons' camp, an emergency services "
            "official said on Thursday.")
GOVERNOR = ("At least 24 people were killed and 18 others injured after gunmen attacked a "
            "church in northern Burkina Faso, the region's governor said on Monday.")
KUNDUZ = ("Taliban militants attacked the district of Qala-e Zal from several directions on "
          "Friday afternoon, and took control of the district fully by mid-morning on "
          "Saturday, Mahfoozullah Akbari, a spokesman for Kunduz police, told dpa.")
DISNEY = ("\u201cA transaction of this magnitude obviously warrants very close regulatory "
          "scrutiny,\u201d a spokesman for Disney said.")
NATWEST = ("\"This is a matter for NatWest, not for the government,\" a spokeswoman said, "
           "speaking on condition of anonymity under government protocol. A spokeswoman for "
           "NatWest declined to comment further. The spokeswoman said the bank would not "
           "reconsider.")
ELECTED = ("Obama blasted Trump for his disrespectful treatment of women and said the "
           "behavior would continue should he be elected president.")


def _role_people(a: Analysis) -> list[Entity]:
    return [e for e in a.entities
            if e.type == "PERSON" and e.role and e.name.split()[-1].lower() in e.role]


def test_a_role_that_speaks_is_a_person_and_the_speaker(analyse_text) -> None:  # type: ignore[no-untyped-def]
    a = analyse_text(OFFICIAL)
    official = entity_named(a, "emergency services official")
    assert official.type == "PERSON" and official.role == "official"
    claim = next(c for c in a.claims if c.cue == "said")
    assert claim.speaker == official.id
    assert claim.speaker_text == "an emergency services official"


def test_a_possessed_role_is_a_person(analyse_text) -> None:  # type: ignore[no-untyped-def]
    governor = entity_named(analyse_text(GOVERNOR), "region's governor")
    assert governor.type == "PERSON" and governor.role == "governor"


def test_affiliation_from_a_for_phrase(analyse_text) -> None:  # type: ignore[no-untyped-def]
    a = analyse_text(DISNEY)
    spokesman = entity_named(a, "spokesman for Disney")
    assert spokesman.role == "spokesman"
    assert name_of(a, spokesman.affiliation) == "Disney"
    assert a.claims and a.claims[0].speaker == spokesman.id


def test_a_role_beside_a_name_is_no_second_person(analyse_text) -> None:  # type: ignore[no-untyped-def]
    a = analyse_text(KUNDUZ)
    akbari = entity_named(a, "Mahfoozullah Akbari")
    assert akbari.role == "spokesman"
    assert not _role_people(a)


def test_the_seed_spokesman_stays_one_entity(seed: Analysis) -> None:
    dashti = entity_named(seed, "Fahim Dashti")
    assert [m.text for m in dashti.mentions] == ["Fahim Dashti"]
    assert not _role_people(seed)


def test_same_role_phrase_is_one_entity_and_another_is_not(analyse_text) -> None:  # type: ignore[no-untyped-def]
    a = analyse_text(NATWEST)
    bare = entity_named(a, "spokeswoman")
    assert len(bare.mentions) == 2  # "a spokeswoman" ... "The spokeswoman"
    natwest = entity_named(a, "spokeswoman for NatWest")
    assert natwest.id != bare.id
    assert name_of(a, natwest.affiliation) == "NatWest"
    said = [c for c in a.claims if c.cue == "said"]
    assert said and all(c.speaker == bare.id for c in said)


def test_a_predicative_role_is_no_person(analyse_text) -> None:  # type: ignore[no-untyped-def]
    a = analyse_text(ELECTED)
    assert not _role_people(a)
