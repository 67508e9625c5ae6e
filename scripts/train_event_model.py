#!/usr/bin/env python3
"""Rebuild the shipped event classifier from the labelled sentences in the repository.

    python scripts/train_event_model.py                 # data/events/sentences -> the model
    python scripts/train_event_model.py --data DIR --out model.npz --check PATH...

Reads every ``*.jsonl`` file of --data (``{"text", "label", "status"}`` per line; see
``data/events/README.md``), trains with a fixed seed and writes --out (default
``newsledger/data/event_model.npz``) and the event reader (--vector-out, default
``newsledger/data/event_reader.npz``: the last layers of all-MiniLM-L6-v2 fine-tuned on the
same sentences, ``scripts/tune_event_reader.py``, which needs PyTorch from
``requirements-train.lock``): the same data gives the same files, byte for byte, on one
machine. --layers and --epochs change the reader's tuning (tests train a tiny one).
Before training it checks the sentences against evaluation data that must never be trained
on (--check; by default the CASE 2021 test snippets, the dev-gold articles and the held-out
articles under ../shared when they are there) and prints every near-duplicate found; with
--strict any near-duplicate is an error.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import html
import re
import sys
from collections.abc import Iterator
from pathlib import Path

from newsledger.errors import EmbeddingModelNotAvailable
from newsledger.events.training import near_duplicates, read_examples, save_model, train
from newsledger.nlp.embeddings import MiniLMEncoder
from newsledger.records import EVENT_TYPES
from newsledger.settings import DEFAULT_SPACY_MODEL

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a file or imported as scripts.train_event_model
from scripts.tune_event_reader import TuningPlan, tune_reader  # noqa: E402

DEFAULT_CHECKS = (
    ROOT.parent / "shared" / "bench" / "events" / "case2021-task2-test.tsv",
    ROOT.parent / "shared" / "dev-gold" / "inputs",
    ROOT.parent / "shared" / "heldout",
)


def evaluation_texts(paths: list[Path]) -> Iterator[tuple[str, str]]:
    """(name, text) of every snippet or article under the paths to check against."""
    for path in paths:
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            if file.suffix == ".tsv":
                with file.open(encoding="utf-8", newline="") as handle:
                    for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
                        yield f"{file.name}:{row[0]}", " ".join(row[1:2])
            elif file.suffix in {".txt", ".html", ".md"}:
                text = file.read_text(encoding="utf-8", errors="replace")
                if file.suffix == ".html":
                    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
                yield file.name, text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT / "data" / "events" / "sentences")
    parser.add_argument("--out", type=Path,
                        default=ROOT / "newsledger" / "data" / "event_model.npz")
    parser.add_argument("--vector-out", type=Path,
                        default=ROOT / "newsledger" / "data" / "event_reader.npz")
    parser.add_argument("--layers", type=int, default=TuningPlan.layers)
    parser.add_argument("--epochs", type=int, default=TuningPlan.epochs)
    parser.add_argument("--check", type=Path, nargs="*", default=None)
    parser.add_argument("--strict", action="store_true")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--spacy-model", default=DEFAULT_SPACY_MODEL)
    args = parser.parse_args(argv)
    if not 1 <= args.layers <= 6:
        parser.error("--layers must be from 1 to 6 (MiniLM has 6 layers)")

    examples = read_examples(args.data.glob("*.jsonl"), EVENT_TYPES)
    print(f"{len(examples)} distinct labelled sentences from {args.data}")
    checks = [p for p in (args.check if args.check is not None else DEFAULT_CHECKS) if p.exists()]
    if checks:
        dupes = near_duplicates(examples, evaluation_texts(checks))
        print(f"near-duplicate check against {', '.join(map(str, checks))}: {len(dupes)} "
              "training sentence(s) share half their 5-grams with an evaluation text")
        for example, name in dupes:
            print(f"  {example.source}: {example.text[:90]!r} ~ {name}")
        if dupes and args.strict:
            return 1
    else:
        print("near-duplicate check: no evaluation data found to check against")
    try:  # both files or neither: a new parse model beside an old head would not match it
        encoder = MiniLMEncoder(cache_size=0)
        encoder.model()
    except EmbeddingModelNotAvailable as exc:
        print(f"the event reader needs the MiniLM package: {exc}", file=sys.stderr)
        return 1
    arrays, report = train(examples, EVENT_TYPES, args.spacy_model, seed=args.seed)
    save_model(arrays, args.out)
    digest = hashlib.sha256(args.out.read_bytes()).hexdigest()[:16]
    print(f"features {report.features}; held-out accuracy {report.heldout_accuracy} "
          f"(events alone {report.heldout_event_accuracy}), ECE {report.heldout_ece} at "
          f"temperature {report.temperature}")
    print("sentences per label: " + ", ".join(f"{k} {v}" for k, v in report.labels.items()))
    print(f"wrote {args.out} (sha256 {digest}...)")
    plan = TuningPlan(layers=args.layers, epochs=args.epochs)
    head, accuracy = tune_reader(examples, EVENT_TYPES, encoder.model(), seed=args.seed,
                                 plan=plan)
    save_model(head, args.vector_out)
    digest = hashlib.sha256(args.vector_out.read_bytes()).hexdigest()[:16]
    print(f"event reader: held-out event typing accuracy {accuracy}")
    print(f"wrote {args.vector_out} (sha256 {digest}...)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
