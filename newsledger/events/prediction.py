"""What the event classifier says of one sentence, and how its model files are read, shared
by its two readers: the parse model (``events.classifier``) and the tuned MiniLM reader
(``events.vector_head``)."""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Protocol

import numpy as np

from newsledger.errors import ModelNotAvailable
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


def read_model_arrays(file_name: str, names: Sequence[str] | None,
                      path: Path | None = None) -> dict[str, np.ndarray]:
    """The arrays ``names`` (all when None) of a model file shipped in ``newsledger/data``
    (or of ``path``); a missing, broken or incomplete file is ModelNotAvailable, saying how
    to rebuild it."""
    try:
        source = path or resources.files("newsledger.data").joinpath(file_name)
        with resources.as_file(source) as file, np.load(file, allow_pickle=False) as z:
            return {name: z[name] for name in (z.files if names is None else names)}
    except (OSError, KeyError, ValueError, EOFError, zipfile.BadZipFile, zlib.error) as exc:
        raise ModelNotAvailable(
            f"the event model {file_name} cannot be read ({exc}); reinstall newsledger or "
            "rebuild it with `make train-events`") from exc
