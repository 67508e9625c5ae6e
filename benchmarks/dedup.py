"""Duplicate detection (``newsledger.ingest.dedup.Deduplicator``) on synthetic near copies.

    python benchmarks/dedup.py --data /work/shared/bench/extraction [--seed S]

Corpus: the 181 ground-truth article bodies of the extraction benchmark (``ground-truth.json``,
``articleBody``), normalised with ``normalise_text``; ids are ``document_id`` of that text, as
in ingest. With a fixed seed, a random half of the bodies each get one near copy:

* ``paragraph``: one paragraph removed (bodies of 3+ paragraphs, half the time) or else one
  paragraph of another body inserted at a random place;
* ``words 5%``: 5% of the words (at least one) replaced by random words of the corpus;
* ``chrome``: 1-3 header lines and 1-3 trailer lines of page chrome (bylines, share
  prompts, copyright notices, related links) added;
* ``all``: the three edits above, in that order.

Each row runs a fresh ``Deduplicator`` over the originals and the copies of one edit kind in
one shuffled order (so a copy may arrive before its original; then the original is linked to
the copy, which counts as correct). A document counts as *predicted* when it gets a
``duplicate_of``, and as *correct* when that id is a document of its own group. The gold links
are the documents that are not the first of their group in the stream (one per copied body).
precision = correct / predicted, recall = correct / gold. The negatives are the 181 unrelated
articles, so precision here only says that unrelated articles are not linked; hard negatives
(other stories of the same event) are in ``tests/ingest/test_dedup.py``, not here.

docs/s times the ``Deduplicator`` calls only (sketching, LSH lookup, confirmation), not the
making of the copies. ``bytes/doc`` (defaults, ``all`` copies, separate run) is the growth of
``tracemalloc``'s traced memory while feeding the stream, divided by the documents remembered;
the id strings are not counted (the documents hold them already; 113 bytes each).

Rows: every edit kind at the defaults (threshold 0.6, 5-word shingles) first, then at other
thresholds and shingle sizes; 128 permutations throughout.
"""

from __future__ import annotations

import argparse
import json
import random
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.table import Table

from newsledger.ingest import normalise_text
from newsledger.ingest.dedup import Deduplicator, words
from newsledger.ingest.text_page import document_id
from newsledger.records import Document

CHROME_HEAD = [
    "World | Africa | Middle East",
    "By Staff Reporter",
    "Published 3 hours ago · 4 min read",
    "Updated: 14 November 2023 09:12 GMT",
    "Share on Facebook Share on X Email",
    "Listen to this article",
]
CHROME_TAIL = [
    "Reporting by our correspondents; Editing by the desk",
    "Copyright 2023. All rights reserved. This material may not be published or redistributed.",
    "Read more: the week's top stories",
    "Follow us on X and subscribe to our newsletter",
    "Sign up for breaking news alerts",
    "Related: what we know so far",
]
EDITS = ("paragraph", "words 5%", "chrome", "all")
SWEEP = ((0.6, 5), (0.8, 5), (0.7, 5), (0.5, 5), (0.8, 3), (0.6, 3))  # first: the defaults
Edit = Callable[[str, random.Random], str]


@dataclass(frozen=True)
class Row:
    edit: str
    threshold: float
    shingle: int
    docs: int
    gold: int
    predicted: int
    correct: int
    seconds: float

    def cells(self) -> list[str]:
        precision = self.correct / self.predicted if self.predicted else None
        recall = self.correct / self.gold if self.gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision and recall else 0.0
        shown = "—" if precision is None else f"{precision:.3f}"  # no prediction: undefined
        return [self.edit, f"{self.threshold:.1f}", str(self.shingle), str(self.docs),
                str(self.gold), str(self.predicted), str(self.correct), shown,
                f"{recall:.3f}", f"{f1:.3f}", f"{self.docs / self.seconds:,.0f}"]


# ---------------------------------------------------------------- making the near copies


