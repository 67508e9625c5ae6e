"""Ingestion into the ledger: pages in, analysed once per pipeline version, stored in batches.

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
from newsledger.errors import RejectedInput
from newsledger.ingest import extract_document
from newsledger.pipeline import Analyzer
from newsledger.records import Analysis, Document, Page, Rejection
from newsledger.store.database import Ledger
from newsledger.store.rows import document_key

PIPELINE_VERSION = __version__  # recorded on every row; a change re-analyses stored articles
BATCH_SIZE = 50
OTHER_LANGUAGE = "unsupported-language"  # the rejection reason of news in another language


@dataclass(frozen=True)
class IngestReport:
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
    keys: set[str] = field(default_factory=set)

    def __len__(self) -> int:
        return len(self.analyses) + len(self.rejections)


Progress = Callable[[IngestReport], None]


class Ingestor:
    """Runs pages through ``analyzer`` into ``ledger``."""

    def __init__(self, ledger: Ledger, analyzer: Analyzer, batch_size: int = BATCH_SIZE,
                 version: str = PIPELINE_VERSION,
                 on_reject: Callable[[Rejection], None] | None = None) -> None:
        self.ledger = ledger
        self.on_reject = on_reject
        self.analyzer = analyzer
        self.batch_size = max(1, batch_size)
        self.version = version

    def run(self, items: Iterable[Page | Rejection],
            progress: Progress | None = None) -> IngestReport:
        """Ingest every page and rejection of ``items``; the report counts what happened."""
        report = IngestReport()
        batch = _Batch()
        for item in items:
            outcome = self._take(item, batch)
            rejected = outcome in ("rejected", OTHER_LANGUAGE)
            report = replace(report, seen=report.seen + 1,
                             unchanged=report.unchanged + (outcome == "unchanged"),
                             rejected=report.rejected + rejected,
                             other_language=report.other_language
                             + (outcome == OTHER_LANGUAGE))
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

    def _take(self, item: Page | Rejection, batch: _Batch) -> str:
        """Add one input to the batch: 'analysed', 'unchanged', 'rejected' or
        ``OTHER_LANGUAGE``."""
        if isinstance(item, Rejection):
            return self._reject(item, batch)
        try:
            document = extract_document(item)
        except RejectedInput as exc:
            return self._reject(Rejection(exc.source, exc.reason, exc.detail), batch)
        key = document_key(document)
        if key in batch.keys or self.ledger.stored_version(key) == self.version:
            return "unchanged"
        result = self._analyse(document)
        if isinstance(result, Rejection):
            return self._reject(result, batch)
        batch.analyses.append(result)
        batch.keys.add(key)
        return "analysed"

    def _reject(self, rejection: Rejection, batch: _Batch) -> str:
        batch.rejections.append(rejection)
        if self.on_reject is not None:
            self.on_reject(rejection)
        return OTHER_LANGUAGE if rejection.reason == OTHER_LANGUAGE else "rejected"

    def _analyse(self, document: Document) -> Analysis | Rejection:
        try:
            return self.analyzer.analyze_document(self.analyzer.deduplicate(document))
        except RejectedInput as exc:
            return Rejection(exc.source, exc.reason, exc.detail)
        except Exception as exc:  # one document's failure must not stop the batch
            return Rejection(document.source, "internal-error",
                             f"analysis failed with {type(exc).__name__}: {exc}; please "
                             "report it with this page attached")

    def _flush(self, batch: _Batch, report: IngestReport) -> IngestReport:
        if not len(batch):
            return report
        # another ingest of the same ledger may have stored some of these meanwhile: they
        # are kept, and counted as already stored rather than re-analysed
        counts = self.ledger.write(batch.analyses, batch.rejections, self.version,
                                   keep_current=True)
        return replace(report, added=report.added + counts.added,
                       replaced=report.replaced + counts.replaced,
                       unchanged=report.unchanged + counts.unchanged)
