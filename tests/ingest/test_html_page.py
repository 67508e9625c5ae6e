"""HTML pages: trafilatura body and metadata, then dateline and trailer cleaning."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from newsledger.errors import RejectedInput
from newsledger.ingest import extract_document, read_page, read_stream
from newsledger.records import Document, Page

PAGE = Path(__file__).resolve().parents[1] / "data" / "pages" / "article.html"


@pytest.fixture(scope="module")
def doc() -> Document:
    return extract_document(read_page(PAGE, 1024 * 1024))


def test_metadata(doc: Document) -> None:
    assert doc.title == "Aid agencies warn of hunger as winter nears in Afghanistan"
    assert doc.outlet == "Frontier Post Daily"
    assert doc.published == "2021-10-25T08:15:00+04:30"
    assert doc.url == "https://frontierpost.example/2021/10/25/aid-agencies-warn-of-hunger/"
    assert doc.authors == ("Sara Ahmadi",)
    assert doc.dateline == "Kabul"
    assert doc.language == "en"


def test_body_is_the_story_only(doc: Document) -> None:
    assert doc.text.startswith("More than half of Afghanistan’s population")
    assert doc.text.endswith("import fuel without them.")
    assert "22.8 million people" in doc.text
    assert "\n\n" in doc.text
    for chrome in ["Contact us", "Share this", "Most popular", "Cricket board", "Privacy",
                   "All rights reserved", "brings you the latest", "KABUL:"]:
        assert chrome not in doc.text, chrome


def test_gzipped_html_gives_the_same_document(doc: Document, tmp_path: Path) -> None:
    path = tmp_path / "article.html.gz"
    path.write_bytes(gzip.compress(PAGE.read_bytes()))
    again = extract_document(read_page(path, 1024 * 1024))
    assert again.text == doc.text
    assert again.id == doc.id


def test_date_from_metadata_without_time() -> None:
    paragraph = (
        "<p>Officials in the northern province said the road would reopen next week after "
        "repairs to the bridge, which was damaged by floods earlier this month.</p>"
    )
    html = (
        "<html><head><title>Road to reopen</title>"
        '<meta name="date" content="2022-03-14"></head>'
        f"<body><article><h1>Road to reopen</h1>{paragraph * 4}</article></body></html>"
    )
    doc = extract_document(read_stream(html.encode(), "road.html", 1024 * 1024))
    assert doc.published == "2022-03-14"
    assert doc.title == "Road to reopen"


def test_page_without_article_is_rejected() -> None:
    html = (
        "<html><head><title>Home</title></head>"
        "<body><nav><a href='/'>Home</a></nav></body></html>"
    )
    with pytest.raises(RejectedInput) as info:
        extract_document(Page("index.html", html, "html"))
    assert info.value.reason == "no-article"


_STORY = (
    "<p>Officials in the northern province said the road would reopen next week after "
    "repairs to the bridge, which was damaged by floods earlier this month.</p>"
)


def test_source_metadata_fills_what_the_page_lacks() -> None:
    html = f"<html><body><article>{_STORY * 4}</article></body></html>"
    page = Page(
        "feed-item.html", html, "html", url="https://example.org/road", title="Road to reopen",
        published="March 14, 2022", outlet="Northern Times", authors=("Ana Lima",),
    )
    doc = extract_document(page)
    assert doc.title == "Road to reopen"
    assert doc.published == "2022-03-14"
    assert doc.outlet == "Northern Times"
    assert doc.authors == ("Ana Lima",)
    assert doc.url == "https://example.org/road"


def test_page_metadata_wins_over_source_metadata() -> None:
    html = (
        "<html><head><title>Bridge repairs finish early</title>"
        '<meta name="author" content="Jane Doe, John Roe and Sam Poe">'
        '<meta property="og:site_name" content="Valley Courier">'
        '<meta name="date" content="2022-03-15"></head>'
        f"<body><article><h1>Bridge repairs finish early</h1>{_STORY * 4}</article></body></html>"
    )
    page = Page(
        "feed-item.html", html, "html", title="Feed title", published="2022-01-01",
        outlet="Feed outlet", authors=("Feed Author",),
    )
    doc = extract_document(page)
    assert doc.title == "Bridge repairs finish early"
    assert doc.published == "2022-03-15"
    assert doc.outlet == "Valley Courier"
    assert doc.authors == ("Jane Doe", "John Roe", "Sam Poe")


def test_the_slow_path_alone_gives_the_story_too(doc: Document) -> None:
    from newsledger.ingest.html_page import extract_html_page

    slow = extract_html_page(read_page(PAGE, 1024 * 1024), fast=False)
    assert slow.text.startswith("More than half of Afghanistan’s population")
    assert (slow.title, slow.published, slow.dateline) == (doc.title, doc.published,
                                                            doc.dateline)
