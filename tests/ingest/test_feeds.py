"""Feeds: RSS and Atom items fetched from 127.0.0.1, metadata fallbacks, content fallbacks,
not-a-feed, and XML entity attacks refused before feedparser."""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from newsledger.ingest.feeds import is_feed, read_feed
from newsledger.ingest.fetch import Fetcher
from newsledger.ingest.sources import iter_urls
from newsledger.records import Page, Rejection

MakeFetcher = Callable[..., Fetcher]
MAX = 1024 * 1024
ARTICLE = (
    "<!doctype html><html><head><title>{0}</title></head><body><article><p>{0}: officials "
    "said on Monday that the road was open again.</p></article></body></html>"
)
LONG = "<p>" + "Flash floods cut off three districts of Badakhshan province. " * 12 + "</p>"
RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Kabul Daily</title><link>{base}/</link><description>News</description>
  <item>
    <title>Road reopens</title><link>{base}/a1</link><guid>{base}/a1</guid>
    <pubDate>Fri, 03 Sep 2021 13:43:00 +0430</pubDate><dc:creator>Zahra Ahmadi</dc:creator>
  </item>
  <item>
    <title>Floods in Badakhshan</title><link>/a2</link><guid isPermaLink="false">fl-2</guid>
    <pubDate>Sat, 04 Sep 2021 08:00:00 GMT</pubDate>
    <description>Short teaser.</description>
    <content:encoded><![CDATA[{long}]]></content:encoded>
  </item>
  <item>
    <title>Gone story</title><link>{base}/a3</link><description>Teaser only.</description>
  </item>
  <item><title>Nothing here</title></item>
  <item><title>Text only</title><description>A wire item with no link.</description></item>
</channel>
</rss>
"""
ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Herat Herald</title><id>urn:herald</id><updated>2021-09-05T10:00:00Z</updated>
  <entry>
    <title>Market fire</title><id>urn:herald:1</id>
    <link rel="alternate" href="{base}/b1"/>
    <updated>2021-09-05T09:30:00+02:00</updated>
    <author><name>Omar Rahimi</name></author><author><name>Lena Haas</name></author>
  </entry>
  <entry>
    <title>Dam talks</title><id>urn:herald:2</id><link href="{base}/b2"/>
    <published>2021-09-04T12:00:00Z</published><updated>2021-09-05T12:00:00Z</updated>
    <content type="html">{long_escaped}</content>
  </entry>
</feed>
"""


@pytest.fixture
def server(httpserver_ipv4: HTTPServer) -> HTTPServer:
    return httpserver_ipv4


def _base(server: HTTPServer) -> str:
    return server.url_for("").rstrip("/")


def _serve_article(server: HTTPServer, path: str, title: str) -> None:
    server.expect_request(path).respond_with_data(ARTICLE.format(title),
                                                  content_type="text/html")


def test_rss_items_become_pages_with_fallbacks(
    server: HTTPServer, make_fetcher: MakeFetcher
) -> None:
    base = _base(server)
    feed = RSS.format(base=base, long=LONG)
    server.expect_request("/rss").respond_with_data(feed, content_type="application/rss+xml")
    _serve_article(server, "/a1", "Road reopens")
    server.expect_request("/a2").respond_with_data("no", status=404)
    server.expect_request("/a3").respond_with_data("no", status=404)
    feed_url = server.url_for("/rss")
    results = list(iter_urls([feed_url], make_fetcher(), MAX))
    assert len(results) == 5
    first, second, third, fourth, fifth = results

    assert isinstance(first, Page)
    assert (first.source, first.url, first.kind) == (f"{base}/a1", f"{base}/a1", "html")
    assert "road was open again" in first.content
    assert first.title == "Road reopens"
    assert first.published == "2021-09-03T09:13:00+00:00"
    assert first.outlet == "Kabul Daily"
    assert first.authors == ("Zahra Ahmadi",)

    # 404, but the item carries the full text: the Page is made from it.
    assert isinstance(second, Page)
    assert second.source == f"{feed_url}#fl-2"
    assert second.url == f"{base}/a2"  # relative link resolved against the feed
    assert second.kind == "html" and "Badakhshan province" in second.content
    assert (second.title, second.published) == ("Floods in Badakhshan",
                                                "2021-09-04T08:00:00+00:00")

    # 404 and only a teaser: rejected, saying which feed it came from.
    assert isinstance(third, Rejection)
    assert (third.source, third.reason) == (f"{base}/a3", "http-error")
    assert "HTTP 404" in third.detail and feed_url in third.detail

    assert isinstance(fourth, Rejection) and fourth.reason == "bad-entry"
    assert isinstance(fifth, Page) and fifth.url is None
    assert fifth.content == "A wire item with no link." and fifth.kind == "html"


