"""Duplicate detection: exact copies by document id, near copies by MinHash LSH.

A ``Deduplicator`` is fed the documents of one run (or one ledger) in order and sets
``Document.duplicate_of`` on every document whose body was seen before, exactly or nearly.
Nothing is dropped: the caller keeps every document and can filter on ``duplicate_of``.

**What ``duplicate_of`` holds.** Always the id of the *first copy of the story*: the
earliest-seen document of its group, followed transitively (if B is a near copy of A and C a
near copy of B, both B and C get ``duplicate_of == A.id``, even when C is not near A).

* Exact copy (same ``document.id``, i.e. the same normalised body) of a first copy A:
  ``duplicate_of == A.id == document.id``. Equal to the document's own id on purpose: it
  reads "same body as the record with this id", and an exact copy is recognisable by
  ``document.duplicate_of == document.id``.
* Exact copy of a document B that was itself a near copy of A: ``duplicate_of == A.id``
  (the group's first copy, like B's own link).
* Near copy: ``duplicate_of`` is the first copy's id, which differs from ``document.id``.

**Near matching.** The body is casefolded and cut into runs of letters and digits
(punctuation dropped, numbers kept); the set of ``shingle_words``-word shingles is sketched
with a ``datasketch.MinHash`` (``num_perm`` permutations) and looked up in a
``datasketch.MinHashLSH`` built for ``threshold``. Every LSH candidate is confirmed with the
estimated Jaccard (``MinHash.jaccard``) ``>= threshold``; of the confirmed candidates, the
one whose group started earliest gives the link. Every document that is not an exact copy
is indexed, so that chains of near copies link transitively.

**Threshold 0.6 by default.** 5-word shingles are strict: one changed word removes up to
five shingles. A 300-word wire story carried by two outlets, each with its own header and
trailer lines, one sentence rewritten, has a Jaccard of 0.69; 5% of the words changed at
random gives about 0.64 whatever the length. Two different stories of the same event share
almost no 5-word shingles (0.002 in the tests), and among the 181 unrelated articles of the
extraction benchmark the most similar pair is at 0.14. 0.6 finds the realistic copies and
stays far above unrelated text; raise it (0.8) where only light edits should count.

**Short bodies.** Bodies of fewer than ``min_words`` words (default 50) are matched exactly
only: a few shingles make the Jaccard estimate noise, and short texts ("Follow us on ...",
one-paragraph briefs) share most of their words by chance. They are neither looked up in
nor added to the LSH index.

**Memory.** Per remembered document: its id (a 64-character str, 113 bytes), a small
record (~100 bytes with its dict slot), the MinHash values in a ``LeanMinHash`` (``num_perm``
x uint32 with datasketch 2's default ``affine32`` scheme: 512 bytes of values at 128, ~0.8 KiB
with the object), and its LSH entries (one band key and one bucket set per band, 24 bands at
the defaults, ~0.3 KiB each, mostly the bucket sets). Measured with ``tracemalloc`` in
``benchmarks/dedup.py``: about 8 KiB per document indexed with the defaults (about 6 KiB at
threshold 0.8: 16 bands); a body matched exactly only costs its id and record (~0.2 KiB).
``max_documents`` bounds the total: past that many remembered bodies the oldest is forgotten
(FIFO), and later copies of it are no longer recognised (nor linked through it).

**Pickling.** A ``Deduplicator`` pickles (in-memory dict storage of the LSH; no locks, no
lambdas; fixed MinHash seed, so sketches made in another process compare), so it can be
shipped to a worker or checkpointed. Its state is order-dependent and sequential, and it is
not thread-safe: separate instances on partitions of a stream miss the duplicates across
partitions, and two workers must not share one instance.

A document that is not a copy is returned as given (the same object), including any
``duplicate_of`` it already carried.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from dataclasses import dataclass

from datasketch import LeanMinHash, MinHash, MinHashLSH

from newsledger.records import Document

__all__ = ["Deduplicator", "shingles", "words"]

_WORD = re.compile(r"[^\W_]+")
_SEED = 1
# LSH band layout tuned for recall (false negatives weigh 0.95, false positives 0.05): every
# candidate is confirmed with MinHash.jaccard anyway, so a spurious candidate costs one
# vector comparison, a missed one a missed duplicate. At threshold 0.6 and 128 permutations
# this gives 24 bands of 4 rows: a pair at Jaccard 0.6 is a candidate with probability 0.96
# (0.40 with datasketch's default equal weights), one at 0.3 with probability 0.18.
_LSH_WEIGHTS = (0.05, 0.95)


def words(text: str) -> list[str]:
    """The casefolded runs of letters and digits of ``text``: punctuation goes, numbers stay."""
    return _WORD.findall(text.casefold())


def shingles(tokens: list[str], size: int) -> set[bytes]:
    """The set of ``size``-word shingles of ``tokens``, UTF-8 encoded for hashing."""
    return {" ".join(tokens[i:i + size]).encode("utf-8") for i in range(len(tokens) - size + 1)}


@dataclass(frozen=True, slots=True)
class _Seen:
    """What is remembered of one distinct body."""

    root: str  # id of the first copy of its group (its own id when it is a first copy)
    root_seq: int  # arrival number of that first copy
    sketch: LeanMinHash | None  # None: matched exactly only (short body)


class Deduplicator:
    """Stateful over one run (or one ledger): remembers the documents seen.

    ``threshold``: estimated Jaccard similarity of the shingle sets from which two bodies are
    near copies; ``num_perm``: MinHash permutations; ``shingle_words``: words per shingle;
    ``min_words``: bodies shorter than this are matched exactly only; ``max_documents``:
    remember at most this many distinct bodies, forgetting the oldest first (None: no bound).
    """

    def __init__(
        self,
        threshold: float = 0.6,
        num_perm: int = 128,
        shingle_words: int = 5,
        *,
        min_words: int = 50,
        max_documents: int | None = None,
    ) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], got {threshold}")
        if shingle_words < 1 or min_words < shingle_words:
            raise ValueError("need 1 <= shingle_words <= min_words")
        if max_documents is not None and max_documents < 1:
            raise ValueError(f"max_documents must be positive, got {max_documents}")
        self.threshold = threshold
        self.num_perm = num_perm
        self.shingle_words = shingle_words
        self.min_words = min_words
        self.max_documents = max_documents
        self._template = MinHash(num_perm=num_perm, seed=_SEED)
        self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm, weights=_LSH_WEIGHTS)
        self._seen: dict[str, _Seen] = {}  # insertion order = arrival order (FIFO eviction)
        self._count = 0

    def __len__(self) -> int:
        """The number of distinct bodies remembered now (exact copies are not counted)."""
        return len(self._seen)

    def __call__(self, document: Document) -> Document:
        """The document, with ``duplicate_of`` set when it copies an earlier one."""
        seen = self._seen.get(document.id)
        if seen is not None:
            return dataclasses.replace(document, duplicate_of=seen.root)
        sketch = self.sketch(document.text)
        match = self._match(sketch) if sketch is not None else None
        self._remember(document.id, sketch, match)
        if match is None:
            return document
        return dataclasses.replace(document, duplicate_of=match.root)

    def sketch(self, text: str) -> LeanMinHash | None:
        """The MinHash of the body's shingles, or None when it is too short to near-match."""
        tokens = words(text)
        if len(tokens) < self.min_words:
            return None
        minhash = self._template.copy()  # empty, shares the permutations: no RNG per document
        minhash.update_batch(shingles(tokens, self.shingle_words))
        return LeanMinHash(minhash)

    def _match(self, sketch: LeanMinHash) -> _Seen | None:
        """The confirmed candidate whose group started earliest, if any."""
        confirmed = [
            seen
            for seen in self._candidates(self._lsh.query(sketch))
            if seen.sketch is not None and sketch.jaccard(seen.sketch) >= self.threshold
        ]
        return min(confirmed, key=lambda seen: seen.root_seq, default=None)

    def _candidates(self, keys: Iterable[object]) -> Iterable[_Seen]:
        for key in keys:
            seen = self._seen.get(str(key))
            if seen is not None:
                yield seen

    def _remember(self, doc_id: str, sketch: LeanMinHash | None, match: _Seen | None) -> None:
        self._count += 1
        if match is None:
            entry = _Seen(doc_id, self._count, sketch)
        else:
            entry = _Seen(match.root, match.root_seq, sketch)
        self._seen[doc_id] = entry
        if sketch is not None:
            self._lsh.insert(doc_id, sketch, check_duplication=False)
        if self.max_documents is not None and len(self._seen) > self.max_documents:
            self._forget_oldest()

    def _forget_oldest(self) -> None:
        oldest = next(iter(self._seen))
        entry = self._seen.pop(oldest)
        if entry.sketch is not None:
            self._lsh.remove(oldest)
