"""The training script on a tiny data set: it learns, and rebuilds the same file."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np

from newsledger.events.classifier import EventClassifier
from newsledger.events.training import Example, near_duplicates, read_examples
from newsledger.events.vector_head import VectorHead
from newsledger.records import EVENT_TYPES

TINY = Path(__file__).resolve().parents[1] / "data" / "events"
TINY_EPOCHS = 40  # 2 batches an epoch: 80 steps to learn 36 sentences


def _train(out: Path) -> str:
    import scripts.train_event_model as script

    head = out.with_suffix(".head.npz")
    assert script.main(["--data", str(TINY), "--out", str(out), "--vector-out", str(head),
                        "--check", "--layers", "1", "--epochs", str(TINY_EPOCHS)]) == 0
    return hashlib.sha256(out.read_bytes() + head.read_bytes()).hexdigest()


def test_training_is_repeatable_byte_for_byte_and_learns(tmp_path: Path) -> None:
    first, second = _train(tmp_path / "a.npz"), _train(tmp_path / "b.npz")
    assert first == second
    model = EventClassifier(tmp_path / "a.npz")
    from newsledger.nlp.model import load_model
    from newsledger.settings import DEFAULT_SPACY_MODEL

    nlp = load_model(DEFAULT_SPACY_MODEL)
    rows = [json.loads(line) for line in (TINY / "tiny_sentences.jsonl").open()]
    predicted = model([nlp(r["text"])[:] for r in rows])
    right = sum(p.label == r["label"] for p, r in zip(predicted, rows, strict=True))
    assert right / len(rows) > 0.8  # the training sentences themselves
    head = VectorHead(tmp_path / "a.head.npz")
    typed = head([r["text"] for r in rows]).argmax(axis=1)
    right = sum(head.labels[i] == r["label"] for i, r in zip(typed, rows, strict=True))
    assert right / len(rows) > 0.8


def test_the_numpy_reader_gives_the_probabilities_of_the_trained_torch_one(
        tmp_path: Path) -> None:
    """The tuned layers saved (float16) and run by the package on numpy type as the PyTorch
    model they came from: the layout of every weight survives the round trip. The weights
    are moved well away from MiniLM's own first, so that running the untuned layers, or any
    slip of layout, shows."""
    import scripts.tune_event_reader as tuning  # puts .venv/train, with torch, on the path
    from newsledger.events.training import save_model
    from newsledger.nlp.embeddings import TunedLayers, shared_encoder

    torch = tuning.torch

    examples = read_examples([TINY / "tiny_sentences.jsonl"], EVENT_TYPES)
    texts = [e.text for e in examples]
    labels = ["NONE", *sorted(EVENT_TYPES)]
    model = shared_encoder().model()
    plan = tuning.TuningPlan(layers=2, epochs=3)
    base = len(model.layers) - plan.layers
    states = tuning.base_states(model, texts, base)
    y = np.array([labels.index(e.label) for e in examples])
    reader = tuning.fit(model, states, y, np.arange(len(examples)), plan, 13, len(labels),
                 log=lambda _: None)
    with torch.no_grad():
        noise = torch.Generator().manual_seed(5)
        for parameter in reader.parameters():
            parameter.add_(torch.randn(parameter.shape, generator=noise) * 0.05)
    save_model(tuning.reader_arrays(reader, base, labels), tmp_path / "reader.npz")
    head = VectorHead(tmp_path / "reader.npz")
    on_numpy, on_torch = head(texts), tuning.probabilities(reader, states)
    assert on_numpy.shape == on_torch.shape == (len(examples), len(labels))
    assert np.abs(on_numpy - on_torch).max() < 0.01
    assert (on_numpy.argmax(axis=1) == on_torch.argmax(axis=1)).mean() > 0.9
    untuned = shared_encoder().pooled(texts, TunedLayers(base, model.layers[base:]))
    scores = untuned @ head.weights + head.bias
    plain = np.exp(scores - scores.max(axis=1, keepdims=True))
    plain /= plain.sum(axis=1, keepdims=True)
    assert np.abs(plain - on_torch).max() > 10 * np.abs(on_numpy - on_torch).max()


def test_bad_lines_name_their_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "A bomb exploded.", "label": "BOMBING"}\n', encoding="utf-8")
    try:
        read_examples([bad], EVENT_TYPES)
    except ValueError as exc:
        assert "bad.jsonl:1" in str(exc) and "BOMBING" in str(exc)
    else:
        raise AssertionError("an unknown label was accepted")


def test_near_duplicates_of_evaluation_text_are_found() -> None:
    examples = [
        Example("Gunmen killed four farmers near the border town on Sunday.", "ATTACK",
                "occurred", "a.jsonl"),
        Example("The council will vote on the budget next month.", "NONE", "occurred", "a.jsonl"),
    ]
    texts = [("snippet-1", "Police said gunmen killed four farmers near the border town on "
                           "Sunday night.")]
    found = near_duplicates(examples, texts)
    assert [(e.label, name) for e, name in found] == [("ATTACK", "snippet-1")]
