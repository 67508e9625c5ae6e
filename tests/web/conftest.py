"""Browser tests: the real app (``newsledger.api.create_app``) over a temporary SQLite ledger
holding the seed and a hostile article (and two real reports of one matter, a claim and the
denial that answers it, grouped into a story that one test serves), served by uvicorn in a
thread, driven by Playwright with Debian's chromium.

They skip when playwright or chromium is missing, unless ``NEWSLEDGER_REQUIRE_BROWSER`` is
set (``.ci/run`` sets it once it has installed chromium), where they fail instead.
"""

from __future__ import annotations

import json
import os
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pytest

from newsledger.records import Analysis, Document

CHROMIUM = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
REQUIRE = "NEWSLEDGER_REQUIRE_BROWSER"
SCREENSHOTS = "NEWSLEDGER_SCREENSHOTS"  # a folder to keep the tests' screenshots in

# Stored text is untrusted: each payload would set window.pwned or open a dialog if the UI
# ever turned record text into markup.
HOSTILE_TEXT = (
    "Taliban fighters killed 12 civilians in Kabul on Thursday, police spokesman Khalid "
    "Zadran said. <script>window.pwned = \"script\"; alert(\"script\")</script> "
    "<img src=x onerror=\"window.pwned = 'onerror'; alert(1)\"> \"The attackers fled "
    "<a href=\"javascript:window.pwned='link'\">click here</a>,\" Zadran said.")
HOSTILE = Document(
    id="hostile", source="<img src=x onerror=\"window.pwned='source'\">", text=HOSTILE_TEXT,
    published="2021-09-10T10:00:00",
    title="<script>window.pwned='title'</script>Attack <b onmouseover=\"alert(3)\">in</b> Kabul",
    outlet="<img src=x onerror=\"window.pwned='outlet'\">", url="javascript:window.pwned='url'")


def _unavailable(reason: str) -> None:
    if os.environ.get(REQUIRE):
        pytest.fail(f"{reason}, and {REQUIRE} is set: the browser tests must run here")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def chromium() -> str:
    """The path of Debian's chromium (skips, or fails in CI, without it or playwright)."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        _unavailable("playwright is not installed (it is in the dev extra: make test)")
    for path in CHROMIUM:
        if os.path.exists(path):
            return path
    _unavailable(f"no chromium at {' or '.join(CHROMIUM)} (apt-get install chromium; "
                 ".ci/run installs it when run as root)")
    raise AssertionError("unreachable")


def hostile_name(name: str, what: str) -> str:
    """A name carrying markup: the UI must show it as text."""
    return (f"{name} <img src=x onerror=\"window.pwned='{what}'\"><a href=\"javascript:"
            f"window.pwned='{what} link'\" onclick=\"window.pwned='{what} click'\">x</a>")


@pytest.fixture(scope="session")
def hostile(analyzer) -> Analysis:  # type: ignore[no-untyped-def]
    """The hostile article analysed, then every name (actors and speakers, places, claim
    speakers as written) given markup, as a crafted page or actor file could store them."""
    analysis: Analysis = analyzer.analyze(HOSTILE)
    return replace(
        analysis,
        entities=tuple(replace(e, name=hostile_name(e.name, "name"))
                       for e in analysis.entities),
        places=tuple(replace(p, name=hostile_name(p.name, "place"))
                     for p in analysis.places),
        claims=tuple(replace(c, speaker_text=hostile_name(c.speaker_text or "", "speaker"))
                     for c in analysis.claims))


ANSWERED = ("houthi-drones-78", "houthi-drones-986")
REPORTS = Path(__file__).resolve().parents[1] / "data" / "stories" / "reports.json"


@pytest.fixture(scope="session")
def answered(analyzer) -> list[Analysis]:  # type: ignore[no-untyped-def]
    """Two real reports of one matter from two sources (CASE 2021 snippets 78 and 986): UN
    experts' claim that drone and weapon parts reach the Houthis from Iran, and Iran's
    denial."""
    entries = json.loads(REPORTS.read_text(encoding="utf-8"))
    return [analyzer.analyze(Document(id=name, source=entries[name]["source"],
                                      text=entries[name]["text"],
                                      published=entries[name]["published"],
                                      outlet=entries[name]["outlet"]))
            for name in ANSWERED]


@pytest.fixture(scope="session")
def ledger_url(tmp_path_factory: pytest.TempPathFactory, seed: Analysis,
               hostile: Analysis) -> str:
    from newsledger.store import Ledger
    from newsledger.store.ledger_writer import PIPELINE_VERSION

    url = f"sqlite:///{tmp_path_factory.mktemp('web') / 'ledger.db'}"
    with Ledger.open(url) as ledger:
        ledger.write([seed, hostile], [], PIPELINE_VERSION)
        ledger.refresh_stories()  # as an ingest run ends: the stories stored
    return url


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def server(chromium: str, ledger_url: str) -> Iterator[str]:
    """The base URL of the app (API and web UI) on a free port."""
    import uvicorn

    from newsledger.api import ApiSettings, create_app

    app = create_app(ApiSettings(ledger_url=ledger_url, rate_limit=None))
    port = _free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, name="uvicorn", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not uv.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the web server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}/"
    uv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="package")
def browser(chromium: str) -> Iterator[Any]:
    """Chromium, driven by Playwright's sync API only while the browser tests run: its event
    loop runs in the main thread, where any later ``asyncio.run`` would then fail (as
    tests/api/test_serving.py's did when a worker of ``pytest -n`` ran this folder first)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=chromium, headless=True,
                                     args=["--headless=new", "--no-sandbox"])
        yield launched
        launched.close()


@dataclass
class Watched:
    """A page and what it did that it should not: script errors, dialogs, and requests
    outside the server."""

    page: Any
    base: str
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    external: list[str] = field(default_factory=list)

    def open(self, path: str) -> Any:
        self.page.goto(self.base + path)
        self.page.wait_for_selector("body[data-loaded]", timeout=20_000)
        assert self.page.evaluate("document.body.dataset.loaded") == "true", self.errors
        return self.page

    def assert_clean(self) -> None:
        assert self.page.evaluate("typeof window.pwned") == "undefined"
        assert not self.dialogs, self.dialogs
        assert not self.errors, self.errors
        assert not self.external, self.external


@pytest.fixture
def web(browser: Any, server: str) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    watched = Watched(page, server)
    page.on("pageerror", lambda e: watched.errors.append(str(e)))
    page.on("console", lambda m: watched.errors.append(m.text) if m.type == "error" else None)

    def dialog(d: Any) -> None:
        watched.dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", dialog)
    page.on("request", lambda r: None if r.url.startswith((server, "data:"))
            else watched.external.append(r.url))
    yield watched
    context.close()


@pytest.fixture
def shot(tmp_path: Path) -> Any:
    """``shot(page, name)``: a full-page screenshot under the test's temporary folder."""
    def take(page: Any, name: str) -> Path:
        path = tmp_path / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        assert path.stat().st_size > 10_000
        keep = os.environ.get(SCREENSHOTS)
        if keep:  # kept for reading by eye (docs/screenshots holds the last ones checked)
            Path(keep).mkdir(parents=True, exist_ok=True)
            (Path(keep) / path.name).write_bytes(path.read_bytes())
        return path
    return take
