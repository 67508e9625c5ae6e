"""The training script on a tiny data set: it learns, and rebuilds the same file."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from newsledger.events.classifier import EventClassifier
from newsledger.events.training import Example, near_duplicates, read_examples
from newsledger.events.vector_head import VectorHead
from newsledger.records import EVENT_TYPES

TINY = Path(__file__).resolve().parents[1] / "data" / "events"


def _train(out: Path) -> str:
    import scripts.train_event_model as script

    head = out.with_suffix(".head.npz")
    assert script.main(["--data", str(TINY), "--out", str(out), "--vector-out", str(head),
                        "--check"]) == 0
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
