"""Attribution spans (source, cue, content) of the claim extractor on PolNeAR.

    python benchmarks/claims.py --data /work/shared/bench/claims
        [--split test|dev] [--limit N] [--examples K]

Data: ``<split>/text/<article>.txt`` and ``<split>/attributions/<article>_<annotator>.ann``
(BRAT standoff). Each ``E`` line (``Attribution`` or ``Attribution-no-source``) ties a Cue, a
Content (plus ``Content2`` in a few cases) and, except for ``-no-source``, a Source; a span may
be discontinuous (``start end;start end``). ``Discard``/``Discuss`` notes are ignored.

Annotators: 82 of the 84 articles of each split have one annotator file; 2 have six (the
agreement articles). An article is scored against each of its annotators separately and the
counts are averaged over them (each annotator's counts weigh 1/k), so every article weighs
once and no annotator's spans are merged with another's.

Predictions, one per newsledger claim:

* content = ``[claim.start, claim.end)``;
* cue = the occurrence of ``claim.cue`` (whole words, any case) outside the content and
  nearest to it, within 300 characters;
* source = the occurrence of ``claim.speaker_text`` outside the content nearest to the cue
  (nearest to the content when no cue was placed), within 300 characters.

A cue or source that cannot be placed still counts as a prediction (it can match nothing).

Matching, per article and role, one-to-one:

* ``exact``: identical character spans (a discontinuous gold span can only be matched by the
  same fragments, as in Citron's ``are_matching_span_lists``, so never by a newsledger claim);
* ``trimmed``: ``exact`` after trimming whitespace, quotation marks and ``, . ; : —`` from
  both ends of every fragment, and a leading "that " (PolNeAR puts the quotation marks, the
  comma and the complementiser inside content, newsledger leaves them out);
* ``overlap``: any character overlap counts a match, pairs taken greedily by overlap size;
* ``char``: Citron's own overlap metric, by characters instead of tokens: P = overlapped
  characters / predicted characters, R = overlapped characters / gold characters.

Citron's published figures (on PARC 3.0, another corpus and annotation scheme) are printed
for reference, labelled ``published``. Citron's exact source/content matches also require the
cue spans to overlap and its "overlap" figures are token proportions (our ``char`` rows),
so the published ``overlap`` is closer to our ``char`` than to our ``overlap`` row.
"""

from __future__ import annotations

import argparse
import re
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from newsledger.pipeline import Analyzer
from newsledger.records import Claim, Document

Fragments = tuple[tuple[int, int], ...]
ROLES = ("source", "cue", "content")
MODES = ("exact", "trimmed", "overlap", "char")
WINDOW = 300
TRIM = " \t\n\r\"'“”‘’«»,.;:—–-"
PUBLISHED = {  # BBC Citron on PARC 3.0 test, F1 (%): (exact, overlap)
    "source": (82.0, 85.3),
    "content": (59.3, 83.3),
}


@dataclass(frozen=True)
class Attribution:
    source: Fragments | None
    cue: Fragments
    content: Fragments

    def span(self, role: str) -> Fragments | None:
        return {"source": self.source, "cue": self.cue, "content": self.content}[role]


@dataclass(frozen=True)
class Article:
    name: str
    text: str
    annotators: dict[str, list[Attribution]]


@dataclass(frozen=True)
class Prediction:
    claim: Claim
    source: Fragments | None
    cue: Fragments | None
    content: Fragments

    def span(self, role: str) -> Fragments | None:
        return {"source": self.source, "cue": self.cue, "content": self.content}[role]


@dataclass
class Tally:
    """Per (role, mode): matched, predicted and gold counts (or characters for ``char``)."""

    counts: dict[tuple[str, str], list[float]] = field(
        default_factory=lambda: defaultdict(lambda: [0.0, 0.0, 0.0]))

    def add(self, role: str, mode: str, matched: float, predicted: float, gold: float) -> None:
        row = self.counts[(role, mode)]
        row[0] += matched
        row[1] += predicted
        row[2] += gold

    def prf(self, role: str, mode: str) -> tuple[float, float, float]:
        matched, predicted, gold = self.counts[(role, mode)]
        precision = matched / predicted if predicted else 0.0
        recall = matched / gold if gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1


# ---------------------------------------------------------------- reading the corpus


def parse_fragments(field_text: str) -> Fragments:
    """``"98 108;110 120"`` → ``((98, 108), (110, 120))``."""
    pairs = (part.split() for part in field_text.split(";"))
    return tuple(sorted((int(a), int(b)) for a, b in pairs))


