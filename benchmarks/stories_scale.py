"""Story grouping at the scale of a day of news: about 3,000 events published the same day.

    python benchmarks/stories_scale.py --data ../shared/bench [--workdir DIR] [--events 3000]

The day is made of real reports: the CASE 2021 task 2 snippets (``events/``), the LGL and
GeoWebNews articles (``geo/``), the PolNeAR political news (``claims/``) and the extraction
benchmark's pages (``extraction/html``), in that order until the analyses hold ``--events``
events (or the reports run out), every one published on the same day but the pages, which
keep their own dates (the worst case for blocking, whose time buckets
then all coincide). The analyses are made once with ``Analyzer.run`` and kept in
``--workdir`` (``analyses.jsonl``; not timed). Then ``StoryBuilder`` (grouping, claims,
figures, ranges, contradictions: what ``newsledger stories`` runs) is timed on one core with
TF-IDF text similarity, with the all-MiniLM-L6-v2 embeddings and an empty vector cache (the
evidence sentences and the leads encoded), and with the cache warm (a server grouping the
same day again). The baseline, in the same run: scoring every pair of events with the same
``score_pair`` (no blocking), timed on a random sample of 100,000 pairs and extrapolated to
all of them. The issue's goal: a day of ~3,000 events grouped in under 5 s on one core.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import random
import tempfile
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

from newsledger.errors import RejectedInput
from newsledger.ingest import read_stream
from newsledger.pipeline import Analyzer
from newsledger.record_codec import analysis_from_dict, record_dict
from newsledger.records import Analysis, Document, Page
from newsledger.stories.builder import StoryBuilder, StorySettings
from newsledger.stories.grouping import GroupingSettings, PairWords, candidate_pairs, score_pair
from newsledger.stories.items import flatten
from newsledger.stories.similarity import embedding_similarity, tfidf_similarity

DAY = "2019-03-24"
SAMPLE = 100_000
MAX_BYTES = 5_000_000


def documents(data: Path) -> Iterator[Document | Page]:
    with (data / "events" / "case2021-task2-test.tsv").open(encoding="utf-8", newline="") as f:
        for row in csv.reader(f, delimiter="\t"):
            if row and row[0].isdigit():
                yield Document(id=f"case-{row[0]}", source=f"case:{row[0]}", text=row[1],
                               published=DAY, outlet="CASE 2021")
    for name in ("lgl", "GWN"):
        root = ET.parse(data / "geo" / f"{name}.xml").getroot()
        for k, article in enumerate(root.iter("article")):
            text = (article.findtext("text") or "").strip()
            if text:
                yield Document(id=f"{name}-{k}", source=f"{name}:{k}", text=text,
                               published=DAY, outlet=name,
                               title=(article.findtext("title") or "").strip() or None)
    for path in sorted((data / "claims").glob("*/text/*.txt")):
        title, _, body = path.read_text(encoding="utf-8").partition("\n")
        yield Document(id=f"polnear-{path.stem}", source=str(path), text=body.strip(),
                       title=title.strip(), published=DAY, outlet="PolNeAR")
    for path in sorted((data / "extraction" / "html").glob("*.html.gz")):
        try:  # the pages' own dates are kept: they fall on other days
            yield read_stream(gzip.decompress(path.read_bytes()), path.name[:-3], MAX_BYTES)
        except RejectedInput:
            continue


def day_of_news(data: Path, workdir: Path, events: int) -> list[Analysis]:
    cache = workdir / f"analyses-{events}.jsonl"
    if cache.exists():
        return [analysis_from_dict(json.loads(line))
                for line in cache.read_text(encoding="utf-8").splitlines()]
    found: list[Analysis] = []
    total = 0
    docs = documents(data)
    analyzer = Analyzer()
    while total < events:
        batch = [d for _, d in zip(range(64), docs, strict=False)]
        if not batch:
            break
        for outcome in analyzer.run(batch, deduplicate=False):
            if outcome.analysis is not None and total < events:
                found.append(outcome.analysis)
                total += len(outcome.analysis.events)
    cache.write_text("".join(json.dumps(record_dict(a)) + "\n" for a in found),
                     encoding="utf-8")
    return found


def all_pairs_seconds(analyses: list[Analysis]) -> tuple[float, int]:
    items = flatten(analyses)
    settings = GroupingSettings(similarity=tfidf_similarity)
    text = tfidf_similarity([i.text for i in items])
    words = PairWords(items)
    rng = random.Random(7)
    n = len(items)
    pairs = [(rng.randrange(n), rng.randrange(n)) for _ in range(SAMPLE)]
    t0 = time.perf_counter()
    for i, j in pairs:
        if i != j:
            score_pair(items[i], items[j], text, settings, words)
    per_pair = (time.perf_counter() - t0) / SAMPLE
    everything = n * (n - 1) // 2
    return per_pair * everything, everything


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="the shared bench folder")
    parser.add_argument("--workdir", type=Path, help="keep the analyses here")
    parser.add_argument("--events", type=int, default=3000)
    args = parser.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="stories-scale-"))
    workdir.mkdir(parents=True, exist_ok=True)
    analyses = day_of_news(args.data, workdir, args.events)
    items = flatten(analyses)
    candidates = sum(1 for _ in candidate_pairs(items, GroupingSettings().limits))
    rows = []
    runs = (("TF-IDF", tfidf_similarity), ("MiniLM, empty cache", embedding_similarity),
            ("MiniLM, warm cache", embedding_similarity))
    from newsledger.nlp import embeddings

    embeddings.shared_encoder().model()  # loaded once, as in a server
    for name, factory in runs:
        if name.endswith("empty cache"):
            embeddings.shared_encoder()._cache.clear()
        settings = StorySettings(grouping=GroupingSettings(similarity=factory))
        t0 = time.perf_counter()
        stories = StoryBuilder(settings)(analyses)
        seconds = time.perf_counter() - t0
        rows.append((f"StoryBuilder, {name}", f"{seconds:.2f}", str(len(stories)),
                     f"{candidates:,} candidate pairs"))
    estimate, everything = all_pairs_seconds(analyses)
    rows.append(("baseline: score_pair on every pair (TF-IDF, extrapolated)", f"{estimate:.1f}",
                 "—", f"{everything:,} pairs"))
    header = ("run", "seconds", "stories", "pairs")
    print(f"A day of {len(items):,} events from {len(analyses):,} reports (one core)")
    widths = [max(len(r[i]) for r in (header, *rows)) for i in range(4)]
    for row in (header, *rows):
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)))
    print("goal: under 5 s for ~3,000 events")


if __name__ == "__main__":
    main()