def test_atom_entries(server: HTTPServer, make_fetcher: MakeFetcher) -> None:
    base = _base(server)
    escaped = LONG.replace("<", "&lt;").replace(">", "&gt;")
    feed = ATOM.format(base=base, long_escaped=escaped)
    server.expect_request("/atom").respond_with_data(feed, content_type="application/atom+xml")
    _serve_article(server, "/b1", "Market fire")
    server.expect_request("/b2").respond_with_data("down", status=500)
    results = list(iter_urls([server.url_for("/atom")], make_fetcher(retries=0), MAX))
    first, second = results
    assert isinstance(first, Page)
    assert first.url == f"{base}/b1" and "Market fire" in first.content
    assert first.title == "Market fire" and first.outlet == "Herat Herald"
    assert first.published == "2021-09-05T07:30:00+00:00"
    assert first.authors == ("Omar Rahimi", "Lena Haas")
    assert isinstance(second, Page)
    assert second.source == f"{server.url_for('/atom')}#urn:herald:2"
    assert second.published == "2021-09-04T12:00:00+00:00"  # published before updated
    assert second.kind == "html" and "Flash floods" in second.content


def test_feed_sniffed_when_served_as_xml(server: HTTPServer, make_fetcher: MakeFetcher) -> None:
    base = _base(server)
    rdf = f"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
  <channel rdf:about="{base}/"><title>RDF News</title><link>{base}/</link></channel>
  <item rdf:about="{base}/c1"><title>One</title><link>{base}/c1</link></item>
