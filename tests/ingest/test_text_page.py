"""Plain-text pages: header, dateline and trailer chrome recognised and removed."""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from pathlib import Path

import pytest

from newsledger.errors import RejectedInput
from newsledger.ingest import extract_document, normalise_text, read_page
from newsledger.records import Document, Page

DATA = Path(__file__).resolve().parents[1] / "data"
PAGES = DATA / "pages"


def _norm(text: str | None) -> str:
    """The scorer's matching: accents and punctuation dropped, case folded."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return re.sub(r"[^\w]+", " ", text).strip()


def _contains(text: str, phrase: str) -> bool:
    return f" {_norm(phrase)} " in f" {_norm(text)} "


def _doc(name: str) -> Document:
    return extract_document(read_page(PAGES / name, 1024 * 1024))


@pytest.fixture(scope="module")
def seed() -> Document:
    return extract_document(read_page(DATA / "panjshir-2021-09-03.txt", 1024 * 1024))


@pytest.fixture(scope="module")
def gold() -> dict[str, object]:
    data = json.loads((DATA / "panjshir-2021-09-03.gold.json").read_text(encoding="utf-8"))
    document: dict[str, object] = data["document"]
    return document


def test_seed_metadata(seed: Document, gold: dict[str, object]) -> None:
    assert seed.title == gold["title"]
    assert seed.published == "2021-09-03T13:43:00"
    assert seed.outlet == gold["outlet"]
    assert seed.dateline == gold["dateline"]
    assert seed.language == "en"
    assert seed.id == hashlib.sha256(seed.text.encode("utf-8")).hexdigest()


def test_seed_body(seed: Document, gold: dict[str, object]) -> None:
    must = gold["must_contain"]
    must_not = gold["must_not_contain"]
    assert isinstance(must, list) and isinstance(must_not, list)
    for phrase in must:
        assert _contains(seed.text, phrase), phrase
    for phrase in must_not:
        assert not _contains(seed.text, phrase), phrase


def test_seed_body_starts_with_story_and_has_no_nbsp(seed: Document) -> None:
    assert seed.text.startswith("Ahmad Massoud, son of Ahmad Shah Massoud")
    assert seed.text.endswith("is claiming to be fighting the Taliban.")
    assert "\u00a0" not in seed.text
    assert "the Taliban have also blocked all the roads to Panjshir province" in seed.text


def test_wordpress_posted_on_page() -> None:
    doc = _doc("wordpress-posted-on.txt")
    assert doc.title == "Floods cut off three districts in northern Badakhshan"
    assert doc.published == "2022-03-14"
    assert doc.authors == ("Hamid Rahimi",)
    assert doc.dateline == "Faizabad"
    assert doc.outlet == "Pamir Times Online"
    assert doc.text.startswith("Flash floods triggered by two days of heavy rain")
    assert doc.text.endswith("even before the floods.")
    for chrome in ["Home »", "Posted on", "Categories", "4 mins", "Share this", "Like Loading",
                   "Aid convoy reaches", "Leave a Comment", "Save my name", "All rights"]:
        assert chrome not in doc.text, chrome


def test_newswire_dateline_page() -> None:
    doc = _doc("newswire-reuters.txt")
    assert doc.title == "Pakistan reopens Torkham border crossing after week-long closure"
    assert doc.dateline == "Kabul"
    assert doc.outlet == "Reuters"
    assert doc.published is None
    assert doc.text.startswith("Pakistan reopened the Torkham border crossing")
    assert "(Reuters)" not in doc.text.split("\n")[0]
    assert "told Reuters" in doc.text
    assert "Reporting by" not in doc.text
    assert "Our Standards" not in doc.text


def test_byline_updated_reading_time_page() -> None:
    doc = _doc("byline-updated.txt")
    assert doc.authors == ("Laura Whitman",)
    assert doc.published == "2021-09-05T10:32:00"
    assert doc.dateline == "Washington"
    assert doc.text.startswith("A Senate committee on Thursday advanced legislation")
    assert doc.text.endswith("who had already been approved.")
    for chrome in ["Laura Whitman", "3 min read", "Updated", "newsletter", "Follow us"]:
        assert chrome not in doc.text, chrome


def test_related_share_copyright_page() -> None:
    doc = _doc("related-share-copyright.txt")
    assert doc.title == "Taliban announce new governor for Helmand as clashes ease"
    assert doc.published == "2021-10-16"
    assert doc.dateline == "Kabul"
    assert doc.outlet == "Afghan Herald"
    assert doc.authors == ()
    assert doc.text.startswith("The Taliban on Saturday appointed a new governor")
    assert doc.text.endswith("most of them to Kandahar and Kabul.")
    for chrome in ["Share this", "Related posts", "poppy ban", "©", "Follow us", "Afghanistan:"]:
        assert chrome not in doc.text, chrome


def test_page_without_chrome_loses_nothing() -> None:
    raw = (PAGES / "no-chrome.txt").read_text(encoding="utf-8")
    doc = _doc("no-chrome.txt")
    assert doc.text == normalise_text(raw)
    assert doc.title is None
    assert doc.dateline is None
    assert doc.outlet is None
    assert doc.published is None
    assert "Monday’s earthquake" in doc.text


@pytest.mark.parametrize(
    ("opening", "place", "agency"),
    [
        ("KABUL, Sept 3 (Reuters) - ", "Kabul", "Reuters"),
        ("WASHINGTON — ", "Washington", None),
        ("Kabul, Afghanistan: ", "Kabul", None),
        ("NEW DELHI: ", "New Delhi", None),
        ("LONDON (AP) — ", "London", "AP"),
        ("New Delhi, Sep 3 (IANS) ", "New Delhi", "IANS"),
        ("DAR ES SALAAM, Tanzania — ", "Dar es Salaam", None),
        ("COLUMBIA --- ", "Columbia", None),  # LGL: three hyphens for the dash
        ("FALLS VILLAGE\u2014", "Falls Village", None),  # LGL: a dash without spaces
    ],
)
def test_datelines(opening: str, place: str, agency: str | None) -> None:
    story = "Officials said on Friday that talks would resume next week in the capital."
    page = Page("x.txt", f"Talks to resume next week\n\n{opening}{story}\n", "text")
    doc = extract_document(page)
    assert doc.dateline == place
    assert doc.text == story
    assert doc.outlet == agency


@pytest.mark.parametrize(
    "opening", ["UPDATE: ", "Julian Assange: ", "Meanwhile — ", "Dear Abby: "]
)
def test_labels_are_not_datelines(opening: str) -> None:
    story = "Officials said on Friday that talks would resume next week in the capital."
    page = Page("x.txt", f"{opening}{story}\n\nA second paragraph follows here, as usual.", "text")
    doc = extract_document(page)
    assert doc.dateline is None
    assert doc.text.startswith(opening.strip())


def test_in_story_prompt_is_dropped_but_story_goes_on() -> None:
    paragraph = "The minister said the talks had been constructive and would resume soon."
    content = (
        f"Talks to resume\n\n{paragraph}\n\nAlso Read: Border reopens after a week\n\n"
        f"{paragraph}\n\nMost read\n\nCricket board names chairman\n\n{paragraph}\n\n"
        f"{paragraph}\n"
    )
    doc = extract_document(Page("x.txt", content, "text"))
    assert doc.text.count(paragraph) == 4
    assert "Also Read" not in doc.text
    assert "Cricket board" not in doc.text


def test_page_of_chrome_only_is_rejected() -> None:
    page = Page("x.txt", "Leave a Reply\n\nName *\n\nEmail *\n", "text")
    with pytest.raises(RejectedInput) as info:
        extract_document(page)
    assert info.value.reason == "no-article"


def test_title_case_headline_with_final_period() -> None:
    story = "Officials said on Friday that talks would resume next week in the capital."
    page = Page("x.txt", f"Talks Will Resume Next Week In Geneva.\n\n{story}\n", "text")
    doc = extract_document(page)
    assert doc.title == "Talks Will Resume Next Week In Geneva"
    assert doc.text == story


def test_short_sentence_first_paragraph_is_not_a_title() -> None:
    content = "The talks failed.\n\nOfficials said on Friday that talks would resume soon.\n"
    doc = extract_document(Page("x.txt", content, "text"))
    assert doc.title is None
    assert doc.text == normalise_text(content)


def test_advertisement_and_source_lines() -> None:
    paragraph = "The minister said the talks had been constructive and would resume soon."
    content = (
        f"{paragraph}\n\nAdvertisement - story continues below\n\n{paragraph}\n\n"
        "SOURCE: News agencies\n"
    )
    doc = extract_document(Page("x.txt", content, "text"))
    assert doc.text == f"{paragraph}\n\n{paragraph}"


def test_sentence_starting_with_sources_is_kept() -> None:
    paragraph = "The minister said the talks had been constructive and would resume soon."
    content = f"{paragraph}\n\nSources said 40 were killed.\n\n{paragraph}\n"
    doc = extract_document(Page("x.txt", content, "text"))
    assert "Sources said 40 were killed." in doc.text


def test_link_box_flattened_into_one_line_is_dropped() -> None:
    text = (
        "Mayor Defends New Curfew\n\n"
        "The mayor on Monday defended the curfew imposed after a week of unrest in the old "
        "town, saying the police needed time to restore order.\n\n"
        "Related StoriesCouncil Votes To Extend Emergency PowersShop Owners Count The Cost Of "
        "Riots\n\n"
        "Residents said the streets were quiet on Sunday night for the first time in days.\n"
    )
    doc = extract_document(Page(source="glued.txt", content=text, kind="text"))
    assert "Related Stories" not in doc.text
    assert "Council Votes" not in doc.text
    assert doc.text.rstrip().endswith("for the first time in days.")


def test_source_metadata_fills_what_the_text_lacks() -> None:
    story = "Officials said on Friday that talks would resume next week in the capital."
    page = Page(
        "item.txt", story, "text", title="Talks to resume", published="2021-09-03T13:43:00",
        outlet="Kabul Times", authors=("Sara Ahmadi",),
    )
    doc = extract_document(page)
    assert (doc.title, doc.published, doc.outlet, doc.authors) == (
        "Talks to resume", "2021-09-03T13:43:00", "Kabul Times", ("Sara Ahmadi",)
    )
    assert doc.text == story


def test_text_page_metadata_wins_over_source_metadata() -> None:
    doc = extract_document(
        Page(
            "wp.txt", (PAGES / "wordpress-posted-on.txt").read_text(encoding="utf-8"), "text",
            title="Feed title", published="2020-01-01", outlet="Feed outlet",
            authors=("Feed Author",),
        )
    )
    assert doc.title == "Floods cut off three districts in northern Badakhshan"
    assert doc.published == "2022-03-14"
    assert doc.outlet == "Pamir Times Online"
    assert doc.authors == ("Hamid Rahimi",)


def test_an_also_on_site_link_inside_the_story_is_dropped() -> None:
    paragraph = "Protesters gathered outside the ministry on Tuesday, witnesses said."
    later = "Police said more than forty people had been detained by the evening."
    content = (f"Crowds return to the capital\n\n{paragraph}\n\n"
               "Also on example.com Ministers resign as protests spread to the provinces\n\n"
               f"{later}\n")
    doc = extract_document(Page("also.txt", content, "text"))
    assert "Also on" not in doc.text
    assert paragraph in doc.text and later in doc.text


# CASE 2021 task 2 snippets 1, 11 and 2 (one paragraph each, no closing period), as a user
# saves them to .txt files and gives them to `newsledger analyze`
SNIPPETS = (
    "The US warplanes pounded the village of Kashkash in the Southern parts of al-Shadadi "
    "city in Southern Hasaka, killing 6 civilians, including 2 women",
    "A statement from the Secret Service said the packages were intercepted prior to being "
    "delivered and handled appropriately",
    "Police says a lot of weapons and ammunition has been seized from the two hostels during "
    "the raids",
)


@pytest.mark.parametrize("snippet", SNIPPETS)
def test_the_only_paragraph_is_never_taken_for_a_title_or_chrome(snippet: str) -> None:
    doc = extract_document(Page("snippet.txt", snippet, "text"))
    assert doc.text == snippet and doc.title is None


def test_capital_dateline_place_offsets() -> None:
    from newsledger.ingest.dateline import capital_dateline_place

    text = "Two missing teenagers found unharmed. HURRICANE, W.Va. - Law enforcement officers"
    pos = text.index("HURRICANE")
    start, end, story = capital_dateline_place(text, pos) or (0, 0, 0)
    assert text[start:end] == "HURRICANE" and text[story:].startswith("Law enforcement")
    assert capital_dateline_place(text, 0) is None  # a headline in mixed case
    mixed = "Harwinton \u2014 Former Democratic Senate nominee Ned Lamont visited"
    assert capital_dateline_place(mixed, 0) is None  # the dateline's place is in capitals


@pytest.mark.parametrize(
    "paragraph",
    ["US\u2014China trade talks resumed on Monday in Geneva.",
     "NASA\u2014The agency said on Monday that the launch would slip.",
     "GOP\u2014led states sued on Monday.", "COVID\u201419 cases rose on Monday.",
     "FBI--which had opened the case--said nothing.",
     "ANTI\u2013WAR protesters marched on Monday."],
)
def test_an_acronym_before_an_unspaced_dash_is_no_dateline(paragraph: str) -> None:
    from newsledger.ingest.dateline import split_dateline

    assert split_dateline(paragraph) == (None, paragraph)
