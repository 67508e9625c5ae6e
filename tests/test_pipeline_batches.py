"""``Analyzer.run``: spaCy over batches of documents (``nlp.pipe``) gives the same
outcomes, in the same order, as one document at a time, and a failure stays one document's
rejection (issue 9)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsledger.ingest.paths import iter_paths
from newsledger.record_codec import record_dict
from newsledger.records import Outcome, Page, Rejection
from tests.conftest import DATA, SEED


def inputs(tmp_path: Path) -> list[Page | Rejection]:
    """The real pages, the seed twice (an exact copy), a page with no text, a missing file."""
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n", encoding="utf-8")
    paths = [SEED, *sorted((DATA / "pages").glob("*")), empty, tmp_path / "missing.txt", SEED]
    return list(iter_paths(paths, 10**7))


def summary(outcomes: list[Outcome]) -> list[tuple[str, Any]]:
    return [(o.source, record_dict(o.analysis) if o.analysis else o.rejection)
            for o in outcomes]


def test_batches_give_the_same_outcomes_in_order(analyzer: Any, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    items = inputs(tmp_path)
    alone = list(analyzer.run(items, batch_size=1))
    batched = list(analyzer.run(items, batch_size=3))
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
    outcomes = list(analyzer.run(pages, batch_size=2))
    assert [o.source for o in outcomes] == [f"doc-{i}" for i in range(5)]
    assert [o.analysis is not None for o in outcomes] == [True, True, True, False, True]
    rejection = outcomes[3].rejection
    assert rejection is not None and rejection.reason == "internal-error"
    assert "the parser choked on this text" in rejection.detail
    assert poisoned.pipes == 3  # batches [0, 1], [2, 3] (fell back to one at a time), [4]
    assert all(len(o.analysis.entities) > 5 for o in outcomes if o.analysis)


def test_skipped_documents_come_out_unanalysed_and_unparsed(
        analyzer: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``skip`` sees every extracted document in order; what it skips is neither parsed
    nor linked as a copy, and comes out as ``Outcome.skipped``."""
    items = inputs(tmp_path)
    seen: list[str] = []

    def skip(document: Any) -> bool:
        seen.append(document.source)
        return document.source == str(SEED)

    parsed: list[int] = []
    pipe = analyzer.nlp.pipe

    def counting_pipe(texts: Any, batch_size: int = 1) -> Any:
        given = list(texts)
        parsed.append(len(given))
        return pipe(given, batch_size=batch_size)

    monkeypatch.setattr(analyzer.nlp, "pipe", counting_pipe)
    outcomes = list(analyzer.run(items, skip=skip, batch_size=4))
    assert [o.source for o in outcomes] == [i.source for i in items]
    skipped = [o for o in outcomes if o.skipped is not None]
    assert [o.source for o in skipped] == [str(SEED), str(SEED)]  # first and last: both
    assert all(o.analysis is None and o.rejection is None for o in skipped)
    assert seen == [o.source for o in outcomes if o.rejection is None]
    assert sum(parsed) == len(items) - 2 - 2  # two rejected before parsing, two skipped
    assert max(parsed) > 1  # parsed in batches, not one at a time


def test_inputs_that_break_off_still_give_what_was_read(analyzer: Any) -> None:
    """A reader that raises midway: the pages read before it are analysed and given out,
    then the reader's error reaches the caller (the ledger writer stores what it got)."""
    text = SEED.read_text(encoding="utf-8")

    def broken() -> Iterator[Page]:
        yield Page("first", text, "text")
        yield Page("second", text.replace("Panjshir", "Andarab"), "text")
        raise OSError("the disk went away")

    got: list[Outcome] = []
    with pytest.raises(OSError, match="disk went away"):
        for outcome in analyzer.run(broken(), batch_size=16):
            got.append(outcome)
    assert [o.source for o in got] == ["first", "second"]
    assert all(o.analysis is not None for o in got)


def test_analyze_raises_the_rejection_or_a_failure_of_newsledger(
        analyzer: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from newsledger.errors import AnalysisFailed, RejectedInput

    with pytest.raises(RejectedInput) as rejected:
        analyzer.analyze(Page("blank.txt", "  \n ", "text"))
    assert rejected.value.reason == "no-article"

    def broken_stage(*_args: Any) -> Any:
        raise KeyError("a bug in a stage")

    monkeypatch.setattr(analyzer, "extract_claims", broken_stage)
    with pytest.raises(AnalysisFailed, match=r"KeyError.*please report it"):
        analyzer.analyze(Page(str(SEED), SEED.read_text(encoding="utf-8"), "text"))
