"""Event-type classification on CASE 2021 task 2 (one gold ACLED-style type per snippet).

    python benchmarks/events.py --data /work/shared/bench/events/case2021-task2-test.tsv
        [--limit N] [--examples K]

Each snippet is analysed alone, through the path ``newsledger analyze`` takes for a ``.txt``
file of it (``extract_document`` of a text ``Page``, then ``Analyzer().analyze``; a
snippet the page rules rejected would count as no event), and reduced to one type:

* rule ``max-confidence`` (the headline): the type of the event with the highest confidence,
  ties broken by the earliest evidence offset; a snippet with no event is predicted
  ``OTHER``;
* rule ``first-event`` (shown for comparison): the type of the earliest event in the text,
  ``OTHER`` when none;
* rule ``every snippet an event`` (shown for comparison): ``max-confidence``, but a snippet
  with no event takes the type the shipped classifier finds likeliest in any of its
  sentences, since the task says each snippet reports one (the product itself reports no
  event where the model says a sentence reports none);
* ``parse model alone`` (shown for comparison): ``max-confidence`` in a second pass with
  ``Settings(event_vectors=False)``, i.e. without the tuned MiniLM reader
  (``events.vector_head``) that also types the event sentences.

Scores are computed here (no sklearn): per-type precision, recall and F1, and their means
weighted by gold support (sklearn's ``average="weighted"``: types that are predicted but never
gold weigh 0), accuracy, and coverage (the share of snippets with at least one event). A
majority-class baseline is scored in the same run; the best published figure (0.839 weighted
F1, CASE 2021 task 2 subtask 1) is printed for reference, labelled ``published``.
"""

from __future__ import annotations

import argparse
import csv
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from newsledger.errors import RejectedInput
from newsledger.ingest import extract_document
from newsledger.pipeline import Analyzer
from newsledger.records import Analysis, Event, Page
from newsledger.settings import Settings

PUBLISHED_WEIGHTED_F1 = 0.839
NO_EVENT = "OTHER"


@dataclass(frozen=True)
class Snippet:
    id: str
    text: str
    gold: str


@dataclass(frozen=True)
class Result:
    snippet: Snippet
    events: tuple[Event, ...]
    by_confidence: str
    first: str
    every_snippet: str  # by_confidence, or the classifier's likeliest event type when none
    rejected: bool = False  # the plain-text page rules left no article


@dataclass(frozen=True)
class TypeScore:
    label: str
    support: int
    predicted: int
    precision: float
    recall: float
    f1: float


def read_snippets(path: Path, limit: int | None) -> list[Snippet]:
    """The snippets of the TSV (columns ``id``, ``EventSnippet``, ``SubType``)."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        snippets = [Snippet(r["id"], r["EventSnippet"], r["SubType"].strip()) for r in rows]
    return snippets[:limit] if limit is not None else snippets


def predict_by_confidence(events: Sequence[Event]) -> str:
    """The type of the most confident event (earliest on ties), ``OTHER`` when none."""
    if not events:
        return NO_EVENT
    return min(events, key=lambda e: (-e.confidence, e.evidence.start)).type


def predict_first(events: Sequence[Event]) -> str:
    """The type of the event whose evidence starts first, ``OTHER`` when none."""
    if not events:
        return NO_EVENT
    return min(events, key=lambda e: (e.evidence.start, -e.confidence)).type


def likeliest_type(analyzer: Analyzer, text: str) -> str:
    """The event type the shipped classifier finds likeliest in any sentence of the text,
    NONE aside: the task says every snippet reports an event, where the product reports
    none unless the model says so."""
    sents = list(analyzer.nlp(text).sents)
    best = max(((p, name) for pred in analyzer.detect_events.classify(sents)
                for name, p in pred.probabilities if name != "NONE"), default=(0.0, NO_EVENT))
    return best[1]


def analyse(analyzer: Analyzer, snippets: Sequence[Snippet]) -> tuple[list[Result], float]:
    """Every snippet's events and predictions, and the seconds spent analysing."""
    results: list[Result] = []
    started = time.perf_counter()
    for snippet in snippets:
        # the path of `newsledger analyze SNIPPET.txt`: the plain-text page rules first
        page = Page(source=f"case2021-{snippet.id}.txt", content=snippet.text, kind="text")
        try:
            analysis: Analysis | None = analyzer.analyze(extract_document(page))
        except RejectedInput:
            analysis = None  # counted as no event (OTHER)
        events = analysis.events if analysis is not None else ()
        by_confidence = predict_by_confidence(events)
        every = by_confidence if events else likeliest_type(analyzer, snippet.text)
        results.append(Result(snippet, events, by_confidence, predict_first(events), every,
                              rejected=analysis is None))
    return results, time.perf_counter() - started


def _ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else 0.0


def _f1(precision: float, recall: float) -> float:
    return _ratio(2 * precision * recall, precision + recall)


def per_type(gold: Sequence[str], predicted: Sequence[str]) -> list[TypeScore]:
    """Precision, recall and F1 of each type seen in gold or predictions."""
    hits = Counter(g for g, p in zip(gold, predicted, strict=True) if g == p)
    support, guessed = Counter(gold), Counter(predicted)
    scores: list[TypeScore] = []
    for label in sorted(set(support) | set(guessed)):
        precision = _ratio(hits[label], guessed[label])
        recall = _ratio(hits[label], support[label])
        scores.append(TypeScore(label, support[label], guessed[label], precision, recall,
                                _f1(precision, recall)))
    return scores


