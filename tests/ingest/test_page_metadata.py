"""What pages declare about their article (meta tags, JSON-LD, <title>), read with
selectolax, on real pages of the scrapinghub benchmark (tests/data/articles, MIT)."""

from __future__ import annotations

from newsledger.ingest import extract_document
from newsledger.ingest.page_metadata import (
    PageMetadata,
    lexbor_tree,
    page_metadata,
    paragraph_texts,
    publication_date,
    url_day,
)
from newsledger.records import Page
from tests.conftest import article_page


def _metadata(name: str) -> PageMetadata:
    return page_metadata(lexbor_tree(article_page(name).content))


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
    tree = lexbor_tree(article_page("stadia-tweet.html.gz").content)
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
    meta = _metadata("venturebeat-wework.html.gz")
    assert meta.published is not None and meta.published.startswith("2019-11-19T07:03")
    doc = extract_document(article_page("venturebeat-wework.html.gz"))
    assert doc.url is not None and "/2019/11/18/" in doc.url
    assert doc.published == "2019-11-18"


def test_url_day() -> None:
    assert url_day("https://www.cnn.com/2019/11/18/health/duvet/index.html") == "2019-11-18"
    assert url_day("https://www.latimes.com/business/story/2019-11-19/gannett") == "2019-11-19"
    assert url_day("https://example.org/2019/02/31/no-such-day") is None
    assert url_day("https://example.org/news/12345") is None
    assert url_day(None) is None
    assert url_day("https://example.org/search?archive=/2010/01/01/") is None  # path only


def test_the_address_overrides_only_a_utc_stamp_a_day_off() -> None:
    address = "https://example.org/2019/11/18/story"
    assert publication_date("", "2019-11-19T02:34:30+00:00", None, address) == "2019-11-18"
    assert publication_date("", "2019-11-19T02:34:30", None, address) == "2019-11-18"
    # a local stamp, or a stamp days away (an update, an archive path), is kept
    assert publication_date("", "2019-11-19T02:34:30-05:00", None, address) == \
        "2019-11-19T02:34:30-05:00"
    assert publication_date("", "2021-03-04T10:00:00+00:00", None, address) == \
        "2021-03-04T10:00:00+00:00"
    assert publication_date("", None, None, address) == "2019-11-18"
    # east of Greenwich: the outlet's morning is the UTC day before
    sydney = "https://www.abc.net.au/news/2019-11-19/story/11717454"
    assert publication_date("", "2019-11-18T22:32:40+00:00", None, sydney) == "2019-11-19"


def test_paragraphs_of_a_page_marked_comments_on_its_root_are_read() -> None:
    html = ('<html class="js comments-enabled"><body class="has-comments"><form>'
            "<p>The story itself, told in a paragraph of its own.</p></form></body></html>")
    assert paragraph_texts(lexbor_tree(html)) == ["The story itself, told in a paragraph of "
                                                  "its own."]


def test_json_ld_nested_past_the_parsers_stack_is_no_metadata() -> None:
    html = ('<html><head><title>Floods</title><script type="application/ld+json">'
            + "[" * 100_000 + "</script></head><body></body></html>")
    meta = page_metadata(lexbor_tree(html))
    assert meta.title == "Floods" and meta.authors == ()


def test_a_lone_surrogate_does_not_stop_the_fast_path() -> None:
    sentence = ("Officials in the northern province said the road would reopen next week "
                "after repairs to the bridge. ")
    html = ("<html><head><title>Road\ud800 to reopen</title></head><body><article>"
            + f"<p>{sentence * 3}\ud800</p>" * 4 + "</article></body></html>")
    doc = extract_document(Page("road.html", html, "html"))
    assert doc.text.count("road would reopen") == 12
    assert "\ud800" not in doc.text


def test_a_handle_for_a_site_name_gives_way_to_the_pages_own_words() -> None:
    sentence = ("Officials in the northern province said the road would reopen next week "
                "after repairs to the bridge. ")
    html = ('<html><head><title>Road to reopen</title>'
            '<meta property="og:site_name" content="usatoday"></head><body><article>'
            + f"<p>{sentence * 3}</p>" * 4 + "<p>© 2021 USA TODAY, a division of Gannett "
            "Satellite Information Network, LLC.</p></article></body></html>")
    assert extract_document(Page("road.html", html, "html")).outlet == "USA TODAY"
    bare = html.replace("<p>© 2021 USA TODAY, a division of Gannett Satellite Information "
                        "Network, LLC.</p>", "")
    assert extract_document(Page("road.html", bare, "html")).outlet == "usatoday"
