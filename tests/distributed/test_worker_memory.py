"""A batch worker's memory stays bounded: spaCy's vocabulary (and the caches that grow with
it) is dropped by reloading the pipeline once it has grown by ``VOCAB_GROWTH`` words, and each
shard reports the worker's memory (issue 9)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from newsledger.distributed import worker
from newsledger.distributed.output import read_done
from newsledger.distributed.runner import ClusterSpec, run_batch
from newsledger.nlp.model import load_model
from tests.conftest import SEED, analyse_file


@pytest.fixture
def fresh_worker(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(worker, "_ANALYZERS", {})
    load_model.cache_clear()  # not the pipeline other tests have grown
    yield
    load_model.cache_clear()


def test_the_pipeline_is_reloaded_once_the_vocabulary_has_grown(
        fresh_worker: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(worker, "VOCAB_GROWTH", 200)
    first = worker.analyzer()
    loaded = len(first.nlp.vocab)
    first.nlp(SEED.read_text(encoding="utf-8"))  # a real article: well under 200 new words
    assert worker.analyzer() is first
    first.nlp(" ".join(f"Qarzai{i}stan" for i in range(300)))  # 300 words never seen
    assert len(first.nlp.vocab) > loaded + 200
    second = worker.analyzer()
    assert second is not first and second.nlp is not first.nlp
    assert len(second.nlp.vocab) == loaded
    outcome = analyse_file(second, SEED)
    assert outcome.analysis is not None and len(outcome.analysis.events) > 3


def test_each_shard_reports_the_workers_memory(tmp_path: Path) -> None:
    run_batch([str(SEED)], tmp_path / "out", 10, ClusterSpec(workers=1, processes=False))
    [info] = read_done(tmp_path / "out").values()
    assert 100 < info["rss_mib"] <= info["peak_rss_mib"]
    assert info["vocab"] > 1000 and str(info["worker"]).startswith(("inproc://", "tcp://"))
