"""Walking paths: order, hidden and unsupported files, dispatch by kind, loops, bad paths."""

from __future__ import annotations

import gzip
import io
import json
import os
from collections import Counter
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsledger.ingest.paths import input_kind, iter_paths
from newsledger.records import Page, Rejection

MAX = 1024 * 1024
STORY = (
    "Floods cut off three districts\n\nFAIZABAD: Flash floods have cut off three districts "
    "of Badakhshan province, officials said on Monday.\n"
)
PAGE = (
    "<!DOCTYPE html><html><head><title>Talks resume in Doha</title></head><body><article>"
    "<h1>Talks resume in Doha</h1><p>DOHA: Negotiators returned to the table on Thursday."
    "</p></article></body></html>"
)


def _warc(path: Path, urls: list[str]) -> None:
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for url in urls:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")],
                                       protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                url, "response", payload=io.BytesIO(PAGE.encode()), http_headers=headers))
        headers = StatusAndHeaders("404 Not Found", [("Content-Type", "text/html")],
                                   protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            "https://courier.example.com/missing", "response",
            payload=io.BytesIO(b"<html>gone</html>"), http_headers=headers))


def _tree(root: Path) -> Path:
    """A folder as users hand it over: nested folders, dot files, stray non-article files."""
    (root / "2021" / "09" / "03").mkdir(parents=True)
    (root / ".git" / "objects").mkdir(parents=True)
    (root / "2021" / "b-story.txt").write_text(STORY, encoding="utf-8")
    (root / "2021" / "a-page.html.gz").write_bytes(gzip.compress(PAGE.encode()))
    (root / "2021" / "09" / "03" / "feed.jsonl").write_text(
        json.dumps({"url": "https://wire.example.org/1", "text": STORY}) + "\n\nnot json\n",
        encoding="utf-8")
    _warc(root / "2021" / "09" / "crawl.warc.gz", ["https://courier.example.com/a",
                                                   "https://courier.example.com/b"])
    (root / "2021" / "09" / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(64))
    (root / "README.md").write_text("# Articles\n", encoding="utf-8")
    (root / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (root / ".draft.html").write_text(PAGE, encoding="utf-8")
    (root / ".git" / "objects" / "x.txt").write_text(STORY, encoding="utf-8")
    (root / "Z-upper.TXT").write_text(STORY, encoding="utf-8")
    (root / "broken.txt.gz").write_bytes(b"this is not gzip data at all")
    return root


def test_folder_walk_order_sources_and_reasons(tmp_path: Path) -> None:
    root = _tree(tmp_path / "articles")
    skipped: Counter[str] = Counter()
    items = list(iter_paths([root], MAX, skipped=skipped))
    y = root / "2021"
    warc = y / "09" / "crawl.warc.gz"
    sources = [i.source for i in items]
    assert sources[0] == str(y / "09" / "03" / "feed.jsonl") + ":1"
    assert sources[1] == str(y / "09" / "03" / "feed.jsonl") + ":3"
    assert sources[2].startswith(f"{warc}#0")
    assert sources[3].startswith(f"{warc}#") and sources[3] != sources[2]
    assert sources[4:] == [str(y / "a-page.html.gz"), str(y / "b-story.txt"),
                           str(root / "Z-upper.TXT"), str(root / "broken.txt.gz")]
    reasons = [i.reason if isinstance(i, Rejection) else i.kind for i in items]
    assert reasons == ["text", "bad-record", "html", "html", "html", "text", "text",
                       "bad-gzip"]
    urls = [i.url for i in items if isinstance(i, Page)]
    assert urls == ["https://wire.example.org/1", "https://courier.example.com/a",
                    "https://courier.example.com/b", None, None, None]
    assert skipped == Counter({"status:404": 1})


def test_symlink_loop_is_walked_once(tmp_path: Path) -> None:
    root = tmp_path / "in"
    (root / "sub").mkdir(parents=True)
    (root / "sub" / "story.txt").write_text(STORY, encoding="utf-8")
    os.symlink(root, root / "sub" / "loop")
    os.symlink(root / "sub", root / "again")
    os.symlink(root / "nowhere.txt", root / "dangling.txt")
    items = list(iter_paths([root], MAX))
    pages = [i for i in items if isinstance(i, Page)]
    assert [p.source for p in pages] == [str(root / "again" / "story.txt")]
    (dangling,) = [i for i in items if isinstance(i, Rejection)]
    assert dangling.source == str(root / "dangling.txt") and dangling.reason == "unreadable"


def test_paths_in_input_order_with_missing_and_explicit_files(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    no_ext = tmp_path / "ARTICLE"
    no_ext.write_text(STORY, encoding="utf-8")
    hidden = tmp_path / ".hidden.html"
    hidden.write_text(PAGE, encoding="utf-8")
    feed = tmp_path / "feed.ndjson.gz"
    feed.write_bytes(gzip.compress((json.dumps({"html": PAGE}) + "\n").encode()))
    missing = tmp_path / "no-such-folder"
    items = list(iter_paths([str(no_ext), missing, hidden, feed, story, story], MAX))
    assert [i.source for i in items] == [str(no_ext), str(missing), str(hidden),
                                         f"{feed}:1", str(story), str(story)]
    gone = items[1]
    assert isinstance(gone, Rejection) and gone.reason == "unreadable"
    assert "no file or folder" in gone.detail
    assert all(isinstance(i, Page) for i in items[2:])


def test_input_kind() -> None:
    assert input_kind("CC-NEWS-20210903.warc.gz") == "warc"
    assert input_kind("old.ARC.GZ") == "warc"
    assert input_kind("dump.ndjson") == "jsonl"
    assert input_kind("page.XHTML.gz") == "page"
    assert input_kind("notes.md") is None
    assert input_kind("archive.tar.gz") is None


def test_fifo_in_a_folder_is_skipped_and_empty_path_rejected(tmp_path: Path) -> None:
    root = tmp_path / "in"
    root.mkdir()
    os.mkfifo(root / "pipe.txt")  # reading it would block forever
    (root / "story.txt").write_text(STORY, encoding="utf-8")
    items = list(iter_paths([root, ""], MAX))
    assert [i.source for i in items] == [str(root / "story.txt"), ""]
    assert isinstance(items[1], Rejection) and items[1].reason == "unreadable"
