"""The shipped event classifier on real sentences: the seed, and the kinds of sentence the
benchmarks showed the rules getting wrong."""

from __future__ import annotations

import pytest

from newsledger.events.classifier import NONE, EventClassifier, shipped_classifier
from newsledger.nlp.model import load_model
from newsledger.settings import DEFAULT_SPACY_MODEL


@pytest.fixture(scope="module")
def classify():  # type: ignore[no-untyped-def]
    nlp = load_model(DEFAULT_SPACY_MODEL)
    model = shipped_classifier()

    def run(text: str):  # type: ignore[no-untyped-def]
        return model([nlp(text)[:]])[0]
    return run


def test_the_seed_s_fighting_is_an_armed_clash(classify) -> None:  # type: ignore[no-untyped-def]
    p = classify("According to the Al Arabiya report, fighting is ongoing between Taliban "
                 "fighters and the forces of anti-Taliban resistance front in Panjshir.")
    assert p.label == "ARMED_CLASH" and p.none < 0.5


@pytest.mark.parametrize("text", [
    "Nadal keeps Spain alive in the Davis Cup with a win over the Argentine.",
    "Astronomers say the stellar explosions seeded the early galaxy with heavy elements.",
    "Shares in the carmaker crashed after the profit warning.",
    "The senator came under fire from his own party for the remarks.",
])
def test_conflict_words_in_other_senses_are_no_event(classify, text: str) -> None:  # type: ignore[no-untyped-def]
    assert classify(text).label == NONE


@pytest.mark.parametrize(("text", "expected"), [
    ("Thousands of people marched through the capital demanding the president's resignation.",
     {"PEACE_PROTEST"}),
    ("A fire tore through a six-apartment building on Main Street, leaving 18 people homeless.",
     {"MAN_MADE_DISASTER"}),
    ("Police arrested the suspect a block from the station.", {"ARREST"}),
])
def test_event_sentences_get_their_type(classify, text: str, expected: set[str]) -> None:  # type: ignore[no-untyped-def]
    assert classify(text).label in expected


def test_negated_and_planned_events_carry_their_status(classify) -> None:  # type: ignore[no-untyped-def]
    assert classify("No arrests have been made in the case so far.").status == "negated"
    assert classify("Opposition groups plan to march on parliament on Saturday.").status == (
        "planned")


def test_confidences_are_probabilities_without_ties(classify) -> None:  # type: ignore[no-untyped-def]
    p = classify("Gunmen stormed a village in northern Nigeria, killing 12 people.")
    probabilities = sorted(v for _name, v in p.probabilities)
    assert abs(sum(probabilities) - 1) < 1e-3
    assert probabilities[-1] > probabilities[-2]
    assert p.confidence == probabilities[-1]


def test_a_missing_model_file_says_how_to_rebuild_it(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from newsledger.errors import ModelNotAvailable

    with pytest.raises(ModelNotAvailable, match="make train-events"):
        EventClassifier(tmp_path / "absent.npz")
