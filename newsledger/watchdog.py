"""A time limit on one call, in whatever thread it runs (the main thread, a Dask worker's).

Signals (``SIGALRM``) only reach the main thread, and a thread cannot be killed, so one
watchdog thread per process keeps the deadlines of every limited call and, when one
passes, raises ``DeadlineExceeded`` inside the late thread with CPython's
``PyThreadState_SetAsyncExc``. The exception is delivered at the thread's next Python
bytecode; code that stays in C for long (one huge regular expression match, one lxml parse)
is interrupted only when it returns to Python, which is why the inputs are also bounded in
size (``NEWSLEDGER_MAX_BYTES``, ``ingest.admit.MAX_CHARS``, the HTML depth check).

``DeadlineExceeded`` is a BaseException, so ``except Exception`` in a library cannot swallow
it; a bare ``except:`` could, so the watchdog raises it again every ``REFIRE_S`` seconds
(at most ``MAX_FIRES`` times) until the call ends. When the call ends, its deadline is
removed and a raise still pending for it is cleared, so nothing reaches the code after it.
Interrupting arbitrary code can leave a half-updated structure behind; the pipeline's
stages keep no state between documents except the run's duplicate index.
"""

from __future__ import annotations

import ctypes
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from newsledger.errors import DeadlineExceeded

REFIRE_S = 1.0
MAX_FIRES = 5
T = TypeVar("T")


def _raise_in(thread: int, exc: type[BaseException] | None) -> None:
    """Make ``exc`` pending in ``thread`` (None: clear what is pending)."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(thread), None if exc is None else ctypes.py_object(exc))


@dataclass(eq=False)
class _Deadline:
    thread: int
    at: float
    fires: int = 0


class _Watchdog:
    """The deadlines of the calls running under a limit, and the thread that enforces them."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._deadlines: set[_Deadline] = set()
        self._thread: threading.Thread | None = None

    def arm(self, seconds: float) -> _Deadline:
        deadline = _Deadline(threading.get_ident(), time.monotonic() + seconds)
        with self._cond:
            self._deadlines.add(deadline)
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._loop, name="newsledger-watchdog",
                                                daemon=True)
                self._thread.start()
            self._cond.notify()
        return deadline

    def disarm(self, deadline: _Deadline) -> bool:
        """Remove the deadline; True when it fired (a raise still pending is cleared)."""
        with self._cond:
            self._deadlines.discard(deadline)
            if deadline.fires:
                _raise_in(deadline.thread, None)
            return deadline.fires > 0

    def _loop(self) -> None:
        with self._cond:
            while True:
                now = time.monotonic()
                for deadline in list(self._deadlines):
                    if deadline.at <= now:
                        _raise_in(deadline.thread, DeadlineExceeded)
                        deadline.fires += 1
                        deadline.at = now + REFIRE_S
                        if deadline.fires >= MAX_FIRES:
                            self._deadlines.discard(deadline)
                wait = min((d.at for d in self._deadlines), default=None)
                self._cond.wait(None if wait is None else max(0.0, wait - now))


_WATCHDOG = _Watchdog()


def _after_fork() -> None:
    """A forked child has no watchdog thread and maybe a lock held by it: start afresh."""
    global _WATCHDOG
    _WATCHDOG = _Watchdog()


os.register_at_fork(after_in_child=_after_fork)


def call_with_time_limit(seconds: float | None, call: Callable[[], T]) -> T:
    """``call()``, or DeadlineExceeded once it has run ``seconds`` (None or <= 0: no limit).

    Works in any thread; nothing of the limit is left behind when it returns or raises.
    """
    if seconds is None or seconds <= 0:
        return call()
    watchdog = _WATCHDOG
    deadline = watchdog.arm(seconds)
    try:
        try:
            result = call()
        finally:
            fired = watchdog.disarm(deadline)
    except DeadlineExceeded:
        watchdog.disarm(deadline)  # again: the raise may have cut the first one short
        raise
    if fired:  # it ran out just as it finished: the limit still holds
        raise DeadlineExceeded
    return result
