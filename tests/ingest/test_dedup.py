"""Duplicate detection: exact copies by id, near copies by MinHash LSH, linked to the first copy."""

from __future__ import annotations

import pickle
import random

import pytest

from newsledger.ingest import normalise_text
from newsledger.ingest.dedup import Deduplicator, shingles, words
from newsledger.ingest.text_page import document_id
from newsledger.records import Document

# A wire story of about 300 words (fictional).
WIRE = "\n\n".join([
    (
        "Flooding along the Shabelle River has forced more than 40,000 people from their "
        "homes in southern Somalia over the past week, the United Nations humanitarian office"
        " said on Tuesday, as heavy rains upstream in Ethiopia pushed the river over its "
        "banks."
    ),
    (
        "The worst-hit town is Beledweyne, where water reached the rooftops of some houses in"
        " the eastern districts on Sunday night. Local officials said at least 12 people had "
        "drowned, among them four children who were swept away while crossing a flooded road "
        "near the main market."
    ),
    (
        '"The water came in the middle of the night and we ran with nothing," said Halima '
        "Abdi, a mother of six who was sheltering with her family in a school on higher "
        'ground. "We have no food and no blankets, and the children are sick."'
    ),
    (
        "The UN Office for the Coordination of Humanitarian Affairs (OCHA) said aid agencies "
        "had delivered food and clean water to about 9,000 people, but that boats were needed"
        " to reach villages that had been cut off. It warned that the risk of cholera was "
        "rising because latrines had been flooded and people were drinking river water."
    ),
    (
        "Somalia's minister for humanitarian affairs, Khadija Mohamed Diriye, told reporters "
        "in Mogadishu that the government had sent two helicopters and would release "
        "emergency funds. She appealed to international donors to help, saying the country "
        "was still recovering from the worst drought in four decades."
    ),
    (
        "The Shabelle and Juba rivers flood regularly during the Gu and Deyr rainy seasons, "
        "but aid workers say the floods have become more frequent and more destructive. In "
        "2019 floods in Beledweyne displaced more than 200,000 people."
    ),
    (
        "Forecasters expect further rain in the Ethiopian highlands over the coming days, and"
        " OCHA said river levels in Beledweyne could rise again by the weekend."
    ),
])


# The same wire story as carried by two outlets: each adds its own header and trailer lines
# (chrome the extractor left in), and outlet B rewrote one sentence with a new death toll.
OUTLET_A = (
    "World News | Africa\nBy our correspondent\nPublished 14 November 2023, 09:12 GMT\n\n"
    + WIRE
    + "\n\nReporting by Abdi Sheikh; Writing by George Obulutsa; Editing by Ros Russell"
    "\n\nRead more: Somalia drought emergency explained"
)
OUTLET_B = (
    "MOGADISHU (Horn Wire) — "
    + WIRE.replace(
        "Local officials said at least 12 people had drowned, among them four children who "
        "were swept away while crossing a flooded road near the main market.",
        "At least 14 people have died, according to district officials, including four "
        "children who drowned when a minibus was swept off a flooded road.",
    )
    + "\n\nCopyright 2023 Horn Wire. All rights reserved. This material may not be published, "
    "broadcast, rewritten or redistributed.\n\nShare this story on Facebook, X and WhatsApp"
)

