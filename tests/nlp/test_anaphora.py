"""Anaphors ("the group", "the insurgent group", "he", "she") as mentions of their
antecedents, on sentences from real news (CASE 2021, PolNeAR, the seed)."""

from __future__ import annotations

from newsledger.records import Analysis
from tests.conftest import DATA, analyse_file
from tests.record_lookup import entity_named

# CASE 2021 snippets 356 and 550 (cut); PolNeAR (NYT 2016-10-02, Breitbart 2016-11).
KUNDUZ = ("Taliban militants captured a district in Afghanistan's north-eastern Kunduz "
          "province, the second to fall to the group a week after the launch of its spring "
          "offensive, police said.")
SYDNEY = ("A gang of young thugs who were filmed brutally bashing a vulnerable and partially "
          "blind grandfather in broad daylight. The 73-year-old man was walking near King Place "
          "in Sydney's Sunshine West when he was dragged onto an oval and attacked by the group "
          "of cowards.")
BATCHELDER = ("''I wouldn't object to carving that back,'' Ms. Batchelder said. She added that "
              "she'd also restore some degree of income averaging for individuals.")
BARTENDER = ("Another said he supported Trump, though his family did not. And a bartender said "
             "she \u201cloved\u201d working for Trump.")


def _mention_texts(a: Analysis, name: str) -> list[str]:
    return [m.text for m in entity_named(a, name).mentions]


def test_the_group_refers_back_to_the_armed_group(analyse_text) -> None:  # type: ignore[no-untyped-def]
    a = analyse_text(KUNDUZ)
    assert "the group" in _mention_texts(a, "Taliban")
    assert not any(e.name == "group" or e.name == "the group" for e in a.entities)


def test_the_group_never_refers_to_a_person_or_a_place(analyse_text) -> None:  # type: ignore[no-untyped-def]
    a = analyse_text(SYDNEY)
    for e in a.entities:
        assert not any(m.text.startswith("the group") for m in e.mentions), e


def test_the_insurgent_group_of_the_seed_is_the_taliban(seed: Analysis) -> None:
    taliban = entity_named(seed, "Taliban")
    assert "the insurgent group" in {m.text for m in taliban.mentions}
    assert taliban.name == "Taliban"
    assert "the insurgent group" not in taliban.aliases


def test_she_is_a_mention_of_the_woman_before(analyse_text) -> None:  # type: ignore[no-untyped-def]
    a = analyse_text(BATCHELDER)
    person = next(e for e in a.entities if e.type == "PERSON" and "Batchelder" in e.name)
    assert [m.text for m in person.mentions].count("She") == 1
    added = next(c for c in a.claims if c.cue == "added")
    assert added.speaker == person.id


def test_a_pronoun_after_an_unknown_subject_stays_unresolved(analyse_text) -> None:  # type: ignore[no-untyped-def]
    a = analyse_text(BARTENDER)
    for e in a.entities:
        assert not any(m.text in {"he", "she"} for m in e.mentions), e


def _speakers(analyzer, name: str) -> dict[str, str | None]:  # type: ignore[no-untyped-def]
    """Each claim's speaker text → its speaker entity's name, for a page of tests/data."""
    outcome = analyse_file(analyzer, DATA / "articles" / name)
    assert outcome.analysis is not None, outcome.rejection
    names = {e.id: e.name for e in outcome.analysis.entities}
    return {c.speaker_text or "": names.get(c.speaker or "") for c in outcome.analysis.claims}


def test_the_organization_is_the_named_one_not_the_protesters(analyzer) -> None:  # type: ignore[no-untyped-def]
    # a real page of the scrapinghub benchmark: "At least 106 protesters ... have been
    # killed, according to credible reports received by Amnesty. The organization believes
    # that the real death toll may be much higher"
    speakers = _speakers(analyzer, "amnesty-iran-panarmenian.txt")
    assert speakers["The organization"] == "Amnesty International"


def test_the_agency_is_the_agency_named_before(analyzer) -> None:  # type: ignore[no-untyped-def]
    speakers = _speakers(analyzer, "esa-hibernation-ctv.txt")
    assert speakers["The agency"] == "European Space Agency"
