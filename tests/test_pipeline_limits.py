"""Per-document limits of the pipeline: a stuck stage is stopped as ``timeout`` in the main
thread and in worker threads and the next document is analysed; memory stays bounded on
the 50 MB page and the 100,000-deep HTML; the CLI reports a mixed run line by line."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from newsledger.cli import app
from newsledger.errors import RejectedInput
from newsledger.records import Document, Outcome, Page
from tests.conftest import SEED

STORY = SEED.read_text(encoding="utf-8")
STUCK = "The ceasefire talks were stuck."


@pytest.fixture
def stuck_analyzer(analyzer: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    """The session's analyzer, warmed up, with a 3 s limit (the seed takes under 1 s warm)
    and an event stage that never ends on a document containing ``STUCK`` (a loop of short
    sleeps, as a pathological stage spins)."""
    analyzer.analyze(Document("warm", "warm", STORY))
    monkeypatch.setattr(analyzer, "settings", replace(analyzer.settings, doc_timeout_s=3.0))
    real = analyzer.detect_events

    def detect_events(*args: Any) -> Any:
        if STUCK in args[1].text:
            while True:
                time.sleep(0.01)
        return real(*args)

    monkeypatch.setattr(analyzer, "detect_events", detect_events)
    return analyzer


def _pages() -> list[Page]:
    stuck = STORY.replace("\n\n", f"\n\n{STUCK}\n\n", 1)
    return [Page("stuck.txt", stuck, "text"), Page(str(SEED), STORY, "text")]


def _check(outcomes: list[Outcome], took: float) -> None:
    stuck, good = outcomes
    assert stuck.rejection is not None and stuck.rejection.reason == "timeout"
    assert "3 s" in stuck.rejection.detail
    assert "NEWSLEDGER_DOC_TIMEOUT_S" in stuck.rejection.detail
    assert good.analysis is not None and len(good.analysis.events) >= 5
    assert took < 15


def test_a_stuck_stage_times_out_in_the_main_thread(stuck_analyzer: Any) -> None:
    start = time.monotonic()
    outcomes = list(stuck_analyzer.run(_pages()))
    _check(outcomes, time.monotonic() - start)


def test_a_stuck_stage_times_out_in_a_worker_thread(stuck_analyzer: Any) -> None:
    """Dask runs tasks in the threads of a pool, as here."""
    start = time.monotonic()
    with ThreadPoolExecutor(max_workers=1) as pool:
        outcomes = pool.submit(lambda: list(stuck_analyzer.run(_pages()))).result()
    _check(outcomes, time.monotonic() - start)


def test_a_stuck_stage_times_out_in_batched_analysis(stuck_analyzer: Any) -> None:
    """``run`` in nlp.pipe batches of two keeps the limit."""
    start = time.monotonic()
    outcomes = list(stuck_analyzer.run(_pages(), batch_size=2))
    _check(outcomes, time.monotonic() - start)


def test_a_stuck_stage_times_out_when_a_document_is_analysed_alone(stuck_analyzer: Any) -> None:
    """``analyze`` (one document, as the API's analyse) raises the rejection."""
    stuck = STORY.replace("\n\n", f"\n\n{STUCK}\n\n", 1)
    start = time.monotonic()
    with pytest.raises(RejectedInput) as caught:
        stuck_analyzer.analyze(Document("stuck", "stuck.txt", stuck))
    assert caught.value.reason == "timeout" and time.monotonic() - start < 10


def test_the_limit_counts_the_parse_and_a_slow_parse_is_not_run_twice(
        analyzer: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """One limit per document, spaCy's parse included: stages that would fit the limit
    alone do not once the parse has used most of it, and a lone document whose parse ran
    out is rejected then, not parsed a second time."""
    monkeypatch.setattr(analyzer, "settings", replace(analyzer.settings, doc_timeout_s=2.0))
    pipe, real = analyzer.nlp.pipe, analyzer.detect_events
    parses: list[str] = []

    def slow_pipe(texts: Any, batch_size: int = 1) -> Any:
        given = list(texts)
        parses.extend(t[:20] for t in given)
        if "endless" in given[0]:
            while True:  # short sleeps, as a pathological parse spins
                time.sleep(0.01)
        time.sleep(1.5 if "slow parse" in given[0] else 0)
        return pipe(given, batch_size=batch_size)

    def slow_events(*args: Any) -> Any:
        time.sleep(1.0)  # under the limit alone; over it after a 1.5 s parse
        return real(*args)

    monkeypatch.setattr(analyzer.nlp, "pipe", slow_pipe)
    monkeypatch.setattr(analyzer, "detect_events", slow_events)
    with pytest.raises(RejectedInput, match="2 s per document") as caught:
        analyzer.analyze(Document("slow", "slow.txt", "A slow parse. " + STORY))
    assert caught.value.reason == "timeout"
    started = time.monotonic()
    with pytest.raises(RejectedInput) as endless:
        analyzer.analyze(Document("endless", "endless.txt", "An endless parse. " + STORY))
    assert endless.value.reason == "timeout" and time.monotonic() - started < 3.5
    assert parses.count("An endless parse. " + STORY[:2]) == 1  # not parsed a second time


def test_cli_mixed_run(analyzer: Any, tmp_path: Path) -> None:  # analyzer: cache built
    """Good, hostile, good: two records out, one line per rejection, exit status 1."""
    deep = tmp_path / "deep.html"
    deep.write_bytes(b"<html><body>" + b"<div>" * 100_000 + b"Taliban fighters attacked.")
    word = tmp_path / "one.txt"
    word.write_text("Panjshir\n", encoding="utf-8")
    noise = tmp_path / "noise.txt"
    noise.write_bytes(bytes(range(256)) * 64)
    args = ["analyze", str(SEED), str(deep), str(word), str(noise), str(SEED), "-f", "jsonl"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["document"]["source"] for r in records] == [str(SEED), str(SEED)]
    errors = result.stderr
    for path, reason in ((deep, "too-deep"), (word, "too-short"), (noise, "binary")):
        assert f"{path}: rejected ({reason})" in errors.replace("\n", "")


_MEASURE = """
import resource, sys, time
from pathlib import Path
from newsledger.ingest.sources import iter_sources
from newsledger.pipeline import Analyzer
analyzer = Analyzer()
seed, *hostile = sys.argv[1:]
list(analyzer.run(iter_sources([seed], analyzer.settings.max_bytes)))
peak = lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
print("base", peak(), 0.0)
for path in hostile:
    start = time.monotonic()
    (outcome,) = analyzer.run(iter_sources([path], analyzer.settings.max_bytes))
    print(outcome.rejection.reason, peak(), round(time.monotonic() - start, 3))
"""


@pytest.mark.slow
def test_peak_memory_on_the_50_mb_page_and_the_deep_html(  # type: ignore[no-untyped-def]
        analyzer, tmp_path: Path) -> None:
    """Peak RSS of a fresh process (ru_maxrss, MB) after the seed, then after each input:
    neither raises the peak by more than 100 MB (the page is never read past the cap)."""
    deep = tmp_path / "deep.html"
    deep.write_bytes(b"<html><body>" + b"<div>" * 100_000 + b"<p>Fighting went on.</p>"
                     + b"</div>" * 100_000)
    page = tmp_path / "huge.html"
    with page.open("wb") as out:
        for _ in range(50):
            out.write(b"<p>" + b"Officials said fighting went on. " * 31_775 + b"</p>\n")
    assert page.stat().st_size > 50 * 1000 * 1000
    run = subprocess.run([sys.executable, "-c", _MEASURE, str(SEED), str(deep), str(page)],
                         capture_output=True, text=True, timeout=180, check=True)
    lines = [line.split() for line in run.stdout.splitlines()]
    (_, base, _), (deep_reason, deep_peak, _), (page_reason, page_peak, _) = lines
    assert (deep_reason, page_reason) == ("too-deep", "too-large")
    assert int(deep_peak) - int(base) < 100 and int(page_peak) - int(base) < 100, lines
