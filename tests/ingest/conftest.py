"""Fixtures for the network inputs: a fast-failing Fetcher and no proxy from the environment.

Tests talk only to pytest-httpserver's server on 127.0.0.1 (``httpserver_ipv4``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from newsledger.ingest.fetch import Fetcher, FetchSettings

# allow_private: the test server is on 127.0.0.1, which the fetcher refuses by default.
FAST = FetchSettings(timeout_s=2.0, retries=2, backoff_s=0.01, max_wait_s=0.05,
                     total_timeout_s=5.0, allow_private=True)
_PROXY_VARS = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy",
               "all_proxy")


@pytest.fixture
def make_fetcher(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., Fetcher]]:
    """Build Fetchers with FAST settings (overridable by keyword); all closed afterwards."""
    for name in _PROXY_VARS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "*")
    made: list[Fetcher] = []

    def build(**overrides: Any) -> Fetcher:
        settings = FetchSettings(**{**FAST.__dict__, **overrides})
        made.append(Fetcher(settings))
        return made[-1]

    yield build
    for fetcher in made:
        fetcher.close()
