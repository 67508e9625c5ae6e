"""Counts written in digits or words: "40", "Twenty-nine", "three dozen", "1.4 million",
"dozens", with their qualifiers ("at least 20" has low 20; "up to 20" high 20; "as many as
200" high 200). Approximations follow ACLED's conventions: "dozens" is 12, "several" 10,
"hundreds" 100."""

from __future__ import annotations

from spacy.tokens import Token

VAGUE_COUNTS: dict[str, tuple[int, int | None]] = {
    "dozens": (12, None), "scores": (20, None), "hundreds": (100, None),
    "thousands": (1000, None), "several": (10, None), "many": (10, None),
    "numerous": (10, None), "few": (3, None), "a dozen": (12, 12), "some": (2, None),
}
WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
}
SCALES = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
# Words that multiply the number before them: "three dozen" is 36, "two hundred" 200.
MULTIPLIERS = {"dozen": 12, "hundred": 100, **SCALES}
TENS = {w: n for w, n in WORD_NUMBERS.items() if n in {20, 30, 40, 50, 60, 70, 80, 90}}
# Dependents that qualify a number: "at least", "nearly", "more than".
NUMBER_MODIFIER_DEPS = frozenset({"advmod", "quantmod", "amod"})


def parse_count(tok: Token) -> tuple[int, int | None, int | None] | None:
    """(count, low, high) of a number token with its modifiers, or None."""
    text = tok.text.replace(",", "").lower()
    scale = 1  # "1.4 million", "three dozen", "three hundred thousand"
    for word in tok.doc[tok.i + 1: tok.i + 3]:
        if word.lower_ not in MULTIPLIERS:
            break
        scale *= MULTIPLIERS[word.lower_]
    if text.replace(".", "", 1).isdecimal() and (text.isdecimal() or scale > 1):
        value = round(float(text) * scale)
    elif text in WORD_NUMBERS:
        value = (WORD_NUMBERS[text] + tens_before(tok)) * scale
    elif text in VAGUE_COUNTS:
        return VAGUE_COUNTS[text][0], VAGUE_COUNTS[text][0], VAGUE_COUNTS[text][1]
    else:
        return None
    mods = " ".join(c.lower_ for c in tok.lefts if c.dep_ in NUMBER_MODIFIER_DEPS)
    before = tok.doc[max(tok.i - 3, 0):tok.i].text.lower()
    if before.endswith(("as many as", "as much as")):  # "as many as 200": up to 200
        return value, None, value
    if before.endswith("as few as"):
        return value, value, None
    if "least" in mods or "more" in mods or "over" in mods:
        return value, value, None
    if "up" in mods or "fewer" in mods or "less" in mods:
        return value, None, value
    return value, value, value


def scaled(tok: Token) -> bool:
    """"1.4 million": a count the model may call a quantity."""
    doc = tok.doc
    return tok.ent_type_ in {"QUANTITY", "CARDINAL"} and tok.i + 1 < len(doc) and (
        doc[tok.i + 1].lower_ in SCALES)


def multiplied(tok: Token) -> bool:
    """The "dozen" of "three dozen": the number before it carries the count."""
    if tok.lower_ not in MULTIPLIERS or tok.i == 0:
        return False
    before = tok.doc[tok.i - 1]
    return bool(before.like_num or before.lower_ in WORD_NUMBERS)


def tens_before(tok: Token) -> int:
    """"Twenty-nine": the tens of a unit word written with a hyphen before it."""
    if tok.i < 2 or tok.doc[tok.i - 1].text != "-" or WORD_NUMBERS.get(tok.lower_, 10) >= 10:
        return 0
    return TENS.get(tok.doc[tok.i - 2].lower_, 0)


def tens_of_compound(tok: Token) -> bool:
    """The "Twenty" of "Twenty-nine": the unit word after it carries the count."""
    doc = tok.doc
    return (tok.lower_ in TENS and tok.i + 2 < len(doc) and doc[tok.i + 1].text == "-"
            and WORD_NUMBERS.get(doc[tok.i + 2].lower_, 10) < 10)
