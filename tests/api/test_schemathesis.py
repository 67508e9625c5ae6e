"""Schemathesis against the app's own OpenAPI document, in process (ASGI): requests made
from the schema, valid ones and (negative mode) invalid ones, for every operation, POSTs
with and without the write token, never get a 5xx.

Cases are drawn from each operation's Hypothesis strategy here rather than with
``schema.parametrize()``: the lazy loader that would build the schema from a fixture does not
work under pytest 9, and the app must be built on a ledger made by fixtures."""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error
from schemathesis.generation.modes import GenerationMode

from newsledger.api import ApiSettings, create_app
from newsledger.records import Analysis
from newsledger.store import Ledger
from newsledger.store.ledger_writer import PIPELINE_VERSION
from tests.api.conftest import TOKEN

EXAMPLES = 40  # per operation and generation mode
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory: pytest.TempPathFactory, seed: Analysis,
               floods_analysis: Analysis, analyzer: object) -> Any:
    """The schema of an app on a ledger of its own (POSTs with the token write into it)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('fuzz') / 'ledger.db'}"
    with Ledger.open(url) as ledger:
        ledger.write([seed, floods_analysis], [], PIPELINE_VERSION)
    app = create_app(ApiSettings(ledger_url=url, write_token=TOKEN, rate_limit=None,
                                 analyzer_factory=lambda: analyzer))  # type: ignore[arg-type,return-value]
    return schemathesis.openapi.from_asgi("/openapi.json", app)


def _operations(api_schema: Any) -> list[Any]:
    return [result.ok() for result in api_schema.get_all_operations()]


def test_every_operation_is_fuzzed(api_schema: Any) -> None:
    found = {(o.method.upper(), o.path) for o in _operations(api_schema)}
    assert {("GET", "/api/events"), ("GET", "/api/events.geojson"), ("GET", "/api/claims"),
            ("GET", "/api/places"), ("GET", "/api/search"), ("GET", "/api/stories"),
            ("GET", "/api/documents"), ("GET", "/api/documents/{document_id}"),
            ("POST", "/api/documents"), ("POST", "/api/analyze")} <= found


@pytest.mark.slow
@pytest.mark.parametrize("mode", list(GenerationMode))
def test_no_server_error(api_schema: Any, mode: GenerationMode) -> None:
    fuzzed = []
    for operation in _operations(api_schema):
        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
                  suppress_health_check=list(HealthCheck))
        def check(case: Any) -> None:
            for headers in [{}, AUTH] if case.method.upper() == "POST" else [{}]:
                case.call_and_validate(headers=headers, checks=[not_a_server_error])

        try:
            check()
        except Unsatisfiable:  # nothing invalid to make (a lone string path parameter)
            assert mode is GenerationMode.NEGATIVE, operation.path
            continue
        fuzzed.append(f"{operation.method.upper()} {operation.path}")
    assert len(fuzzed) >= 8, fuzzed
