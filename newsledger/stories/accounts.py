"""What a story's articles say about it: the claims linked from its events and figures, and
every figure with its claimant, grouped by speaker and by side."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from textwrap import shorten

from newsledger.records import Claim, ClaimGroup, Figure, StoryClaim, StoryFigure
from newsledger.stories.items import UNSPECIFIED, Actor, Item, Lookup, day, ref

DENIAL_CUES = frozenset({
    "deny", "denies", "denied", "denying", "reject", "rejects", "rejected", "rejecting",
    "dismiss", "dismisses", "dismissed", "refute", "refutes", "refuted", "disputed", "disputes",
})
_DENIAL_WORDS = re.compile(
    r"\b(false|falsity|baseless|lies|fabricat\w*|untrue|unfounded|groundless|no truth|not true|"
    r"denied|deny|(?:as|is|are|was|were) (?:\w+ )?(?:unsubstantiated|unproven)|"
    r"without (?:any )?(?:basis|foundation))\b",
    re.IGNORECASE,
)


QUOTE_CHARS = 80


def quote(content: str) -> str:
    """The first words of a claim's content, cut at a word (" …" where cut), for details."""
    return shorten(content, QUOTE_CHARS, placeholder=" …")


def is_denial(claim: Claim) -> bool:
    """A claim that denies or rejects: by its cue, or by words of falsehood in its content."""
    cue = claim.cue.casefold().split()
    return bool(cue and cue[-1] in DENIAL_CUES) or bool(_DENIAL_WORDS.search(claim.content))


@dataclass(frozen=True)
class Said:
    """A claim of a story with who made it and the side they speak for."""

    claim: Claim
    lookup: Lookup
    speaker: Actor
    side: Actor
    record: StoryClaim

    @property
    def ref(self) -> str:
        return self.record.ref

    @property
    def denial(self) -> bool:
        return is_denial(self.claim)


@dataclass(frozen=True)
class Counted:
    """A figure of a story with the keys reconciliation groups it by."""

    index: int
    figure: StoryFigure
    side: str
    claimant: str
    claimant_side: str
    published: date | None
    order: int  # position of the figure across the input, for ties in time


def said_from(lookup: Lookup, claim: Claim) -> Said:
    doc = lookup.analysis.document
    speaker, side = lookup.speaker(claim), lookup.speaker_side(claim)
    record = StoryClaim(
        ref=ref(lookup.analysis, claim.id), speaker=speaker.name, side=side.name,
        cue=claim.cue, content=claim.content, document=doc.id, outlet=doc.outlet,
        published=doc.published, url=doc.url, hedged=claim.hedged,
    )
    return Said(claim, lookup, speaker, side, record)


def story_claims(items: Sequence[Item]) -> list[Said]:
    """The claims linked from the events and figures, once each, in input order."""
    found: dict[str, Said] = {}
    for item in items:
        ids = [item.event.claim, *(f.claim for f in item.event.figures)]
        for claim_id in ids:
            claim = item.lookup.claims.get(claim_id or "")
            if claim is not None:
                said = said_from(item.lookup, claim)
                found.setdefault(said.ref, said)
    return list(found.values())


def report_denials(items: Sequence[Item]) -> list[Said]:
    """Every denial among the claims of the reports the events come from, in input order."""
    lookups = {item.lookup.analysis.document.id: item.lookup for item in items}
    return [said_from(lookup, claim) for lookup in lookups.values()
            for claim in lookup.analysis.claims if is_denial(claim)]


def _groups(said: Sequence[Said], by_side: bool) -> tuple[ClaimGroup, ...]:
    refs: dict[str, list[str]] = defaultdict(list)
    names: dict[str, str] = {}
    for s in said:
        actor = s.side if by_side else s.speaker
        refs[actor.key].append(s.ref)
        names.setdefault(actor.key, actor.name)
    return tuple(ClaimGroup(names[k], tuple(v)) for k, v in refs.items())


def claim_groups(said: Sequence[Said]) -> tuple[tuple[ClaimGroup, ...], tuple[ClaimGroup, ...]]:
    """The claims grouped by speaker, and by the speaker's side."""
    return _groups(said, by_side=False), _groups(said, by_side=True)


def _claimant(item: Item, figure: Figure) -> tuple[Actor, Actor, Claim | None]:
    claim = item.lookup.claims.get(figure.claim or "")
    if claim is None:
        outlet = item.lookup.outlet()
        return outlet, outlet, None
    return item.lookup.speaker(claim), item.lookup.speaker_side(claim), claim


def _counted(item: Item, figure: Figure, index: int, order: int) -> Counted:
    doc = item.lookup.analysis.document
    side = item.lookup.actor(figure.side) or Actor(UNSPECIFIED, UNSPECIFIED)
    claimant, claimant_side, claim = _claimant(item, figure)
    record = StoryFigure(
        event=item.ref, kind=figure.kind, count=figure.count, low=figure.low, high=figure.high,
        text=figure.text, side=side.name, claimant=claimant.name,
        claimant_side=claimant_side.name,
        claim=ref(item.lookup.analysis, claim.id) if claim else None, document=doc.id,
        outlet=doc.outlet, published=doc.published, url=doc.url,
        denied=claim is not None and is_denial(claim), scope=figure.scope,
    )
    return Counted(index, record, side.key, claimant.key, claimant_side.key,
                   day(doc.published), order)


def story_figures(items: Sequence[Item]) -> list[Counted]:
    """Every figure of the story's events, in input order."""
    counted: list[Counted] = []
    for item in items:
        for k, figure in enumerate(item.event.figures):
            counted.append(_counted(item, figure, len(counted), item.index * 1000 + k))
    return counted
