"""Pages out of WARC (and ARC) files, streamed record by record in constant memory.

What is kept and what is not:

* only ``response`` records are read (every ARC record with a URL counts as one);
  ``request``, ``metadata``, ``warcinfo``, ``revisit`` and the rest are skipped, and so
  are responses that carry no HTTP (``dns:`` and such);
* of those, only HTTP status 200: redirects, errors and partial content (206) are skipped
  without a Rejection, since a crawl holds many and none of them is an article, but each
  skip is counted in ``skipped`` (a Counter the caller may pass) under ``type:<WARC-Type>``,
  ``no-http`` or ``status:<code>``;
* a 200 whose Content-Type is not ``text/html``, ``application/xhtml+xml`` or ``text/plain``
  (PDF, images, JSON, ...) is a Rejection ``not-a-page``; no Content-Type at all is read and
  left to the binary detection of ``read_stream``;
* the payload (after transfer and content decoding) is read up to ``max_bytes``; a larger one
  is a Rejection ``too-large`` and the rest is skipped in small blocks, never held in memory.

The charset of the HTTP Content-Type takes precedence over the page's ``<meta charset>`` as
in browsers, except that a payload which is valid UTF-8 is not decoded as Latin-1 or
windows-1252 on a header's word (servers that label everything ISO-8859-1 are common);
pages without an HTTP charset are decoded by ``read_stream`` (BOM, meta charset, UTF-8,
guess). ``url`` is WARC-Target-URI; ``published`` is left None: WARC-Date is when the page
was crawled, not when it was published, and the extractor reads the page's own date.
``source`` is ``<path>#<offset>``, the byte offset of the record in the file as stored
(compressed), which ``warcio extract <path> <offset>`` accepts.

A damaged place in a file (garbage, a truncated record, a corrupt gzip member, trailing
bytes that are no record, a Content-Length that lies) gives one Rejection ``bad-warc``
naming the file and the offset of the damaged record, and the reading goes on from the next
record header found after it (a ``WARC/1.x`` line, or a gzip member that inflates to one);
warcio itself cannot resynchronise inside a damaged stream. A Content-Length that is too
short is seen because the record is then not followed by the two blank lines that end a
record; one that is too long, because the record swallows the start of the next one (or
the file ends inside it). Either way the record is rejected, never read cut short or with
a piece of its neighbour. Damage inside a payload that leaves the framing intact is not
detected (digests are not checked, for speed).
"""

from __future__ import annotations

import codecs
import os
import re
import zlib
from collections import Counter
from collections.abc import Generator, Iterator
from dataclasses import replace
from pathlib import Path
from typing import IO, Any, Literal

from warcio.archiveiterator import ArchiveIterator

from newsledger.errors import RejectedInput, rejection_of
from newsledger.ingest.reader import CHARSET_ALIASES, plausible_text, read_stream
from newsledger.records import Page, Rejection

_PAGE_TYPES: dict[str, Literal["html", "text"] | None] = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": None,  # let read_stream sniff: text/plain is often mislabelled HTML
}
_DRAIN = 64 * 1024
_SCAN = 1024 * 1024  # bytes read at a time when looking for the next record after damage
_GZIP_MAGIC = b"\x1f\x8b"
_GZIP_MEMBER = b"\x1f\x8b\x08"
_WARC_LINE = re.compile(rb"\nWARC/1\.[01]\r?\n")
_WESTERN = {"cp1252", "latin_1", "iso8859-1", "ascii"}


def iter_warc(
    path: Path, max_bytes: int, *, skipped: Counter[str] | None = None
) -> Iterator[Page | Rejection]:
    """Each page of a WARC/ARC file (gzipped per record or not), or a Rejection saying why not.

    Never raises for a bad file or record; see the module docstring for what is kept.
    """
    counts: Counter[str] = skipped if skipped is not None else Counter()
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield Rejection(str(path), "unreadable", f"the WARC file cannot be opened "
                        f"({exc.strerror or exc}); check the path and its permissions")
        return
    with handle:
        size = os.fstat(handle.fileno()).st_size
        if size == 0:
            yield Rejection(str(path), "empty", "the WARC file is empty; check that the "
                            "download or copy worked")
            return
        yield from _records(handle, path, size, max_bytes, counts)


def _records(
    handle: IO[bytes], path: Path, size: int, max_bytes: int, counts: Counter[str]
) -> Iterator[Page | Rejection]:
    """Run over the records; after damage, go on from the next record start found."""
    start: int | None = 0
    gz = handle.read(2) == _GZIP_MAGIC
    while start is not None:
        damage = yield from _run(handle, path, start, size, max_bytes, counts)
        start = None if damage is None else _next_start(handle, damage + 1, size, gz)


def _run(
    handle: IO[bytes], path: Path, start: int, size: int, max_bytes: int,
    counts: Counter[str],
) -> Generator[Page | Rejection, None, int | None]:
    """The records from ``start`` on, up to the first damage; its offset, or None at the
    end of the file (or of a file that is no archive at all)."""
    handle.seek(start)
    archive = ArchiveIterator(handle)
    records = iter(archive)
    while True:
        try:
            record = next(records)
        except StopIteration:
            break
        except Exception as exc:  # warcio's failures on damaged input are no documented set
            yield _bad_warc(path, _offset(archive), f"no valid record starts here "
                            f"({_describe(exc)})")
            return _offset(archive)
        offset = _offset(archive)
        if offset == 0 and record.format == "arc" and record.rec_type != "arc_header":
            yield _bad_warc(path, 0, "the file is neither WARC nor ARC (an ARC file starts "
                            "with a filedesc:// record)")
            return None
        errors = archive.err_count
        try:
            outcome = _outcome(record, f"{path}#{offset}", max_bytes, counts)
            complete = _drain(record)
            archive.read_to_end()  # the blank lines after it: a miscount shows there
        except Exception as exc:
            yield _bad_warc(path, offset, f"the record cannot be read ({_describe(exc)})")
            return offset
        if not complete:
            yield _bad_warc(path, offset, "the record ends before the length its "
                            "Content-Length gives (the file ends inside it, or the length "
                            "is wrong)")
            return offset
        if archive.err_count > errors:
            yield _bad_warc(path, offset, "the record's Content-Length does not match its "
                            "data (the record is not followed by the blank lines that end "
                            "one), so its payload cannot be trusted")
            return offset
        if outcome is not None:
            yield outcome
    if _offset(archive) < size:
        yield _bad_warc(path, _offset(archive), "the data from here on is no complete record "
                        "(a truncated or corrupt gzip member?)")
        return _offset(archive)
    return None


