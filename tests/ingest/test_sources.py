"""Every kind of source through one stream, in input order, with rejections in place."""

from __future__ import annotations

import gzip
import io
import json
from collections.abc import Callable
from pathlib import Path

from pytest_httpserver import HTTPServer
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsledger.ingest.fetch import Fetcher
from newsledger.ingest.sources import iter_sources
from newsledger.records import Page, Rejection

MAX = 1024 * 1024
STORY = ("<html><head><title>Floods cut off northern villages</title></head><body><article>"
         "<h1>Floods cut off northern villages</h1>"
         "<p>Heavy rain on Tuesday cut off at least a dozen villages in the north of the "
         "province, local officials said, as rivers burst their banks after a week of "
         "storms.</p><p>Rescue teams reached some of the villages by boat on Wednesday "
         "morning, the provincial disaster agency said in a statement.</p></article>"
         "</body></html>")


def _warc(path: Path) -> None:
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                   protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            "https://news.example.org/floods", "response",
            payload=io.BytesIO(STORY.encode()), http_headers=headers))


def _folder(root: Path) -> Path:
    folder = root / "crawl"
    (folder / "b").mkdir(parents=True)
    (folder / "a.txt").write_text("Rain stops\n\nThe rain stopped on Thursday across the "
                                  "province, officials said, and roads began to reopen.\n")
    (folder / "b" / "page.html.gz").write_bytes(gzip.compress(STORY.encode()))
    _warc(folder / "b" / "crawl.warc.gz")
    (folder / "b" / "records.jsonl").write_text(
        json.dumps({"text": "Officials said on Friday that the roads to the valley had "
                            "reopened after a week of floods.", "url": "https://x.example/1",
                    "title": "Roads reopen", "outlet": "Valley Times"}) + "\n{broken\n")
    (folder / "notes.pdf").write_bytes(b"%PDF-1.7 not a page")
    return folder


def test_a_folder_of_every_file_kind_streams_in_sorted_order(tmp_path: Path) -> None:
    items = list(iter_sources([str(_folder(tmp_path))], MAX))
    names = [Path(i.source.split("#")[0].split(":")[0]).name for i in items]
    assert names == ["a.txt", "crawl.warc.gz", "page.html.gz", "records.jsonl", "records.jsonl"]
    assert [type(i).__name__ for i in items][-1] == "Rejection"  # the broken JSON line
    assert not any("notes.pdf" in i.source for i in items)  # not a news file kind: skipped
    jsonl = next(i for i in items if isinstance(i, Page) and i.outlet == "Valley Times")
    assert jsonl.title == "Roads reopen" and jsonl.url == "https://x.example/1"
    warc = next(i for i in items if isinstance(i, Page) and i.url == "https://news.example.org/floods")
    assert warc.kind == "html"
    bad = next(i for i in items if isinstance(i, Rejection))
    assert bad.reason == "bad-record" and ":2" in bad.source


def test_urls_and_url_lists_after_paths_and_missing_ones_rejected(
        tmp_path: Path, httpserver: HTTPServer,
        make_fetcher: Callable[..., Fetcher]) -> None:
    httpserver.expect_request("/floods").respond_with_data(STORY, content_type="text/html")
    listing = tmp_path / "urls.txt"
    listing.write_text(f"# morning crawl\n{httpserver.url_for('/floods')}\n")
    sources = [httpserver.url_for("/floods"), str(tmp_path / "missing.txt")]
    items = list(iter_sources(sources, MAX, [str(listing), str(tmp_path / "nolist.txt")],
                              fetcher=make_fetcher()))
    assert [type(i).__name__ for i in items] == ["Page", "Rejection", "Page", "Rejection"]
    assert all(i.url == httpserver.url_for("/floods") for i in items if isinstance(i, Page))
    assert [i.reason for i in items if isinstance(i, Rejection)] == ["unreadable", "unreadable"]


def test_the_number_of_inputs_is_known_for_pages_and_json_lines(tmp_path: Path) -> None:
    from newsledger.ingest.sources import count_inputs
    from tests.conftest import DATA

    pages = DATA / "pages"
    files = [p for p in pages.iterdir() if p.suffix in (".txt", ".html")]
    assert count_inputs([str(pages)]) == len(files) == len(list(iter_sources([str(pages)],
                                                                             MAX)))
    lines = tmp_path / "news.jsonl"
    lines.write_text("\n".join(json.dumps({"text": STORY, "url": f"https://x.org/{i}"})
                               for i in range(3)) + "\n", encoding="utf-8")
    assert count_inputs([str(lines), str(files[0]), "-"]) == 5
    _warc(tmp_path / "crawl.warc")
    assert count_inputs([str(tmp_path / "crawl.warc")]) is None  # records unknown
    assert count_inputs(["https://example.org/feed.xml"]) is None  # may be a feed
    assert count_inputs([str(pages)], url_lists=[str(lines)]) is None