def parse_ann(ann: str) -> list[Attribution]:
    """The attributions of one BRAT file."""
    spans: dict[str, tuple[str, Fragments]] = {}
    relations: list[dict[str, str]] = []
    for line in ann.splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        if line.startswith("T"):
            kind, _, offsets = parts[1].partition(" ")
            spans[parts[0]] = (kind, parse_fragments(offsets))
        elif line.startswith("E"):
            args = (item.split(":", 1) for item in parts[1].split())
            relations.append({role: ref for role, ref in args})
    found: list[Attribution] = []
    for rel in relations:
        if "Cue" not in rel or "Content" not in rel:
            continue
        content = spans[rel["Content"]][1]
        if "Content2" in rel:
            content = tuple(sorted(content + spans[rel["Content2"]][1]))
        source = spans[rel["Source"]][1] if "Source" in rel else None
        found.append(Attribution(source, spans[rel["Cue"]][1], content))
    return found


def read_articles(root: Path, split: str, limit: int | None) -> list[Article]:
    """The split's articles with each annotator's attributions, in name order."""
    by_article: dict[str, dict[str, list[Attribution]]] = defaultdict(dict)
    for ann in sorted((root / split / "attributions").glob("*.ann")):
        name, _, annotator = ann.stem.rpartition("_")
        by_article[name][annotator] = parse_ann(ann.read_text(encoding="utf-8"))
    names = sorted(by_article)[:limit] if limit is not None else sorted(by_article)
    return [
        Article(name, (root / split / "text" / f"{name}.txt").read_text(encoding="utf-8"),
                by_article[name])
        for name in names
    ]


# ---------------------------------------------------------------- claims to spans


def nearest(text: str, needle: str, anchor: tuple[int, int],
            avoid: tuple[int, int]) -> Fragments | None:
    """The whole-word occurrence of needle closest to anchor, within WINDOW, outside avoid."""
    if not needle.strip():
        return None
    low, high = max(0, anchor[0] - WINDOW), min(len(text), anchor[1] + WINDOW)
    pattern = re.compile(r"(?<!\w)" + re.escape(needle.strip()) + r"(?!\w)", re.IGNORECASE)
    best: tuple[int, int] | None = None
    best_distance = len(text) + 1
    for match in pattern.finditer(text, low, high):
        start, end = match.span()
        if start < avoid[1] and avoid[0] < end:
            continue
        distance = max(anchor[0] - end, start - anchor[1], 0)
        if distance < best_distance:
            best, best_distance = (start, end), distance
    return (best,) if best else None


def to_prediction(text: str, claim: Claim) -> Prediction:
    content = (claim.start, claim.end)
    cue = nearest(text, claim.cue, content, content)
    source: Fragments | None = None
    if claim.speaker_text:
        anchor = cue[0] if cue else content
        source = nearest(text, claim.speaker_text, anchor, content) or ()
    return Prediction(claim, source, cue or (), (content,))


# ---------------------------------------------------------------- matching


def trimmed(text: str, span: Fragments) -> Fragments:
    out: list[tuple[int, int]] = []
    for start, end in span:
        while start < end and text[start] in TRIM:
            start += 1
        if text[start:start + 5].lower() == "that ":  # PolNeAR keeps the complementiser
            start += 5
        while end > start and text[end - 1] in TRIM:
            end -= 1
        if start < end:
            out.append((start, end))
    return tuple(out)


def overlap(a: Fragments, b: Fragments) -> int:
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def exact_matches(predicted: Sequence[Fragments], gold: Sequence[Fragments]) -> int:
    """One-to-one identical spans (empty predictions never match)."""
    unused = list(gold)
    matched = 0
    for span in predicted:
        if span and span in unused:
            unused.remove(span)
            matched += 1
    return matched


def greedy_overlap(predicted: Sequence[Fragments], gold: Sequence[Fragments]
                   ) -> list[tuple[int, int]]:
    """One-to-one (predicted index, gold index) pairs with any overlap, largest first."""
    pairs = sorted(((overlap(p, g), i, j) for i, p in enumerate(predicted)
                    for j, g in enumerate(gold)), reverse=True)
    used_p: set[int] = set()
    used_g: set[int] = set()
    chosen: list[tuple[int, int]] = []
    for size, i, j in pairs:
        if size > 0 and i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            chosen.append((i, j))
    return chosen


def chars(spans: Iterable[Fragments]) -> set[int]:
    return {pos for span in spans for start, end in span for pos in range(start, end)}


def score_role(tally: Tally, text: str, predicted: list[Fragments], gold: list[Fragments],
               weight: float, role: str) -> None:
    n_pred, n_gold = weight * len(predicted), weight * len(gold)
    tally.add(role, "exact", weight * exact_matches(predicted, gold), n_pred, n_gold)
    tally.add(role, "trimmed", weight * exact_matches([trimmed(text, p) for p in predicted],
                                                      [trimmed(text, g) for g in gold]),
              n_pred, n_gold)
    tally.add(role, "overlap", weight * len(greedy_overlap(predicted, gold)), n_pred, n_gold)
    p_chars, g_chars = chars(predicted), chars(gold)
    tally.add(role, "char", weight * len(p_chars & g_chars), weight * len(p_chars),
              weight * len(g_chars))