def _next_start(handle: IO[bytes], start: int, size: int, gz: bool) -> int | None:
    """The offset of the first WARC record header at or after ``start``: a line
    ``WARC/1.x`` in a plain file, a gzip member that inflates to one in a gzipped file."""
    position = start
    while position < size:
        handle.seek(position)
        block = handle.read(_SCAN + 16)
        if gz:
            found = _gzip_record(handle, position, block)
        else:
            match = _WARC_LINE.search(block)
            found = position + match.start() + 1 if match else None
        if found is not None:
            return found
        position += _SCAN
    return None


def _gzip_record(handle: IO[bytes], position: int, block: bytes) -> int | None:
    """The first gzip member in ``block`` (read at ``position``) that starts a WARC record."""
    index = block.find(_GZIP_MEMBER)
    while 0 <= index < _SCAN:
        handle.seek(position + index)
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(handle.read(4096), 16)
        except zlib.error:
            head = b""
        if head.startswith(b"WARC/1."):
            return position + index
        index = block.find(_GZIP_MEMBER, index + 1)
    return None


def _outcome(
    record: Any, source: str, max_bytes: int, counts: Counter[str]
) -> Page | Rejection | None:
    """The page of one record, a Rejection, or None for a record skipped by the rules."""
    if record.length is None:
        raise ValueError("record without Content-Length")
    if record.rec_type != "response":
        counts[f"type:{record.rec_type}"] += 1
        return None
    http = record.http_headers
    if http is None:
        counts["no-http"] += 1
        return None
    status = http.get_statuscode()
    if status != "200":
        counts[f"status:{status}"] += 1
        return None
    media, charset = _content_type(http.get_header("Content-Type"))
    if media and media not in _PAGE_TYPES:
        return Rejection(source, "not-a-page", f"the response is {media}, not an HTML or "
                         "plain-text page; only text/html, application/xhtml+xml and "
                         "text/plain responses are read")
    data = record.content_stream().read(max_bytes + 1)
    if len(data) > max_bytes:
        return Rejection(source, "too-large", f"the payload is larger than the limit of "
                         f"{max_bytes} bytes; raise NEWSLEDGER_MAX_BYTES if this is really "
                         "one article")
    headers = record.rec_headers
    url = headers.get_header("WARC-Target-URI") or headers.get_header("uri")  # WARC or ARC
    try:
        page = read_stream(_transcode(data, charset), source, max_bytes)
    except RejectedInput as exc:
        return rejection_of(exc, source)
    kind = _PAGE_TYPES.get(media or "") or page.kind
    return replace(page, kind=kind, url=url or page.url)


def _content_type(value: str | None) -> tuple[str | None, str | None]:
    """The media type and charset of an HTTP Content-Type header, lower-cased."""
    if not value:
        return None, None
    media, *params = value.split(";")
    charset = None
    for param in params:
        name, _, val = param.partition("=")
        if name.strip().lower() == "charset":
            charset = val.strip().strip("\"'").lower() or None
    return media.strip().lower() or None, charset


def _transcode(data: bytes, charset: str | None) -> bytes:
    """The payload as BOM-marked UTF-8 when the HTTP charset decodes it, else unchanged.

    read_stream honours a BOM before anything else, so this makes the header's charset win
    over a ``<meta charset>`` as it does in browsers, through read_stream's public API.
    """
    if not charset or not data or data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE,
                                                   codecs.BOM_UTF16_BE)):
        return data
    try:
        encoding = codecs.lookup(CHARSET_ALIASES.get(charset, charset)).name
    except LookupError:
        return data
    if encoding in _WESTERN and data.isascii():
        return data
    if encoding in _WESTERN:
        try:
            data.decode("utf-8")
            return data  # valid UTF-8 with non-ASCII bytes is no accident
        except UnicodeDecodeError:
            pass
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return data
    return codecs.BOM_UTF8 + text.encode("utf-8") if plausible_text(text) else data


def _drain(record: Any) -> bool:
    """Read the rest of the record in small blocks; False when the file ended inside it."""
    stream = record.raw_stream
    while stream.read(_DRAIN):
        pass
    return getattr(stream, "limit", 0) <= 0


def _offset(archive: Any) -> int:
    """Where the current record starts in the file (warcio keeps it in ``offset``)."""
    return int(getattr(archive, "offset", 0))


def _describe(exc: Exception) -> str:
    text = " ".join(str(exc).split())
    text = text.encode("ascii", "backslashreplace").decode("ascii")
    return f"{type(exc).__name__}: {text[:120]}" if text else type(exc).__name__


def _bad_warc(path: Path, offset: int, what: str) -> Rejection:
    return Rejection(f"{path}#{offset}", "bad-warc", f"{path} is damaged at byte offset "
                     f"{offset}: {what}; the records before it were read, the rest of the "
                     "file was not. Fetch or copy it again (warcio check / recompress can "
                     "help to see what is left)")