# Another outlet's own story of the same flood: same event, places and themes, own words.
OTHER_STORY = "\n\n".join([
    (
        "Thousands of families in central Somalia are camping on hillsides and in school "
        "compounds after the Shabelle River burst its banks near Beledweyne, in what "
        "residents describe as the worst flooding the town has seen in years."
    ),
    (
        "In the Koshin neighbourhood, men waded chest-deep through brown water on Monday "
        "carrying mattresses, goats and elderly relatives to dry ground. Shops in the central"
        " market were shuttered, and the bridge linking the two halves of the town was closed"
        " to traffic."
    ),
    (
        "Mohamed Hassan, who runs a small pharmacy, said he had lost his entire stock. "
        '"Everything is under water. I have been here twenty years and I have never seen the '
        'river like this," he said by telephone.'
    ),
    (
        "Hiiraan regional authorities have set up temporary camps on the road to Mataban, but"
        " residents complained that tents and food had been slow to arrive. A district health"
        " officer said cases of acute watery diarrhoea were being reported in two of the "
        "camps."
    ),
    (
        "The flooding follows weeks of heavy rain in the Ethiopian highlands, where the "
        "Shabelle rises. Somali officials accused upstream authorities of failing to warn "
        "them early enough, a charge Ethiopian officials have not publicly addressed."
    ),
    (
        "Aid groups including the Norwegian Refugee Council and Save the Children said they "
        "were scaling up their response, but warned that their funding for Somalia this year "
        "had fallen far short of what was needed after the long drought."
    ),
    (
        "Beledweyne has been flooded repeatedly in recent years, and local leaders have "
        "called for flood defences and better drainage along the river, plans that have been "
        "discussed for a decade but never funded."
    ),
])



def doc(text: str, source: str = "test") -> Document:
    """A Document as ingest makes it: normalised body, id the sha256 of that body."""
    body = normalise_text(text)
    return Document(id=document_id(body), source=source, text=body)


def filler(seed: int, count: int) -> list[str]:
    """``count`` pseudo-random words: unrelated to any other seed's."""
    rng = random.Random(seed)
    return [f"w{rng.randrange(100_000)}" for _ in range(count)]


def replaced(tokens: list[str], start: int, seed: int, count: int = 60) -> list[str]:
    return [*tokens[:start], *filler(seed, count), *tokens[start + count:]]


def exact_jaccard(a: str, b: str) -> float:
    x, y = shingles(words(a), 5), shingles(words(b), 5)
    return len(x & y) / len(x | y)


def test_first_copy_is_returned_unchanged_and_remembered() -> None:
    dedup = Deduplicator()
    first = doc(WIRE)
    assert dedup(first) is first
    assert first.duplicate_of is None
    assert len(dedup) == 1


def test_syndicated_wire_copy_is_a_near_duplicate_of_the_first_outlet() -> None:
    assert 0.6 < exact_jaccard(OUTLET_A, OUTLET_B) < 0.8  # the case the default is set for
    dedup = Deduplicator()
    first, second = doc(OUTLET_A, "outlet-a"), doc(OUTLET_B, "outlet-b")
    assert dedup(first).duplicate_of is None
    linked = dedup(second)
    assert linked.duplicate_of == first.id != second.id
    assert linked.text == second.text and linked.source == "outlet-b"  # only the link is set
    assert len(dedup) == 2


def test_stricter_threshold_misses_the_syndicated_copy() -> None:
    dedup = Deduplicator(threshold=0.8)
    dedup(doc(OUTLET_A))
    assert dedup(doc(OUTLET_B)).duplicate_of is None


def test_repost_with_identical_body_is_an_exact_duplicate() -> None:
    dedup = Deduplicator()
    original = doc(WIRE, "https://a.example/flood")
    repost = doc(WIRE, "https://b.example/repost")
    dedup(original)
    linked = dedup(repost)
    assert linked.duplicate_of == original.id == repost.id  # exact: "same body as"
    assert len(dedup) == 1  # the same body is remembered once


def test_case_and_punctuation_changes_are_near_duplicates() -> None:
    dedup = Deduplicator()
    original = doc(WIRE)
    shouted = doc(WIRE.upper().replace(",", "").replace(".", " ."))
    dedup(original)
    assert dedup(shouted).duplicate_of == original.id != shouted.id


def test_two_stories_of_the_same_event_are_not_duplicates() -> None:
    dedup = Deduplicator()
    assert dedup(doc(WIRE)).duplicate_of is None
    assert dedup(doc(OTHER_STORY)).duplicate_of is None
    assert dedup(doc(OUTLET_B)).duplicate_of == doc(WIRE).id
    assert len(dedup) == 3


