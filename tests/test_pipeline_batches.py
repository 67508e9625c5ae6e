"""``Analyzer.analyze_pages``: spaCy over batches of documents (``nlp.pipe``) gives the same
outcomes, in the same order, as one document at a time, and a failure stays one document's
rejection (issue 9)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsledger.ingest.dedup import Deduplicator
from newsledger.ingest.paths import iter_paths
from newsledger.records import Outcome, Page, Rejection
from tests.conftest import DATA, SEED


def inputs(tmp_path: Path) -> list[Page | Rejection]:
    """The real pages, the seed twice (an exact copy), a page with no text, a missing file."""
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n", encoding="utf-8")
    paths = [SEED, *sorted((DATA / "pages").glob("*")), empty, tmp_path / "missing.txt", SEED]
    return list(iter_paths(paths, 10**7))


def summary(outcomes: list[Outcome]) -> list[tuple[str, Any]]:
    return [(o.source, o.analysis.to_dict() if o.analysis else o.rejection)
            for o in outcomes]


def test_batches_give_the_same_outcomes_in_order(analyzer: Any, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    items = inputs(tmp_path)
    monkeypatch.setattr(analyzer, "deduplicate", Deduplicator())
    alone = list(analyzer.analyze_items(items))
    monkeypatch.setattr(analyzer, "deduplicate", Deduplicator())
    batched = list(analyzer.analyze_pages(items, batch_size=3))
    assert summary(batched) == summary(alone)
    reasons = [o.rejection.reason for o in batched if o.rejection]
    assert len(reasons) == 2 and "unreadable" in reasons  # the empty page and the missing one
    last = batched[-1].analysis
    assert last is not None and last.document.duplicate_of == last.document.id
    assert sum(o.analysis is not None for o in batched) == len(items) - 2


class _Poisoned:
    """The analyzer's spaCy pipeline, except that a text with ``POISON`` in it raises, and so
    does any ``pipe`` over a batch that holds one."""

    def __init__(self, nlp: Any) -> None:
        self.nlp = nlp
        self.pipes = 0

    def __call__(self, text: str) -> Any:
        if "POISON" in text:
            raise RuntimeError("the parser choked on this text")
        return self.nlp(text)

    def pipe(self, texts: Iterator[str], batch_size: int) -> Iterator[Any]:
        self.pipes += 1
        given = list(texts)
        if any("POISON" in t for t in given):
            raise RuntimeError("the parser choked on this batch")
        return self.nlp.pipe(given, batch_size=batch_size)  # type: ignore[no-any-return]


def test_a_failing_document_is_only_its_own_rejection(analyzer: Any,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    text = SEED.read_text(encoding="utf-8")
    pages = [Page(source=f"doc-{i}", content=text.replace("Panjshir", f"Panjshir {i}"),
                  kind="text") for i in range(5)]
    pages[3] = Page(source="doc-3", content=text.replace("Taliban", "POISON Taliban"),
                    kind="text")
    poisoned = _Poisoned(analyzer.nlp)
    monkeypatch.setattr(analyzer, "nlp", poisoned)
    monkeypatch.setattr(analyzer, "deduplicate", Deduplicator())
    outcomes = list(analyzer.analyze_pages(pages, batch_size=2))
    assert [o.source for o in outcomes] == [f"doc-{i}" for i in range(5)]
    assert [o.analysis is not None for o in outcomes] == [True, True, True, False, True]
    rejection = outcomes[3].rejection
    assert rejection is not None and rejection.reason == "internal-error"
    assert "the parser choked on this text" in rejection.detail
    assert poisoned.pipes == 3  # batches [0, 1], [2, 3] (fell back to one at a time), [4]
    assert all(len(o.analysis.entities) > 5 for o in outcomes if o.analysis)
