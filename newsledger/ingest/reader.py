"""Reading one input into a Page: gzip, size cap, binary detection and decoding.

Every refusal is a RejectedInput whose detail says what was wrong and what to do.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
import zlib
from collections import Counter
from pathlib import Path
from typing import Literal

import charset_normalizer

from newsledger.errors import RejectedInput
from newsledger.records import Page

_GZIP_MAGIC = b"\x1f\x8b"
_CHUNK = 64 * 1024
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF document"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"PK\x03\x04", "ZIP archive (or DOCX/XLSX/EPUB)"),
    (b"PK\x05\x06", "ZIP archive (empty)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "MS Office (OLE) document"),
    (b"\x7fELF", "ELF executable"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\xfd7zXZ\x00", "XZ archive"),
    (b"BZh9", "bzip2 archive"),
    (b"OggS", "Ogg media"),
    (b"ID3", "MP3 audio"),
    (b"\x00\x00\x00\x18ftyp", "MP4 video"),
    (b"\x00\x00\x00\x20ftyp", "MP4 video"),
    (b"\x1aE\xdf\xa3", "Matroska/WebM video"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"\x00\x00\x01\x00", "ICO image"),
    (b"wOFF", "WOFF font"),
    (b"wOF2", "WOFF2 font"),
    (b"\x00asm", "WebAssembly module"),
    (b"\xca\xfe\xba\xbe", "Java class or Mach-O binary"),
)
# Formats told by bytes after a variable part: (offset, magic, kind).
_MAGIC_AT: tuple[tuple[int, bytes, str], ...] = (
    (4, b"ftyp", "MP4/QuickTime/HEIF media or image"),
    (8, b"WEBP", "WebP image"),
    (8, b"WAVE", "WAV audio"),
    (8, b"AVI ", "AVI video"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# C0 controls that never occur in text (tab, LF, VT, FF, CR and ESC excepted).
_CONTROL = bytes([*range(0x00, 0x09), 0x0E, 0x0F, *range(0x10, 0x1B), *range(0x1C, 0x20)])
_MAX_CONTROL_SHARE = 0.05
_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""",
    re.IGNORECASE,
)
# WHATWG: pages that declare Latin-1 or ASCII are decoded as windows-1252.
CHARSET_ALIASES = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252",
                    "us-ascii": "cp1252", "ascii": "cp1252", "iso8859-1": "cp1252"}
_HTML_SNIFF = re.compile(
    r"^\s*(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html\b|<\?xml[^>]*>\s*<(?:!doctype\s+)?html)"
    r"|<(?:html|head|body)\b[^>]*>",
    re.IGNORECASE | re.DOTALL,
)
_MAX_CHAOS = 0.2
# Unicode categories of characters real text hardly has: control, private use, unassigned,
# surrogate.
_IMPLAUSIBLE_CATEGORIES = frozenset({"Cc", "Co", "Cn", "Cs"})
_HTML_SUFFIXES = (".htm", ".html", ".xhtml", ".shtml")


def _reject(source: str, reason: str, detail: str) -> RejectedInput:
    return RejectedInput(source, reason, detail)


def _too_large(source: str, max_bytes: int, what: str) -> RejectedInput:
    return _reject(
        source,
        "too-large",
        f"{what} is larger than the limit of {max_bytes} bytes; raise NEWSLEDGER_MAX_BYTES "
        "if this is really one article, or split the input",
    )


def _gunzip(data: bytes, source: str, max_bytes: int) -> bytes:
    """Decompress (possibly multi-member) gzip, stopping as soon as max_bytes is passed."""
    out = bytearray()
    rest = data
    try:
        while rest:
            inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
            pending = rest
            while pending and not inflater.eof:
                out += inflater.decompress(pending, max_bytes + 1 - len(out))
                if len(out) > max_bytes:
                    raise _too_large(source, max_bytes, "the decompressed content")
                pending = inflater.unconsumed_tail
            if not inflater.eof:
                raise _reject(source, "bad-gzip", "the gzip data is truncated (the stream "
                              "ends before its end marker); fetch or copy the file again")
            rest = inflater.unused_data.lstrip(b"\x00")
            if rest and not rest.startswith(_GZIP_MAGIC):
                break
    except zlib.error as exc:
        raise _reject(source, "bad-gzip", f"the gzip data is corrupt ({exc}); fetch or copy "
                      "the file again, or decompress it with another tool to see what is "
                      "left") from exc
    return bytes(out)


