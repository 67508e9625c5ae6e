"""Many pairs scored at once give what one pair at a time gives, on real reports."""

from __future__ import annotations

import json
from itertools import combinations
from pathlib import Path

import numpy as np
import pytest

from newsledger.stories.pair_arrays import by_first
from newsledger.stories.similarity import SharedWords, embedding_similarity

REPORTS = Path(__file__).resolve().parents[1] / "data" / "stories" / "reports.json"


def _texts() -> list[str]:
    return [entry["text"] for entry in json.loads(REPORTS.read_text(encoding="utf-8")).values()]


def _pairs(n: int) -> tuple[np.ndarray, np.ndarray]:
    pairs = np.array([(j, i) if (i + j) % 3 else (i, j) for i, j in combinations(range(n), 2)])
    return pairs[:, 0], pairs[:, 1]  # first indices out of order, as candidate pairs come


def test_tfidf_cosines_of_many_pairs_are_those_of_one_pair_at_a_time() -> None:
    texts = _texts()
    words = SharedWords(texts)
    first, second = _pairs(len(texts))
    many = words.many(first, second)
    one = [words.cosine(int(i), int(j)) for i, j in zip(first, second, strict=True)]
    assert np.allclose(many, one, atol=1e-12)
    assert 0 < many.max() <= 1.0 and (many > 0.3).sum() >= 4  # the reports of one incident


def test_embedding_cosines_of_many_pairs_are_those_of_one_pair_at_a_time() -> None:
    texts = _texts()
    score = embedding_similarity(texts)
    first, second = _pairs(len(texts))
    many = score.many(first, second)  # type: ignore[attr-defined]
    one = [score(int(i), int(j)) for i, j in zip(first, second, strict=True)]
    assert np.allclose(many, one, atol=1e-6)


def test_scores_come_back_in_the_pairs_order() -> None:
    first, second = np.array([2, 0, 2, 1]), np.array([5, 7, 3, 9])

    def row(i: int, js: np.ndarray) -> np.ndarray:
        return (i * 100.0 + js).astype(np.float64)

    assert by_first(first, second, row).tolist() == [205.0, 7.0, 203.0, 109.0]
    assert by_first(first[:0], second[:0], row).tolist() == []


@pytest.mark.parametrize("n", [1, 2])
def test_tiny_inputs(n: int) -> None:
    words = SharedWords(_texts()[:n])
    first, second = np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    assert words.many(first, second).tolist() == []


def test_no_pair_encodes_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Grouping a lone event scores no pair: the model is neither loaded nor run."""
    from newsledger.stories import similarity

    def refuse() -> None:
        raise AssertionError("encoded with no pair to score")

    monkeypatch.setattr(similarity, "shared_encoder", refuse)
    score = embedding_similarity(_texts())
    empty = np.zeros(0, dtype=np.int64)
    assert score.many(empty, empty).tolist() == []  # type: ignore[attr-defined]
