"""A timer standing in for a stage callable, shared by the benchmark scripts."""

from __future__ import annotations

import time
from typing import Any


class Timed:
    """A stand-in for one stage callable that adds up the seconds spent in its calls;
    every other attribute is the stage's own."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.seconds = 0.0
        self.calls = 0

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return self.inner(*args, **kwargs)
        finally:
            self.seconds += time.perf_counter() - started
            self.calls += 1

    def pipe(self, texts: Any, **kwargs: Any) -> Any:
        """spaCy's ``nlp.pipe`` timed: the documents parsed now, each counted as a call."""
        started = time.perf_counter()
        try:
            docs = list(self.inner.pipe(texts, **kwargs))
        finally:
            self.seconds += time.perf_counter() - started
        self.calls += len(docs)
        return iter(docs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)