def _binary_kind(data: bytes) -> str | None:
    """What binary format the bytes are, or None when they may be text."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    for offset, magic, kind in _MAGIC_AT:
        if data[offset:offset + len(magic)] == magic and (offset != 8 or data[:4] == b"RIFF"):
            return kind
    if data[:2] == b"BM" and data[6:10] == b"\x00\x00\x00\x00":
        return "BMP image"
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return None
    sample = data[:_CHUNK]
    if b"\x00" in sample:
        return None if _utf16_guess(sample) else "binary data (contains NUL bytes)"
    controls = len(sample) - len(sample.translate(None, _CONTROL))
    if controls / max(len(sample), 1) > _MAX_CONTROL_SHARE:
        return f"binary data ({controls} control bytes in the first {len(sample)})"
    return None


def _utf16_guess(sample: bytes) -> str | None:
    """UTF-16 without a BOM: ASCII-range text has every other byte NUL."""
    if len(sample) < 8:
        return None
    even = sample[0::2].count(0) / len(sample[0::2])
    odd = sample[1::2].count(0) / len(sample[1::2])
    if odd > 0.8 and even < 0.05:
        return "utf-16-le"
    if even > 0.8 and odd < 0.05:
        return "utf-16-be"
    return None


def _declared_charset(data: bytes) -> str | None:
    match = _CHARSET.search(data[:4096])
    if not match:
        return None
    name = (match.group(1) or match.group(2)).decode("ascii").lower()
    name = CHARSET_ALIASES.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _implausible(char: str) -> bool:
    """Characters that a wrong guess of the encoding produces and real text hardly has."""
    code = ord(char)
    if char in "\n\r\t":
        return False
    return (
        unicodedata.category(char) in _IMPLAUSIBLE_CATEGORIES
        or code == 0xFFFD
        or 0xFB50 <= code <= 0xFEFE  # Arabic presentation forms
        or 0xFF61 <= code <= 0xFFEF  # halfwidth forms
    )


_NON_ASCII = re.compile(r"[^\x00-\x7e]")
_ASCII_RUN = re.compile(r"[\x00-\x7e]+")
_HIGH_BYTES = re.compile(rb"[\x80-\xff]")
_VISIBLE = re.compile(r"[^\s\u200b\ufeff]")


def plausible_text(text: str) -> bool:
    """At most 1% implausible characters; each distinct non-ASCII character judged once."""
    if text.isascii() and "\x7f" not in text:
        return True
    counts = Counter(_ASCII_RUN.sub("", text))  # the non-ASCII characters alone
    odd = sum(n for ch, n in counts.items() if _implausible(ch))
    return odd <= len(text) * 0.01


def _western(data: bytes) -> str | None:
    """Mostly-ASCII text with a few windows-1252 typographic or accented characters."""
    high = len(_HIGH_BYTES.findall(data))
    if high > len(data) * 0.1:
        return None
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    for ch in text:
        if ord(ch) > 0x7F and not (
            (ch.isalpha() and ord(ch) < 0x250) or ch in _WESTERN_SYMBOLS
        ):
            return None
    return text


_WESTERN_SYMBOLS = set("\u00a0‘’‚“”„–—…•€£¥©®°±×÷§¶·«»¿¡¢™†‡‹›ªº´¨¸")


def _cp1252_byte(error: UnicodeError) -> tuple[str, int]:
    """Decode the bytes UTF-8 refused one by one as windows-1252 (U+FFFD where it has
    no character)."""
    assert isinstance(error, UnicodeDecodeError)
    bad = error.object[error.start:error.end]
    return bad.decode("cp1252", errors="replace"), error.end


codecs.register_error("newsledger-cp1252", _cp1252_byte)


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with some bytes of another encoding in it (a UTF-8 template around a
    windows-1252 field, a stray byte): decoded as UTF-8 where it is valid and byte by byte
    as windows-1252 where not, when valid multi-byte UTF-8 characters outnumber the
    invalid bytes. Legacy encodings (windows-1251, GBK, Shift-JIS) make valid UTF-8
    sequences only by accident, far fewer than their invalid bytes."""
    valid = data.decode("utf-8", errors="ignore")
    bad = len(data) - len(valid.encode("utf-8"))
    if bad == 0 or len(_NON_ASCII.findall(valid)) <= bad:
        return None
    text = data.decode("utf-8", errors="newsledger-cp1252")
    return text if plausible_text(text) else None


