"""Pages out of JSON Lines files (``.jsonl``, ``.ndjson``, gzipped or not), streamed by line.

Each non-blank line is one JSON object with ``html`` or ``text`` (a non-empty string; ``html``
wins when both are there) and optionally ``url``, ``title``, ``published``, ``outlet``
(strings) and ``authors`` (a list of strings, or one string split on ``;``, ``,``, ``&`` and
``and`` as the HTML extractor splits a byline). ``source`` is ``<path>:<line number>``
(1-based, blank lines counted). A line that is not JSON, not an object, lacks a usable
``html``/``text``, has a metadata field of the wrong type, or is longer than the line cap
is a Rejection ``bad-record``; its detail names the line. The line cap is four times
``max_bytes``, because JSON escaping (``\\uXXXX``, ``\\"``) makes a line longer than the
page it holds; the page itself, as UTF-8, must fit ``max_bytes`` (else ``too-large``, as
for every other input). A lone surrogate that a JSON escape can carry (``"\\ud800"``, no
character of any text) becomes U+FFFD, the replacement character, in every string of the
line, so that the record can be written as UTF-8. A gzip stream that is corrupt or
truncated ends the file with one Rejection ``bad-gzip``; the lines before it have been
yielded.
"""

from __future__ import annotations

import gzip
import json
import re
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal, Protocol

from newsledger.records import Page, Rejection

_GZIP_MAGIC = b"\x1f\x8b"
_LINE_FACTOR = 4
_SKIP_BLOCK = 64 * 1024
_FIELDS = ("url", "title", "published", "outlet")
_AUTHOR_SPLIT = re.compile(r"\s*(?:;|,|&|\band\b)\s*")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")  # json.loads has joined the paired ones


class _Lines(Protocol):
    def readline(self, size: int = -1, /) -> bytes: ...


class _BadRecord(Exception):
    """One line that cannot be a page; the message says why."""


def iter_jsonl(path: Path, max_bytes: int) -> Iterator[Page | Rejection]:
    """Each record of a JSON Lines file as a Page, or a Rejection saying why not.

    Never raises for a bad file or line; the file is read line by line, never whole.
    """
    try:
        raw = path.open("rb")
    except OSError as exc:
        yield _unreadable(path, exc)
        return
    with raw:
        try:
            gzipped = raw.read(2) == _GZIP_MAGIC
            raw.seek(0)
        except OSError as exc:
            yield _unreadable(path, exc)
            return
        if gzipped:
            with gzip.GzipFile(fileobj=raw, mode="rb") as unzipped:
                yield from _records(unzipped, path, max_bytes)
        else:
            yield from _records(raw, path, max_bytes)


def _unreadable(path: Path, exc: OSError) -> Rejection:
    return Rejection(str(path), "unreadable", f"the JSON Lines file cannot be read "
                     f"({exc.strerror or exc}); check the path and its permissions")


def _records(handle: _Lines, path: Path, max_bytes: int) -> Iterator[Page | Rejection]:
    limit = max_bytes * _LINE_FACTOR
    number = 0
    try:
        while True:
            line = handle.readline(limit + 1)
            if not line:
                return
            number += 1
            source = f"{path}:{number}"
            if len(line) > limit and not line.endswith(b"\n"):
                _skip_line(handle)
                yield _bad(source, number, f"the line is longer than {limit} bytes (four "
                           "times the page size limit)")
                continue
            if line.strip():
                yield _record(line, source, number, max_bytes)
    except (OSError, EOFError, zlib.error) as exc:
        yield Rejection(f"{path}:{number + 1}", "bad-gzip", f"the gzip data of {path} is "
                        f"corrupt or truncated after line {number} ({exc}); the lines before "
                        "were read. Fetch or copy the file again")


def _skip_line(handle: _Lines) -> None:
    """Read past the rest of an over-long line in small blocks."""
    while True:
        block = handle.readline(_SKIP_BLOCK)
        if not block or block.endswith(b"\n"):
            return


def _record(line: bytes, source: str, number: int, max_bytes: int) -> Page | Rejection:
    try:
        data = json.loads(line)
    except ValueError as exc:  # JSONDecodeError and UnicodeDecodeError
        return _bad(source, number, f"the line is not valid JSON ({exc})")
    if not isinstance(data, dict):
        return _bad(source, number, f"the line is a JSON {type(data).__name__}, not an object")
    try:
        kind, content = _content(data)
        meta = {name: _string(data, name) for name in _FIELDS}
        authors = _authors(data.get("authors"))
    except _BadRecord as exc:
        return _bad(source, number, str(exc))
    if len(content.encode("utf-8", "surrogatepass")) > max_bytes:
        return Rejection(source, "too-large", f"the {kind} of line {number} is larger than "
                         f"the limit of {max_bytes} bytes; raise NEWSLEDGER_MAX_BYTES if this "
                         "is really one article")
    return Page(source=source, content=content, kind=kind, authors=authors, **meta)


def _content(data: dict[str, Any]) -> tuple[Literal["html", "text"], str]:
    for kind in ("html", "text"):
        value = data.get(kind)
        if value is None:
            continue
        if not isinstance(value, str):
            raise _BadRecord(f'"{kind}" is a {type(value).__name__}, not a string')
        value = value.removeprefix("\ufeff")
        if value.strip():
            return ("html" if kind == "html" else "text"), _readable(value)
    raise _BadRecord('the object has no non-empty "html" or "text" string')


def _string(data: dict[str, Any], name: str) -> str | None:
    value = data.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise _BadRecord(f'"{name}" is a {type(value).__name__}, not a string')
    return _readable(value.strip()) or None


def _readable(value: str) -> str:
    """``value`` with every lone surrogate replaced by U+FFFD."""
    return _LONE_SURROGATE.sub("\ufffd", value)


def _authors(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        names = _AUTHOR_SPLIT.split(value)
    elif isinstance(value, list) and all(isinstance(n, str) for n in value):
        names = value
    else:
        raise _BadRecord('"authors" is neither a string nor a list of strings')
    return tuple(dict.fromkeys(_readable(n.strip()) for n in names if n.strip()))


def _bad(source: str, number: int, what: str) -> Rejection:
    return Rejection(source, "bad-record", f"line {number}: {what}; each line must be one "
                     'JSON object with an "html" or "text" string')
