"""``newsledger extract`` over a folder of pages, timed beside the ``trafilatura`` command on
the same pages, each as a user runs it (one process, start-up included).

    python benchmarks/extract_command.py --data ../shared/bench/extraction [--pages 1000]

The folder holds N pages (default 1,000): the benchmark's 181 HTML pages, repeated under new
names until N (each copy is parsed again; nothing is cached between files). Both commands
write JSON (``newsledger extract DIR -f jsonl``; ``trafilatura --input-dir DIR --json
--with-metadata -o OUT``, which writes a file per page), on one core (``taskset`` where
available; trafilatura's ``--parallel 1``). The table gives wall seconds, pages/s and the
articles each wrote (trafilatura names its files by their content, so the copies of one page
share one file; newsledger refuses the pages in other languages).
"""

from __future__ import annotations

import argparse
import gzip
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table


def build(data: Path, folder: Path, pages: int) -> int:
    sources = sorted((data / "html").glob("*.html.gz"))
    for i in range(pages):
        raw = sources[i % len(sources)].read_bytes()
        body = gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw
        (folder / f"page-{i:05d}.html").write_bytes(body)
    return pages


def timed(command: list[str], stdout: Path | None = None) -> float:
    pin = ["taskset", "-c", "0"] if shutil.which("taskset") else []
    started = time.perf_counter()
    with (stdout.open("wb") if stdout else open("/dev/null", "wb")) as out:
        subprocess.run([*pin, *command], stdout=out, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="../shared/bench/extraction")
    parser.add_argument("--pages", type=int, default=1000)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="newsledger-extract-"))
    try:
        folder = work / "pages"
        folder.mkdir()
        count = build(args.data, folder, args.pages)
        bin_dir = Path(sys.executable).parent
        ours = work / "articles.jsonl"
        seconds = timed([str(bin_dir / "newsledger"), "extract", str(folder), "-f", "jsonl"],
                        ours)
        written = sum(1 for _ in ours.open(encoding="utf-8"))
        theirs = work / "trafilatura"
        their_seconds = timed([str(bin_dir / "trafilatura"), "--input-dir", str(folder),
                               "--json", "--with-metadata", "--parallel", "1",
                               "-o", str(theirs)])
        their_written = sum(1 for p in theirs.rglob("*") if p.is_file()) if theirs.exists() else 0
        table = Table("command", "pages", "seconds", "pages/s", "articles written",
                      title=f"Extracting {count} pages, one process on one core")
        table.add_row("newsledger extract -f jsonl", str(count), f"{seconds:.1f}",
                      f"{count / seconds:.1f}", str(written))
        table.add_row("trafilatura --json --with-metadata", str(count), f"{their_seconds:.1f}",
                      f"{count / their_seconds:.1f}", str(their_written))
        Console(width=120).print(table)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
