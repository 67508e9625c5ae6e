"""What pages declare about their article (meta tags, JSON-LD, <title>), read with
selectolax, on real pages of the scrapinghub benchmark (tests/data/articles, MIT)."""

from __future__ import annotations

from pathlib import Path

from newsledger.ingest import extract_document, read_page
from newsledger.ingest.html_page import url_day
from newsledger.ingest.page_metadata import (
    PageMetadata,
    lexbor_tree,
    page_metadata,
    paragraph_texts,
)

ARTICLES = Path(__file__).resolve().parents[1] / "data" / "articles"


def _metadata(name: str) -> PageMetadata:
    return page_metadata(lexbor_tree(read_page(ARTICLES / name, 4 * 1024 * 1024).content))


def test_json_ld_publisher_and_person_author_win_over_meta_tags() -> None:
    meta = _metadata("ctv-json-ld.html.gz")
    assert meta.site_name == "CTV News"  # JSON-LD publisher; og:site_name says "CTVNews"
    assert meta.title == "Snooze cruise: Study sees future for hibernating astronauts"
    assert meta.published == "2019-11-18T08:22:00-05:00"
    assert meta.authors == ("The Associated Press",)
    assert meta.url is not None and meta.url.startswith("https://www.ctvnews.ca/sci-tech/")


def test_meta_tags_of_a_news_site() -> None:
    meta = _metadata("nbc-omar-threat.html.gz")
    assert meta.title == "New York man pleads guilty to threatening to kill Rep. Ilhan Omar"
    assert meta.published == "2019-11-19T08:41:00+00:00"
    assert meta.site_name == "NBC News"
    assert meta.authors == ("Phil Helsel",)


def test_a_page_without_a_declared_date_gives_none() -> None:
    meta = _metadata("panarmenian-iran-protests.html.gz")
    assert meta.published is None  # the caller asks htmldate then
    assert meta.title == "Amnesty. More than 100 protesters killed in Iran unrest"


def test_organisations_are_not_authors() -> None:
    html = ('<html><head><script type="application/ld+json">{"@type": "NewsArticle", '
            '"headline": "Floods", "author": [{"@type": "Organization", "name": "Reuters"}, '
            '{"@type": "Person", "name": "Sara Ahmadi"}], "publisher": {"@type": '
            '"Organization", "name": "The Frontier Post"}}</script></head><body></body></html>')
    meta = page_metadata(lexbor_tree(html))
    assert meta.authors == ("Sara Ahmadi",)
    assert meta.site_name == "The Frontier Post"
    assert meta.title == "Floods"


def test_paragraphs_leave_out_readers_comments() -> None:
    tree = lexbor_tree(read_page(ARTICLES / "stadia-tweet.html.gz", 4 * 1024 * 1024).content)
    paragraphs = paragraph_texts(tree)
    assert any("Preliminary tests by Digital Foundry" in p for p in paragraphs)
    html = ("<html><body><p>The story itself, told in a paragraph of its own.</p>"
            '<div id="comments"><p>A reader thinks otherwise, at length.</p></div>'
            "</body></html>")
    assert paragraph_texts(lexbor_tree(html)) == ["The story itself, told in a paragraph of "
                                                  "its own."]


def test_no_tree_gives_empty_metadata() -> None:
    assert page_metadata(None) == PageMetadata(None, None, (), None, None, None)
    assert paragraph_texts(None) == []


def test_the_outlets_own_clock_wins_over_utc() -> None:
    """SFGate declares 2019-11-20T05:57:50Z and, in another tag, 2019-11-19 21:57 -0800:
    the same moment; the story ran on the 19th in San Francisco."""
    meta = _metadata("sfgate-bart-stabbing.html.gz")
    assert meta.published == "2019-11-19T21:57:00"


def test_the_day_in_the_address_wins_over_a_utc_stamp_past_midnight() -> None:
    path = ARTICLES / "venturebeat-wework.html.gz"
    meta = _metadata("venturebeat-wework.html.gz")
    assert meta.published is not None and meta.published.startswith("2019-11-19T07:03")
    doc = extract_document(read_page(path, 4 * 1024 * 1024))
    assert doc.url is not None and "/2019/11/18/" in doc.url
    assert doc.published == "2019-11-18"


def test_url_day() -> None:
    assert url_day("https://www.cnn.com/2019/11/18/health/duvet/index.html") == "2019-11-18"
    assert url_day("https://www.latimes.com/business/story/2019-11-19/gannett") == "2019-11-19"
    assert url_day("https://example.org/2019/02/31/no-such-day") is None
    assert url_day("https://example.org/news/12345") is None
    assert url_day(None) is None
