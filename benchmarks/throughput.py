"""Analysis throughput on real article texts: newsledger's full pipeline against spaCy alone.

    python benchmarks/throughput.py --data /work/shared/bench/extraction [--limit N] [--repeat K]
        [--batch-workers 1,2] [--shard-size S]

The texts are the ground-truth article bodies of the article-extraction benchmark (already
clean: no HTML) that newsledger's extraction admits (the non-English ones are left out, as
newsledger rejects them before spaCy), the same texts in every pass. In one process, after
loading ``Analyzer()`` once and warming it up on a few texts, in this order:

* ``newsledger analyze``: ``analyzer.analyze(Document(...))`` one text at a time
  (``Analyzer.run`` on one document: ``nlp.pipe`` of one text), ``published=None``;
* ``newsledger run``: ``analyzer.run(pages, batch_size=B)``, the full pipeline as
  ``newsledger analyze``, ``ingest`` and ``batch`` run it: each text as a plain-text
  ``Page``, extracted (language identification, boilerplate), deduplicated, then spaCy over
  batches of B (``nlp.pipe``) and the per-document stages; a text the extraction rejects
  still costs its time;
* ``spaCy nlp.pipe``: ``nlp.pipe(texts, batch_size=B)`` with ``analyzer.nlp``, the same
  loaded pipeline and components newsledger uses. B is 16 by default: the pipeline's own
  batch size (256, ``--batch-size 0``) puts all these long texts in one batch, which on
  this data is about twice as slow and takes about 2.5 GB.

Each pass runs K times and the best (shortest) run is reported. Words are ``\\w+`` tokens.
``x spaCy`` is a pass's throughput over spaCy's (1.00 = as fast as the model alone).
The stage table splits the analyze time by wrapping each of the analyzer's stage
callables with a timer (summed over all runs, so it shows shares, not a best run); its
``nlp`` row is spaCy's ``nlp.pipe`` called on one text at a time inside newsledger.
``--batch-workers 1,2`` adds ``newsledger batch`` passes (``run_batch`` on a local Dask
cluster of N worker processes) over the same texts written to one JSON Lines file and split
into shards of ``--shard-size`` records; each pass's wall time includes starting the cluster
and loading the models in every worker, and its output goes to a fresh temporary folder. Its
RSS column is the highest peak RSS a worker reported after a shard.
Peak RSS is ``resource.getrusage(RUSAGE_SELF).ru_maxrss``: the peak of the whole process so
far (model, actor base and gazetteer included), read after each step, not the step's own;
newsledger runs first so that its rows are not hidden by spaCy's batching. A last pass
repeats ``run`` with the events typed by the parse model alone
(``NEWSLEDGER_EVENT_VECTORS=0``): the difference is what the tuned MiniLM reader costs.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from rich.console import Console
from rich.table import Table
from spacy.language import Language
from stage_timer import Timed  # benchmarks/ is the script folder, on sys.path

from newsledger.errors import RejectedInput
from newsledger.events.classifier import shipped_classifier
from newsledger.events.detector import EventDetector
from newsledger.ingest import extract_document
from newsledger.pipeline import Analyzer
from newsledger.records import Document, Page

_WORD = re.compile(r"\w+")
_WARMUP = 3
# Attributes of Analyzer that analyze calls, in the order it calls them.
STAGES = ("nlp", "recognise", "read_roles", "resolver", "extract_claims", "detect_events")


def peak_rss_mib() -> float:
    """The process's peak resident set size so far, in MiB (ru_maxrss is KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def load_texts(data: Path, limit: int | None) -> list[tuple[str, str]]:
    """(sha, article body) of the ground-truth bodies, sorted by sha, empty ones and those the
    extraction rejects (not English, no article left) left out, so that every pass analyses
    the same texts."""
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    bodies = ((sha, (truth[sha].get("articleBody") or "").strip()) for sha in sorted(truth))
    bodies = ((sha, body) for sha, body in bodies if body and _admitted(sha, body))
    return [(sha, body) for sha, body in bodies if body][:limit]


def _admitted(sha: str, body: str) -> bool:
    try:
        extract_document(Page(source=f"{sha}.txt", content=body, kind="text"))
    except RejectedInput:
        return False
    return True


