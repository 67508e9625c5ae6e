"""Language detection: ISO 639-1 by py3langid, "en" for text too short to judge."""

from __future__ import annotations

import pytest

from newsledger.ingest import detect_language, extract_document
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
    doc = extract_document(Page("fr.txt", story, "text"))
    assert doc.language == "fr"
