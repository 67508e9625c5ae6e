"""Every page under a list of paths: files, folders, WARC archives and JSON Lines files.

Each path given is read in the order given. A folder is walked recursively, entries sorted
by name (code point order) in each folder, descending into a sub-folder at its place in that
order; hidden files and folders (name starting with ``.``) are skipped, so are files whose
extension is not one newsledger reads, silently. Symbolic links are followed, but a folder
already visited under the same argument (same device and inode) is not entered again, so
link loops end. The extensions read, each optionally followed by ``.gz``:

* pages: ``.txt .text .htm .html .xhtml`` through ``read_page``;
* archives: ``.warc .arc`` through ``iter_warc``;
* JSON Lines: ``.jsonl .ndjson`` through ``iter_jsonl``.

Only regular files (and dangling links, which are reported) are read in a walk, never FIFOs
or devices. A file named explicitly is read whatever its name (a name that is neither an archive nor
JSON Lines is read as one page). A path that does not exist, or a folder that cannot be
listed, is a Rejection ``unreadable``; nothing here raises for one bad input.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Literal

from newsledger.errors import RejectedInput, rejection_of
from newsledger.ingest.jsonl import iter_jsonl
from newsledger.ingest.reader import read_page
from newsledger.ingest.warc import iter_warc
from newsledger.records import Page, Rejection

InputKind = Literal["page", "warc", "jsonl"]
_SUFFIXES: tuple[tuple[tuple[str, ...], InputKind], ...] = (
    ((".txt", ".text", ".htm", ".html", ".xhtml"), "page"),
    ((".warc", ".arc"), "warc"),
    ((".jsonl", ".ndjson"), "jsonl"),
)


def input_kind(name: str) -> InputKind | None:
    """How a file of this name is read, or None when a folder walk should skip it."""
    lower = name.lower().removesuffix(".gz")
    for suffixes, kind in _SUFFIXES:
        if lower.endswith(suffixes):
            return kind
    return None


def iter_paths(
    paths: Iterable[str | Path], max_bytes: int, *, skipped: Counter[str] | None = None
) -> Iterator[Page | Rejection]:
    """Each page (or Rejection) of each path, in the order given; never raises for one input.

    ``skipped`` counts WARC records skipped by the rules of ``iter_warc`` (non-responses,
    non-200 statuses), which give no Rejection.
    """
    for item in paths:
        path = Path(item)
        if not str(item):
            yield Rejection("", "unreadable", "the path is empty; give a file or folder")
        elif os.path.isdir(path):  # os.path's tests never raise, unlike Path's
            for found in _walk(path, set()):
                if isinstance(found, Rejection):
                    yield found
                else:
                    yield from _read_file(found, input_kind(found.name), max_bytes, skipped)
        elif os.path.lexists(path):
            yield from _read_file(path, input_kind(path.name), max_bytes, skipped)
        else:
            yield Rejection(str(item), "unreadable", "no file or folder exists at this path; "
                            "check its spelling and the working directory")


def _read_file(
    path: Path, kind: InputKind | None, max_bytes: int, skipped: Counter[str] | None
) -> Iterator[Page | Rejection]:
    if kind == "warc":
        yield from iter_warc(path, max_bytes, skipped=skipped)
    elif kind == "jsonl":
        yield from iter_jsonl(path, max_bytes)
    else:
        try:
            yield read_page(path, max_bytes)
        except RejectedInput as exc:
            yield rejection_of(exc, str(path))


def _walk(folder: Path, seen: set[tuple[int, int]]) -> Iterator[Path | Rejection]:
    """The readable files under a folder in sorted order, entering each real folder once."""
    try:
        info = folder.stat()
        if (info.st_dev, info.st_ino) in seen:
            return
        seen.add((info.st_dev, info.st_ino))
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError as exc:
        yield Rejection(str(folder), "unreadable", f"the folder cannot be listed "
                        f"({exc.strerror or exc}); check its permissions")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            yield from _walk(Path(entry.path), seen)
        elif input_kind(entry.name) is not None and _file_or_dangling(entry):
            yield Path(entry.path)


def _file_or_dangling(entry: os.DirEntry[str]) -> bool:
    """A regular file, or a dangling link (reported, not skipped); never a FIFO or device,
    which would block or never end."""
    try:
        return entry.is_file() or (entry.is_symlink() and not os.path.exists(entry.path))
    except OSError:
        return True  # let the reader say what is wrong with it