def _guess(data: bytes) -> str | None:
    best = charset_normalizer.from_bytes(data).best()
    if best is None or best.chaos > _MAX_CHAOS:
        return None
    text = str(best)
    return text if plausible_text(text) else None


def _decode(data: bytes, source: str, html: bool) -> str:
    """BOM, then the declared charset of an HTML page, then UTF-8, then a careful guess."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding)
            except UnicodeDecodeError:
                break
    tries = [_declared_charset(data) if html else None, _utf16_guess(data[:_CHUNK]), "utf-8"]
    for encoding in filter(None, tries):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if plausible_text(text):
            return text
    guessed = _mostly_utf8(data) or _western(data) or _guess(data)
    if guessed is None:
        raise _reject(
            source,
            "undecodable",
            "the bytes are not UTF-8 and no other text encoding fits them well; convert the "
            "file to UTF-8 (e.g. iconv -f <encoding> -t utf-8) and try again",
        )
    return guessed


def _kind(source: str, text: str) -> Literal["text", "html"]:
    name = source.lower().split("?")[0]
    name = name.removesuffix(".gz")
    if name.endswith(_HTML_SUFFIXES):
        return "html"
    return "html" if _HTML_SNIFF.search(text[:4096]) else "text"


def read_stream(data: bytes, source: str, max_bytes: int) -> Page:
    """Turn the bytes of one input into a Page, or raise RejectedInput saying why not."""
    if len(data) > max_bytes:
        raise _too_large(source, max_bytes, f"the input ({len(data)} bytes)")
    if data.startswith(_GZIP_MAGIC):
        data = _gunzip(data, source, max_bytes)
    elif source.lower().endswith(".gz") and data:
        raise _reject(source, "bad-gzip", "the name ends in .gz but the content is not gzip "
                      "data; rename the file or compress it again")
    if not data.strip():
        raise _reject(source, "empty", "the input is empty or holds only white space; "
                      "check that the download or copy worked")
    kind = _binary_kind(data)
    if kind is not None:
        raise _reject(source, "binary", f"the input is not text but {kind}; give the article "
                      "as HTML or plain text (convert PDFs and documents to text first)")
    sniff = data[:4096].decode("latin-1")
    text = _decode(data, source, html=_kind(source, sniff) == "html")
    text = text.removeprefix("\ufeff")
    if not _VISIBLE.search(text):
        raise _reject(source, "empty", "the input holds only white space or invisible "
                      "characters; check that the download or copy worked")
    url = source if re.match(r"^https?://", source, re.IGNORECASE) else None
    return Page(source=source, content=text, kind=_kind(source, text), url=url)


def read_page(path: str | Path, max_bytes: int) -> Page:
    """Read one file (gzip transparently) into a Page, or raise RejectedInput saying why not."""
    source = str(path)
    file = Path(path)
    try:
        with file.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except FileNotFoundError as exc:
        raise _reject(source, "unreadable", "the file does not exist; check the path") from exc
    except IsADirectoryError as exc:
        raise _reject(source, "unreadable", "the path is a directory; give the files in it "
                      "instead") from exc
    except OSError as exc:
        raise _reject(source, "unreadable", f"the file cannot be read ({exc.strerror or exc}); "
                      "check its permissions") from exc
    if len(data) > max_bytes:
        raise _too_large(source, max_bytes, "the file")
    return read_stream(data, source, max_bytes)
