"""Event types refined by the words of the clause and by the kind of the parties."""

from __future__ import annotations

import pytest

CASES = [
    ("Two policemen were wounded in a grenade attack on a market in Dakar on Friday.",
     "GRENADE"),
    ("Rebels used mustard gas in an attack on the town, a monitoring group said.",
     "CHEM_WEAP"),
    ("Islamic State fighters recaptured the village of Kashma from the Syrian army.",
     "NON_STATE_ACTOR_OVERTAKES_TER"),
    ("Government troops recaptured the town of Marib after weeks of fighting.",
     "GOV_REGAINS_TERIT"),
    ("Police said weapons and ammunition were seized from two hostels during raids.",
     "DISR_WEAP"),
    ("Soldiers discovered an underground tunnel filled with rockets and explosives.",
     "DISR_WEAP"),
    # ACLED: a protest dispersed with tear gas, no one killed or badly hurt, is a protest
    # with intervention; excessive force is lethal or injuring force
    ("Police fired tear gas to disperse protesters outside parliament on Sunday.",
     "PROTEST_WITH_INTER"),
    ("Protesters smashed shop windows and set cars on fire as the rally turned violent.",
     "VIOL_DEMONSTR"),
    # ACLED's order: the demonstrators' violence makes a riot even when police answer
    ("Protesters hurled rocks at police, who fired tear gas to disperse the crowd.",
     "VIOL_DEMONSTR"),
    ("Four workers were injured when a fuel tank exploded at a gas plant on Thursday.",
     "MAN_MADE_DISASTER"),
    ("Militants attacked an army checkpoint near the border, killing three soldiers.",
     "ARMED_CLASH"),
    ("The Pakistani Taliban claimed responsibility for the bombing in Peshawar.", "ATTRIB"),
]


@pytest.mark.parametrize(("sentence", "expected"), CASES)
def test_type_by_clause_and_parties(analyse_text, sentence: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    a = analyse_text(sentence, published="2021-05-07")
    assert expected in [v.type for v in a.events], [v.type for v in a.events]


def test_discovering_the_truth_is_no_disarmament(analyse_text) -> None:  # type: ignore[no-untyped-def]
    a = analyse_text("Investigators discovered that the minister had lied about the contract.")
    assert "DISR_WEAP" not in [v.type for v in a.events]


# ACLED's order where the model reads a riot: the only violence is the security forces'
# ("riot police" names a unit, not a riot), or lethal force meets the crowd: excessive force
@pytest.mark.parametrize("sentence", [
    "Security forces used excessive and lethal force to crush largely peaceful protests in "
    "several cities, a rights group said on Tuesday.",
    "Riot police smashed the windows of cars with drivers still inside as demonstrators "
    "blocked the main road on Saturday.",
])
def test_force_of_the_state_against_a_crowd_is_no_riot(  # type: ignore[no-untyped-def]
        analyse_text, sentence: str) -> None:
    types = [v.type for v in analyse_text(sentence, published="2021-05-07").events]
    assert "FORCE_AGAINST_PROTEST" in types and "VIOL_DEMONSTR" not in types, types


def test_a_report_of_a_lethal_crackdown_is_excessive_force(analyzer) -> None:  # type: ignore[no-untyped-def]
    """Amnesty on Iran's November 2019 protests (a benchmark page's ground-truth body):
    killings by security forces, riot police smashing car windows, a handful of demonstrators
    blocking roads: the crackdown is one FORCE_AGAINST_PROTEST, not a riot."""
    from newsledger.records import Document
    from tests.conftest import DATA

    text = (DATA / "articles" / "amnesty-iran-panarmenian.txt").read_text(encoding="utf-8")
    analysis = analyzer.analyze(Document("amnesty", "amnesty.txt", text,
                                         published="2019-11-19T00:00:00"))
    types = [e.type for e in analysis.events]
    assert "FORCE_AGAINST_PROTEST" in types and "VIOL_DEMONSTR" not in types, types
