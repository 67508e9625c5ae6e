"""The fast body of HTML pages (resiliparse main content, block rules), on real pages of the
scrapinghub benchmark (tests/data/articles, MIT), and its judgement of when to fall back."""

from __future__ import annotations

import pytest

from newsledger.ingest import extract_document
from newsledger.ingest.html_page import fast_body
from newsledger.ingest.main_content import (
    Block,
    doubt,
    kept,
    main_content_blocks,
    missing_prose,
)
from newsledger.records import Document
from tests.conftest import article_page


def _document(name: str) -> Document:
    return extract_document(article_page(name))


def _html(name: str) -> str:
    return article_page(name).content


def test_photo_captions_are_left_out() -> None:
    doc = _document("nadal-davis-cup.html.gz")
    assert doc.text.startswith("Rafael Nadal kept Spain’s hopes alive")
    assert "celebrates a point against Russia" not in doc.text  # the photo's caption
    assert doc.dateline == "Madrid"


def test_a_box_of_other_stories_under_its_heading_is_left_out() -> None:
    doc = _document("panarmenian-iran-protests.html.gz")
    assert "At least 106 protesters in 21 cities have been killed" in doc.text
    for teaser in ("Top stories", "Charles Gérard", "Kingdom of Urartu", "Partner news"):
        assert teaser not in doc.text, teaser


def test_newsletter_sign_up_boxes_are_left_out() -> None:
    doc = _document("nbc-omar-threat.html.gz")
    assert doc.text.startswith("A New York man pleaded guilty Monday to threatening")
    assert "carries with it the responsibility" in doc.text
    for prompt in ("Breaking News Emails", "SUBSCRIBE", "meet your inbox",
                   "delivered weekday mornings"):
        assert prompt not in doc.text, prompt


def test_an_embedded_tweet_quoted_in_the_story_is_kept() -> None:
    doc = _document("stadia-tweet.html.gz")
    assert "Interesting to see Stadia RDR2 capture out there" in doc.text
    assert "It’s when the Google Stadia Red Dead Redemption 2 port attempts" in doc.text


def test_blocks_keep_their_kind_and_link_share() -> None:
    blocks = main_content_blocks(_html("nbc-omar-threat.html.gz"))
    story = [b for b in blocks if b.text.startswith("A New York man pleaded guilty")]
    assert story and story[0].kind == "p" and story[0].link_share < 0.2
    assert all(b.text.strip() for b in blocks)


@pytest.mark.parametrize(("block", "keep"), [
    (Block("li", "Hong Kong protests: 800 students under siege in university", 1.0), False),
    (Block("p", "Read the full report on the agency's site", 0.9), False),
    (Block("p", " ".join(["The report, which the agency published on Monday after months of "
                          "interviews, says the police fired on crowds in 21 cities"] * 2),
           0.8), True),  # a long paragraph that is mostly a link is still story
    (Block("bare", "Updated at 1:23 p.m.", 0.0), False),
    (Block("bare", "Top stories\nThe House voted on Tuesday to recognise the genocide.", 0.0),
     False),
    (Block("p", "Top stories of the year were chosen by readers, the editor said.", 0.0),
     True),
])
def test_block_rules(block: Block, keep: bool) -> None:
    assert kept(block) is keep


def test_a_real_story_is_trusted() -> None:
    html = _html("stadia-tweet.html.gz")
    body = fast_body(html, None).text
    assert doubt(body, []) is None


def test_doubts_send_the_page_to_the_slow_path() -> None:
    story = _document("nbc-omar-threat.html.gz").text
    first, *rest = [p for p in story.split("\n\n") if p.strip()]
    assert doubt(first, []) == "short"
    menu = "\n".join(["Home", "World news", "Politics and elections", "Business"] * 20)
    assert doubt(menu, []) == "little prose"
    # the lead alone, where the page's paragraphs hold the rest of the story: a fragment
    lead = "\n\n".join([first, rest[0]])
    assert missing_prose(lead, rest) > 2 * len(lead.split())
    assert doubt(lead, rest) == "prose left out"
    assert doubt(story, rest) is None
