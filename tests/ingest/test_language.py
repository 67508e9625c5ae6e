"""Language detection: ISO 639-1 by py3langid, "en" for text too short to judge."""

from __future__ import annotations

import pytest

from newsledger.errors import RejectedInput
from newsledger.ingest import detect_language, extract_document
from newsledger.ingest.text_page import extract_text_page
from newsledger.records import Page


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("The minister said on Friday that talks would resume next week in the capital.", "en"),
        ("Le ministre a déclaré vendredi que les pourparlers reprendraient la semaine "
         "prochaine dans la capitale.", "fr"),
        ("قال الوزير يوم الجمعة إن المحادثات ستستأنف الأسبوع المقبل في العاصمة.", "ar"),
        ("Der Minister sagte am Freitag, die Gespräche würden nächste Woche in der "
         "Hauptstadt fortgesetzt.", "de"),
    ],
)
def test_languages(text: str, code: str) -> None:
    assert detect_language(text) == code


@pytest.mark.parametrize("text", ["Bonjour Paris", "", "   ", "12 34 56"])
def test_too_short_is_english(text: str) -> None:
    assert detect_language(text) == "en"


def test_document_language_of_a_french_text_page() -> None:
    story = (
        "Le ministre a déclaré vendredi que les pourparlers reprendraient la semaine "
        "prochaine dans la capitale, après deux jours de discussions difficiles."
    )
    doc = extract_text_page(Page("fr.txt", story, "text"))
    assert doc.language == "fr"
    with pytest.raises(RejectedInput) as info:
        extract_document(Page("fr.txt", story, "text"))
    assert info.value.reason == "unsupported-language"
    assert "'fr'" in info.value.detail


def test_language_codes_are_iso_639_1_for_english_with_foreign_names() -> None:
    """English quoting Arabic, Cyrillic and Chinese script is English (py3langid alone
    said ``fuv``, which is no ISO 639-1 code) and is analysed."""
    story = ("KABUL — Fighters loyal to Ahmad Massoud (احمد مسعود) said on Friday that the "
             "Taliban had attacked the Panjshir valley (دره پنجشیر). Мирные жители бежали. "
             "多名平民逃离。\n\n") * 3
    assert detect_language(story) == "en"
    assert extract_document(Page("mixed.txt", story, "text")).language == "en"
