"""Every way news arrives, as one stream of pages and rejections in input order.

A source is a path (a file, a folder walked recursively, a WARC, a JSON Lines file), an
``http(s)://`` URL (a page or a feed; timeouts, size cap, bounded redirects, retries with
backoff), ``-`` for standard input, or a file of
URLs given with ``--urls``. Nothing is read ahead: a WARC of any size streams record by record.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from newsledger.errors import RejectedInput, rejection_of
from newsledger.ingest.feeds import is_feed, read_feed
from newsledger.ingest.fetch import Fetcher, FetchSettings, page_of, read_url_list
from newsledger.ingest.paths import input_kind, iter_paths
from newsledger.ingest.reader import read_stream
from newsledger.records import Page, Rejection

Item = Page | Rejection


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


def iter_sources(sources: Iterable[str], max_bytes: int, url_lists: Iterable[str] = (),
                 fetcher: Fetcher | None = None, *, allow_private: bool = False
                 ) -> Iterator[Item]:
    """Pages and rejections from every source, in the order given; URL lists last. URLs
    are fetched with ``fetcher``, or one of default ``FetchSettings`` (private addresses
    refused unless ``allow_private``: ``Settings.allow_private_urls``)."""
    own = fetcher is None
    fetch = fetcher or Fetcher(FetchSettings(max_bytes=max_bytes, allow_private=allow_private))
    try:
        for source in sources:
            if source == "-":
                yield _stdin(max_bytes)
            elif is_url(source):
                yield from iter_urls([source], fetch, max_bytes)
            else:
                yield from iter_paths([source], max_bytes)
        for listing in url_lists:
            yield from _url_list(Path(listing), fetch, max_bytes)
    finally:
        if own:
            fetch.close()


COUNT_SECONDS = 3.0  # counting the inputs up front may take this long, then it gives up


def count_inputs(sources: Iterable[str], url_lists: Iterable[str] = (),
                 budget: float = COUNT_SECONDS) -> int | None:
    """How many inputs ``iter_sources`` will yield, when that is known without reading them:
    page files (and folders of them), JSON Lines files (a record a line) and standard input.
    None when a source holds an unknown number of pages (a WARC, a URL that may be a feed,
    a list of URLs) or counting takes longer than ``budget`` seconds."""
    if any(True for _ in url_lists):
        return None
    deadline = time.monotonic() + budget
    total = 0
    for source in sources:
        if source == "-":
            total += 1
            continue
        if is_url(source):
            return None
        found = _count_path(Path(source), deadline)
        if found is None:
            return None
        total += found
    return total


def _count_path(path: Path, deadline: float) -> int | None:
    if not os.path.isdir(path):
        return _count_file(path, input_kind(path.name) or "page")
    total = 0
    for _root, dirs, files in os.walk(path):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))  # as the walk of iter_paths
        if time.monotonic() > deadline:
            return None
        for name in files:
            kind = input_kind(name)
            if kind is not None and not name.startswith("."):
                found = _count_file(Path(_root) / name, kind)
                if found is None:
                    return None
                total += found
    return total


def _count_file(path: Path, kind: str) -> int | None:
    if kind == "warc":
        return None
    if kind == "jsonl" and not path.name.endswith(".gz"):
        try:
            with path.open("rb") as handle:
                return sum(1 for line in handle if line.strip())
        except OSError:
            return 1  # reported as one rejection
    return None if kind == "jsonl" else 1


def _stdin(max_bytes: int) -> Item:
    try:
        return read_stream(sys.stdin.buffer.read(max_bytes + 1), "-", max_bytes)
    except RejectedInput as exc:
        return rejection_of(exc, "-")


def _url_list(path: Path, fetcher: Fetcher, max_bytes: int) -> Iterator[Item]:
    try:
        urls = list(read_url_list(path))
    except RejectedInput as exc:
        yield rejection_of(exc, str(path))
        return
    yield from iter_urls(urls, fetcher, max_bytes)


def iter_urls(urls: Iterable[str], fetcher: Fetcher, max_bytes: int) -> Iterator[Page | Rejection]:
    """A Page or a Rejection for each URL; a feed gives one for each of its items instead."""
    for url in urls:
        try:
            fetched = fetcher.fetch(url)
            feed = is_feed(fetched.data, fetched.content_type)
            page = None if feed else page_of(fetched, url, max_bytes)
        except RejectedInput as exc:
            yield rejection_of(exc, url)
            continue
        if page is None:
            yield from read_feed(fetched.data, url, fetcher, max_bytes, base_url=fetched.url)
        else:
            yield page
