"""Story grouping on the stories gold set, by half: the half the settings were chosen on and
the half they are reported on.

    python benchmarks/stories.py --data ../shared/stories-gold [--workdir DIR]
        [--thresholds 0.5,0.55,0.6,0.65] [--words-weight 0.25] [--report-link 0.4]

The gold set's own scorer (``score_stories.py`` in ``--data``) writes the inputs and ingests
them with ``newsledger ingest`` (once: a ``--workdir`` that already holds its ledger is
reused); the records are read back with ``newsledger export``, and the stories are grouped
again in this process for each threshold (``StoryBuilder`` with ``GroupingSettings``), then
scored by the scorer's own functions. Halves: a cluster belongs to half ``int(md5(id), 16)
% 2``; half 0 is where thresholds and weights were chosen, half 1 is reported. A document
pair counts for a half when one of its documents is a member of a cluster of that half, or
when neither is a member of any cluster (near-miss documents count in both halves).
Columns: pairwise precision, recall and F1 of document pairs, near-miss pairs joined,
clusters fully reunited.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import itertools
import json
import subprocess
import sys
import tempfile
from dataclasses import replace
from pathlib import Path
from types import ModuleType
from typing import Any

from newsledger.record_codec import analysis_from_dict, story_dict
from newsledger.stories.builder import StoryBuilder, StorySettings
from newsledger.stories.grouping import GroupingSettings

ROOT = Path(__file__).resolve().parent.parent


def load_scorer(data: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_stories", data / "score_stories.py")
    if spec is None or spec.loader is None:
        sys.exit(f"no score_stories.py in {data}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def half_of(cluster_id: str) -> int:
    return int(hashlib.md5(cluster_id.encode()).hexdigest(), 16) % 2


def records(scorer: ModuleType, gold: dict[str, Any], data: Path, workdir: Path,
            newsledger: str) -> tuple[list[dict[str, Any]], dict[str, str]]:
    db = f"sqlite:///{workdir / 'ledger.db'}"
    inputs = scorer.build_inputs(gold, scorer.Bench(data.parent / "bench"), workdir / "inputs",
                                 False)
    if not (workdir / "ledger.db").exists():
        subprocess.run([newsledger, "ingest", *inputs.values(), "--db", db], check=True,
                       capture_output=True)
    out = scorer.system_output(newsledger, db, inputs, False)
    return out["records"], inputs


def half_scores(scorer: ModuleType, gold: dict[str, Any], system: Any) -> list[list[str]]:
    member_half = {m: half_of(c["id"]) for c in gold["clusters"] for m in c["members"]}
    gold_pairs: set[tuple[str, str]] = set()
    ignore: set[tuple[str, str]] = set()
    for c in gold["clusters"]:
        members = sorted(c["members"])
        gold_pairs.update(scorer.pair(a, b) for a, b in itertools.combinations(members, 2))
        mentions = c.get("mentions", [])
        ignore.update(scorer.pair(m, x) for m in mentions for x in members + mentions if m != x)
    ignore -= gold_pairs
    universe = set(gold["documents"])
    predicted = {p for p in system.together() if p[0] in universe and p[1] in universe}
    counted = predicted - ignore
    near = {scorer.pair(n["a"], n["b"]) for n in gold["near_misses"]}
    rows = []
    for half in (0, 1, None):
        def inside(p: tuple[str, str], half: int | None = half) -> bool:
            halves = {member_half[d] for d in p if d in member_half}
            return half is None or not halves or half in halves
        pred = {p for p in counted if inside(p)}
        wanted = {p for p in gold_pairs if inside(p)}
        tp = len(pred & wanted)
        prf = scorer.prf(tp, len(pred), len(wanted))
        clusters = [c for c in gold["clusters"] if half is None or half_of(c["id"]) == half]
        reunited = sum(1 for c in clusters if set.intersection(
            *(system.stories_of.get(m, set()) for m in c["members"])))
        rows.append(["all" if half is None else ("0 (tuning)" if half == 0 else "1 (reported)"),
                     f"{prf['precision']:.3f}", f"{prf['recall']:.3f}", f"{prf['f1']:.3f}",
                     f"{sum(1 for p in near if p in predicted and inside(p))}",
                     f"{reunited}/{len(clusters)}"])
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="the stories-gold folder")
    parser.add_argument("--workdir", type=Path, help="keep the inputs and ledger here")
    parser.add_argument("--newsledger", default=str(ROOT / ".venv" / "bin" / "newsledger"))
    parser.add_argument("--thresholds", default="0.5,0.55,0.6,0.65")
    parser.add_argument("--words-weight", type=float, default=None,
                        help="the weight of the shared words (default: the shipped one)")
    parser.add_argument("--report-link", type=float, default=None,
                        help="the cosine of two whole reports that joins them (default: the "
                             "shipped one; 0 or less: reports are joined by their events only)")
    args = parser.parse_args()
    scorer = load_scorer(args.data)
    gold = json.loads((args.data / "clusters.json").read_text(encoding="utf-8"))
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="stories-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    found, inputs = records(scorer, gold, args.data, workdir, args.newsledger)
    analyses = [analysis_from_dict(r) for r in found]
    base = GroupingSettings()
    weights = dict(base.weights)
    if args.words_weight is not None:
        weights["words"] = args.words_weight
    header = ["threshold", "half", "P", "R", "F1", "near misses joined", "reunited"]
    table = []
    report_link = base.report_link
    if args.report_link is not None:
        report_link = args.report_link if args.report_link > 0 else None
    for threshold in (float(t) for t in args.thresholds.split(",")):
        settings = StorySettings(grouping=replace(base, threshold=threshold, weights=weights,
                                                  report_link=report_link))
        stories = [story_dict(s) for s in StoryBuilder(settings)(analyses)]
        system = scorer.System({"records": found, "stories": stories}, inputs)
        for row in half_scores(scorer, gold, system):
            mark = " (shipped)" if threshold == base.threshold and row[1] else ""
            table.append([f"{threshold:.2f}{mark}", *row])
    widths = [max(len(r[i]) for r in [header, *table]) for i in range(len(header))]
    for row in [header, *table]:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)))
    print(f"weights: {json.dumps(weights)}; report link: {report_link}; ledger in {workdir}")


if __name__ == "__main__":
    main()