def score_article(tally: Tally, article: Article, predictions: Sequence[Prediction]) -> None:
    weight = 1.0 / len(article.annotators)
    for attributions in article.annotators.values():
        for role in ROLES:
            predicted = [s for p in predictions if (s := p.span(role)) is not None]
            gold = [s for a in attributions if (s := a.span(role)) is not None]
            score_role(tally, article.text, predicted, gold, weight, role)


# ---------------------------------------------------------------- reporting


def print_table(tally: Tally, articles: int, seconds: float) -> None:
    print(f"{'role':<8} {'match':<8} {'P':>6} {'R':>6} {'F1':>6}   {'pred':>8} {'gold':>8}")
    print("-" * 58)
    for role in ROLES:
        for mode in MODES:
            precision, recall, f1 = tally.prf(role, mode)
            _, n_pred, n_gold = tally.counts[(role, mode)]
            unit = " chars" if mode == "char" else ""
            print(f"{role:<8} {mode:<8} {precision * 100:6.1f} {recall * 100:6.1f} "
                  f"{f1 * 100:6.1f}   {n_pred:8.0f} {n_gold:8.0f}{unit}")
    print("\npublished: BBC Citron on PARC 3.0 test (another corpus), F1 %")
    print(f"{'role':<8} {'exact':>6} {'overlap':>8}")
    for role, (exact, over) in PUBLISHED.items():
        print(f"{role:<8} {exact:6.1f} {over:8.1f}   (published)")
    print(f"{'all':<8} {'—':>6} {83.2:8.1f}   (published)")
    print(f"\nmean seconds per article: {seconds / max(articles, 1):.3f} "
          f"({articles} articles, {seconds:.1f} s)")


def describe(text: str, span: Fragments | None) -> str:
    if not span:
        return "(none)"
    return " … ".join(repr(text[s:e][:160]) for s, e in span)


def collect_examples(article: Article, predictions: Sequence[Prediction]) -> list[str]:
    """Content misses, spurious claims and boundary disagreements against the first annotator."""
    text = article.text
    gold = next(iter(article.annotators.values()))
    pred_spans = [p.content for p in predictions]
    pairs = greedy_overlap(pred_spans, [a.content for a in gold])
    matched_p, matched_g = {i for i, _ in pairs}, {j for _, j in pairs}
    lines: list[str] = []
    for j, a in enumerate(gold):
        if j not in matched_g:
            lines.append(f"MISS  {article.name}: gold source {describe(text, a.source)} cue "
                         f"{describe(text, a.cue)} content {describe(text, a.content)}")
    for i, p in enumerate(predictions):
        if i not in matched_p:
            lines.append(f"EXTRA {article.name}: claim speaker {p.claim.speaker_text!r} cue "
                         f"{p.claim.cue!r} content {describe(text, p.content)}")
    for i, j in pairs:
        p, a = predictions[i], gold[j]
        if p.source != a.source or p.content != a.content:
            lines.append(f"DIFF  {article.name}: gold source {describe(text, a.source)} "
                         f"content {describe(text, a.content)} | newsledger source "
                         f"{describe(text, p.source)} (speaker_text {p.claim.speaker_text!r})"
                         f" cue {p.claim.cue!r} content {describe(text, p.content)}")
    return lines


def run(articles: Sequence[Article], examples: int) -> None:
    analyzer = Analyzer()
    tally = Tally()
    notes: list[list[str]] = []
    seconds = 0.0
    for article in articles:
        started = time.perf_counter()
        analysis = analyzer.analyze(
            Document(id=article.name, source=article.name, text=article.text, published=None))
        seconds += time.perf_counter() - started
        predictions = [to_prediction(article.text, c) for c in analysis.claims]
        score_article(tally, article, predictions)
        notes.append(collect_examples(article, predictions))
    print_table(tally, len(articles), seconds)
    if examples:
        print(f"\nexamples (up to {examples} per kind, one per article in turn)")
        for kind in ("MISS", "EXTRA", "DIFF"):
            picked = [lines[0] for lines in
                      ([x for x in n if x.startswith(kind)] for n in notes) if lines]
            print("\n".join(picked[:examples]))


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("--data", type=Path, required=True, help="the PolNeAR folder")
    parser.add_argument("--split", choices=("test", "dev"), default="test")
    parser.add_argument("--limit", type=int, default=None, help="score the first N articles")
    parser.add_argument("--examples", type=int, default=0,
                        help="print up to K content misses, extra claims and disagreements")
    args = parser.parse_args(argv)
    articles = read_articles(args.data, args.split, args.limit)
    golds = sum(len(a) for art in articles for a in art.annotators.values())
    print(f"PolNeAR {args.split}: {len(articles)} articles, {golds} gold attributions over "
          f"{sum(len(a.annotators) for a in articles)} annotator files; multi-annotator "
          "articles averaged over annotators\n")
    run(articles, args.examples)


if __name__ == "__main__":
    main()
