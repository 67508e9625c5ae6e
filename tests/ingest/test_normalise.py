"""Unicode and whitespace normalisation."""

from __future__ import annotations

import pytest

from newsledger.ingest import normalise_text


@pytest.mark.parametrize(
    "space",
    ["\u00a0", "\u202f", "\u2009", "\u2002", "\u2003", "\u200a", "\u3000", "\u205f", "\t"],
)
def test_every_space_separator_becomes_a_space(space: str) -> None:
    assert normalise_text(f"the{space}Taliban") == "the Taliban"


def test_nbsp_runs_collapse_to_one_space() -> None:
    assert normalise_text("to\u00a0 Panjshir\u00a0\u00a0province") == "to Panjshir province"


@pytest.mark.parametrize("invisible", ["\u200b", "\ufeff", "\u00ad", "\u2060", "\u200e"])
def test_invisible_characters_are_removed(invisible: str) -> None:
    assert normalise_text(f"Pan{invisible}jshir") == "Panjshir"


def test_leading_bom_is_removed() -> None:
    assert normalise_text("\ufeffKABUL: text") == "KABUL: text"


def test_joiners_removed_in_latin_but_kept_between_persian_letters() -> None:
    assert normalise_text("Kab\u200dul") == "Kabul"
    persian = "می\u200cخواهم"
    assert normalise_text(persian) == persian


def test_line_endings_become_lf() -> None:
    assert normalise_text("one\r\ntwo\rthree\n") == "one\ntwo\nthree"


def test_blank_line_runs_collapse_and_edges_are_stripped() -> None:
    text = "\n\n  Title  \n\n\n\n\nBody line.   \n\n\nEnd.  \n\n"
    assert normalise_text(text) == "Title\n\nBody line.\n\nEnd."


def test_nfc_composes_accents() -> None:
    assert normalise_text("Mu\u0308nchen") == "M\u00fcnchen"


def test_curly_quotes_and_ellipsis_are_kept() -> None:
    text = "“We will resist,” he said… ‘They’re close.’"
    assert normalise_text(text) == text


def test_compatibility_forms_that_carry_meaning_are_kept() -> None:
    assert normalise_text("120 km² and ½ of the valley™") == "120 km² and ½ of the valley™"


def test_ligatures_and_fullwidth_letters_fold() -> None:
    assert normalise_text("ﬁghters ｏｆ ＡＮＳＤＦ １２") == "fighters of ANSDF 12"


def test_control_characters_are_removed() -> None:
    assert normalise_text("Kabul\x07 \x1bcity\x85next") == "Kabul city\nnext"


def test_idempotent() -> None:
    text = "A\u00a0b\r\n\r\n\r\n\r\nc\u200b d  e "
    once = normalise_text(text)
    assert normalise_text(once) == once
