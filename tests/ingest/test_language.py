"""Language detection: ISO 639-1 by resiliparse's detector for English and py3langid for the
rest, "en" for text too short to judge."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from newsledger.errors import RejectedInput
from newsledger.ingest import detect_language, extract_document, language, read_stream
from newsledger.ingest.admit import LANGUAGE_CONFIDENCE
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


NEWS = Path(__file__).resolve().parents[1] / "data" / "news"


@pytest.fixture
def fresh_cache() -> Iterator[None]:
    language.identify.cache_clear()
    yield
    language.identify.cache_clear()


@pytest.mark.usefixtures("fresh_cache")
def test_an_english_report_quoting_another_language_at_length_is_english(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Rappler's report of a homily quotes its Tagalog lines at length; py3langid read the
    first 2,000 characters as Tagalog (0.82). Its windows (start, middle, end) read it as
    English, with resiliparse's detector or without it."""
    text = (NEWS / "gwn-111.txt").read_text(encoding="utf-8")
    assert language.windows(text)[0] == text[:language.WINDOW]
    assert len(language.windows(text)) == language.WINDOWS
    assert language.identify(text) == ("en", 1.0)  # resiliparse: English
    monkeypatch.setattr(language, "FAST_RANK", -1)  # py3langid's windows alone
    language.identify.cache_clear()
    code, probability = language.identify(text)
    assert code == "en" and probability > 0.5


def test_an_article_in_another_language_ending_in_english_is_refused() -> None:
    """Two windows of three in German: German, surely (one English window does not bring
    the probability under the threshold)."""
    german = ("Der Minister sagte am Freitag, die Gespräche würden nächste Woche in der "
              "Hauptstadt fortgesetzt, nachdem die Delegationen zwei Tage lang beraten "
              "hatten. ") * 12
    english = ("The minister said on Friday that the talks would resume next week in the "
               "capital after two days of difficult discussions. ") * 4
    code, probability = language.identify(german + "\n\n" + english)
    assert code == "de" and probability >= LANGUAGE_CONFIDENCE
    with pytest.raises(RejectedInput) as info:
        extract_document(Page("de.txt", german + "\n\n" + english, "text"))
    assert info.value.reason == "unsupported-language"


@pytest.mark.usefixtures("fresh_cache")
@pytest.mark.parametrize("sentence", [
    # sentences of gwn-023 that resiliparse's detector (2.0) reads as Latin and German
    "The dispute has set off sweeping expulsions of Russian diplomats from Britain and some "
    "of its allies, followed by retaliatory expulsions of their diplomats from Russia.",
    "Tension escalated further late Friday when British officers searched an Aeroflot "
    "passenger plane at Heathrow airport.",
])
def test_english_py3langid_decides_is_english(sentence: str,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    assert language.identify(sentence)[0] == "en"
    monkeypatch.setattr(language, "FAST_RANK", -1)  # as when resiliparse does not say English
    language.identify.cache_clear()
    code, probability = language.identify(sentence)
    assert code == "en" and 0.5 < probability < 1.0  # py3langid's own probability


def test_a_page_in_another_language_is_not_taken_for_english() -> None:
    data = (Path(__file__).resolve().parents[1] / "data" / "articles" /
            "korean-entermedia.html").read_bytes()
    with pytest.raises(RejectedInput) as info:
        extract_document(read_stream(data, "korean.html", 4 * 1024 * 1024))
    assert info.value.reason == "unsupported-language"


@pytest.mark.usefixtures("fresh_cache")
def test_one_window_of_three_cannot_refuse_a_text(monkeypatch: pytest.MonkeyPatch) -> None:
    """The combination rule alone, on scripted verdicts: a language that only one window of
    three reads, even with 1.0, gets a third of it."""
    verdicts = iter([("jv", 0.35), ("ko", 1.0), ("jv", 0.30)])

    class Scripted:
        def classify(self, part: str) -> tuple[str, float]:
            return next(verdicts)

    monkeypatch.setattr(language, "_identifier", lambda: Scripted())
    monkeypatch.setattr(language, "FAST_RANK", -1)
    text = (NEWS / "gwn-111.txt").read_text(encoding="utf-8")
    code, probability = language.identify(text)
    assert code == "ko" and probability < LANGUAGE_CONFIDENCE