def best_of(repeat: int, work: Callable[[], int]) -> tuple[float, int]:
    """The shortest wall time of ``repeat`` runs of ``work``, and what its last run returned."""
    best, value = float("inf"), 0
    for _ in range(repeat):
        started = time.perf_counter()
        value = work()
        best = min(best, time.perf_counter() - started)
    return best, value


def spacy_pass(nlp: Language, texts: list[str], batch_size: int) -> int:
    return sum(1 for _ in nlp.pipe(texts, batch_size=batch_size))


def newsledger_pass(analyzer: Analyzer, documents: list[Document]) -> int:
    """Analyse every document; the number that raised (a failure still costs its time)."""
    failures = 0
    for document in documents:
        try:
            analyzer.analyze(document)
        except Exception:  # a benchmark must finish; failures are counted and reported
            failures += 1
    return failures


def pages_pass(analyzer: Analyzer, pages: list[Page], batch_size: int) -> int:
    """``Analyzer.run`` over every page (extraction and deduplication included, as in
    ``newsledger analyze`` and ``batch``); the number analysed (the rest were rejected)."""
    return sum(o.analysis is not None for o in analyzer.run(pages, batch_size=batch_size))


def instrument(analyzer: Analyzer) -> dict[str, Timed]:
    """Wrap each stage callable of ``analyzer`` (on the instance) with a timer."""
    timers = {name: Timed(getattr(analyzer, name)) for name in STAGES}
    for name, timer in timers.items():
        setattr(analyzer, name, timer)
    return timers


def throughput_row(name: str, seconds: float, articles: int, words: int) -> list[str]:
    return [name, str(articles), f"{seconds:.3f}", f"{articles / seconds:.2f}",
            f"{words / seconds:,.0f}", f"{peak_rss_mib():,.0f}"]


def measure(args: argparse.Namespace
            ) -> tuple[list[list[str]], dict[str, Timed], int, int, float]:
    """Run the passes in one process; the throughput rows, the stage timers, the failures
    of analyze, the rejections of run, and spaCy's seconds."""
    started = time.perf_counter()
    analyzer = Analyzer()
    load = time.perf_counter() - started
    pairs = load_texts(args.data, args.limit)
    texts = [body for _, body in pairs]
    documents = [Document(id=sha, source=f"{sha}.txt", text=body, published=None)
                 for sha, body in pairs]
    words = sum(len(_WORD.findall(text)) for text in texts)
    rows = [["load Analyzer()", "", f"{load:.1f}", "", "", f"{peak_rss_mib():,.0f}"]]
    nlp = analyzer.nlp
    newsledger_pass(analyzer, documents[:_WARMUP])
    batch = args.batch_size or nlp.batch_size
    timers = instrument(analyzer)
    ours, failures = best_of(args.repeat, lambda: newsledger_pass(analyzer, documents))
    rows.append(throughput_row("newsledger analyze (one document at a time)", ours,
                               len(texts), words))
    for name, timer in timers.items():  # the stage table counts analyze only
        setattr(analyzer, name, timer.inner)
    pages = [Page(source=f"{sha}.txt", content=body, kind="text") for sha, body in pairs]
    batched, analysed = best_of(args.repeat, lambda: pages_pass(analyzer, pages, batch))
    rows.append(throughput_row(f"newsledger run (nlp.pipe batches of {batch})",
                               batched, len(texts), words))
    spacy_seconds, _ = best_of(args.repeat, lambda: spacy_pass(nlp, texts, batch))
    rows.append(throughput_row(f"spaCy nlp.pipe (batch_size={batch})", spacy_seconds,
                               len(texts), words))
    # the same stage with the parse model alone (NEWSLEDGER_EVENT_VECTORS=0): what the
    # tuned MiniLM reader costs
    analyzer.detect_events = EventDetector(classifier=shipped_classifier(vectors=False),
                                           scope=analyzer.detect_events.scope)
    alone, _ = best_of(args.repeat, lambda: pages_pass(analyzer, pages, batch))
    rows.append(throughput_row("newsledger run, parse model alone", alone,
                               len(texts), words))
    return rows, timers, failures, len(texts) - analysed, spacy_seconds


