"""Streaming a large WARC through ``iter_paths`` and extraction, in constant memory.

    python benchmarks/warc_stream.py --data /work/shared/bench/extraction --size-mb 1024 \\
        [--keep] [--no-extract]

Builds, in a temporary folder (deleted afterwards unless ``--keep``), a WARC/1.0 file
gzipped per record as Common Crawl News writes them, of about ``--size-mb`` MB on disk, by
repeating the 181 real news pages of the extraction benchmark (``html/<sha>.html.gz``) as
``response`` records (HTTP 200, ``text/html`` without charset, a warcinfo record first), each
copy under its own URL. Then it streams the file through
``iter_paths([file], max_bytes)`` and, unless ``--no-extract``, ``extract_document`` on each
page, and prints for 10 %, 50 % and 100 % of the records: records read, MB of the file
read (from the record offsets), seconds, pages per second, the process's resident memory at
that moment (VmRSS) and its peak so far (``ru_maxrss``). Memory that does not grow between
the rows is what shows that the stream does not hold the file. The "start" row is taken
after one page has been extracted, so that trafilatura and its caches are loaded.
"""

from __future__ import annotations

import argparse
import gzip
import io
import resource
import shutil
import sys
import tempfile
import time
import zlib
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.table import Table
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsledger.errors import RejectedInput
from newsledger.ingest import extract_document, read_stream
from newsledger.ingest.paths import iter_paths
from newsledger.records import Page

_MB = 1024 * 1024
_MARKS = (0.1, 0.5, 1.0)


@dataclass(frozen=True)
class Row:
    label: str
    records: int
    mb: float
    seconds: float
    rss_mb: float
    peak_mb: float


def _pages(data: Path) -> list[tuple[str, bytes]]:
    files = sorted((data / "html").glob("*.html.gz"))
    if not files:
        sys.exit(f"no html/*.html.gz under {data}")
    return [(f.name.split(".")[0], gzip.decompress(f.read_bytes())) for f in files]


def _record(writer: WARCWriter, url: str, body: bytes) -> bytes:
    """One response record gzipped as its own member (level 6, as gzip(1) does)."""
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html"),
                                          ("Content-Length", str(len(body)))],
                               protocol="HTTP/1.1")
    record = writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                       http_headers=headers)
    buffer = io.BytesIO()
    WARCWriter(buffer, gzip=False, warc_version="1.0").write_record(record)
    packer = zlib.compressobj(6, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    return packer.compress(buffer.getvalue()) + packer.flush()


def build_warc(path: Path, pages: list[tuple[str, bytes]], size_mb: float) -> int:
    """Write the WARC; the number of response records in it."""
    target = int(size_mb * _MB)
    count = 0
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True, warc_version="1.0")
        writer.write_record(writer.create_warcinfo_record(
            path.name, {"software": "newsledger benchmarks/warc_stream.py",
                        "description": "181 extraction-benchmark pages, repeated"}))
        while out.tell() < target:
            round_ = count // len(pages)
            sha, body = pages[count % len(pages)]
            url = f"https://news{round_ % 97}.example.com/{round_}/{sha[:16]}.html"
            out.write(_record(writer, url, body))
            count += 1
    return count


def _rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _warm_up(pages: list[tuple[str, bytes]], max_bytes: int) -> None:
    sha, body = pages[0]
    extract_document(read_stream(body, f"{sha}.html", max_bytes))


def stream(path: Path, total: int, max_bytes: int, extract: bool) -> tuple[list[Row], int, int]:
    """Rows at the marks, pages extracted, and rejections (incl. extraction refusals)."""
    marks = [max(1, round(total * share)) for share in _MARKS]
    rows = [Row("start", 0, 0.0, 0.0, _rss_mb(), _peak_mb())]
    pages = rejected = 0
    start = time.perf_counter()
    for done, item in enumerate(iter_paths([path], max_bytes), start=1):
        if isinstance(item, Page):
            try:
                if extract:
                    extract_document(item)
                pages += 1
            except RejectedInput:
                rejected += 1
        else:
            rejected += 1
        if done in marks:
            offset = int(item.source.rsplit("#", 1)[1])
            label = f"{_MARKS[marks.index(done)]:.0%}"
            rows.append(Row(label, done, offset / _MB, time.perf_counter() - start,
                            _rss_mb(), _peak_mb()))
    return rows, pages, rejected


def _table(rows: list[Row], title: str) -> Table:
    table = Table(title=title)
    for name in ("at", "records", "MB read", "seconds", "pages/s", "RSS MB", "peak RSS MB"):
        table.add_column(name, justify="right")
    for row in rows:
        rate = f"{row.records / row.seconds:.1f}" if row.seconds else "-"
        table.add_row(row.label, str(row.records), f"{row.mb:.1f}", f"{row.seconds:.1f}",
                      rate, f"{row.rss_mb:.0f}", f"{row.peak_mb:.0f}")
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--size-mb", type=float, default=1024.0)
    parser.add_argument("--keep", action="store_true", help="keep the generated WARC")
    parser.add_argument("--no-extract", action="store_true",
                        help="only read the pages (iter_paths), do not extract them")
    parser.add_argument("--max-bytes", type=int, default=5 * _MB)
    args = parser.parse_args()
    console = Console()
    pages = _pages(args.data)
    folder = Path(tempfile.mkdtemp(prefix="warc-stream-"))
    path = folder / "bench-news.warc.gz"
    try:
        began = time.perf_counter()
        total = build_warc(path, pages, args.size_mb)
        size = path.stat().st_size / _MB
        console.print(f"built {path}: {total} response records, {size:.1f} MB in "
                      f"{time.perf_counter() - began:.0f} s")
        _warm_up(pages, args.max_bytes)
        rows, read, rejected = stream(path, total, args.max_bytes, not args.no_extract)
        what = "iter_paths only" if args.no_extract else "iter_paths + extract_document"
        console.print(_table(rows, f"{what}: {size:.0f} MB WARC.gz, {total} records"))
        console.print(f"pages {'extracted' if not args.no_extract else 'read'}: {read}; "
                      f"rejected: {rejected}")
    finally:
        if args.keep:
            console.print(f"kept {path}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
