"""Unicode and whitespace normalisation of article text.

NFC, not NFKC: NFKC would also turn "km²" into "km2", "½" into "1⁄2" and "™" into "TM",
which changes meaning. The compatibility forms that only get in the way of the NLP
stages (Latin ligatures, fullwidth ASCII, space separators) are folded one by one
instead. Curly quotes and the ellipsis are kept as they are: the claims stage uses them.
"""

from __future__ import annotations

import re
import unicodedata

# Latin ligatures (U+FB00..U+FB06) and fullwidth digits and Latin letters fold to plain
# ones; fullwidth punctuation is left alone, it is the norm in CJK text.
_FOLD = {cp: unicodedata.normalize("NFKC", chr(cp)) for cp in range(0xFB00, 0xFB07)}
_FOLD.update(
    {cp: chr(cp - 0xFEE0) for r in ((0xFF10, 0xFF1A), (0xFF21, 0xFF3B), (0xFF41, 0xFF5B))
     for cp in range(*r)}
)

# Invisible characters dropped everywhere: zero-width space, word joiner, BOM / ZWNBSP,
# soft hyphen, Mongolian vowel separator, direction marks and bidi embeddings/isolates.
_INVISIBLE = "\u200b\u2060\ufeff\u00ad\u180e\u200e\u200f" + "".join(
    map(chr, [*range(0x202A, 0x202F), *range(0x2066, 0x206A)])
)
_DROP: dict[int, str | None] = {ord(c): None for c in _INVISIBLE}
# C0 and C1 control characters other than tab and newline.
_DROP.update({cp: None for cp in [*range(0x00, 0x09), *range(0x0E, 0x20), *range(0x7F, 0xA0)]})
_DROP.update({0x0B: "\n", 0x0C: "\n", 0x85: "\n", 0x2028: "\n", 0x2029: "\n\n", 0x09: " "})

# Every space separator (Unicode category Zs): NBSP, narrow NBSP, thin, ideographic, ...
_SPACES = {
    cp: " "
    for cp in range(0x80, 0x3001)
    if unicodedata.category(chr(cp)) == "Zs"
}

_TABLE: dict[int, str | None] = {**_FOLD, **_SPACES, **_DROP}
# Any character the table changes: replaced match by match (str.translate would look every
# character of the text up in the table, in Python: ten times slower on an article).
_TABLE_CHARS = re.compile("[" + "".join(re.escape(chr(cp)) for cp in sorted(_TABLE)) + "]")

# ZWJ / ZWNJ carry meaning between letters of scripts such as Persian, Arabic or Indic;
# elsewhere (mostly inside Latin words, scraped from web pages) they are noise.
_JOINER = re.compile(r"[\u200c\u200d]")
_RUN_OF_SPACES = re.compile(r" {2,}")
_EDGE_SPACES = re.compile(r"^ +| +$", re.MULTILINE)
_BLANK_LINES = re.compile(r"\n{3,}")


def _replacement(match: re.Match[str]) -> str:
    return _TABLE[ord(match.group())] or ""


def _keeps_joiner(text: str, index: int) -> bool:
    """True when the joiner at ``index`` sits between two non-Latin letters."""
    if index == 0 or index + 1 >= len(text):
        return False
    before, after = text[index - 1], text[index + 1]
    return all(ch.isalpha() and ord(ch) > 0x024F for ch in (before, after))


def _drop_joiners(text: str) -> str:
    if "\u200c" not in text and "\u200d" not in text:
        return text
    return _JOINER.sub(
        lambda m: m.group() if _keeps_joiner(m.string, m.start()) else "", text
    )


def normalise_text(text: str) -> str:
    """Normalise Unicode and whitespace so that every later stage sees one clean form.

    NFC; space separators to ' '; zero-width characters, BOM, soft hyphens and control
    characters removed; CRLF/CR to LF; runs of spaces collapsed; spaces at the start and
    end of lines removed; two or more blank lines to one; leading/trailing blank lines
    removed.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    text = _drop_joiners(_TABLE_CHARS.sub(_replacement, text))
    text = _RUN_OF_SPACES.sub(" ", text)
    text = _EDGE_SPACES.sub("", text)
    text = _BLANK_LINES.sub("\n\n", text)
    return text.strip("\n")