def batch_rows(texts: list[str], workers: list[int], shard_size: int) -> list[list[str]]:
    """One row per ``newsledger batch`` pass with N workers (its speed-up over the first in
    the last but one column); the RSS column is the highest peak any worker reported."""
    from newsledger.distributed.runner import ClusterSpec, run_batch

    words = sum(len(_WORD.findall(text)) for text in texts)
    rows: list[list[str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "texts.jsonl"
        source.write_text("".join(json.dumps({"text": t}) + "\n" for t in texts),
                          encoding="utf-8")
        first: float | None = None
        for n in workers:
            peaks: list[int] = []
            started = time.perf_counter()
            run_batch([str(source)], Path(tmp) / f"out-{n}", shard_size, ClusterSpec(workers=n),
                      lambda _, info, seen=peaks: seen.append(
                          int((info or {}).get("peak_rss_mib", 0))))
            seconds = time.perf_counter() - started
            first = first or seconds
            row = throughput_row(f"newsledger batch, {n} worker(s)", seconds, len(texts), words)
            rows.append([*row[:-1], f"{first / seconds:.2f}x of 1st",
                         f"{max(peaks, default=0):,} (worker)"])
    return rows


def stage_table(timers: dict[str, Timed]) -> Table:
    total = sum(timer.seconds for timer in timers.values())
    table = Table(title="Where newsledger's time goes (all runs, wrapped stage callables)")
    for column in ("stage", "calls", "seconds", "share"):
        table.add_column(column, justify="left" if column == "stage" else "right")
    for name, timer in timers.items():
        label = "nlp (spaCy parse, nlp.pipe of one text)" if name == "nlp" else name
        table.add_row(label, str(timer.calls), f"{timer.seconds:.2f}",
                      f"{timer.seconds / total:.0%}" if total else "-")
    rest = total - timers["nlp"].seconds
    table.add_row("all but nlp (newsledger's own work)", "", f"{rest:.2f}",
                  f"{rest / total:.0%}" if total else "-")
    table.add_row("total of stages", "", f"{total:.2f}", "100%")
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("/work/shared/bench/extraction"))
    parser.add_argument("--limit", type=int, default=None, help="use only the first N texts")
    parser.add_argument("--repeat", type=int, default=1, help="runs per pass; best is kept")
    parser.add_argument("--batch-size", type=int, default=16,
                        help="nlp.pipe batch size; 0 for the pipeline's own (256 for the "
                        "default model, which on these long texts is ~2x slower and ~2.5 GB)")
    parser.add_argument("--batch-workers", default="",
                        help="comma-separated worker counts for `newsledger batch` passes")
    parser.add_argument("--shard-size", type=int, default=5, help="records per batch shard")
    args = parser.parse_args()
    rows, timers, failures, rejected, spacy_seconds = measure(args)
    workers = [int(n) for n in args.batch_workers.split(",") if n.strip()]
    if workers:
        texts = [body for _, body in load_texts(args.data, args.limit)]
        rows += batch_rows(texts, workers, args.shard_size)
    table = Table(title=f"Throughput on real article bodies (best of {args.repeat})")
    for column in ("pass", "articles", "seconds", "articles/s", "words/s", "x spaCy",
                   "batch speed-up", "peak RSS MiB"):
        table.add_column(column, justify="left" if column == "pass" else "right")
    for row in rows:
        speed = f"{spacy_seconds / float(row[2]):.2f}" if row[1] else ""
        extra = row[5:-1] or [""]
        table.add_row(*row[:5], speed, *extra, row[-1])
    console = Console(width=120)
    console.print(table)
    console.print("x spaCy: the pass's throughput over spaCy nlp.pipe's on the same texts; "
                  f"analyze failures: {failures}; run rejections "
                  f"(extraction found no article): {rejected}")
    console.print("peak RSS is ru_maxrss, the process peak up to that row, not the pass's own; "
                  "for batch rows, the highest peak a worker reported")
    console.print(stage_table(timers))


if __name__ == "__main__":
    main()
