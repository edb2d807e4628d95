"""Spans kept sorted by start, so that overlap queries stay cheap in long paragraphs.

Adding in text order is cheap (an append); a batch in another order is added to a new
index and ``merged`` once (the rules and the date formats each add one batch), so that
no insertion shifts a long list."""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from typing import Generic, TypeVar

T = TypeVar("T")
# Spans longer than this are kept apart and offered to every query: a long span (an
# editor's long insertion) would otherwise widen every query's window to its length.
LONG = 1000


class SpanIndex(Generic[T]):
    def __init__(self) -> None:
        self._starts: list[int] = []
        self._items: list[T] = []
        self._ends: list[int] = []
        self._longest = 0
        self._long: list[tuple[int, int, T]] = []

    def near(self, start: int, end: int) -> Iterator[T]:
        """The items whose span may overlap [start, end): those starting less than the
        longest short span's length before ``start``, and before ``end``; and the long."""
        lo = bisect.bisect_left(self._starts, start - self._longest)
        hi = bisect.bisect_left(self._starts, max(end, start + 1))
        yield from self._items[lo:hi]
        for _, _, item in self._long:
            yield item

    def add(self, start: int, end: int, item: T) -> None:
        """Insert after the items with the same start, so ties keep insertion order."""
        at = bisect.bisect_right(self._starts, start)
        self._starts.insert(at, start)
        self._items.insert(at, item)
        self._ends.insert(at, end)
        if end - start > LONG:
            self._long.append((start, end, item))
        else:
            self._longest = max(self._longest, end - start)

    def merged(self, other: SpanIndex[T]) -> SpanIndex[T]:
        """This index and ``other`` in one; at the same start, this index's items first."""
        out: SpanIndex[T] = SpanIndex()
        rows = sorted(
            [
                *zip(self._starts, self._ends, self._items),
                *zip(other._starts, other._ends, other._items),
            ],
            key=lambda row: row[0],  # stable: self's rows stay first
        )
        out._starts = [r[0] for r in rows]
        out._ends = [r[1] for r in rows]
        out._items = [r[2] for r in rows]
        out._longest = max(self._longest, other._longest)
        out._long = self._long + other._long
        return out

    def overlaps(self, start: int, end: int) -> bool:
        """Some item's span overlaps [start, end)."""
        lo = bisect.bisect_left(self._starts, start - self._longest)
        hi = bisect.bisect_left(self._starts, max(end, start + 1))
        if any(start < self._ends[i] for i in range(lo, hi)):
            return True
        return any(s < end and start < e for s, e, _ in self._long)

    def __iter__(self) -> Iterator[T]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)
