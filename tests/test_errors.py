"""``errors.rejection_of``: the one way an exception becomes a ``Rejection``."""

from __future__ import annotations

from newsledger.errors import INTERNAL_ERROR, RejectedInput, rejection_of
from newsledger.ingest import read_page
from newsledger.records import Rejection
from tests.conftest import DATA


def test_a_rejected_input_keeps_its_own_source_reason_and_detail() -> None:
    missing = DATA / "no-such-page.html"
    try:
        read_page(missing, 1024)
    except RejectedInput as exc:
        rejection = rejection_of(exc, "the batch's name for it")
    assert rejection == Rejection(str(missing), "unreadable",
                                  "the file does not exist; check the path")


def test_any_other_error_is_newsledgers_fault_and_asks_for_a_report() -> None:
    rejection = rejection_of(ZeroDivisionError("division by zero"), "page.html")
    assert rejection.source == "page.html" and rejection.reason == INTERNAL_ERROR
    assert rejection.detail.startswith("analysis failed with ZeroDivisionError: division by")
    assert "please report it" in rejection.detail
