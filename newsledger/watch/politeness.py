"""Politeness of ``newsledger watch`` toward the hosts it polls: robots.txt (Protego, the
parser Scrapy uses, cached per host) and a gate per host that spaces requests by a delay
(the longer of ours and the host's Crawl-delay) and caps how many run at once.

robots.txt as RFC 9309 reads it: a 4xx answer (none there) allows everything; a 5xx answer
or no connection disallows everything for now (the host may be down), and is asked again
after ``RETRY_S``; a robots.txt is kept ``TTL_S`` seconds.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import urlsplit

from protego import Protego

from newsledger import __version__
from newsledger.errors import RejectedInput, TemporaryFailure
from newsledger.ingest.fetch import Fetcher

AGENT = "newsledger"  # the product token robots.txt rules are matched against
TTL_S = 3600.0
RETRY_S = 300.0


def user_agent(contact: str | None) -> str:
    """The User-Agent of the watch: newsledger, its version, and how to reach its user."""
    reach = f"; +{contact}" if contact else ""
    return f"{AGENT}/{__version__} (news watch{reach})"


def host_of(url: str) -> str:
    """``scheme://host[:port]`` of ``url``; RejectedInput ``bad-url`` when it is none."""
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        raise RejectedInput(url, "bad-url", f"{url!r} is not a URL ({exc})") from exc
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise RejectedInput(url, "bad-url", f"{url!r} is not an http(s) URL")
    return f"{parts.scheme}://{parts.netloc.lower()}"


@dataclass
class _Rules:
    parser: Protego | None  # None: everything disallowed for now
    until: float


class RobotsRules:
    """Whether a URL may be fetched, from its host's robots.txt (fetched through
    ``fetcher`` once per host and ``TTL_S``, and through ``gate`` when given, so that it
    keeps the host's delay like any other request); counts the requests it makes."""

    def __init__(self, fetcher: Fetcher, clock: Callable[[], float] = time.monotonic,
                 gate: HostGate | None = None) -> None:
        self.fetcher = fetcher
        self.clock = clock
        self.gate = gate
        self.requests = 0
        self._cache: dict[str, _Rules] = {}
        self._host_locks: dict[str, threading.Lock] = {}
        self._lock = threading.Lock()

    def allowed(self, url: str) -> bool:
        rules = self._rules(host_of(url))
        return rules.parser is not None and bool(rules.parser.can_fetch(url, AGENT))

    def readable(self, url: str) -> bool:
        """Whether the host's robots.txt was read (or is missing); False while asking for
        it fails (a 5xx answer, no connection) and everything is disallowed for now."""
        return self._rules(host_of(url)).parser is not None

    def crawl_delay(self, url: str) -> float:
        rules = self._rules(host_of(url))
        delay = rules.parser.crawl_delay(AGENT) if rules.parser is not None else None
        return float(delay or 0.0)

    def _rules(self, host: str) -> _Rules:
        with self._lock:  # one lock per host: a slow host never holds up the others
            host_lock = self._host_locks.setdefault(host, threading.Lock())
        with host_lock:
            cached = self._cache.get(host)
            if cached is not None and cached.until > self.clock():
                return cached
            rules = self._fetch(host)
            self._cache[host] = rules
            return rules

    def _fetch(self, host: str) -> _Rules:
        self.requests += 1
        url = f"{host}/robots.txt"
        try:
            if self.gate is None:
                fetched = self.fetcher.fetch(url)
            else:
                with self.gate.visit(url):
                    fetched = self.fetcher.fetch(url)
        except TemporaryFailure:
            return _Rules(None, self.clock() + RETRY_S)
        except RejectedInput:  # a 4xx, or no text: no rules, everything allowed
            return _Rules(Protego.parse(""), self.clock() + TTL_S)
        text = fetched.data.decode("utf-8", errors="replace")
        return _Rules(Protego.parse(text), self.clock() + TTL_S)


class HostGate:
    """Spaces the requests to each host by ``delay_s`` (or the host's own longer delay)
    and lets at most ``per_host`` run at once."""

    def __init__(self, delay_s: float, per_host: int = 1,
                 clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.delay_s = delay_s
        self.per_host = max(1, per_host)
        self.clock = clock
        self.sleep = sleep
        self._slots: dict[str, threading.Semaphore] = {}
        self._next: dict[str, float] = {}
        self._lock = threading.Lock()

    @contextmanager
    def visit(self, url: str, host_delay_s: float = 0.0) -> Iterator[None]:
        """Hold a slot of the URL's host for one request, after waiting its turn."""
        host = host_of(url)
        with self._lock:
            slot = self._slots.setdefault(host, threading.Semaphore(self.per_host))
        with slot:
            with self._lock:
                now = self.clock()
                turn = max(now, self._next.get(host, now))
                self._next[host] = turn + max(self.delay_s, host_delay_s)
            if turn > now:
                self.sleep(turn - now)
            yield
