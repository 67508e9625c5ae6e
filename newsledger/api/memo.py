"""Answers kept between requests: the rendered body of ``GET /api/stories`` for the same
parameters, as long as the ledger's revision (``Ledger.revision``, bumped by every written
batch) is the one it was worked out at. Grouping a month of a large ledger takes a few
hundred milliseconds; the web UI asks for the same stories again when one is opened
(``story.html``). Bodies are kept as bytes: a kept answer costs the garbage collector nothing
(the stories' objects would be walked by every full collection).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable
from threading import Lock

Key = tuple[Hashable, int]


class AnswerMemo:
    """The last ``size`` bodies by (parameters, revision); safe to share between threads (the
    API answers in a thread pool)."""

    def __init__(self, size: int = 64) -> None:
        self.size = size
        self._found: OrderedDict[Key, bytes] = OrderedDict()
        self._lock = Lock()

    def get(self, params: Hashable, revision: int) -> bytes | None:
        with self._lock:
            found = self._found.get((params, revision))
            if found is not None:
                self._found.move_to_end((params, revision))
            return found

    def put(self, params: Hashable, revision: int, body: bytes) -> None:
        with self._lock:
            for key in [k for k in self._found if k[1] != revision]:
                del self._found[key]  # an older revision is never asked for again
            self._found[(params, revision)] = body
            while len(self._found) > self.size:
                self._found.popitem(last=False)
