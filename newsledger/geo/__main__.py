"""``python -m newsledger.geo [PATH]``: build the gazetteer ahead of first use (at ``PATH``,
or in the cache folder of the environment's settings), as ``newsledger gazetteer build``."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from newsledger.geo.gazetteer import build_gazetteer, default_path
from newsledger.settings import Settings


def main(argv: list[str] | None = None) -> int:
    """Build the gazetteer and say how long it took."""
    args = sys.argv[1:] if argv is None else argv
    path = Path(args[0]) if args else default_path(Settings.from_env().cache_dir)
    started = time.perf_counter()
    count = build_gazetteer(path)
    size = path.stat().st_size / 1e6
    print(f"{count} places -> {path} ({size:.0f} MB) in {time.perf_counter() - started:.1f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
