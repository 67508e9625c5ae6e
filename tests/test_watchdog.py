"""The per-call time limit: raised in the late thread (main or worker), never swallowed by
``except Exception``, and nothing of it left behind once the call is over."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from newsledger.errors import DeadlineExceeded
from newsledger.watchdog import REFIRE_S, call_with_time_limit


def _spin(seconds: float) -> str:
    """Pure Python busy work with short sleeps, as a slow stage would be."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        time.sleep(0.01)
    return "done"


def _spin_shielded(seconds: float) -> str:
    """A stage that catches every Exception, as trafilatura's callers do."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            time.sleep(0.01)
        except Exception:  # the point of the test: a shield that swallows everything
            continue
    return "done"


def _limited(call: object, limit: float) -> tuple[str, float]:
    start = time.monotonic()
    try:
        outcome = call_with_time_limit(limit, call)  # type: ignore[arg-type]
    except DeadlineExceeded:
        outcome = "timeout"
    return str(outcome), time.monotonic() - start


def test_the_limit_stops_a_slow_call_in_the_main_thread() -> None:
    assert threading.current_thread() is threading.main_thread()
    outcome, took = _limited(lambda: _spin(30), 0.5)
    assert outcome == "timeout" and 0.45 < took < 3


def test_the_limit_stops_a_slow_call_in_worker_threads() -> None:
    """Two worker threads (as Dask runs tasks): the late one is stopped, the quick one not."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        slow = pool.submit(_limited, lambda: _spin(30), 0.5)
        quick = pool.submit(_limited, lambda: _spin(0.2), 5)
        assert quick.result()[0] == "done"
        outcome, took = slow.result()
    assert outcome == "timeout" and took < 3


def test_except_exception_cannot_swallow_the_limit() -> None:
    outcome, took = _limited(lambda: _spin_shielded(30), 0.5)
    assert outcome == "timeout" and took < 3


def test_a_quick_call_returns_and_nothing_fires_afterwards() -> None:
    assert call_with_time_limit(0.5, lambda: 6 * 7) == 42
    assert _limited(lambda: _spin(0.5), 10)[0] == "done"
    # After a call that timed out, the same thread runs on undisturbed past the re-fire delay.
    assert _limited(lambda: _spin(30), 0.3)[0] == "timeout"
    assert _spin(REFIRE_S * 1.5) == "done"


@pytest.mark.parametrize("limit", [None, 0, -1])
def test_no_limit(limit: float | None) -> None:
    assert call_with_time_limit(limit, lambda: _spin(0.05)) == "done"
