"""The ledger writer: pages in, analysed once per pipeline version, stored in batches.

An article is keyed by its normalised body's hash and its URL (``rows.document_key``). One
already stored by this pipeline version is not analysed again; one stored by another version
is re-analysed and its rows replaced. Rows are written one transaction per batch, so a crash
loses at most the batch in flight, and running the same ingest again completes it. At the
end, the stories of the days written are grouped again (``Ledger.refresh_stories``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from newsledger import __version__
from newsledger.ingest.dedup import Deduplicator
from newsledger.pipeline import Analyzer
from newsledger.records import Analysis, Document, Outcome, Page, Rejection
from newsledger.store.database import Ledger
from newsledger.store.rows import document_key

PIPELINE_VERSION = __version__  # recorded on every row; a change re-analyses stored articles
BATCH_SIZE = 50
OTHER_LANGUAGE = "unsupported-language"  # the rejection reason of news in another language


@dataclass(frozen=True)
class WriteReport:
    """Counts of one ingest: ``seen`` inputs gave ``added`` new documents, ``replaced``
    re-analysed ones, ``unchanged`` ones already stored by this version and ``rejected``
    (``other_language`` of them news in a language the pipeline does not read, which a
    crawl of mixed languages expects: not a failure); ``stories`` were grouped again at
    the end."""

    seen: int = 0
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    rejected: int = 0
    stories: int = 0
    other_language: int = 0

    @property
    def failed(self) -> int:
        """Rejections other than articles in another language."""
        return self.rejected - self.other_language


@dataclass
class _Batch:
    analyses: list[Analysis] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.analyses) + len(self.rejections)


Progress = Callable[[WriteReport], None]


class LedgerWriter:
    """Runs pages through ``analyzer`` (``Analyzer.run``: extraction, deduplication, spaCy
    in batches) into ``ledger``, skipping articles this version stored. Copies are linked
    within each ``run``, or across all of them when a ``deduplicator`` is given (a watch:
    one writer over many polls)."""

    def __init__(self, ledger: Ledger, analyzer: Analyzer, batch_size: int = BATCH_SIZE,
                 version: str = PIPELINE_VERSION,
                 on_reject: Callable[[Rejection], None] | None = None,
                 deduplicator: Deduplicator | None = None) -> None:
        self.deduplicator = deduplicator
        self.ledger = ledger
        self.on_reject = on_reject
        self.analyzer = analyzer
        self.batch_size = max(1, batch_size)
        self.version = version
        # the keys of the articles taken for analysis and not yet written, with their source
        self._unwritten: dict[str, str] = {}

    def run(self, items: Iterable[Page | Rejection],
            progress: Progress | None = None) -> WriteReport:
        """Write every page and rejection of ``items``; the report counts what happened."""
        report = WriteReport()
        batch = _Batch()
        dedup = self.deduplicator if self.deduplicator is not None else True
        for outcome in self.analyzer.run(items, skip=self._stored, deduplicate=dedup):
            kind = self._take(outcome, batch)
            report = replace(report, seen=report.seen + 1,
                             unchanged=report.unchanged + (kind == "unchanged"),
                             rejected=report.rejected + (kind in ("rejected", OTHER_LANGUAGE)),
                             other_language=report.other_language + (kind == OTHER_LANGUAGE))
            if len(batch) >= self.batch_size:
                report = self._flush(batch, report)
                batch = _Batch()
            if progress is not None:
                progress(report)
        report = self._flush(batch, report)
        report = replace(report, stories=self.ledger.refresh_stories().stories)
        if progress is not None:
            progress(report)
        return report

    def _stored(self, document: Document) -> bool:
        """Whether this version already stored the article, or this run is analysing it."""
        key = document_key(document)
        if key in self._unwritten or self.ledger.stored_version(key) == self.version:
            return True
        self._unwritten[key] = document.source
        return False

    def _take(self, outcome: Outcome, batch: _Batch) -> str:
        """Add one outcome to the batch: 'analysed', 'unchanged', 'rejected' or
        ``OTHER_LANGUAGE``."""
        if outcome.analysis is not None:
            batch.analyses.append(outcome.analysis)
            return "analysed"
        if outcome.rejection is None:
            return "unchanged"
        batch.rejections.append(outcome.rejection)
        self._forget(outcome.source)  # a later copy of it is analysed again
        if self.on_reject is not None:
            self.on_reject(outcome.rejection)
        return OTHER_LANGUAGE if outcome.rejection.reason == OTHER_LANGUAGE else "rejected"

    def _forget(self, source: str) -> None:
        for key in [k for k, s in self._unwritten.items() if s == source]:
            del self._unwritten[key]

    def _flush(self, batch: _Batch, report: WriteReport) -> WriteReport:
        if not len(batch):
            return report
        # another ingest of the same ledger may have stored some of these meanwhile: they
        # are kept, and counted as already stored rather than re-analysed
        counts = self.ledger.write(batch.analyses, batch.rejections, self.version,
                                   keep_current=True)
        for analysis in batch.analyses:
            self._unwritten.pop(document_key(analysis.document), None)
        return replace(report, added=report.added + counts.added,
                       replaced=report.replaced + counts.replaced,
                       unchanged=report.unchanged + counts.unchanged)
