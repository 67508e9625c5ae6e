#!/usr/bin/env python3
"""Select NONE training sentences from real news bodies (weak supervision).

    python scripts/select_news_background.py --data ../shared/bench/extraction \
        --exclude ../shared/dev-gold ../shared/heldout ../shared/stories-gold \
        --out data/events/sentences/none_real_news.jsonl

Reads the article bodies of the scrapinghub article-extraction benchmark (MIT licence,
``ground-truth.json``), leaves out every page that an evaluation set uses (any file under
--exclude naming the page's hash, or a dev-gold ``sh-<prefix>`` id), splits the bodies into
sentences with the pipeline's spaCy model, and keeps as NONE the sentences of 8 to 60 words
in which no event trigger of ``newsledger.events.triggers`` and no casualty word occurs:
the ordinary sentences that surround events in real news, which written examples alone
cover too thinly. The selection is deterministic (sorted pages, no sampling).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from newsledger.events.triggers import LEMMAS, PHRASES
from newsledger.nlp.model import load_model
from newsledger.settings import DEFAULT_SPACY_MODEL

CASUALTY_WORDS = frozenset({"kill", "die", "dead", "death", "wound", "injure", "injury", "hurt",
                            "victim", "casualty", "bomb", "gun", "shot", "fire", "war",
                            "police", "violence", "army", "troop", "soldier", "murder",
                            "crime", "suspect", "charge", "court", "accuse", "threat"})


def excluded_hashes(paths: list[Path]) -> tuple[set[str], set[str]]:
    """Full page hashes and ``sh-`` prefixes named anywhere under the paths."""
    full: set[str] = set()
    prefixes: set[str] = set()
    for path in paths:
        for file in sorted(p for p in path.rglob("*") if p.is_file()):
            prefixes |= set(re.findall(r"sh-([0-9a-f]{8})", file.name))
            try:
                text = file.read_text(encoding="utf-8", errors="ignore")
            except OSError:
                continue
            full |= set(re.findall(r"[0-9a-f]{64}", text))
            prefixes |= set(re.findall(r"sh-([0-9a-f]{8})", text))
    return full, prefixes


def quiet(sent: object) -> bool:
    tokens = [t for t in sent if not t.is_punct and not t.is_space]  # type: ignore[attr-defined]
    if not 8 <= len(tokens) <= 60:
        return False
    lemmas = {t.lemma_.lower() for t in tokens}
    lowered = sent.text.lower()  # type: ignore[attr-defined]
    if lemmas & (set(LEMMAS) | CASUALTY_WORDS) or any(p in lowered for p in PHRASES):
        return False
    return "\n" not in sent.text.strip()  # type: ignore[attr-defined]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--exclude", type=Path, nargs="*", default=[])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--per-page", type=int, default=25)
    args = parser.parse_args(argv)
    truth = json.loads((args.data / "ground-truth.json").read_text(encoding="utf-8"))
    full, prefixes = excluded_hashes(args.exclude)
    pages = [sha for sha in sorted(truth)
             if sha not in full and sha[:8] not in prefixes]
    print(f"{len(truth)} pages, {len(truth) - len(pages)} left out as evaluation data")
    nlp = load_model(DEFAULT_SPACY_MODEL)
    rows = []
    bodies = (str(truth[sha].get("articleBody") or "") for sha in pages)
    for doc in nlp.pipe(bodies, batch_size=16):
        kept = [s.text.strip() for s in doc.sents if quiet(s)][: args.per_page]
        rows += [{"text": t, "label": "NONE", "status": "occurred"} for t in kept]
    args.out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                        encoding="utf-8")
    print(f"wrote {len(rows)} NONE sentences to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