class Editor:
    """The edits, drawing paragraphs and words from the corpus."""

    def __init__(self, bodies: Sequence[str]) -> None:
        self.paragraphs = [p for body in bodies for p in body.split("\n\n") if len(p) > 80]
        self.vocabulary = sorted({w for body in bodies for w in words(body)})

    def paragraph(self, text: str, rng: random.Random) -> str:
        paragraphs = text.split("\n\n")
        if len(paragraphs) >= 3 and rng.random() < 0.5:
            del paragraphs[rng.randrange(len(paragraphs))]
        else:
            paragraphs.insert(rng.randrange(len(paragraphs) + 1), rng.choice(self.paragraphs))
        return "\n\n".join(paragraphs)

    def words(self, text: str, rng: random.Random) -> str:
        tokens = text.split(" ")
        for index in rng.sample(range(len(tokens)), max(1, round(0.05 * len(tokens)))):
            tokens[index] = rng.choice(self.vocabulary)
        return " ".join(tokens)

    def chrome(self, text: str, rng: random.Random) -> str:
        head = rng.sample(CHROME_HEAD, rng.randint(1, 3))
        tail = rng.sample(CHROME_TAIL, rng.randint(1, 3))
        return "\n".join(head) + "\n\n" + text + "\n\n" + "\n".join(tail)

    def edit(self, kind: str) -> Edit:
        if kind == "all":
            return lambda text, rng: self.chrome(self.words(self.paragraph(text, rng), rng), rng)
        return {"paragraph": self.paragraph, "words 5%": self.words, "chrome": self.chrome}[kind]


def document(text: str, source: str) -> Document:
    text = normalise_text(text)
    return Document(id=document_id(text), source=source, text=text)


def stream(bodies: Sequence[str], edit: Edit, seed: int) -> list[tuple[int, Document]]:
    """(group, document) for every original and one copy of a random half, shuffled."""
    rng = random.Random(seed)
    chosen = sorted(rng.sample(range(len(bodies)), len(bodies) // 2))
    items = [(group, document(body, f"original/{group}")) for group, body in enumerate(bodies)]
    items += [(group, document(edit(bodies[group], rng), f"copy/{group}")) for group in chosen]
    rng.shuffle(items)
    return items


# ---------------------------------------------------------------- scoring


Stream = Sequence[tuple[int, Document]]


def score(items: Stream, dedup: Deduplicator) -> tuple[int, int, int, float]:
    """(gold, predicted, correct, seconds) of one run over the stream."""
    groups: dict[str, set[int]] = {}
    for group, doc in items:
        groups.setdefault(doc.id, set()).add(group)
    started = time.perf_counter()
    results = [dedup(doc) for _, doc in items]
    seconds = time.perf_counter() - started
    gold = len(items) - len({group for group, _ in items})
    predicted = correct = 0
    for (group, _), result in zip(items, results, strict=True):
        if result.duplicate_of is not None:
            predicted += 1
            correct += group in groups.get(result.duplicate_of, set())
    return gold, predicted, correct, seconds


def run(bodies: Sequence[str], editor: Editor, kind: str, seed: int,
        threshold: float, shingle: int) -> Row:
    items = stream(bodies, editor.edit(kind), seed)
    gold, predicted, correct, seconds = score(items, Deduplicator(threshold, 128, shingle))
    return Row(kind, threshold, shingle, len(items), gold, predicted, correct, seconds)


def bytes_per_document(bodies: Sequence[str], editor: Editor, seed: int, **kwargs: int) -> float:
    items = stream(bodies, editor.edit("all"), seed)
    dedup = Deduplicator(**kwargs)
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    for _, doc in items:
        dedup(doc)
    grown = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    return grown / len(dedup)


# ---------------------------------------------------------------- report


def report(rows: Sequence[Row], bodies: Sequence[str], editor: Editor, seed: int) -> None:
    console = Console(width=120)
    table = Table(title=f"Duplicate detection, {len(bodies)} bodies + near copies of half "
                        f"(seed {seed}), measured")
    for column in ("edit", "thresh", "shingle", "docs", "gold", "pred", "correct",
                   "precision", "recall", "F1", "docs/s"):
        table.add_column(column, justify="left" if column == "edit" else "right")
    for row in rows:
        table.add_row(*row.cells())
    console.print(table)
    short = sum(len(words(body)) < 50 for body in bodies)
    console.print(f"bodies under 50 words (matched exactly only): {short}")
    full = bytes_per_document(bodies, editor, seed)
    exact = bytes_per_document(bodies, editor, seed, min_words=10**9)
    console.print(f"bytes/doc remembered (tracemalloc, defaults, id str not counted): "
                  f"{full:,.0f} indexed; {exact:,.0f} exact only (min_words=10**9)")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("/work/shared/bench/extraction"))
    parser.add_argument("--seed", type=int, default=20231114)
    args = parser.parse_args()
    truth = json.loads((args.data / "ground-truth.json").read_text(encoding="utf-8"))
    bodies = [normalise_text(truth[sha]["articleBody"]) for sha in sorted(truth)]
    editor = Editor(bodies)
    Deduplicator()(document(bodies[0], "warm-up"))
    rows = [run(bodies, editor, kind, args.seed, threshold, shingle)
            for threshold, shingle in SWEEP for kind in EDITS]
    report(rows, bodies, editor, args.seed)


if __name__ == "__main__":
    main()
