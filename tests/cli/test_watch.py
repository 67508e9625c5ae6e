"""``newsledger watch`` as a command: killed with SIGKILL in the middle of a poll and run again
with --once, it neither loses nor repeats an article; the run after it keeps the delay per
host and a poll of the unchanged feed costs one conditional request; usage errors exit 2.

The watch runs as its own process (``python -m newsledger.cli watch``) in its own process
group, against a local news site whose articles answer slowly, so that the kill lands while
the watch is fetching the articles of its second poll, after the first poll was written.
"""

from __future__ import annotations

import itertools
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from newsledger.cli import app
from newsledger.store import Ledger
from tests.distributed.test_batch_crash import kill
from tests.watch.news_server import NewsSite, documents, place_in
from tests.watch.test_polling import entries

ITEMS = 8
runner = CliRunner()


@pytest.fixture
def site() -> Iterator[NewsSite]:
    started = NewsSite()
    yield started
    started.close()


def watch_command(url: str, db: Path, *options: str, delay: str = "0") -> list[str]:
    return [sys.executable, "-m", "newsledger.cli", "watch", url, "--db", str(db),
            "--every", "0s", "--delay", delay, "--threads", "1", *options]


def environment(cache_dir: Path) -> dict[str, str]:
    return {**os.environ, "NEWSLEDGER_ALLOW_PRIVATE_URLS": "1",
            "NEWSLEDGER_CACHE_DIR": str(cache_dir), "NO_PROXY": "*"}


def wait_for_articles(site: NewsSite, count: int, process: subprocess.Popen[bytes],
                      log: Path) -> None:
    deadline = time.monotonic() + 120
    while len(site.articles_served()) < count:
        if process.poll() is not None or time.monotonic() > deadline:
            kill(process)
            raise AssertionError(f"the watch stopped or stalled before {count} articles:\n"
                                 + log.read_text(errors="replace"))
        time.sleep(0.02)


def test_a_watch_killed_mid_poll_and_run_again_loses_and_repeats_nothing(
        analyzer: Any, cache_dir: Path, tmp_path: Path, site: NewsSite) -> None:
    # ``analyzer``: the session's cache holds the gazetteer before the watch starts
    site.robots(None, status=404)
    site.feed("/feed", entries(site, range(ITEMS)))
    for n in range(ITEMS):  # each article answers slowly
        site.article(f"/a{n}", n, delay_s=0.3)
    db, log = tmp_path / "ledger.db", tmp_path / "watch.log"
    url = site.url("/feed")

    # runs on (--every 0s), three new items a poll; killed while fetching the second poll's
    with log.open("wb") as out:
        first = subprocess.Popen(watch_command(url, db, "--max-items", "3"),
                                 env=environment(cache_dir), start_new_session=True,
                                 stdout=subprocess.DEVNULL, stderr=out)
        wait_for_articles(site, 5, first, log)
        kill(first)
    assert first.returncode == -signal.SIGKILL
    with Ledger.open(str(db)) as ledger:
        assert len(documents(ledger.engine)) == 3  # the first poll's, written and taken
        (source,) = ledger.watch_state().sources([url])
        assert source.articles == 3 and source.last_status == "ok"

    served = len(site.articles_served())
    done = subprocess.run(watch_command(url, db, "--once", delay="0.2"),
                          env=environment(cache_dir), capture_output=True, text=True,
                          timeout=180)
    assert done.returncode == 0, done.stderr
    summary = " ".join(done.stderr.split())
    assert f"{ITEMS - 3} articles written, 0 already stored" in summary, done.stderr
    with Ledger.open(str(db)) as ledger:
        stored = documents(ledger.engine)
        assert len(stored) == ITEMS
        assert len({key for _u, key, _b in stored}) == ITEMS
        assert sorted(u or "" for u, _k, _b in stored) == \
            sorted(site.url(f"/a{n}") for n in range(ITEMS))
        assert len({place_in(body) for _u, _k, body in stored}) == ITEMS
        (source,) = ledger.watch_state().sources([url])
        assert (source.articles, source.last_status, source.failures) == (ITEMS, "ok", 0)
    # the first poll's articles were not fetched again; the rest once more at most
    again = site.articles_served()[served:]
    assert sorted(again) == sorted(f"/a{n}" for n in range(3, ITEMS))
    # the restart kept the delay between its requests to the site (robots.txt included)
    hits = site.requests()[-(len(again) + 2):]
    assert [h.path for h in hits[:2]] == ["/robots.txt", "/feed"]
    assert not hits[1].conditional  # the killed poll left no validators behind
    gaps = [b.at - a.at for a, b in itertools.pairwise(hits)]
    assert min(gaps) >= 0.18, gaps

    # and now the feed is unchanged: one conditional request, answered 304, no article; with
    # --log-format json every line on standard error is one JSON object, the last the totals
    before = site.count("/feed")
    idle = subprocess.run(watch_command(url, db, "--once", "--log-format", "json"),
                          env=environment(cache_dir), capture_output=True, text=True,
                          timeout=180)
    assert idle.returncode == 0, idle.stderr
    lines = [json.loads(line) for line in idle.stderr.splitlines() if line.strip()]
    assert [line["event"] for line in lines] == ["poll", "summary"], idle.stderr
    assert lines[0]["status"] == "unchanged" and lines[0]["source"] == url
    assert (lines[1]["polls"], lines[1]["unchanged"], lines[1]["requests"],
            lines[1]["articles"]) == (1, 1, 1, 0)
    assert site.count("/feed") == before + 1 and site.requests("/feed")[-1].conditional


@pytest.mark.parametrize(("arguments", "message"), [
    (["https://news.example/feed", "--every", "soon"], "'soon' is not an interval"),
    (["https://news.example/feed", "--every", "-5m"], "cannot be negative"),
    (["https://news.example/feed", "--every", "inf"], "'inf' is not an interval"),
    (["https://news.example/feed", "--log-format", "xml"], "--log-format is text or json"),
    (["no-such-list.txt"], "the URL list cannot be read"),
])
def test_usage_errors_exit_2_with_what_is_wrong(arguments: list[str], message: str) -> None:
    result = runner.invoke(app, ["watch", *arguments])
    assert result.exit_code == 2
    assert message in " ".join(result.stderr.split())


@pytest.mark.parametrize(("listed", "message"), [
    ("# nothing yet\n\n", "no source to watch"),
    ("https://news.example/feed\nftp://news.example/feed\n",
     "not an http(s) URL: 'ftp://news.example/feed'"),
])
def test_a_list_file_of_no_http_sources_is_a_usage_error(
        tmp_path: Path, listed: str, message: str) -> None:
    listing = tmp_path / "sources.txt"
    listing.write_text(listed)
    result = runner.invoke(app, ["watch", str(listing)])
    assert result.exit_code == 2 and message in " ".join(result.stderr.split())


def test_forget_takes_sources_off_the_watch_list(tmp_path: Path) -> None:
    db = tmp_path / "ledger.db"
    with Ledger.open(str(db)) as ledger:
        ledger.watch_state().register(["https://news.example/feed",
                                       "https://news.example/sitemap.xml"], 900.0)
    result = runner.invoke(app, ["watch", "https://news.example/sitemap.xml", "--db", str(db),
                                 "--forget"])
    assert result.exit_code == 0, result.stderr
    assert "1 of 1 sources forgotten" in " ".join(result.stderr.split())
    with Ledger.open(str(db)) as ledger:
        assert [s.url for s in ledger.watch_state().sources()] == ["https://news.example/feed"]