</rdf:RDF>"""
    server.expect_request("/rdf").respond_with_data(rdf, content_type="text/xml")
    _serve_article(server, "/c1", "One")
    [page] = iter_urls([server.url_for("/rdf")], make_fetcher(), MAX)
    assert isinstance(page, Page) and page.outlet == "RDF News" and page.title == "One"


def test_html_is_not_a_feed(server: HTTPServer, make_fetcher: MakeFetcher) -> None:
    server.expect_request("/fake.rss").respond_with_data(
        ARTICLE.format("Not a feed"), content_type="application/rss+xml")
    [result] = iter_urls([server.url_for("/fake.rss")], make_fetcher(), MAX)
    assert isinstance(result, Rejection)
    assert result.reason == "not-a-feed" and result.source == server.url_for("/fake.rss")
    direct = list(read_feed(ARTICLE.format("x").encode(), "page.html", make_fetcher(), MAX))
    assert [r.reason for r in direct if isinstance(r, Rejection)] == ["not-a-feed"]


def test_empty_feed(make_fetcher: MakeFetcher) -> None:
    data = b'<rss version="2.0"><channel><title>Quiet</title></channel></rss>'
    [result] = read_feed(data, "quiet.xml", make_fetcher(), MAX)
    assert isinstance(result, Rejection) and result.reason == "empty-feed"


def test_entries_beyond_the_cap(make_fetcher: MakeFetcher) -> None:
    items = "".join(f"<item><title>T{n}</title><description>Text {n}.</description></item>"
                    for n in range(5))
    data = f'<rss version="2.0"><channel><title>Many</title>{items}</channel></rss>'.encode()
    results = list(read_feed(data, "many.xml", make_fetcher(), MAX, max_entries=3))
    assert [type(r).__name__ for r in results] == ["Page", "Page", "Page", "Rejection"]
    assert isinstance(results[3], Rejection) and results[3].reason == "too-many-entries"


def _billion_laughs() -> bytes:
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10)
    ]
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE rss [\n' + "\n".join(entities) + "\n]>\n"
        '<rss version="2.0"><channel><title>&lol9;</title>'
        "<item><title>&lol9;</title><description>&lol9;</description></item>"
        "</channel></rss>"
    ).encode()


def test_billion_laughs_is_refused_quickly(server: HTTPServer, make_fetcher: MakeFetcher) -> None:
    server.expect_request("/lol").respond_with_data(_billion_laughs(),
                                                    content_type="application/rss+xml")
    tracemalloc.start()
    start = time.monotonic()
    try:
        [result] = iter_urls([server.url_for("/lol")], make_fetcher(), MAX)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert isinstance(result, Rejection) and result.reason == "unsafe-feed"
    assert time.monotonic() - start < 1.0
    assert peak < 20 * 1024 * 1024


def test_external_entity_is_refused(
    server: HTTPServer, make_fetcher: MakeFetcher, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    for target in (secret.as_uri(), server.url_for("/dtd-probe")):
        data = (
            f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "{target}">]>'
            '<rss version="2.0"><channel><title>&xxe;</title>'
            "<item><title>&xxe;</title><description>&xxe;</description></item>"
            "</channel></rss>"
        ).encode()
        results = list(read_feed(data, "xxe.xml", make_fetcher(), MAX))
        assert [r.reason for r in results if isinstance(r, Rejection)] == ["unsafe-feed"]
        assert "TOP-SECRET" not in repr(results)
    assert server.log == []


def test_malformed_feed_with_entities_is_refused(make_fetcher: MakeFetcher) -> None:
    data = (b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaa">]><rss version="2.0">'
            b"<channel><title>&a;</title><item><title>x & y</title></item></channel></rss>")
    [result] = read_feed(data, "bad.xml", make_fetcher(), MAX)
    assert isinstance(result, Rejection) and result.reason == "unsafe-feed"


def test_malformed_feed_without_entities_is_still_read(make_fetcher: MakeFetcher) -> None:
    data = (b'<rss version="2.0"><channel><title>Sloppy & Co</title><item><title>A & B'
            b"</title><description>Unescaped ampersand & more.</description></item>"
            b"</channel></rss>")
    [result] = read_feed(data, "sloppy.xml", make_fetcher(), MAX)
    assert isinstance(result, Page) and result.title == "A & B"


def test_netscape_rss_091_doctype_is_accepted(make_fetcher: MakeFetcher) -> None:
    data = (b'<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS '
            b'0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd"><rss '
            b'version="0.91"><channel><title>Old</title><item><title>One</title>'
            b"<description>Plain item.</description></item></channel></rss>")
    [result] = read_feed(data, "old.xml", make_fetcher(), MAX)
    assert isinstance(result, Page) and result.outlet == "Old"


@pytest.mark.parametrize(
    ("data", "content_type", "expected"),
    [
        (b"<html><body>x</body></html>", "application/rss+xml", True),
        (b'\xef\xbb\xbf<?xml version="1.0"?>\n<!-- c --><rss version="2.0">', "text/xml", True),
        (b'<feed xmlns="http://www.w3.org/2005/Atom">', None, True),
        (b'<?xml version="1.0"?><rdf:RDF xmlns:rdf="x">', "application/xml", True),
        (b"<!doctype html><html><body>rss feed</body></html>", "text/html", False),
        (b"<?xml version='1.0'?><sitemap/>", "application/xml", False),
        (b"Plain text about an RSS feed.", "text/plain", False),
        ('<?xml version="1.0" encoding="utf-16"?><rss>'.encode("utf-16"), None, True),
    ],
)
def test_is_feed(data: bytes, content_type: str | None, expected: bool) -> None:
    assert is_feed(data, content_type) is expected
