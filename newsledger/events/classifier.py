"""The trained event classifier: for a sentence, NONE or one event code, and the event's
status (occurred, planned, threatened, denied, negated), each with a calibrated confidence.

Two multinomial logistic regressions over sparse features of the parse (words, lemmas, lemma
pairs, the root and its arguments, negation and modality, entity types) share one feature
vocabulary. They are trained by ``scripts/train_event_model.py`` on the labelled sentences of
``data/events/`` (see its data card) and shipped as ``newsledger/data/event_model.npz``;
predicting is a sum of weight rows and a softmax with a fitted temperature, on the CPU.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import TypeGuard, get_args

import numpy as np
from spacy.tokens import Span, Token

from newsledger.errors import ModelNotAvailable
from newsledger.events.prediction import NONE, Prediction, SentenceRefiner, read_model_arrays
from newsledger.events.triggers import LEMMAS, NON_EVENT_HEADS, PHRASES, TRIGGER_POS
from newsledger.events.vector_head import shipped_head
from newsledger.records import EventStatus

MODEL_FILE = "event_model.npz"
MODEL_ARRAYS = ("features", "labels", "statuses", "type_weights", "type_bias",
                "status_weights", "status_bias", "temperature")
ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "agent", "attr", "pobj", "xcomp",
                           "ccomp", "prep", "advcl", "conj", "compound", "amod"})
MODALS = frozenset({"will", "would", "could", "may", "might", "should", "shall", "can"})
# What a sentence ends with; a short one that ends otherwise is a headline.
SENTENCE_END_MARKS = (".", "?", "!", '"', "”")


def sentence_features(sent: Span) -> list[str]:
    """The sparse features of one parsed sentence (strings; unknown ones are ignored)."""
    words = [t for t in sent if not (t.is_space or t.is_punct)]
    lemmas = [t.lemma_.lower() for t in words]
    feats = {f"w={t.lower_}" for t in words}
    feats |= {f"l={lemma}" for lemma in lemmas}
    feats |= {f"b={a}_{b}" for a, b in pairwise(lemmas)}
    feats |= {f"e={t.ent_type_}" for t in words if t.ent_type_}
    if any(t.like_num for t in words):
        feats.add("num")
    root = sent.root
    feats.add(f"root={root.lemma_.lower()}")
    feats |= _syntax(root, "r")
    for tok in words:
        if tok.pos_ in {"VERB", "NOUN"} and tok.i != root.i:
            feats |= _syntax(tok, "v")
    if len(words) <= 14 and not sent.text.rstrip().endswith(SENTENCE_END_MARKS):
        feats.add("headline")
    feats |= {f"trig={t}" for t in trigger_types(sent)}
    return sorted(feats)


def trigger_types(sent: Span) -> set[str]:
    """The event types the trigger lexicon (``events.triggers``) finds in the sentence: the
    rules' judgement, one feature among the others for the model to weigh."""
    lowered = sent.text.lower()
    found = {t.type for phrase, t in PHRASES.items() if phrase in lowered}
    for tok in sent:
        hit = LEMMAS.get(tok.lemma_.lower())
        if hit is not None and tok.pos_ in TRIGGER_POS and (
                tok.head.lower_ not in NON_EVENT_HEADS):
            found.add(hit.type)
    return found


def _syntax(head: Token, prefix: str) -> set[str]:
    """The head's arguments and modifiers: negation, modals, dependents by relation."""
    lemma = head.lemma_.lower()
    out: set[str] = set()
    for child in head.children:
        dep = child.dep_
        if dep == "neg":
            out |= {f"{prefix}neg", f"{prefix}neg={lemma}"}
        elif dep == "aux" and child.lower_ in MODALS:
            out |= {f"{prefix}modal={child.lower_}", f"{prefix}modal"}
        elif dep in ARGUMENT_DEPS:
            out.add(f"{prefix}:{dep}={lemma}>{child.lemma_.lower()}")
    if head.tag_:
        out.add(f"{prefix}tag={head.tag_}")
    return out


class EventClassifier:
    """Stage: parsed sentences → ``Prediction`` (NONE or an event code, and a status)."""

    def __init__(self, path: Path | None = None,
                 refiner: SentenceRefiner | None = None) -> None:
        z = read_model_arrays(MODEL_FILE, MODEL_ARRAYS, path)
        features = [str(f) for f in z["features"]]
        self.labels = tuple(str(x) for x in z["labels"])
        self.statuses = tuple(str(x) for x in z["statuses"])
        self.type_bias = z["type_bias"].astype(np.float32)
        self.status_bias = z["status_bias"].astype(np.float32)
        self.temperature = float(z["temperature"])
        self.index = {f: i for i, f in enumerate(features)}
        # one gather for both models: the type's columns, then the status's (one copy kept)
        self.weights = np.hstack([z["type_weights"], z["status_weights"]]).astype(np.float32)
        self.split = len(self.labels)
        self.none_at = self.labels.index(NONE) if NONE in self.labels else -1
        if refiner is not None and set(refiner.labels) != set(self.labels):
            raise ModelNotAvailable(
                "the event model and its MiniLM reader were trained on different "
                "labels; rebuild both with `make train-events`")
        self.refiner = refiner

    def __call__(self, sents: list[Span]) -> list[Prediction]:
        predictions = [self.predict_features(sentence_features(s)) for s in sents]
        if self.refiner is None:
            return predictions
        return self.refiner.refine([s.text for s in sents], predictions)

    def predict_features(self, features: list[str]) -> Prediction:
        rows = sorted({self.index[f] for f in features if f in self.index})
        norm = 1.0 / np.sqrt(max(len(rows), 1))  # rows of unit length, as in training
        summed = self.weights[rows].sum(axis=0) * norm
        type_p = _softmax((summed[: self.split] + self.type_bias) / self.temperature)
        status_p = _softmax(summed[self.split:] + self.status_bias)
        best = int(np.argmax(type_p))  # argmax: the first of equal values, never a tie
        status = int(np.argmax(status_p))
        status_name = self.statuses[status]
        rounded = np.round(type_p, 4).tolist()
        return Prediction(
            label=self.labels[best], confidence=rounded[best],
            status=status_name if _is_status(status_name) else "occurred",
            status_confidence=round(float(status_p[status]), 4),
            none=rounded[self.none_at] if self.none_at >= 0 else 0.0,
            probabilities=tuple(zip(self.labels, rounded, strict=True)),
        )


def _is_status(name: str) -> TypeGuard[EventStatus]:
    return name in get_args(EventStatus)


def _softmax(scores: np.ndarray) -> np.ndarray:
    shifted = np.exp(scores - scores.max())
    return np.asarray(shifted / shifted.sum())


@lru_cache(maxsize=2)
def shipped_classifier(vectors: bool = True) -> EventClassifier:
    """The classifier shipped with the package, loaded once per process: with its
    tuned MiniLM reader (``events.vector_head``) where the MiniLM package is installed,
    unless ``vectors`` is False."""
    return EventClassifier(refiner=shipped_head() if vectors else None)
