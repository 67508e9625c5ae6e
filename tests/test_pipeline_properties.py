"""Property-based test (hypothesis) of the whole analysis: any text in, a record that
serialises to contract JSON and reads back, or a specific rejection; never an exception
and never ``internal-error``."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from newsledger.record_codec import analysis_from_dict, record_json
from newsledger.records import Page
from tests.conftest import SEED
from tests.test_record_codec import DOCUMENT_FIELDS, ENTITY_FIELDS, EVENT_FIELDS

SENTENCES = [s.strip() + "." for s in SEED.read_text(encoding="utf-8").split(".")
             if len(s.split()) > 3]
texts = st.lists(
    st.one_of(st.sampled_from(SENTENCES), st.text(max_size=30),
              st.sampled_from(["\n\n", "\x00", "\u202e", "(دره پنجشیر)", "Ахмад", "“", "—"])),
    min_size=1, max_size=12,
).map(" ".join)


@pytest.mark.slow
@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.one_of(texts, st.text(max_size=200)), st.sampled_from(["text", "html"]))
def test_any_text_gives_a_contract_record_or_a_rejection(analyzer: Any, text: str,
                                                         kind: str) -> None:
    (outcome,) = analyzer.run([Page(f"prop.{kind}", text, kind)])  # type: ignore[arg-type]
    assert (outcome.analysis is None) != (outcome.rejection is None)
    event(outcome.rejection.reason if outcome.rejection else "analysed")
    if outcome.rejection is not None:
        assert outcome.rejection.reason != "internal-error", outcome.rejection.detail
        return
    record = json.loads(record_json(outcome.analysis))
    assert record["schema"] == "newsledger/1"
    assert set(record["document"]) == DOCUMENT_FIELDS
    assert all(set(e) == ENTITY_FIELDS for e in record["entities"])
    assert all(set(v) == EVENT_FIELDS for v in record["events"])
    assert analysis_from_dict(record) == outcome.analysis