def test_short_bodies_are_matched_exactly_only() -> None:
    brief = "Police said two people were arrested after the match in Leeds on Saturday night."
    dedup = Deduplicator()
    assert len(words(brief)) < 50
    assert dedup.sketch(brief) is None
    assert dedup(doc(brief)).duplicate_of is None
    assert dedup(doc(brief.replace("two", "three"))).duplicate_of is None
    assert dedup(doc(brief)).duplicate_of == doc(brief).id
    assert dedup(doc(brief.upper())).duplicate_of is None  # a near copy, but too short
    assert len(dedup) == 3


def test_near_duplicates_link_transitively_to_the_first_copy() -> None:
    a = filler(1, 600)
    b = replaced(a, 0, seed=2)
    c = replaced(b, 200, seed=3)
    d = replaced(c, 400, seed=4)
    dedup = Deduplicator()
    first = doc(" ".join(a))
    sketch_a, sketch_d = dedup.sketch(" ".join(a)), dedup.sketch(" ".join(d))
    assert sketch_a is not None and sketch_d is not None
    assert sketch_a.jaccard(sketch_d) < dedup.threshold  # D is not near A itself
    results = [dedup(doc(" ".join(tokens))) for tokens in (a, b, c, d)]
    assert [r.duplicate_of for r in results] == [None, first.id, first.id, first.id]


def test_exact_copy_of_a_near_copy_links_to_the_first_copy() -> None:
    dedup = Deduplicator()
    first = dedup(doc(OUTLET_A))
    dedup(doc(OUTLET_B))
    assert dedup(doc(OUTLET_B)).duplicate_of == first.id


def test_links_go_to_the_earliest_group_when_two_match() -> None:
    a = filler(10, 300)
    b = filler(11, 300)
    dedup = Deduplicator(threshold=0.3)
    first, second = doc(" ".join(a)), doc(" ".join(b))
    dedup(first)
    dedup(second)
    both = dedup(doc(" ".join(b[:150] + a[150:])))  # half of each: near both at 0.3
    assert both.duplicate_of == first.id


def test_eviction_forgets_the_oldest_documents_first() -> None:
    a, b, c = (" ".join(filler(seed, 200)) for seed in (21, 22, 23))
    dedup = Deduplicator(max_documents=2)
    for text in (a, b, c):
        assert dedup(doc(text)).duplicate_of is None
    assert len(dedup) == 2
    assert dedup(doc(a)).duplicate_of is None  # a was evicted: seen as new, evicting b
    assert dedup(doc(c)).duplicate_of == doc(c).id  # exact copies are not remembered again
    assert dedup(doc(b + " w1 w2")).duplicate_of is None  # b went when a came back...
    assert len(dedup) == 2  # ... and c went now: a near copy is remembered like a first copy
    assert dedup(doc(c)).duplicate_of is None
    assert dedup(doc(b)).duplicate_of == doc(b + " w1 w2").id  # linked to its new first copy


def test_deduplicator_pickles_with_its_memory() -> None:
    dedup = Deduplicator(max_documents=10)
    dedup(doc(OUTLET_A))
    dedup(doc(OTHER_STORY))
    again: Deduplicator = pickle.loads(pickle.dumps(dedup))
    assert len(again) == 2
    assert again(doc(OUTLET_B)).duplicate_of == doc(OUTLET_A).id
    assert again(doc(OTHER_STORY)).duplicate_of == doc(OTHER_STORY).id


@pytest.mark.parametrize(
    "kwargs",
    [{"threshold": 0.0}, {"threshold": 1.5}, {"shingle_words": 0},
     {"shingle_words": 60}, {"max_documents": 0}],
)
def test_bad_settings_are_refused(kwargs: dict[str, float]) -> None:
    with pytest.raises(ValueError):
        Deduplicator(**kwargs)  # type: ignore[arg-type]
