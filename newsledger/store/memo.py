"""Stories kept between requests: the answer of ``Ledger.stories`` for the same filters, as
long as the ledger's revision (bumped by every written batch, ``ledger_state``) is the one it
was worked out at. Grouping a month of a large ledger takes a few hundred milliseconds; the
web UI asks for the same stories again when one is opened (``story.html``).
"""

from __future__ import annotations

from collections import OrderedDict
from threading import Lock

from newsledger.records import Story
from newsledger.store.results import Filters

Key = tuple[Filters, int]


class StoryMemo:
    """The last ``size`` answers by (filters, revision); safe to share between threads (the
    API answers in a thread pool). Stories are frozen records, so an answer is shared as it
    is."""

    def __init__(self, size: int = 64) -> None:
        self.size = size
        self._found: OrderedDict[Key, tuple[Story, ...]] = OrderedDict()
        self._lock = Lock()

    def get(self, filters: Filters, revision: int) -> tuple[Story, ...] | None:
        with self._lock:
            found = self._found.get((filters, revision))
            if found is not None:
                self._found.move_to_end((filters, revision))
            return found

    def put(self, filters: Filters, revision: int, stories: tuple[Story, ...]) -> None:
        with self._lock:
            for key in [k for k in self._found if k[1] != revision]:
                del self._found[key]  # an older revision is never asked for again
            self._found[(filters, revision)] = stories
            while len(self._found) > self.size:
                self._found.popitem(last=False)
