"""How fast the command line answers: ``--help`` and the read commands on a large ledger,
beside the interpreter's own start-up (``python -c pass``) in the same run.

    python benchmarks/cli_startup.py [--events N] [--runs K] [--ledger PATH] [--keep]

Each command runs ``--runs`` times (default 7) as a fresh process, as a user's shell runs it;
the table gives the median and the slowest wall time. The ledger is built from the bundled
seed article (``examples/panjshir-2021-09-03.txt``, analysed once) and two test pages, copied
with perturbed dates, places, names and types until it holds at least N events (default
100,000) by ``benchmarks/ledger.py``'s bulk writer; ``--ledger`` reuses a ledger built before.
Goals (issue 19): ``--help`` under 0.5 s, ``events`` on a 100,000-event ledger under 1 s.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

SEED_PAGES = (ROOT / "examples" / "panjshir-2021-09-03.txt",
              ROOT / "tests" / "data" / "pages" / "wordpress-posted-on.txt",
              ROOT / "tests" / "data" / "articles" / "amnesty-iran-panarmenian.txt")


def build(path: Path, events: int) -> None:
    """A ledger of at least ``events`` events at ``path`` (seeds analysed, then copied)."""
    from ledger import build_ledger, read_seeds  # benchmarks/ledger.py

    from newsledger.ingest.sources import iter_sources
    from newsledger.pipeline import Analyzer
    from newsledger.store import Ledger
    from newsledger.store.ledger_writer import PIPELINE_VERSION

    analyzer = Analyzer()
    pages = iter_sources([str(p) for p in SEED_PAGES], analyzer.settings.max_bytes)
    analyses = [o.analysis for o in analyzer.run(pages) if o.analysis is not None]
    seed = path.with_name("seed.db")
    with Ledger.open(str(seed)) as ledger:
        ledger.write(analyses, [], PIPELINE_VERSION)
    build_ledger(read_seeds(seed), path, events, 500, random.Random(7))


def timed(command: list[str], runs: int) -> tuple[float, float]:
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        seconds.append(time.perf_counter() - started)
    return statistics.median(seconds), max(seconds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--ledger", type=Path, default=None, help="a ledger built before")
    parser.add_argument("--keep", action="store_true", help="keep the built ledger")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="newsledger-cli-"))
    console = Console(width=120)
    try:
        db = args.ledger or workdir / "large.db"
        if args.ledger is None:
            started = time.perf_counter()
            build(db, args.events)
            console.print(f"ledger of {args.events:,}+ events built in "
                          f"{time.perf_counter() - started:.0f} s: {db}")
        cli = [str(Path(sys.executable).with_name("newsledger"))]
        commands = [
            ("python -c pass (baseline)", [sys.executable, "-c", "pass"], None),
            ("newsledger --help", [*cli, "--help"], 0.5),
            ("newsledger events --help", [*cli, "events", "--help"], 0.5),
            ("newsledger events (first 100)", [*cli, "events", "--db", str(db)], 1.0),
            ("newsledger events --type Battles --place AF -f json",
             [*cli, "events", "--db", str(db), "--type", "Battles", "--place", "AF",
              "-f", "json"], 1.0),
            ("newsledger claims --speaker Dashti", [*cli, "claims", "--db", str(db),
                                                    "--speaker", "Dashti"], 1.0),
        ]
        table = Table("command", "median s", "slowest s", "goal s", "met",
                      title=f"CLI start-up, {args.runs} runs each (fresh processes)")
        for name, command, goal in commands:
            median, slowest = timed(command, args.runs)
            met = "" if goal is None else ("yes" if median < goal else "NO")
            table.add_row(name, f"{median:.2f}", f"{slowest:.2f}",
                          "" if goal is None else f"{goal:.1f}", met)
        console.print(table)
    finally:
        if args.keep:
            console.print(f"kept in {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
