"""Contradictions in a story's accounts.

- ``count``: claimants whose latest counts of the same kind and side differ (one flag per
  kind and side, naming every claimant and count); a claimant's own revisions are updates;
- ``denial``: a claim that denies or rejects (its cue, or words of falsehood in it) against
  the claims of other speakers that it answers: those of the speakers it names ("the
  Russian Defense Ministry's allegations are false"), else, for "these accusations" or "the
  claims", the nearest earlier claims of its article, else those sharing the most content
  words;
- ``outcome``: one side says an assault was repelled while another says ground was taken
  (captured, seized, took control; or a territorial event type reported by its claim).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from newsledger.records import Contradiction
from newsledger.stories.accounts import Said, quote
from newsledger.stories.items import Item
from newsledger.stories.reconcile import Tally
from newsledger.stories.similarity import tokens

REPELLED = re.compile(
    r"\b(repell?ed|repulsed|push(?:ed)? back|pushed \w+ back|fended off|fought back|"
    r"beat(?:en)? back|defeated|thwarted|foiled|failed to (?:capture|take|seize))\b",
    re.IGNORECASE,
)
CAPTURED = re.compile(
    r"\b(captured|seized|took (?:over|control)|taken (?:over|control)|overran|overrun|"
    r"recaptured|retook|fell to|under (?:the |their |its )?control)\b",
    re.IGNORECASE,
)
TERRITORIAL = frozenset({"GOV_REGAINS_TERIT", "NON_STATE_ACTOR_OVERTAKES_TER"})
MIN_OVERLAP = 0.2
# How far back (characters) a denial of "that" or "which" looks for the claim it answers: the
# rest of its sentence ("Britain says the Russian government was involved in the March 4 nerve
# agent poisoning of a former Russian spy and his daughter in Britain, a charge that Russia
# denies" has 40 characters between the claim's end and the denial's content)
PRONOUN_REACH = 120
RELATIVES = frozenset({"that", "which", "this", "it"})
REFERENCE_REACH = 600  # "these accusations", for a denial no event links: the same passage
# A denial that names what it answers: "these accusations", "the Russian and Syrian claims",
# "the ministry's allegation". Group 1 holds the words before the noun (up to four).
_CLAIM_REFERENCE = re.compile(
    r"((?:[\w.’'-]+\s+){0,4}?)(?:claims?|allegations?|accusations?|charges?|reports?|"
    r"assertions?|statements?)\b",
    re.IGNORECASE,
)
_POSSESSIVE = re.compile(r"[’']s?$")
_REFERRING = frozenset({"these", "those", "this", "that", "such", "the", "its", "their", "his",
                        "her", "all", "any"})
TERRITORIAL_WORD = "territorial"


def count_contradictions(tallies: Iterable[Tally]) -> list[Contradiction]:
    found: list[Contradiction] = []
    for tally in tallies:
        counts = {c.figure.count for c in tally.current}
        if len(counts) < 2:
            continue
        parts = ", ".join(f"{c.figure.claimant} {c.figure.count}" for c in tally.current)
        lows = [c.figure.low if c.figure.low is not None else c.figure.count or 0
                for c in tally.current]
        highs = [c.figure.high if c.figure.high is not None else None for c in tally.current]
        bounded = [h for h in highs if h is not None]
        overlap = not bounded or max(lows) <= min(bounded)
        note = "; the ranges overlap ('at least' counts)" if overlap else ""
        claims = tuple(c.figure.claim for c in tally.current if c.figure.claim)
        detail = f"{tally.kind} {tally.side_name}: {parts}{note}"
        found.append(Contradiction("count", claims, detail, tuple(c.index for c in tally.current)))
    return found


def _overlap(a: str, b: str) -> float:
    ta, tb = set(tokens(a)), set(tokens(b))
    if not ta or not tb:
        return 0.0
    return len(ta & tb) / min(len(ta), len(tb))


def _answered(denial: Said, said: Sequence[Said], strict: bool = False) -> list[Said]:
    """The claims ``denial`` answers. ``strict``: only those it names, refers back to or
    shares content words with, never the closest of unrelated claims."""
    others = [s for s in said if s.speaker.key != denial.speaker.key and not s.denial]
    if denial.claim.content.casefold().strip(" .,") in RELATIVES:
        # "a charge that Russia denies", "which Russia heatedly denies": the claim just before
        return _earlier_in_article(denial, others, within=PRONOUN_REACH)
    reference = _CLAIM_REFERENCE.search(denial.claim.content)
    if reference is not None:
        words = [w.casefold() for w in reference.group(1).split()]
        named = set(tokens(" ".join(_POSSESSIVE.sub("", w) for w in words
                                    if w not in _REFERRING)))
        if named:
            by_name = [s for s in others if named & set(tokens(s.speaker.name))]
            if by_name:
                return by_name
        elif words:  # "these accusations": what the article reported just before (near
            # it, when the denial is not one of the story's own claims)
            earlier = _earlier_in_article(denial, others,
                                          within=REFERENCE_REACH if strict else None)
            if earlier:
                return earlier
    scored = sorted(((_overlap(denial.claim.content, s.claim.content), s) for s in others),
                    key=lambda pair: -pair[0])
    close = [s for score, s in scored if score >= MIN_OVERLAP]
    if close or strict:
        return close
    return [s for score, s in scored[:1] if score > 0]


def answering_denials(said: Sequence[Said], denials: Sequence[Said]) -> list[Said]:
    """The denials of a story's reports (``denials``) that no event links but that answer a
    claim of the story (``said``): "Britain says the Russian government was involved ..., a
    charge that Russia denies" joins the story of the poisoning."""
    known = {s.ref for s in said}
    return [d for d in denials if d.ref not in known and _answered(d, said, strict=True)]


