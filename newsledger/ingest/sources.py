"""Every way news arrives, as one stream of pages and rejections in input order.

A source is a path (a file, a folder walked recursively, a WARC, a JSON Lines file), an
``http(s)://`` URL (a page or a feed; timeouts, size cap, bounded redirects, retries with
backoff), ``-`` for standard input, or a file of
URLs given with ``--urls``. Nothing is read ahead: a WARC of any size streams record by record.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from newsledger.errors import RejectedInput
from newsledger.ingest.fetch import Fetcher, FetchSettings, read_url_list
from newsledger.ingest.fetch import iter_urls as _iter_urls
from newsledger.ingest.paths import iter_paths
from newsledger.ingest.reader import read_stream
from newsledger.records import Page, Rejection

Item = Page | Rejection


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


def iter_sources(sources: Iterable[str], max_bytes: int, url_lists: Iterable[str] = (),
                 fetcher: Fetcher | None = None) -> Iterator[Item]:
    """Pages and rejections from every source, in the order given; URL lists last."""
    own = fetcher is None
    fetch = fetcher or Fetcher(FetchSettings(max_bytes=max_bytes))
    try:
        for source in sources:
            if source == "-":
                yield _stdin(max_bytes)
            elif is_url(source):
                yield from _iter_urls([source], fetch, max_bytes)
            else:
                yield from iter_paths([source], max_bytes)
        for listing in url_lists:
            yield from _url_list(Path(listing), fetch, max_bytes)
    finally:
        if own:
            fetch.close()


def _stdin(max_bytes: int) -> Item:
    try:
        return read_stream(sys.stdin.buffer.read(max_bytes + 1), "-", max_bytes)
    except RejectedInput as exc:
        return Rejection(exc.source, exc.reason, exc.detail)


def _url_list(path: Path, fetcher: Fetcher, max_bytes: int) -> Iterator[Item]:
    try:
        urls = list(read_url_list(path))
    except RejectedInput as exc:
        yield Rejection(exc.source, exc.reason, exc.detail)
        return
    yield from _iter_urls(urls, fetcher, max_bytes)
