"""Fixtures of the watch tests: news sites on 127.0.0.1, quick Fetchers, no proxy."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from newsledger.ingest.fetch import Fetcher, FetchSettings
from tests.watch.news_server import QUICK, NewsSite, public_fetcher

_PROXY_VARS = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy",
               "all_proxy")

MakeSite = Callable[..., NewsSite]
MakeFetcher = Callable[..., Fetcher]


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in _PROXY_VARS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "*")


@pytest.fixture
def make_site() -> Iterator[MakeSite]:
    """Start news sites (``NewsSite(host_name)``); all shut down afterwards."""
    sites: list[NewsSite] = []

    def start(host_name: str | None = None) -> NewsSite:
        sites.append(NewsSite(host_name))
        return sites[-1]

    yield start
    for site in sites:
        site.close()


@pytest.fixture
def site(make_site: MakeSite) -> NewsSite:
    return make_site()


@pytest.fixture
def make_fetcher() -> Iterator[MakeFetcher]:
    """Build Fetchers with QUICK settings (overridable by keyword); ``public=True`` builds
    ``public_fetcher`` (private-address check on, made-up names served by 127.0.0.1)."""
    made: list[Fetcher] = []

    def build(public: bool = False, **overrides: Any) -> Fetcher:
        fetcher = public_fetcher(**overrides) if public else \
            Fetcher(FetchSettings(**{**QUICK.__dict__, **overrides}))
        made.append(fetcher)
        return fetcher

    yield build
    for fetcher in made:
        fetcher.close()
