"""Claims that punctuation attributes, with no speech verb.

* A headline or paragraph of the form ``Speaker: statement`` where the speaker is exactly a
  person or organisation of the document ("Zelensky: Russia is preparing a new offensive").
  A dateline before the colon ("KABUL:") is no speaker, and a common word ("Poll:") is a
  label.
* A quotation followed by a dash and its speaker (“...” — Sonya Herridge), the way
  epigraphs and pull quotes are signed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsledger.claims.claim_draft import ClaimDraft
from newsledger.claims.quotes import Quote
from newsledger.nlp.entity_layer import EntityLayer
from newsledger.records import ClaimKind

SPEAKER_TYPES = frozenset({"PERSON", "ORG"})
_HEADLINE = re.compile(r"(?m)^[ \t]*([^:\n]{2,60}?)[ \t]*:[ \t]+(\S[^\n]*?)[ \t]*$")
_SIGNATURE = re.compile(r"\s{0,2}[―—–]{1,2}\s?|\s-{1,2}\s")
_QUOTE_MARKS = " \"“”'‘’"


def _speaker_exactly(layer: EntityLayer, start: int, end: int) -> str | None:
    """The person or organisation whose mention is exactly [start, end)."""
    for s, e, eid in layer.spans:
        entity = layer.get(eid)
        if s == start and e == end and entity is not None and entity.type in SPEAKER_TYPES:
            return eid
    return None


def _dateline(name: str) -> bool:
    """"KABUL:", "WASHINGTON:": a word in capitals longer than an acronym is a dateline."""
    letters = [ch for ch in name if ch.isalpha()]
    return len(letters) > 4 and all(ch.isupper() for ch in letters)


def headline_attributions(text: str, layer: EntityLayer) -> list[ClaimDraft]:
    """``Speaker: statement`` lines; the content is the rest of the line, unquoted."""
    found: list[ClaimDraft] = []
    for match in _HEADLINE.finditer(text):
        speaker = _speaker_exactly(layer, match.start(1), match.end(1))
        statement = match.group(2)
        if speaker is None or len(statement.split()) < 3 or _dateline(match.group(1)):
            continue
        lead = len(statement) - len(statement.lstrip(_QUOTE_MARKS))
        body = statement.strip(_QUOTE_MARKS)
        start = match.start(2) + lead
        kind: ClaimKind = "direct" if statement[:1] in _QUOTE_MARKS else "indirect"
        found.append(ClaimDraft(speaker, match.group(1), ":", kind, start, start + len(body),
                           None, False))
    return found


def dash_attributions(text: str, quotes: Sequence[Quote], layer: EntityLayer) -> list[ClaimDraft]:
    """Quotations signed with a dash and a speaker right after the closing mark."""
    found: list[ClaimDraft] = []
    for quote in quotes:
        after = quote.end + 1  # past the closing mark
        signature = _SIGNATURE.match(text, after)
        if signature is None:
            continue
        at = signature.end()
        for s, e, eid in layer.spans:
            entity = layer.get(eid)
            if s == at and entity is not None and entity.type in SPEAKER_TYPES:
                cue = signature.group().strip()
                found.append(ClaimDraft(eid, text[s:e], cue, "direct", quote.start, quote.end,
                                   None, False))
                break
    return found