def _earlier_in_article(denial: Said, others: Sequence[Said],
                        within: int | None = None) -> list[Said]:
    """The claims of the nearest earlier speaker in the denial's own article (``within``: only
    the nearest claim, if it ends at most that many characters before the denial)."""
    document = denial.record.document
    before = [s for s in others  # begun before it (a claim may run into the denial's clause)
              if s.record.document == document and s.claim.start < denial.claim.start]
    if not before:
        return []
    nearest = max(before, key=lambda s: s.claim.end)
    if within is not None:
        return [nearest] if denial.claim.start - nearest.claim.end <= within else []
    return [s for s in before if s.speaker.key == nearest.speaker.key]


def denial_contradictions(said: Sequence[Said]) -> list[Contradiction]:
    found: list[Contradiction] = []
    for denial in (s for s in said if s.denial):
        answered = _answered(denial, said)
        if not answered:
            continue
        against = "; ".join(f"{s.speaker.name}: {quote(s.claim.content)}" for s in answered)
        said_ = f"{denial.speaker.name} {denial.claim.cue} “{quote(denial.claim.content)}”"
        detail = f"{said_} against {against}"
        found.append(Contradiction("denial", (denial.ref, *(s.ref for s in answered)), detail))
    return found


def _territorial_claims(items: Sequence[Item]) -> set[str]:
    refs: set[str] = set()
    for item in items:
        if item.event.type in TERRITORIAL and item.event.claim:
            refs.add(f"{item.lookup.analysis.document.id}:{item.event.claim}")
    return refs


def outcome_contradictions(said: Sequence[Said], items: Sequence[Item]) -> list[Contradiction]:
    territorial = _territorial_claims(items)
    held = [s for s in said if REPELLED.search(f"{s.claim.cue} {s.claim.content}")]
    taken = [s for s in said if s not in held and (
        s.ref in territorial or CAPTURED.search(f"{s.claim.cue} {s.claim.content}"))]
    found: list[Contradiction] = []
    for h in held:
        for t in taken:
            if h.side.key != t.side.key:
                found.append(Contradiction("outcome", (h.ref, t.ref), _outcome_detail(h, t)))
    return found


def _outcome_detail(held: Said, taken: Said) -> str:
    repelled = REPELLED.search(f"{held.claim.cue} {held.claim.content}")
    captured = CAPTURED.search(f"{taken.claim.cue} {taken.claim.content}")
    said_taken = f"“{captured.group(0)}”" if captured else f"a {TERRITORIAL_WORD} event"
    return (f"{held.side.name} ({held.speaker.name}) says “{repelled.group(0) if repelled else ''}”"
            f" against {taken.side.name} ({taken.speaker.name}) saying {said_taken}: "
            f"“{quote(held.claim.content)}” / “{quote(taken.claim.content)}”")
