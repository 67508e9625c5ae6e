"""Ingestion into the ledger: once per article and pipeline version, rejections kept, and
a crash that loses only the batch in flight."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from newsledger.ingest import read_page
from newsledger.ingest.sources import iter_sources
from newsledger.records import Page, Rejection
from newsledger.store import Ledger
from newsledger.store.ledger_writer import PIPELINE_VERSION, LedgerWriter
from tests.conftest import DATA, SEED
from tests.store.conftest import FLOODS

MAX = 5 * 1024 * 1024
BYLINE = DATA / "pages" / "byline-updated.txt"


def _pages(*paths: Path) -> list[Page | Rejection]:
    return [read_page(p, MAX) for p in paths]


def test_ingesting_the_seed_twice_leaves_one_document(  # type: ignore[no-untyped-def]
        ledger: Ledger, analyzer) -> None:
    first = LedgerWriter(ledger, analyzer).run(_pages(SEED))
    second = LedgerWriter(ledger, analyzer).run(_pages(SEED, SEED))
    assert (first.added, first.unchanged) == (1, 0)
    assert (second.added, second.replaced, second.unchanged) == (0, 0, 2)
    assert ledger.count("documents") == 1


def test_an_article_another_ingest_stored_meanwhile_is_already_stored(  # type: ignore[no-untyped-def]
        ledger: Ledger, analyzer, monkeypatch: pytest.MonkeyPatch) -> None:
    LedgerWriter(ledger, analyzer).run(_pages(SEED))
    rows = ledger.count("events")
    # the race of two ingests: both found the article missing, and the other wrote first
    monkeypatch.setattr(ledger, "stored_version", lambda _key: None)
    report = LedgerWriter(ledger, analyzer).run(_pages(SEED))
    assert (report.added, report.replaced, report.unchanged) == (0, 0, 1)
    assert ledger.count("documents") == 1 and ledger.count("events") == rows


def test_a_new_pipeline_version_re_analyses(  # type: ignore[no-untyped-def]
        ledger: Ledger, analyzer) -> None:
    LedgerWriter(ledger, analyzer, version="0.0.0-old").run(_pages(SEED))
    report = LedgerWriter(ledger, analyzer).run(_pages(SEED))
    assert (report.added, report.replaced) == (0, 1)
    assert ledger.count("documents") == 1
    assert {e.pipeline_version for e in ledger.events()} == {PIPELINE_VERSION}


def test_bad_inputs_are_stored_as_rejections_and_the_batch_goes_on(  # type: ignore[no-untyped-def]
        ledger: Ledger, analyzer, tmp_path: Path) -> None:
    binary = tmp_path / "image.html"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n")
    seen: list[Rejection] = []
    items = iter_sources([str(binary), str(SEED), str(empty)], MAX)
    report = LedgerWriter(ledger, analyzer, batch_size=50, on_reject=seen.append).run(items)
    assert (report.seen, report.added, report.rejected) == (3, 1, 2)
    assert [(r.source, r.reason) for r in ledger.rejections()] == [
        (str(binary), "binary"), (str(empty), "empty")]
    assert seen == ledger.rejections()


class Crash(Exception):
    pass


def _crashing(pages: list[Page | Rejection]) -> Iterator[Page | Rejection]:
    yield from pages
    raise Crash("the machine went down")


def test_a_crash_loses_only_the_batch_in_flight_and_a_rerun_completes(  # type: ignore[no-untyped-def]
        ledger: Ledger, analyzer) -> None:
    pages = _pages(SEED, FLOODS, BYLINE)
    with pytest.raises(Crash):
        LedgerWriter(ledger, analyzer, batch_size=2).run(_crashing(pages))
    assert ledger.count("documents") == 2  # the first batch; the third page was in flight
    report = LedgerWriter(ledger, analyzer, batch_size=2).run(pages)
    assert (report.added, report.unchanged) == (1, 2)
    assert ledger.count("documents") == 3


def test_the_writer_parses_in_batches_and_skips_what_is_stored_before_parsing(  # type: ignore[no-untyped-def]
        ledger: Ledger, analyzer, monkeypatch: pytest.MonkeyPatch) -> None:
    """``newsledger ingest`` goes through ``Analyzer.run`` as ``analyze`` does: spaCy sees
    the new articles together in one ``nlp.pipe`` batch, and an article this version already
    stored (or one seen earlier in the same run) is never parsed at all."""
    LedgerWriter(ledger, analyzer).run(_pages(SEED))
    batches: list[list[str]] = []
    pipe = analyzer.nlp.pipe

    def recording_pipe(texts, batch_size=1):  # type: ignore[no-untyped-def]
        given = list(texts)
        batches.append([t[:40] for t in given])
        return pipe(given, batch_size=batch_size)

    monkeypatch.setattr(analyzer.nlp, "pipe", recording_pipe)
    report = LedgerWriter(ledger, analyzer).run(_pages(SEED, FLOODS, BYLINE, FLOODS))
    assert (report.seen, report.added, report.unchanged) == (4, 2, 2)
    assert len(batches) == 1 and len(batches[0]) == 2  # FLOODS and BYLINE, once each
    assert ledger.count("documents") == 3
