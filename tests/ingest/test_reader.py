"""Reading inputs: gzip, size cap, binary detection, decoding and kind."""

from __future__ import annotations

import gzip
import random
from pathlib import Path

import pytest

from newsledger.errors import RejectedInput
from newsledger.ingest import read_page, read_stream

MAX = 1024 * 1024
ARTICLE = (
    "Floods cut off three districts\n\nFAIZABAD: Flash floods have cut off three districts "
    "of Badakhshan province, officials said on Monday.\n"
)


def _reason(data: bytes, source: str = "input.txt", max_bytes: int = MAX) -> RejectedInput:
    with pytest.raises(RejectedInput) as info:
        read_stream(data, source, max_bytes)
    assert info.value.source == source
    assert info.value.detail
    return info.value


def test_plain_utf8_text() -> None:
    page = read_stream(ARTICLE.encode(), "a.txt", MAX)
    assert page.kind == "text"
    assert page.content == ARTICLE
    assert page.url is None


def test_read_page_from_file(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    page = read_page(path, MAX)
    assert page.source == str(path)
    assert page.content == ARTICLE


def test_gzip_is_read_transparently(tmp_path: Path) -> None:
    path = tmp_path / "story.html.gz"
    path.write_bytes(gzip.compress(f"<html><body><p>{ARTICLE}</p></body></html>".encode()))
    page = read_page(path, MAX)
    assert page.kind == "html"
    assert ARTICLE in page.content


def test_multi_member_gzip() -> None:
    data = gzip.compress(b"first part. ") + gzip.compress(b"second part.")
    assert read_stream(data, "x.txt.gz", MAX).content == "first part. second part."


def test_truncated_gzip_is_bad_gzip() -> None:
    data = gzip.compress(ARTICLE.encode() * 50)
    assert _reason(data[: len(data) // 2], "x.txt.gz").reason == "bad-gzip"


def test_corrupt_gzip_is_bad_gzip() -> None:
    data = bytearray(gzip.compress(ARTICLE.encode() * 50))
    data[12:40] = b"\xff" * 28
    assert _reason(bytes(data), "x.txt.gz").reason == "bad-gzip"


def test_gz_name_without_gzip_content_is_bad_gzip() -> None:
    assert _reason(b"plain text, not compressed", "x.txt.gz").reason == "bad-gzip"


def test_gzip_bomb_stops_at_the_limit() -> None:
    bomb = gzip.compress(b"A" * (20 * MAX))
    assert len(bomb) < MAX
    error = _reason(bomb, "bomb.txt.gz")
    assert error.reason == "too-large"
    assert str(MAX) in error.detail


def test_too_large_file(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"word " * 1000)
    with pytest.raises(RejectedInput) as info:
        read_page(path, 1000)
    assert info.value.reason == "too-large"


def test_too_large_stream() -> None:
    assert _reason(b"word " * 1000, max_bytes=100).reason == "too-large"


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n  "])
def test_empty_and_whitespace_only(data: bytes) -> None:
    assert _reason(data).reason == "empty"


def test_invisible_characters_only_is_empty() -> None:
    assert _reason("\ufeff\u00a0\u200b\n".encode()).reason == "empty"


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(RejectedInput) as info:
        read_page(path, MAX)
    assert info.value.reason == "empty"


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "JPEG"),
        (b"GIF89a\x01\x00\x01\x00", "GIF"),
        (b"PK\x03\x04\x14\x00\x06\x00word/document.xml", "ZIP"),
    ],
)
def test_binary_formats_by_magic_number(data: bytes, kind: str) -> None:
    error = _reason(data)
    assert error.reason == "binary"
    assert kind in error.detail


def test_nul_bytes_are_binary() -> None:
    error = _reason(b"some text\x00\x01\x02 more \x00 text \xff\x00")
    assert error.reason == "binary"
    assert "NUL" in error.detail


def test_many_control_characters_are_binary() -> None:
    rng = random.Random(7)
    data = bytes(rng.choice([*range(1, 9), *range(0x0E, 0x1B), 0x41, 0x42]) for _ in range(500))
    assert _reason(data).reason == "binary"


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "photo.jpg"
    path.write_bytes(bytes(range(256)) * 8)
    with pytest.raises(RejectedInput) as info:
        read_page(path, MAX)
    assert info.value.reason == "binary"


def test_undecodable_bytes() -> None:
    rng = random.Random(3)
    data = bytes(rng.randrange(0x80, 0x100) for _ in range(400))
    error = _reason(data)
    assert error.reason == "undecodable"
    assert "UTF-8" in error.detail


def test_missing_file_is_unreadable(tmp_path: Path) -> None:
    with pytest.raises(RejectedInput) as info:
        read_page(tmp_path / "nope.txt", MAX)
    assert info.value.reason == "unreadable"


def test_directory_is_unreadable(tmp_path: Path) -> None:
    with pytest.raises(RejectedInput) as info:
        read_page(tmp_path, MAX)
    assert info.value.reason == "unreadable"


def test_utf8_bom_is_dropped() -> None:
    assert read_stream(b"\xef\xbb\xbf" + ARTICLE.encode(), "a.txt", MAX).content == ARTICLE


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_and_without_bom(encoding: str) -> None:
    assert read_stream(ARTICLE.encode(encoding), "a.txt", MAX).content == ARTICLE


def test_windows_1252_fallback() -> None:
    text = "The Taliban’s “offensive” on Panjshir — café owners said.\n"
    assert read_stream(text.encode("cp1252"), "a.txt", MAX).content == text


def test_declared_charset_of_html_is_used() -> None:
    html = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=koi8-r">'
        "</head><body><p>Талибы захватили долину, сообщили источники.</p></body></html>"
    )
    page = read_stream(html.encode("koi8-r"), "page.html", MAX)
    assert "Талибы захватили долину" in page.content


def test_declared_latin1_is_read_as_windows_1252() -> None:
    html = '<html><head><meta charset="iso-8859-1"></head><body><p>“Café”</p></body></html>'
    page = read_stream(html.encode("cp1252"), "page.htm", MAX)
    assert "“Café”" in page.content


def test_html_is_sniffed_without_an_html_name() -> None:
    page = read_stream(b"<!DOCTYPE html>\n<html><body><p>x</p></body></html>", "page.txt", MAX)
    assert page.kind == "html"


def test_url_source_is_kept_as_url() -> None:
    page = read_stream(ARTICLE.encode(), "https://example.org/story", MAX)
    assert page.url == "https://example.org/story"