def weighted(scores: Sequence[TypeScore]) -> tuple[float, float, float]:
    """Support-weighted means of precision, recall and F1 (sklearn's ``weighted``)."""
    total = sum(s.support for s in scores)
    return (
        _ratio(sum(s.precision * s.support for s in scores), total),
        _ratio(sum(s.recall * s.support for s in scores), total),
        _ratio(sum(s.f1 * s.support for s in scores), total),
    )


def accuracy(gold: Sequence[str], predicted: Sequence[str]) -> float:
    return _ratio(sum(g == p for g, p in zip(gold, predicted, strict=True)), len(gold))


def summary_row(name: str, gold: Sequence[str], predicted: Sequence[str],
                coverage: float | None) -> str:
    precision, recall, f1 = weighted(per_type(gold, predicted))
    shown = f"{coverage:8.3f}" if coverage is not None else f"{'—':>8}"
    return (f"{name:<34} {precision:8.3f} {recall:8.3f} {f1:8.3f} "
            f"{accuracy(gold, predicted):8.3f} {shown}")


def print_summary(results: Sequence[Result], parse_only: Sequence[Result]) -> None:
    gold = [r.snippet.gold for r in results]
    majority = Counter(gold).most_common(1)[0][0]
    coverage = _ratio(sum(bool(r.events) for r in results), len(results))
    print(f"{'system':<34} {'w-P':>8} {'w-R':>8} {'w-F1':>8} {'acc':>8} {'coverage':>8}")
    print("-" * 80)
    print(summary_row("newsledger (max-confidence)", gold,
                      [r.by_confidence for r in results], coverage))
    print(summary_row("newsledger (first-event)", gold, [r.first for r in results], coverage))
    print(summary_row("newsledger (every snippet an event)", gold,
                      [r.every_snippet for r in results], 1.0))
    if parse_only:
        alone = _ratio(sum(bool(r.events) for r in parse_only), len(parse_only))
        print(summary_row("parse model alone (max-confidence)", gold,
                          [r.by_confidence for r in parse_only], alone))
    print(summary_row(f"majority baseline ({majority})", gold, [majority] * len(gold), None))
    print(f"{'published best (CASE 2021 t2)':<34} {'—':>8} {'—':>8} "
          f"{PUBLISHED_WEIGHTED_F1:8.3f} {'—':>8} {'—':>8}   (published)")


def print_per_type(results: Sequence[Result]) -> None:
    gold = [r.snippet.gold for r in results]
    scores = per_type(gold, [r.by_confidence for r in results])
    print(f"\nper type (max-confidence rule)\n{'type':<30} {'support':>7} {'pred':>6} "
          f"{'P':>6} {'R':>6} {'F1':>6}")
    print("-" * 66)
    for s in sorted(scores, key=lambda s: (-s.support, s.label)):
        print(f"{s.label:<30} {s.support:7d} {s.predicted:6d} {s.precision:6.3f} "
              f"{s.recall:6.3f} {s.f1:6.3f}")


def print_confusions(results: Sequence[Result], top: int = 10) -> None:
    errors = Counter((r.snippet.gold, r.by_confidence) for r in results
                     if r.snippet.gold != r.by_confidence)
    total = sum(errors.values())
    print(f"\n{top} most frequent errors (of {total}; gold -> predicted)")
    print(f"{'gold':<30} {'predicted':<30} {'count':>5}")
    print("-" * 67)
    for (gold, predicted), count in errors.most_common(top):
        print(f"{gold:<30} {predicted:<30} {count:5d}")


def print_examples(results: Sequence[Result], count: int) -> None:
    """A few misclassified snippets with every event newsledger found in them."""
    wrong = [r for r in results if r.snippet.gold != r.by_confidence]
    print(f"\nfirst {min(count, len(wrong))} errors")
    for r in wrong[:count]:
        print(f"- id {r.snippet.id}: gold {r.snippet.gold}, predicted {r.by_confidence}")
        print(f"  text: {r.snippet.text[:300]}")
        for e in r.events:
            words = r.snippet.text[e.evidence.start:e.evidence.end][:120]
            print(f"  event {e.type} conf {e.confidence:.2f}: {words!r}")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("--data", type=Path, required=True, help="case2021-task2-test.tsv")
    parser.add_argument("--limit", type=int, default=None, help="score the first N snippets")
    parser.add_argument("--examples", type=int, default=0, help="print the first K errors")
    parser.add_argument("--no-comparison", action="store_true",
                        help="skip the second pass with the parse model alone")
    args = parser.parse_args(argv)
    snippets = read_snippets(args.data, args.limit)
    results, seconds = analyse(Analyzer(), snippets)
    parse_only: list[Result] = []
    if not args.no_comparison:
        settings = replace(Settings.from_env(), event_vectors=False)
        parse_only, _ = analyse(Analyzer(settings), snippets)
    print(f"CASE 2021 task 2: {len(results)} snippets, {seconds:.1f} s "
          f"({seconds / max(len(results), 1) * 1000:.1f} ms per snippet), each as a .txt page "
          f"through the page rules ({sum(r.rejected for r in results)} rejected by them); "
          f"no event -> {NO_EVENT}\n")
    print_summary(results, parse_only)
    print_per_type(results)
    print_confusions(results)
    if args.examples:
        print_examples(results, args.examples)


if __name__ == "__main__":
    main()
