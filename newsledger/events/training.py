"""Training the event classifier (``newsledger.events.classifier``) from labelled sentences.

Deterministic: the same sentences give the same model file, byte for byte (L-BFGS from
zeros, a split drawn from a seeded generator, a zip written with fixed timestamps). The
steps: parse every sentence with the pipeline's spaCy model, keep the features seen at
least ``min_count`` times, fit the type model on a seeded split, fit a temperature on the
held-out part, report its accuracy and calibration, then fit both models on all sentences.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy import optimize, sparse

from newsledger.events.classifier import sentence_features
from newsledger.events.prediction import NONE
from newsledger.nlp.model import load_model

STATUSES = ("occurred", "planned", "threatened", "denied", "negated")
FIXED_ZIP_TIME = (2020, 1, 1, 0, 0, 0)
L2 = 2e-6  # on CASE 2021 (the classifier alone): 1e-4 0.62, 2e-5 0.68, 5e-6 0.69, 2e-6 0.71


@dataclass(frozen=True)
class Example:
    text: str
    label: str
    status: str
    source: str


@dataclass(frozen=True)
class TrainingReport:
    examples: int
    features: int
    labels: dict[str, int]
    heldout_accuracy: float
    heldout_event_accuracy: float
    heldout_ece: float
    temperature: float


def read_examples(paths: Iterable[Path], labels: Sequence[str]) -> list[Example]:
    """The labelled sentences of JSON Lines files; a bad line names its file and number."""
    known = set(labels) | {NONE}
    seen: set[str] = set()
    out: list[Example] = []
    for path in sorted(paths):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                text, label = str(row["text"]).strip(), str(row["label"])
                status = str(row.get("status") or "occurred")
            except (ValueError, KeyError, TypeError) as exc:
                raise ValueError(f"{path}:{number}: not a labelled sentence ({exc})") from exc
            if label not in known or status not in STATUSES:
                raise ValueError(f"{path}:{number}: unknown label {label!r} or status {status!r}")
            key = " ".join(text.lower().split())
            if text and key not in seen:
                seen.add(key)
                out.append(Example(text, label, status, path.name))
    return out


def featurise(texts: Sequence[str], spacy_model: str) -> list[list[str]]:
    nlp = load_model(spacy_model)
    return [sentence_features(doc[:]) for doc in nlp.pipe(texts, batch_size=256)]


def vocabulary(rows: Sequence[Sequence[str]], min_count: int) -> list[str]:
    counts = Counter(f for row in rows for f in set(row))
    return sorted(f for f, n in counts.items() if n >= min_count)


def matrix(rows: Sequence[Sequence[str]], index: dict[str, int]) -> sparse.csr_matrix:
    indptr, cols = [0], []
    for row in rows:
        cols.extend(sorted({index[f] for f in row if f in index}))
        indptr.append(len(cols))
    lengths = np.diff(np.array(indptr))
    data = np.repeat(1.0 / np.sqrt(np.maximum(lengths, 1)), lengths)  # unit-length rows
    return sparse.csr_matrix((data, cols, indptr), shape=(len(rows), len(index)))


def fit_softmax(x: sparse.csr_matrix | np.ndarray, y: np.ndarray, classes: int,
                l2: float) -> tuple[np.ndarray, np.ndarray]:
    """Multinomial logistic regression with an L2 penalty on the weights, by L-BFGS."""
    n, f = x.shape
    onehot = np.zeros((n, classes))
    onehot[np.arange(n), y] = 1.0

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        w, b = theta[: f * classes].reshape(f, classes), theta[f * classes:]
        scores = x @ w + b
        scores -= scores.max(axis=1, keepdims=True)
        logp = scores - np.log(np.exp(scores).sum(axis=1, keepdims=True))
        p = np.exp(logp)
        value = -(onehot * logp).sum() / n + 0.5 * l2 * float((w * w).sum())
        diff = (p - onehot) / n
        grad_w = np.asarray(x.T @ diff) + l2 * w
        return value, np.concatenate([grad_w.ravel(), diff.sum(axis=0)])

    start = np.zeros(f * classes + classes)
    result = optimize.minimize(loss, start, jac=True, method="L-BFGS-B",
                               options={"maxiter": 600})
    return result.x[: f * classes].reshape(f, classes), result.x[f * classes:]


def fit_temperature(scores: np.ndarray, y: np.ndarray) -> float:
    """The temperature that minimises the held-out negative log-likelihood."""
    def nll(t: float) -> float:
        s = scores / t
        s = s - s.max(axis=1, keepdims=True)
        logp = s - np.log(np.exp(s).sum(axis=1, keepdims=True))
        return float(-logp[np.arange(len(y)), y].mean())

    found = optimize.minimize_scalar(nll, bounds=(0.25, 5.0), method="bounded")
    return round(float(found.x), 4)


def expected_calibration_error(probs: np.ndarray, y: np.ndarray, bins: int = 10) -> float:
    confidence, predicted = probs.max(axis=1), probs.argmax(axis=1)
    error = 0.0
    for low in np.linspace(0, 1, bins, endpoint=False):
        inside = (confidence > low) & (confidence <= low + 1 / bins)
        if inside.any():
            gap = abs((predicted[inside] == y[inside]).mean() - confidence[inside].mean())
            error += inside.mean() * gap
    return round(float(error), 4)


def train(examples: Sequence[Example], labels: Sequence[str], spacy_model: str, *,
          seed: int = 13, min_count: int = 2, l2: float = L2,
          heldout_share: float = 0.15) -> tuple[dict[str, np.ndarray], TrainingReport]:
    """The model's arrays and a report of its held-out accuracy and calibration."""
    all_labels = [NONE, *sorted(set(labels))]
    rows = featurise([e.text for e in examples], spacy_model)
    features = vocabulary(rows, min_count)
    index = {f: i for i, f in enumerate(features)}
    x = matrix(rows, index)
    y = np.array([all_labels.index(e.label) for e in examples])
    order = np.random.default_rng(seed).permutation(len(examples))
    cut = int(len(examples) * (1 - heldout_share))
    train_ix, held_ix = np.sort(order[:cut]), np.sort(order[cut:])
    w, b = fit_softmax(x[train_ix], y[train_ix], len(all_labels), l2)
    held_scores = np.asarray(x[held_ix] @ w + b)
    temperature = fit_temperature(held_scores, y[held_ix])
    held_probs = _softmax_rows(held_scores / temperature)
    predicted = held_probs.argmax(axis=1)
    events = y[held_ix] != 0
    w, b = fit_softmax(x, y, len(all_labels), l2)
    happened = [i for i, e in enumerate(examples) if e.label != NONE]
    sy = np.array([STATUSES.index(examples[i].status) for i in happened])
    sw, sb = fit_softmax(x[happened], sy, len(STATUSES), l2)
    arrays = {
        "features": np.array(features), "labels": np.array(all_labels),
        "statuses": np.array(STATUSES),
        "type_weights": w.astype(np.float32), "type_bias": b.astype(np.float32),
        "status_weights": sw.astype(np.float32), "status_bias": sb.astype(np.float32),
        "temperature": np.array(temperature),
    }
    report = TrainingReport(
        examples=len(examples), features=len(features),
        labels=dict(sorted(Counter(e.label for e in examples).items())),
        heldout_accuracy=round(float((predicted == y[held_ix]).mean()), 4),
        heldout_event_accuracy=round(float((predicted[events] == y[held_ix][events]).mean()), 4),
        heldout_ece=expected_calibration_error(held_probs, y[held_ix]),
        temperature=temperature,
    )
    return arrays, report


