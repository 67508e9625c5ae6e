"""The spaCy pipeline as newsledger loads it."""

from __future__ import annotations

from pathlib import Path

from newsledger.nlp.model import PARAGRAPHS, load_model
from newsledger.settings import Settings

DATA = Path(__file__).resolve().parents[1] / "data"


def test_no_sentence_runs_over_a_paragraph_break() -> None:
    nlp = load_model(Settings.from_env().spacy_model)
    assert nlp.pipe_names.index(PARAGRAPHS) < nlp.pipe_names.index("parser")
    # Without the component the parser joins two of the seed's paragraphs to the next one.
    text = (DATA / "panjshir-2021-09-03.txt").read_text(encoding="utf-8")
    doc = nlp(text)
    joined = [s.text for s in doc.sents if "\n\n" in s.text.strip()]
    assert joined == []
    assert sum(1 for s in doc.sents) > text.count("\n\n") // 2


def test_an_abbreviated_title_before_a_name_ends_no_sentence() -> None:
    """LGL (lgl.xml, the Augusta staged-shooting report): the parser alone cuts after "Sgt."
    and the attribution is lost to the sentence before it."""
    nlp = load_model(Settings.from_env().spacy_model)
    doc = nlp("Instead, the son fired the gun, wounding his mother in the leg, Sgt. Dresser "
              "said. \"She wasn't real happy about getting shot,\" Sgt. Dresser said Monday.")
    assert [s.text for s in doc.sents] == [
        "Instead, the son fired the gun, wounding his mother in the leg, Sgt. Dresser said.",
        "\"She wasn't real happy about getting shot,\" Sgt. Dresser said Monday."]
