"""Scores of many pairs at once, with numpy: the candidate pairs of a day's events are
hundreds of thousands, too many to score one Python call at a time.

``by_first(I, J, row_scores)`` calls ``row_scores(i, js)`` once for each distinct first index
``i`` with all its partners ``js`` and scatters the results back into pair order.
``RowMatrix`` holds sparse rows (TF-IDF vectors) in CSR form and gives the exact dot products
of many pairs of its rows: each distinct first row is spread into a dense buffer once, and
its partners' entries are gathered from it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

Indices = npt.NDArray[np.int64]
Scores = npt.NDArray[np.float64]
Flags = npt.NDArray[np.bool_]


def by_first(first: Indices, second: Indices,
             row_scores: Callable[[int, Indices], Scores]) -> Scores:
    """``row_scores(i, js)`` for each distinct ``i`` of ``first``, in the pairs' order."""
    out = np.zeros(len(first))
    if not len(first):
        return out
    order = np.argsort(first, kind="stable")
    ordered = first[order]
    cuts = np.flatnonzero(np.diff(ordered)) + 1
    for start, end in zip(np.r_[0, cuts], np.r_[cuts, len(first)], strict=True):
        where = order[start:end]
        out[where] = row_scores(int(ordered[start]), second[where])
    return out


@dataclass(frozen=True)
class RowMatrix:
    """Sparse rows in CSR form: row ``r`` has the values ``data[indptr[r]:indptr[r + 1]]`` at
    the columns ``indices[indptr[r]:indptr[r + 1]]``."""

    indptr: Indices
    indices: Indices
    data: Scores
    width: int

    @classmethod
    def of(cls, rows: Sequence[Mapping[str, float]]) -> RowMatrix:
        column: dict[str, int] = {}
        indices: list[int] = []
        data: list[float] = []
        indptr = [0]
        for row in rows:
            for term, value in row.items():
                indices.append(column.setdefault(term, len(column)))
                data.append(value)
            indptr.append(len(indices))
        return cls(np.array(indptr, dtype=np.int64), np.array(indices, dtype=np.int64),
                   np.array(data, dtype=np.float64), len(column))

    def pair_dots(self, first: Indices, second: Indices) -> Scores:
        """The dot product of rows ``first[k]`` and ``second[k]`` for every ``k``."""
        dense = np.zeros(self.width)

        def row_scores(i: int, partners: Indices) -> Scores:
            span = slice(int(self.indptr[i]), int(self.indptr[i + 1]))
            dense[self.indices[span]] = self.data[span]
            found = self._gather(dense, partners)
            dense[self.indices[span]] = 0.0
            return found

        return by_first(first, second, row_scores)

    def _gather(self, dense: Scores, rows: Indices) -> Scores:
        """Each row's dot product with ``dense``."""
        starts, lengths = self.indptr[rows], self.indptr[rows + 1] - self.indptr[rows]
        total = int(lengths.sum())
        if total == 0:
            return np.zeros(len(rows))
        # the positions of every entry of the rows, one row after another
        shift = starts - (np.cumsum(lengths) - lengths)
        positions = np.arange(total) + np.repeat(shift, lengths)
        products = dense[self.indices[positions]] * self.data[positions]
        owner = np.repeat(np.arange(len(rows)), lengths)
        return np.bincount(owner, weights=products, minlength=len(rows)).astype(np.float64)
