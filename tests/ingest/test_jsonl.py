"""JSON Lines input: records to pages, metadata, bad lines, limits and gzip."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from newsledger.ingest.jsonl import iter_jsonl
from newsledger.records import Page, Rejection

MAX = 64 * 1024
FLOODS_HTML = (
    "<html><head><title>Floods cut off three districts</title></head><body><article>"
    "<h1>Floods cut off three districts</h1><p>FAIZABAD: Flash floods have cut off three "
    "districts of Badakhshan province, officials said on Monday.</p></article></body></html>"
)
TALKS_TEXT = (
    "Talks resume in Doha\n\nDOHA: Negotiators returned to the table on Thursday, a week "
    "after talks stalled over the release of prisoners, diplomats said.\n"
)


def _line(obj: object) -> str:
    return json.dumps(obj, ensure_ascii=False)


def _records() -> list[str]:
    return [
        _line({"url": "https://courier.example.com/world/floods", "html": FLOODS_HTML,
               "title": "Floods cut off three districts", "published": "2021-09-03",
               "outlet": "The Daily Courier", "authors": ["Amina Rahimi", "Tom Weller"]}),
        "",
        _line({"url": "https://wire.example.org/doha", "text": TALKS_TEXT,
               "authors": "Sara Haddad and Omar Khalil", "published": None}),
        '{"url": "https://wire.example.org/broken", "text": "Unterminated',
        "   ",
        _line(["not", "an", "object"]),
        _line({"url": "https://wire.example.org/empty", "title": "No body here"}),
        _line({"text": "Kabul, Sept 3 - Fighting continued in Panjshir.", "title": 42}),
        _line({"text": "Sanaa, Sept 3 - Talks \u2013 \u2018positive\u2019 says envoy.",
               "html": "", "outlet": "  Wire Service  "}),
    ]


def _write(path: Path, lines: list[str]) -> Path:
    data = ("\n".join(lines) + "\n").encode("utf-8")
    path.write_bytes(gzip.compress(data) if path.name.endswith(".gz") else data)
    return path


def _check(items: list[Page | Rejection], path: Path) -> None:
    assert [item.source for item in items] == [f"{path}:{n}" for n in (1, 3, 4, 6, 7, 8, 9)]
    floods, talks, broken, array, missing, title, sanaa = items
    assert isinstance(floods, Page) and floods.kind == "html" and floods.content == FLOODS_HTML
    assert floods.url == "https://courier.example.com/world/floods"
    assert floods.title == "Floods cut off three districts"
    assert floods.published == "2021-09-03" and floods.outlet == "The Daily Courier"
    assert floods.authors == ("Amina Rahimi", "Tom Weller")
    assert isinstance(talks, Page) and talks.kind == "text" and talks.content == TALKS_TEXT
    assert talks.authors == ("Sara Haddad", "Omar Khalil") and talks.published is None
    for bad, number, words in ((broken, 4, "not valid JSON"), (array, 6, "not an object"),
                               (missing, 7, '"html" or "text"'), (title, 8, '"title"')):
        assert isinstance(bad, Rejection) and bad.reason == "bad-record"
        assert f"line {number}" in bad.detail and words in bad.detail
    assert isinstance(sanaa, Page) and sanaa.kind == "text"  # empty html falls back to text
    assert sanaa.outlet == "Wire Service" and "\u2018positive\u2019" in sanaa.content


def test_records_bad_lines_and_metadata(tmp_path: Path) -> None:
    path = _write(tmp_path / "feed.jsonl", _records())
    _check(list(iter_jsonl(path, MAX)), path)


def test_gzipped_file(tmp_path: Path) -> None:
    path = _write(tmp_path / "feed.jsonl.gz", _records())
    _check(list(iter_jsonl(path, MAX)), path)


def test_truncated_gzip_keeps_the_lines_before(tmp_path: Path) -> None:
    lines = [_line({"url": f"https://courier.example.com/{n}", "text": TALKS_TEXT * 3})
             for n in range(200)]
    whole = gzip.compress(("\n".join(lines) + "\n").encode())
    path = tmp_path / "cut.ndjson.gz"
    path.write_bytes(whole[: len(whole) * 3 // 4])
    items = list(iter_jsonl(path, MAX))
    pages = [i for i in items if isinstance(i, Page)]
    assert len(pages) > 10
    assert [p.url for p in pages] == [f"https://courier.example.com/{n}"
                                      for n in range(len(pages))]
    assert all(isinstance(i, Page) for i in items[:-1])
    last = items[-1]
    assert isinstance(last, Rejection) and last.reason == "bad-gzip"
    assert str(path) in last.detail


def test_line_and_page_limits(tmp_path: Path) -> None:
    huge_line = _line({"text": "x" * (4 * 1024 + 10)})
    too_large = _line({"text": "Report. " * 200})  # 1600 bytes of text, line well under 4x
    ok = _line({"text": TALKS_TEXT, "url": "https://wire.example.org/doha"})
    path = _write(tmp_path / "limits.jsonl", [huge_line, too_large, ok])
    long_line, big, page = iter_jsonl(path, 1024)
    assert isinstance(long_line, Rejection) and long_line.reason == "bad-record"
    assert long_line.source == f"{path}:1" and "longer than" in long_line.detail
    assert isinstance(big, Rejection) and big.reason == "too-large" and big.source == f"{path}:2"
    assert isinstance(page, Page) and page.source == f"{path}:3"  # counting resumed right


def test_bom_crlf_and_invalid_utf8(tmp_path: Path) -> None:
    path = tmp_path / "windows.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + _line({"text": TALKS_TEXT}).encode() + b"\r\n"
                     + b'{"text": "caf\xe9 latin-1 bytes"}\r\n'
                     + _line({"html": FLOODS_HTML}).encode() + b"\r\n")
    first, latin1, last = iter_jsonl(path, MAX)
    assert isinstance(first, Page) and first.content == TALKS_TEXT
    assert isinstance(latin1, Rejection) and latin1.reason == "bad-record"
    assert isinstance(last, Page) and last.kind == "html" and last.source == f"{path}:3"


def test_missing_file(tmp_path: Path) -> None:
    (missing,) = iter_jsonl(tmp_path / "absent.jsonl", MAX)
    assert isinstance(missing, Rejection) and missing.reason == "unreadable"


def test_lone_surrogates_become_replacement_characters(tmp_path: Path) -> None:
    """A JSON escape can carry half a surrogate pair, which no UTF-8 writer takes: every
    string of the page holds U+FFFD there instead, and a whole pair stays one character."""
    path = tmp_path / "escaped.jsonl"
    path.write_text(
        '{"text": "Talks resume \\ud800 in Doha", "title": "Doha \\udc00 talks",'
        ' "authors": ["Sara \\udbff Haddad"], "outlet": "Wire \\ud83d\\ude00"}\n',
        encoding="ascii")
    (page,) = iter_jsonl(path, MAX)
    assert isinstance(page, Page)
    assert page.content == "Talks resume \ufffd in Doha" and page.title == "Doha \ufffd talks"
    assert page.authors == ("Sara \ufffd Haddad",) and page.outlet == "Wire \U0001f600"
    for value in (page.content, page.title, *page.authors, page.outlet):
        value.encode("utf-8")


def test_a_lone_surrogate_in_a_text_page_is_analysed_and_written(  # type: ignore[no-untyped-def]
        analyzer, tmp_path: Path) -> None:
    """A text page and title with a lone surrogate end as a record that can be written, not
    as an internal error (the document id and the JSON writer take UTF-8 only)."""
    from newsledger.ingest.sources import iter_sources
    from newsledger.record_codec import record_json

    path = _write(tmp_path / "talks.jsonl", [json.dumps(  # ASCII: the escapes as they come
        {"text": TALKS_TEXT.split("\n\n")[1].replace("week", "week\ud800"),
         "title": "Talks \udc00"})])
    (outcome,) = analyzer.run(iter_sources([str(path)], MAX))
    assert outcome.analysis is not None, outcome.rejection
    written = json.loads(record_json(outcome.analysis))
    assert "\ufffd" in written["document"]["text"]
    assert written["document"]["title"] == "Talks \ufffd"
