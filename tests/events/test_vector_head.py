"""The event reader (MiniLM's last layers tuned to type events) on the seed: it reads only
the sentences the parse model takes for events and is unsure of the type of, keeps the parse
model's NONE and status, and types the seed's fighting."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from spacy.tokens import Span

from newsledger.errors import EmbeddingModelNotAvailable, ModelNotAvailable
from newsledger.events import vector_head
from newsledger.events.classifier import EventClassifier, shipped_classifier
from newsledger.events.prediction import NONE, Prediction
from newsledger.events.vector_head import TYPE_SURE, VECTOR_GATE, VectorHead, mix_types
from newsledger.nlp.embeddings import TunedLayers, shared_encoder
from newsledger.nlp.model import load_model
from newsledger.pipeline import Analyzer
from newsledger.settings import DEFAULT_SPACY_MODEL, Settings

SEED = Path(__file__).parent.parent / "data" / "panjshir-2021-09-03.txt"


class CountingEncoder:
    """The shipped encoder, remembering which texts it was asked to encode."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def pooled(self, texts: Sequence[str], top: TunedLayers) -> np.ndarray:
        self.texts.extend(texts)
        return shared_encoder().pooled(texts, top)


@pytest.fixture(scope="module")
def seed_sentences() -> list[Span]:
    nlp = load_model(DEFAULT_SPACY_MODEL)
    return list(nlp(SEED.read_text(encoding="utf-8")).sents)


def test_only_the_event_sentences_are_encoded(seed_sentences: list[Span]) -> None:
    predictions = EventClassifier()(seed_sentences)
    encoder = CountingEncoder()
    refined = VectorHead(encoder=encoder).refine([s.text for s in seed_sentences], predictions)
    chosen = [s.text for s, p in zip(seed_sentences, predictions, strict=True)
              if p.label != NONE and p.none < VECTOR_GATE
              and p.confidence < TYPE_SURE * (1 - p.none)]
    assert encoder.texts == chosen
    assert 0 < len(chosen) < len(seed_sentences) / 4
    for text, before, after in zip(seed_sentences, predictions, refined, strict=True):
        if text.text not in chosen:
            assert after is before
        else:
            assert (after.none, after.status) == (before.none, before.status)
            assert sum(p for _, p in after.probabilities) == pytest.approx(1.0, abs=0.01)
            assert after.confidence == max(p for _, p in after.probabilities)


def test_the_head_reads_only_likely_events_of_an_unsure_type() -> None:
    """Read: an event code is likeliest but has under 0.8 of the event's weight. Left to the
    parse model: a sure type, and a sentence likelier to report nothing than any one event
    (NONE 0.46 against ARMED_CLASH 0.40), though under the NONE gate."""
    seen = CountingEncoder()
    unsure = Prediction(label="ARMED_CLASH", confidence=0.5, status="occurred",
                        status_confidence=0.9, none=0.2,
                        probabilities=(("NONE", 0.2), ("ARMED_CLASH", 0.5), ("ATTACK", 0.3)))
    sure = replace(unsure, none=0.1, confidence=0.85,
                   probabilities=(("NONE", 0.1), ("ARMED_CLASH", 0.85), ("ATTACK", 0.05)))
    background = replace(unsure, label=NONE, none=0.46, confidence=0.46,
                         probabilities=(("NONE", 0.46), ("ARMED_CLASH", 0.40),
                                        ("ATTACK", 0.14)))
    refined = VectorHead(encoder=seen).refine(["unsure", "sure", "background"],
                                              [unsure, sure, background])
    assert seen.texts == ["unsure"]
    assert refined[1:] == [sure, background]


def test_the_head_alone_reads_the_seed_s_fighting_as_a_clash(
        seed_sentences: list[Span]) -> None:
    head = VectorHead()
    text = next(s.text for s in seed_sentences if "fighting is ongoing" in s.text)
    probabilities = dict(zip(head.labels, head([text])[0].tolist(), strict=True))
    assert max(probabilities, key=lambda name: probabilities[name]) == "ARMED_CLASH"


def test_mixing_is_the_mean_of_both_readers_within_the_event_share(
        seed_sentences: list[Span]) -> None:
    text = next(s for s in seed_sentences if "fighting is ongoing" in s.text)
    own = EventClassifier()([text])[0]
    head = VectorHead()
    vector = dict(zip(head.labels, head([text.text])[0].tolist(), strict=True))
    mixed = mix_types(own, vector)
    own_events = 1.0 - own.none
    expected = own_events * (0.5 * own.probability("ARMED_CLASH") / own_events
                             + 0.5 * vector["ARMED_CLASH"] / (1.0 - vector["NONE"]))
    assert mixed.probability("ARMED_CLASH") == pytest.approx(expected, abs=2e-3)
    assert mixed.label == "ARMED_CLASH"


def test_the_shipped_classifier_reads_with_the_head_unless_told_not_to(
        monkeypatch: pytest.MonkeyPatch) -> None:
    assert isinstance(shipped_classifier().refiner, VectorHead)
    assert shipped_classifier(vectors=False).refiner is None
    monkeypatch.setenv("NEWSLEDGER_EVENT_VECTORS", "0")
    settings = Settings.from_env()
    assert settings.event_vectors is False
    assert Analyzer(settings).detect_events.classify.refiner is None
    monkeypatch.setenv("NEWSLEDGER_EVENT_VECTORS", "1")
    assert Settings.from_env().event_vectors is True


class MissingModel:
    def model(self) -> None:
        raise EmbeddingModelNotAvailable("the MiniLM package is not installed")


def test_without_the_minilm_package_the_parse_model_types_alone(
        monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setattr(vector_head, "shared_encoder", MissingModel)
    vector_head.shipped_head.cache_clear()
    try:
        with caplog.at_level(logging.WARNING, logger=vector_head.__name__):
            assert vector_head.shipped_head() is None
        assert "parse model alone" in caplog.text
    finally:
        vector_head.shipped_head.cache_clear()


def test_a_broken_head_file_says_how_to_rebuild_it(tmp_path: Path) -> None:
    broken = tmp_path / "event_reader.npz"
    broken.write_bytes(b"not a model")
    with pytest.raises(ModelNotAvailable, match="make train-events"):
        VectorHead(broken)


def test_a_reader_file_without_its_tuned_layers_says_how_to_rebuild_it(
        tmp_path: Path) -> None:
    """The old head's file (a softmax over frozen vectors) has no layers to run."""
    old = tmp_path / "event_vector_head.npz"
    np.savez(old, labels=np.array(["NONE", "ATTACK"]), weights=np.zeros((384, 2)),
             bias=np.zeros(2))
    with pytest.raises(ModelNotAvailable, match=r"lacks 'base'.*make train-events"):
        VectorHead(old)


def test_a_truncated_reader_file_says_how_to_rebuild_it(tmp_path: Path) -> None:
    shipped = Path(vector_head.__file__).parent.parent / "data" / vector_head.VECTOR_HEAD_FILE
    cut = tmp_path / "event_reader.npz"
    cut.write_bytes(shipped.read_bytes()[: shipped.stat().st_size // 2])
    with pytest.raises(ModelNotAvailable, match="make train-events"):
        VectorHead(cut)


def test_newsledger_never_loads_pytorch() -> None:
    """PyTorch is for training only (.venv/train): spaCy's thinc would import it in every
    process if it could (180 MB more, a slower start)."""
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", "import sys, spacy, newsledger.pipeline, newsledger.cli; "
         "print('torch' in sys.modules)"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"
