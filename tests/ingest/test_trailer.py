"""Leftovers that an analyst would read as news: credit lines, follow and newsletter prompts,
links to other stories, licensing notices, captions, screen-reader link text, and site or
section names after titles. Every line below is from a page of the scrapinghub
article-extraction benchmark (``../shared/bench/extraction``), set in the seed's story."""

from __future__ import annotations

import pytest

from newsledger.ingest import extract_document
from newsledger.ingest.text_page import split_title
from newsledger.records import Page
from tests.conftest import SEED

# the seed's story as extracted, its own page chrome already gone
STORY = extract_document(Page(str(SEED), SEED.read_text(encoding="utf-8"), "text")).text
FIRST = "Ahmad Massoud, son of Ahmad Shah Massoud"
LAST = "is claiming to be fighting the Taliban."

LEFTOVERS = (
    "Associated Press writers Alan Fram, Zeke Miller, Laurie Kellman, Colleen Long, Eric "
    "Tucker, Lolita Baldor and Jill Colvin contributed to this report.",
    "Keith Bradsher contributed reporting from Hong Kong.",
    "Fox News’ Jessica Napoli contributed to this report.",
    "Follow NBC Latino on Facebook, Twitter and Instagram.",
    "Follow Newsbeat on Instagram, Facebook, Twitter and YouTube.",
    "Email Tariq Malik at tmalik@space.com or follow him @tariqjmalik. Follow us on Twitter "
    "@Spacedotcom and on Facebook.",
    "Have a tip? Amy Kuperinsky may be reached at akuperinsky@njadvancemedia.com. Follow her "
    "on Twitter @AmyKup or on Facebook.",
    "Get the day’s top headlines delivered to your inbox every morning by subscribing to our "
    "newsletter.",
    "Subscribe to WIRED and stay smart with more of your favorite Ideas writers.",
    "Pick Six Newsletter",
    "Related: From Big Bang to Present: Snapshots of Our Universe Through Time",
    "[Related: Salesforce Dreamforce Keynote: AI, Integration, Alicia Keys And Protestors]",
    "This copy is for your personal, non-commercial use only. Distribution and use of this "
    "material are governed by our Subscriber Agreement and by copyright law.",
    # paywall teasers of the same pages (wired.com, rollingstone.com)
    "Continue reading this article with a WIRED membership.",
    "Already a subscriber? Sign in",
    "Subscribe now for more from the authority on music, entertainment, politics and pop "
    "culture.",
    # a sign-up pitch inside an nbcnews.com story
    "Let our news meet your inbox. The news and stories that matters, delivered weekday "
    "mornings.",
)
# Story sentences that name an inbox: not a pitch.
INBOX_STORY = (
    "Scammers are flooding your inbox with fake delivery notices, police warned on Tuesday.",
    '"If a message in your inbox asks for your bank details, delete it," an inspector said.',
    "Delete any message sent to your inbox that asks for bank details.",
    "Victims were promised refunds delivered straight to your inbox, prosecutors said.",
)


@pytest.mark.parametrize("sentence", INBOX_STORY)
def test_a_story_sentence_about_an_inbox_stays(sentence: str) -> None:
    paragraphs = STORY.rstrip().split("\n\n")
    body = _body([paragraphs[0], sentence, *paragraphs[1:]])
    assert sentence in body


def _body(lines: list[str]) -> str:
    return extract_document(Page("page.txt", "\n\n".join(lines), "text")).text


@pytest.mark.parametrize("leftover", LEFTOVERS)
def test_a_leftover_at_the_end_is_cut(leftover: str) -> None:
    body = _body([STORY.rstrip(), leftover])
    assert body.startswith(FIRST) and body.rstrip().endswith(LAST)
    assert leftover[:30] not in body


@pytest.mark.parametrize("leftover", LEFTOVERS[3:])
def test_a_prompt_inside_the_story_goes_and_the_story_goes_on(leftover: str) -> None:
    paragraphs = STORY.rstrip().split("\n\n")
    middle = len(paragraphs) // 2
    body = _body([*paragraphs[:middle], leftover, *paragraphs[middle:]])
    assert leftover[:30] not in body and body.rstrip().endswith(LAST)


def test_screen_reader_text_and_trailing_follow_prompts_leave_the_sentence() -> None:
    line = ("Mike Wall's book about the search for alien life, \"Out There\", is out now. "
            "Follow him on Twitter @michaeldwall.")
    reuters = "The company said in a statement to Reuters, opens new tab, that it would appeal."
    body = _body([STORY.rstrip(), reuters, line])
    assert "Follow him" not in body and "is out now." in body
    assert "opens new tab" not in body and "statement to Reuters" in body


@pytest.mark.parametrize(("title", "url", "expected"), [
    ("Star Wars Jedi: Fallen Order review - shoots for the moon, lands among the stars - VG247",
     "https://www.vg247.com/2019/11/20/star-wars-jedi-fallen-order-pc-review/",
     "Star Wars Jedi: Fallen Order review - shoots for the moon, lands among the stars"),
    ("The Early Reviews For Google's Stadia Gaming Platform Are Here — And They're Not Great"
     " - Digg", "https://digg.com/2019/is-stadia-good-worth-it-reviews",
     "The Early Reviews For Google's Stadia Gaming Platform Are Here — And They're Not Great"),
    ("Lexus wants you to go topless with 2020 LC500 Convertible - Auto News",
     "https://www.autoindustriya.com/auto-industry-news/lexus-wants-you-to-go-topless",
     "Lexus wants you to go topless with 2020 LC500 Convertible"),
    ("Our BI Research Shows - A Mix of Native Ad Units Generate the Highest Engagement",
     "https://www.example.com/bi-research", None),  # no name of the URL: kept whole
])
def test_site_and_section_names_leave_titles(title: str, url: str,
                                             expected: str | None) -> None:
    assert split_title(title, None, url)[0] == (expected or title)


def test_a_credit_lines_city_never_becomes_a_place(analyzer) -> None:  # type: ignore[no-untyped-def]
    page = Page("page.txt", "\n\n".join([STORY.rstrip(), LEFTOVERS[1]]), "text")
    analysis = analyzer.analyze(page)
    names = {p.name for p in analysis.places}
    assert "Hong Kong" not in names and "Panjshir" in names
