"""Politeness of ``newsledger watch``: the per-host gate (spacing, Crawl-delay, requests at
once) on an injected clock, and robots.txt as served by a local site (allow, disallow, 404
allows all, 5xx or no connection disallows all for now, Crawl-delay, caching)."""

from __future__ import annotations

import itertools
import threading
import time

from newsledger import __version__
from newsledger.watch.politeness import RETRY_S, TTL_S, HostGate, RobotsRules, host_of, user_agent
from tests.watch.conftest import MakeFetcher, MakeSite
from tests.watch.news_server import Answer, NewsSite


class FakeClock:
    """A monotonic clock that only moves when slept on (or moved by the test)."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def starts(gate: HostGate, clock: FakeClock, urls: list[str],
           host_delay_s: float = 0.0) -> list[float]:
    """When each visit of ``urls`` (one after another) was let through."""
    let_in = []
    for url in urls:
        with gate.visit(url, host_delay_s):
            let_in.append(clock.now)
    return let_in


def test_user_agent_names_newsledger_its_version_and_the_contact() -> None:
    assert user_agent("ops@example.org") == \
        f"newsledger/{__version__} (news watch; +ops@example.org)"
    assert user_agent(None) == f"newsledger/{__version__} (news watch)"


def test_requests_to_one_host_are_spaced_by_the_delay() -> None:
    clock = FakeClock()
    gate = HostGate(2.0, clock=clock, sleep=clock.sleep)
    a = "http://a.example/news/"
    assert starts(gate, clock, [a + "1", a + "2", a + "3"]) == [1000.0, 1002.0, 1004.0]
    assert clock.slept == [2.0, 2.0]
    # another host has its own turn: no wait
    assert starts(gate, clock, ["http://b.example/1"]) == [1004.0]
    # a request that itself takes 0.5 s: the next one waits the rest of the delay only
    with gate.visit(a + "4"):  # let in at 1006
        clock.now += 0.5
    assert starts(gate, clock, [a + "5"]) == [1008.0]
    assert clock.slept[-1] == 1.5
    # long after the last request, no wait at all
    clock.now += 60.0
    before = len(clock.slept)
    assert starts(gate, clock, [a + "6"]) == [clock.now] and len(clock.slept) == before


def test_the_longer_of_our_delay_and_the_hosts_crawl_delay_wins() -> None:
    clock = FakeClock()
    gate = HostGate(1.0, clock=clock, sleep=clock.sleep)
    let_in = starts(gate, clock, ["http://a.example/1", "http://a.example/2",
                                  "http://a.example/3"], host_delay_s=5.0)
    assert [b - a for a, b in itertools.pairwise(let_in)] == [5.0, 5.0]
    clock.now += 100.0
    let_in = starts(gate, clock, ["http://a.example/1", "http://a.example/2"],
                    host_delay_s=0.25)
    assert let_in[1] - let_in[0] == 1.0


def test_a_host_is_its_scheme_name_and_port() -> None:
    assert host_of("HTTP://News.Example:8080/a?b") == "http://news.example:8080"
    clock = FakeClock()
    gate = HostGate(3.0, clock=clock, sleep=clock.sleep)
    # the same host however its name is written: spaced
    assert starts(gate, clock, ["http://News.example/a", "http://news.EXAMPLE/b"]) == \
        [1000.0, 1003.0]
    # another scheme or port is another host: not spaced
    assert starts(gate, clock, ["https://news.example/a", "http://news.example:81/b"]) == \
        [1003.0, 1003.0]


def test_at_most_per_host_requests_run_at_once() -> None:
    gate = HostGate(0.0, per_host=2)
    inside: dict[str, int] = {"a": 0, "b": 0}
    most: dict[str, int] = {"a": 0, "b": 0}
    lock = threading.Lock()

    def visit(host: str) -> None:
        with gate.visit(f"http://{host}.example/x"):
            with lock:
                inside[host] += 1
                most[host] = max(most[host], inside[host])
            time.sleep(0.05)
            with lock:
                inside[host] -= 1

    threads = [threading.Thread(target=visit, args=(h,)) for h in "aaaaaabbb"]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert most == {"a": 2, "b": 2}
    assert time.monotonic() - started >= 0.15  # six of a, two at a time: three turns


def test_concurrent_requests_are_spaced_too() -> None:
    gate = HostGate(0.05, per_host=4)
    let_in: list[float] = []
    lock = threading.Lock()

    def visit() -> None:
        with gate.visit("http://a.example/x"), lock:
            let_in.append(time.monotonic())

    threads = [threading.Thread(target=visit) for _ in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    let_in.sort()
    gaps = [b - a for a, b in itertools.pairwise(let_in)]
    assert len(gaps) == 4 and min(gaps) >= 0.045, gaps


# -- robots.txt -----------------------------------------------------------------------------

ROBOTS = """\
User-agent: otherbot
Disallow: /

