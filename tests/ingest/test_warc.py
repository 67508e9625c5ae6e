"""WARC input: record selection, payload limits, charsets, sources and damaged files."""

from __future__ import annotations

import gzip
import io
import random
import tracemalloc
from collections import Counter
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsledger.ingest.warc import iter_warc
from newsledger.records import Page, Rejection

MAX = 1024 * 1024


def news_page(slug: str, headline: str, paragraphs: list[str], charset: str = "utf-8") -> str:
    """A news article page with the chrome real sites wrap around the body."""
    body = "\n".join(f"    <p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="{charset}">
  <title>{headline} | The Daily Courier</title>
  <meta property="og:title" content="{headline}">
  <meta name="author" content="Amina Rahimi">
  <meta property="article:published_time" content="2021-09-03T08:15:00Z">
  <link rel="canonical" href="https://courier.example.com/world/{slug}">
</head>
<body>
  <header><nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/sport">Sport</a>
  </nav></header>
  <article>
    <h1>{headline}</h1>
    <p class="byline">By Amina Rahimi, 3 September 2021</p>
{body}
  </article>
  <aside>Most read: <a href="/a">Markets slide</a> <a href="/b">Storm warning</a></aside>
  <footer>&copy; 2021 The Daily Courier. All rights reserved.</footer>
</body>
</html>
"""


FLOODS = news_page("floods", "Floods cut off three districts in Badakhshan", [
    "FAIZABAD: Flash floods have cut off three districts of Badakhshan province, officials "
    "said on Monday, after two days of heavy rain swept away bridges and roads.",
    "At least 14 people were killed and dozens of homes destroyed, the provincial "
    "spokesman Nek Mohammad Nazari told reporters in Faizabad.",
])
TALKS = news_page("talks", "Talks resume in Doha after a week of delay", [
    "DOHA: Negotiators returned to the table on Thursday, a week after talks stalled "
    "over the release of prisoners, diplomats said.",
])
# An older site: windows-1252 bytes, charset only in the HTTP header, none in the page.
CAFE = (
    "<html><head><title>Caf\u00e9 owners protest</title></head><body><h1>Caf\u00e9 owners "
    "protest \u2013 \u2018enough is enough\u2019</h1><p>PARIS: Owners of caf\u00e9s marched "
    "on Tuesday against new rules on terraces.</p></body></html>"
)


def _http(status: str, content_type: str | None, extra: list[tuple[str, str]] | None = None
          ) -> StatusAndHeaders:
    headers = [("Server", "nginx"), ("Date", "Fri, 03 Sep 2021 09:00:00 GMT")]
    if content_type:
        headers.append(("Content-Type", content_type))
    return StatusAndHeaders(status, headers + (extra or []), protocol="HTTP/1.1")


def _response(writer: WARCWriter, url: str, payload: bytes, status: str = "200 OK",
              content_type: str | None = "text/html; charset=utf-8",
              extra: list[tuple[str, str]] | None = None) -> None:
    record = writer.create_warc_record(url, "response", payload=io.BytesIO(payload),
                                       http_headers=_http(status, content_type, extra))
    writer.write_record(record)


def write_crawl(path: Path, gz: bool = True, version: str = "1.0") -> Path:
    """A small crawl as a news crawler writes it: warcinfo, requests, pages, errors, a PDF."""
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gz, warc_version=version)
        writer.write_record(writer.create_warcinfo_record(
            path.name, {"software": "StormCrawler 1.18", "format": "WARC File Format 1.0"}))
        request = writer.create_warc_record(
            "https://courier.example.com/world/floods", "request",
            payload=io.BytesIO(b""), http_headers=StatusAndHeaders(
                "GET /world/floods HTTP/1.1", [("Host", "courier.example.com")],
                is_http_request=True))
        writer.write_record(request)
        _response(writer, "https://courier.example.com/world/floods", FLOODS.encode())
        _response(writer, "https://courier.example.com/world/gone", b"<html>Not found</html>",
                  status="404 Not Found")
        _response(writer, "https://courier.example.com/old", b"", status="301 Moved Permanently",
                  extra=[("Location", "https://courier.example.com/world/talks")])
        _response(writer, "https://courier.example.com/report.pdf",
                  b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
                  content_type="application/pdf")
        _response(writer, "https://courier.example.com/world/talks", gzip.compress(
            TALKS.encode()), extra=[("Content-Encoding", "gzip")])
        _response(writer, "http://old.example.fr/cafe", CAFE.encode("cp1252"),
                  content_type="text/html; charset=windows-1252")
        _response(writer, "https://courier.example.com/wire.txt",
                  b"KABUL, Sept 3 (Reuters) - Fighting continued in Panjshir on Friday.\n",
                  content_type="text/plain")
        metadata = writer.create_warc_record("https://courier.example.com/world/floods",
                                             "metadata", payload=io.BytesIO(b"outlinks: 12\n"),
                                             warc_content_type="application/warc-fields")
        writer.write_record(metadata)
    return path


def _offsets(path: Path) -> dict[str, int]:
    """The offset of each response record, read independently with warcio."""
    found: dict[str, int] = {}
    with path.open("rb") as handle:
        archive = ArchiveIterator(handle)
        for record in archive:
            if record.rec_type == "response":
                url = record.rec_headers.get_header("WARC-Target-URI")
                found[url] = archive.get_record_offset()
    return found


@pytest.mark.parametrize("gz", [True, False])
def test_crawl_yields_pages_and_rejections_in_order(tmp_path: Path, gz: bool) -> None:
    path = write_crawl(tmp_path / ("crawl.warc.gz" if gz else "crawl.warc"), gz=gz)
    skipped: Counter[str] = Counter()
    items = list(iter_warc(path, MAX, skipped=skipped))
    offsets = _offsets(path)
    expected = [
        "https://courier.example.com/world/floods",
        "https://courier.example.com/report.pdf",
        "https://courier.example.com/world/talks",
        "http://old.example.fr/cafe",
        "https://courier.example.com/wire.txt",
    ]
    assert [item.source for item in items] == [f"{path}#{offsets[u]}" for u in expected]
    floods, pdf, talks, cafe, wire = items
    assert isinstance(floods, Page) and floods.kind == "html"
    assert floods.url == expected[0] and floods.content == FLOODS
    assert floods.published is None  # WARC-Date is the crawl date, not the publication date
    assert isinstance(pdf, Rejection) and pdf.reason == "not-a-page"
    assert "application/pdf" in pdf.detail
    assert isinstance(talks, Page) and talks.content == TALKS  # Content-Encoding undone
    assert isinstance(cafe, Page) and cafe.content == CAFE  # HTTP charset honoured
    assert isinstance(wire, Page) and wire.kind == "text" and "Panjshir" in wire.content
    assert skipped == Counter({"type:warcinfo": 1, "type:request": 1, "type:metadata": 1,
                               "status:404": 1, "status:301": 1})


def test_common_crawl_news_style_warc_1_0(tmp_path: Path) -> None:
    path = tmp_path / "CC-NEWS-20210903091500-00042.warc.gz"
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True, warc_version="1.0")
        _response(writer, "https://courier.example.com/world/floods", FLOODS.encode(),
                  extra=[("X-Crawler-Content-Encoding", "gzip"),
                         ("X-Crawler-Content-Length", "1203")])
    with gzip.open(path, "rb") as raw:
        assert raw.read(8) == b"WARC/1.0"
    (page,) = iter_warc(path, MAX)
    assert isinstance(page, Page) and page.content == FLOODS


def test_http_charset_wins_over_meta_but_not_over_valid_utf8(tmp_path: Path) -> None:
    koi8 = news_page("moscow", "\u0412\u0441\u0442\u0440\u0435\u0447\u0430 \u0432 "
                     "\u041c\u043e\u0441\u043a\u0432\u0435", ["\u041f\u0435\u0440\u0435"
                     "\u0433\u043e\u0432\u043e\u0440\u044b \u043f\u0440\u043e\u0434\u043e"
                     "\u043b\u0436\u0430\u044e\u0442\u0441\u044f."], charset="iso-8859-1")
    utf8 = news_page("zurich", "Z\u00fcrich vote \u2013 a \u2018yes\u2019", ["Voters in "
                     "Z\u00fcrich approved the plan."])
    path = tmp_path / "charsets.warc.gz"
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        _response(writer, "https://ru.example.com/1", koi8.encode("koi8-r"),
                  content_type="text/html; charset=KOI8-R")
        _response(writer, "https://ch.example.com/2", utf8.encode("utf-8"),
                  content_type='text/html; charset="ISO-8859-1"')
    first, second = iter_warc(path, MAX)
    assert isinstance(first, Page) and first.content == koi8
    assert isinstance(second, Page) and second.content == utf8


def test_payload_over_the_limit_is_rejected_and_the_next_record_read(tmp_path: Path) -> None:
    path = tmp_path / "big.warc.gz"
    huge = news_page("long", "A very long page", ["Words of the report. " * 400] * 20)
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        _response(writer, "https://courier.example.com/long", huge.encode())
        _response(writer, "https://courier.example.com/world/floods", FLOODS.encode())
    big, floods = iter_warc(path, 64 * 1024)
    assert isinstance(big, Rejection) and big.reason == "too-large"
    assert isinstance(floods, Page) and floods.url == "https://courier.example.com/world/floods"


@pytest.mark.parametrize("gz", [True, False])
def test_truncated_warc_keeps_the_records_before_the_damage(tmp_path: Path, gz: bool) -> None:
    whole = write_crawl(tmp_path / "whole.warc", gz=gz)
    offsets = _offsets(whole)
    cut = offsets["http://old.example.fr/cafe"] + 300  # inside the windows-1252 page
    path = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
    path.write_bytes(whole.read_bytes()[:cut])
    items = list(iter_warc(path, MAX))
    assert [i.url for i in items[:-1] if isinstance(i, Page)] == [
        "https://courier.example.com/world/floods", "https://courier.example.com/world/talks"]
    last = items[-1]
    assert isinstance(last, Rejection) and last.reason == "bad-warc"
    assert last.source == f"{path}#{offsets['http://old.example.fr/cafe']}"
    assert str(path) in last.detail and str(offsets["http://old.example.fr/cafe"]) in last.detail


def test_gzip_member_cut_in_its_headers(tmp_path: Path) -> None:
    whole = write_crawl(tmp_path / "whole.warc.gz")
    offset = _offsets(whole)["https://courier.example.com/world/talks"]
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(whole.read_bytes()[:offset + 40])
    items = list(iter_warc(path, MAX))
    assert isinstance(items[0], Page)
    assert isinstance(items[-1], Rejection) and items[-1].reason == "bad-warc"
    assert items[-1].source == f"{path}#{offset}"


def test_trailing_garbage_after_the_records(tmp_path: Path) -> None:
    whole = write_crawl(tmp_path / "whole.warc.gz")
    path = tmp_path / "junk.warc.gz"
    path.write_bytes(whole.read_bytes() + b"<html>stray bytes from a bad copy</html>\n")
    items = list(iter_warc(path, MAX))
    assert sum(isinstance(i, Page) for i in items) == 4
    assert isinstance(items[-1], Rejection) and items[-1].reason == "bad-warc"
    assert items[-1].source == f"{path}#{whole.stat().st_size}"


def test_not_a_warc_empty_and_missing(tmp_path: Path) -> None:
    garbage = tmp_path / "notes.warc"
    garbage.write_text("These are my notes, not an archive.\n", encoding="utf-8")
    (bad,) = iter_warc(garbage, MAX)
    assert isinstance(bad, Rejection) and bad.reason == "bad-warc"
    assert bad.source == f"{garbage}#0"
    empty = tmp_path / "empty.warc.gz"
    empty.write_bytes(b"")
    assert [r.reason for r in iter_warc(empty, MAX) if isinstance(r, Rejection)] == ["empty"]
    (missing,) = iter_warc(tmp_path / "absent.warc.gz", MAX)
    assert isinstance(missing, Rejection) and missing.reason == "unreadable"


def _arc(records: list[tuple[str, str, bytes]]) -> list[bytes]:
    """ARC v1 records (filedesc first), each a separate block as ARC writers emit them."""
    desc = b"1 0 InternetArchive\nURL IP-address Archive-date Content-type Archive-length\n"
    blocks = [b"filedesc://old.arc 0.0.0.0 19980101000000 text/plain %d\n%s\n"
              % (len(desc), desc)]
    for url, content_type, body in records:
        http = (b"HTTP/1.0 200 OK\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n%s"
                % (content_type.encode(), len(body), body))
        blocks.append(b"%s 192.0.2.1 19980101000000 %s %d\n%s\n"
                      % (url.encode(), content_type.encode(), len(http), http))
    return blocks


@pytest.mark.parametrize("gz", [True, False])
def test_arc_files(tmp_path: Path, gz: bool) -> None:
    story = b"<html><head><title>Storm hits coast</title></head><body><p>A storm hit " \
            b"the coast on Friday, cutting power to 40,000 homes.</p></body></html>"
    blocks = _arc([("http://news.example.com/1998/storm.html", "text/html", story),
                   ("http://news.example.com/logo.gif", "image/gif", b"GIF89a\x01\x00")])
    path = tmp_path / ("old.arc.gz" if gz else "old.arc")
    path.write_bytes(b"".join(gzip.compress(b) if gz else b for b in blocks))
    skipped: Counter[str] = Counter()
    page, gif = iter_warc(path, MAX, skipped=skipped)
    assert isinstance(page, Page) and page.url == "http://news.example.com/1998/storm.html"
    assert page.content == story.decode()
    assert isinstance(gif, Rejection) and gif.reason == "not-a-page"
    assert skipped == Counter({"type:arc_header": 1})


def test_over_limit_payload_is_never_held_in_memory(tmp_path: Path) -> None:
    """A 12 MB page under a 1 MB cap: the reader's peak allocation stays near the cap.

    The text is random news words, so it compresses about as HTML does (7:1); warcio inflates
    one 16 KiB block of the file at a time, so a far more compressible payload would peak
    higher (bounded by the block size times the compression ratio, not by the payload).
    """
    rng = random.Random(7)
    words = ["officials", "said", "the", "province", "floods", "district", "killed",
             "wounded", "talks", "government", "ministry", "police", "reported", "Monday",
             "village", "bridge", "road", "heavy", "rain", "spokesman"]
    parts = [b"<html><body>"]
    for _ in range(12 * 1024):  # about 1 KB each
        parts.append(f"<p>{' '.join(rng.choices(words, k=140))}.</p>\n".encode())
    body = b"".join(parts)
    # Built by hand (WARCWriter's digests take seconds on 12 MB): one gzip member per record.
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"
    head = ("WARC/1.0\r\nWARC-Type: response\r\n"
            "WARC-Target-URI: https://courier.example.com/endless\r\n"
            "WARC-Date: 2021-09-03T09:00:00Z\r\n"
            "WARC-Record-ID: <urn:uuid:5b2b1a43-6f4b-4c1e-9a55-0c5f3b0d8e21>\r\n"
            "Content-Type: application/http; msgtype=response\r\n"
            f"Content-Length: {len(http) + len(body)}\r\n\r\n").encode()
    path = tmp_path / "huge.warc.gz"
    with path.open("wb") as out:
        out.write(gzip.compress(head + http + body + b"\r\n\r\n", compresslevel=1))
        writer = WARCWriter(out, gzip=True)
        _response(writer, "https://courier.example.com/world/floods", FLOODS.encode())
    del parts, body
    tracemalloc.start()
    try:
        items = list(iter_warc(path, 1024 * 1024))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [i.reason if isinstance(i, Rejection) else i.kind for i in items] == [
        "too-large", "html"]
    assert peak < 4 * 1024 * 1024
