"""Reports joined by a denial in one that answers a claim in the other.

"The Iranian government has repeatedly denied sending parts for drones and weapons" answers
the UN experts' "the Iran-backed Houthi militias in Yemen are likely receiving parts for
drones and weapons": whatever else the two reports say (one places the matter in Yemen, the
other in Iran, so no other signal compares them), they are about one matter, and the story
that holds both sets the denial against the claim. A denial answers a claim of another
report when at least ``MIN_SHARED`` content words of the denial are the claim's and they make
up at least ``MIN_OVERLAP`` of the shorter of the two, the two reports name something in
common (a country they place, or a named actor: "Iran" here; an army's denial that civilians
died in an air strike answers no report of another country's air strike), and their events
are not days apart (``signals.time_value``). Candidates come from an inverted index of the claims'
content words (a word in more than ``COMMON`` claims finds none), so the work grows with the
denials, not with the square of the claims.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from newsledger.records import Claim, StoryLink, StorySignal
from newsledger.stories.accounts import is_denial, quote
from newsledger.stories.items import Item, Lookup, normalise
from newsledger.stories.signals import Limits, time_value
from newsledger.stories.similarity import tokens

MIN_SHARED = 3
MIN_OVERLAP = 0.6
COMMON = 50


@dataclass(frozen=True)
class Stated:
    """A claim of a report, its content words, and the event of the report it belongs to."""

    item: Item
    claim: Claim
    words: frozenset[str]


def event_of(claim: Claim, report: Sequence[Item]) -> Item:
    """The event a claim states (its own or a figure's claim), else the event told in the
    claim's sentence, else the report's first event."""
    for item in report:
        if claim.id == item.event.claim or any(f.claim == claim.id for f in item.event.figures):
            return item
    for item in report:
        evidence = item.event.evidence
        if evidence.start < claim.end and claim.start < evidence.end:
            return item
    return report[0]


def stated_claims(items: Sequence[Item]) -> list[Stated]:
    """Every claim with content words of the reports the events come from."""
    reports: dict[str, list[Item]] = defaultdict(list)
    for item in items:
        reports[item.lookup.analysis.document.id].append(item)
    found: list[Stated] = []
    for report in reports.values():
        for claim in report[0].lookup.analysis.claims:
            words = frozenset(tokens(claim.content))
            if words:
                found.append(Stated(event_of(claim, report), claim, words))
    return found


def named(lookup: Lookup) -> frozenset[str]:
    """What a report names: the countries it places and its named actors (not unnamed
    groups: "civilians" are in every report)."""
    countries = {f"country:{p.country}" for p in lookup.analysis.places if p.country}
    actors = {e.kb_id or normalise(e.name) for e in lookup.analysis.entities
              if e.type not in {"GROUP", "PLACE"}}
    return frozenset(countries | actors)


def _link(denial: Stated, answered: Stated, shared: int) -> StoryLink:
    who = denial.claim.speaker_text or "a source"
    detail = (f"{who} {denial.claim.cue} “{quote(denial.claim.content)}” against "
              f"{answered.claim.speaker_text or 'a source'}: “{quote(answered.claim.content)}”"
              f" ({shared} words shared)")
    return StoryLink(denial.item.ref, answered.item.ref, 1.0,
                     (StorySignal("denial", 1.0, detail),))


def denial_links(items: Sequence[Item], limits: Limits) -> list[tuple[int, int, StoryLink]]:
    """(index of the denial's event, index of the answered claim's event, link) for every
    denial that answers a claim of another report."""
    stated = stated_claims(items)
    index: dict[str, list[int]] = defaultdict(list)
    for k, s in enumerate(stated):
        if not is_denial(s.claim):
            for word in s.words:
                index[word].append(k)
    found: list[tuple[int, int, StoryLink]] = []
    names: dict[int, frozenset[str]] = {}

    def names_of(s: Stated) -> frozenset[str]:
        return names.setdefault(id(s.item.lookup), named(s.item.lookup))

    for denial in stated:
        if len(denial.words) < MIN_SHARED or not is_denial(denial.claim):
            continue
        counts = Counter(k for word in denial.words
                         if len(postings := index.get(word, [])) <= COMMON for k in postings)
        for k, shared in counts.items():
            answered = stated[k]
            if (shared < MIN_SHARED or answered.item.lookup is denial.item.lookup
                    or shared / min(len(denial.words), len(answered.words)) < MIN_OVERLAP
                    or time_value(denial.item, answered.item, limits) is None
                    or not names_of(denial) & names_of(answered)):
                continue
            found.append((denial.item.index, answered.item.index,
                          _link(denial, answered, shared)))
    return found
