"""What the event classifier says of one sentence, shared by its two readers: the parse
model (``events.classifier``) and the sentence-vector head (``events.vector_head``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from newsledger.records import EventStatus

NONE = "NONE"


@dataclass(frozen=True)
class Prediction:
    """What the model says of one sentence: the label (an event code or ``NONE``) with its
    probability, the event's status with its probability, and the probability of NONE."""

    label: str
    confidence: float
    status: EventStatus
    status_confidence: float
    none: float
    probabilities: tuple[tuple[str, float], ...]

    def probability(self, label: str) -> float:
        return next((p for name, p in self.probabilities if name == label), 0.0)


class SentenceRefiner(Protocol):
    """A second reader of the sentences' texts that refines the parse model's predictions
    (over the same ``labels``)."""

    labels: tuple[str, ...]

    def refine(self, texts: Sequence[str], predictions: Sequence[Prediction]
               ) -> list[Prediction]: ...