def _softmax_rows(scores: np.ndarray) -> np.ndarray:
    s = np.exp(scores - scores.max(axis=1, keepdims=True))
    return np.asarray(s / s.sum(axis=1, keepdims=True))


def save_model(arrays: dict[str, np.ndarray], path: Path) -> None:
    """An ``.npz`` file that is the same bytes for the same arrays (fixed zip timestamps)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(arrays):
            buffer = io.BytesIO()
            np.save(buffer, arrays[name], allow_pickle=False)
            info = zipfile.ZipInfo(f"{name}.npy", date_time=FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, buffer.getvalue())


def near_duplicates(examples: Sequence[Example], texts: Iterable[tuple[str, str]],
                    share: float = 0.5, n: int = 5) -> list[tuple[Example, str]]:
    """Training sentences with at least ``share`` of their word ``n``-grams inside one of
    ``texts`` (name, text): copies or close paraphrases of evaluation data."""
    owner: dict[tuple[str, ...], str] = {}
    for name, text in texts:
        for gram in _grams(text, n):
            owner.setdefault(gram, name)
    found = []
    for e in examples:
        grams = _grams(e.text, n)
        if not grams:
            continue
        hits = Counter(owner[g] for g in grams if g in owner)
        if hits and hits.most_common(1)[0][1] / len(grams) >= share:
            found.append((e, hits.most_common(1)[0][0]))
    return found


def _grams(text: str, n: int) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}
