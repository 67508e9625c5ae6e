"""``country_weights``: what a document says about the countries it is about. The dateline
(where the story was filed) counts only where the text itself names no country: a wire story
filed in London about Syria is about Syria."""

from __future__ import annotations

from newsledger.geo.context import country_weights
from newsledger.geo.gazetteer import Gazetteer
from newsledger.records import Document


def _weights(gazetteer: Gazetteer, text: str, dateline: str | None) -> dict[str, float]:
    return country_weights(gazetteer, Document(id="d", source="t", text=text,
                                               dateline=dateline))


def test_the_dateline_never_outvotes_the_text(gazetteer: Gazetteer) -> None:
    text = ("Government forces shelled rebel positions in Syria on Sunday, and activists in "
            "Syria said dozens of families fled.")
    weights = _weights(gazetteer, text, "LONDON")
    assert weights and max(weights, key=weights.__getitem__) == "SY"
    assert "GB" not in weights


def test_the_dateline_is_the_fallback_where_the_text_names_no_country(
        gazetteer: Gazetteer) -> None:
    text = "Rescuers said the fire spread overnight and several homes were lost."
    assert _weights(gazetteer, text, "KABUL") == {"AF": 3.0}
    assert _weights(gazetteer, text, None) == {}