User-agent: *
Disallow: /private/
Crawl-delay: 1.5
"""


def test_robots_txt_allows_and_disallows_and_is_asked_once(
        site: NewsSite, make_fetcher: MakeFetcher) -> None:
    site.robots(ROBOTS)
    robots = RobotsRules(make_fetcher())
    assert robots.allowed(site.url("/news/1.html"))
    assert robots.allowed(site.url("/feed.xml"))
    assert not robots.allowed(site.url("/private/memo.html"))
    assert robots.crawl_delay(site.url("/news/2.html")) == 1.5
    assert robots.requests == 1 and site.count("/robots.txt") == 1
    hit = site.requests("/robots.txt")[0]
    assert hit.headers["user-agent"].startswith("newsledger/")


def test_rules_for_newsledger_by_name_win_over_those_for_everyone(
        site: NewsSite, make_fetcher: MakeFetcher) -> None:
    site.robots("User-agent: *\nAllow: /\n\nUser-agent: newsledger\nDisallow: /news/\n"
                "Crawl-delay: 4\n")
    robots = RobotsRules(make_fetcher())
    assert not robots.allowed(site.url("/news/1.html"))
    assert robots.allowed(site.url("/feed.xml"))
    assert robots.crawl_delay(site.url("/")) == 4.0


def test_no_robots_txt_allows_everything(site: NewsSite, make_fetcher: MakeFetcher) -> None:
    site.robots(None, status=404)
    robots = RobotsRules(make_fetcher())
    assert robots.allowed(site.url("/private/anything"))
    assert robots.crawl_delay(site.url("/")) == 0.0
    site.robots(None, status=403)  # 4xx alike (RFC 9309): asked again only after the TTL
    assert robots.allowed(site.url("/x")) and robots.requests == 1


def test_a_forbidden_robots_txt_allows_everything(
        site: NewsSite, make_fetcher: MakeFetcher) -> None:
    site.robots(None, status=403)
    assert RobotsRules(make_fetcher()).allowed(site.url("/news/1"))


def test_a_failing_robots_txt_disallows_everything_until_asked_again(
        site: NewsSite, make_fetcher: MakeFetcher) -> None:
    site.robots(None, status=500)
    clock = FakeClock()
    robots = RobotsRules(make_fetcher(), clock=clock)
    assert not robots.allowed(site.url("/news/1"))
    assert robots.crawl_delay(site.url("/news/1")) == 0.0
    site.robots("User-agent: *\nAllow: /\n")
    clock.now += RETRY_S - 1
    assert not robots.allowed(site.url("/news/1"))  # not asked again yet
    assert robots.requests == 1
    clock.now += 2
    assert robots.allowed(site.url("/news/1"))
    assert robots.requests == 2


def test_an_unreachable_host_is_disallowed_for_now(
        make_site: MakeSite, make_fetcher: MakeFetcher) -> None:
    gone = make_site()
    url = gone.url("/news/1")
    gone.close()  # nothing listens on its port any more
    robots = RobotsRules(make_fetcher())
    assert not robots.allowed(url)


def test_robots_txt_is_kept_for_its_ttl_then_asked_again(
        site: NewsSite, make_fetcher: MakeFetcher) -> None:
    site.robots("User-agent: *\nAllow: /\n")
    clock = FakeClock()
    robots = RobotsRules(make_fetcher(), clock=clock)
    assert robots.allowed(site.url("/news/1"))
    site.robots("User-agent: *\nDisallow: /news/\n")
    clock.now += TTL_S - 1
    assert robots.allowed(site.url("/news/1"))
    assert site.count("/robots.txt") == 1
    clock.now += 2
    assert not robots.allowed(site.url("/news/1"))
    assert site.count("/robots.txt") == 2


def test_each_host_has_its_own_rules(make_site: MakeSite, make_fetcher: MakeFetcher) -> None:
    closed, open_ = make_site(), make_site()
    closed.robots("User-agent: *\nDisallow: /\n")
    open_.route("/robots.txt", Answer(404))
    robots = RobotsRules(make_fetcher())
    assert not robots.allowed(closed.url("/a"))
    assert robots.allowed(open_.url("/a"))
    assert (closed.count("/robots.txt"), open_.count("/robots.txt")) == (1, 1)
