"""Spans kept sorted by start, so that overlap queries stay cheap in long paragraphs."""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from typing import Generic, TypeVar

T = TypeVar("T")


class SpanIndex(Generic[T]):
    def __init__(self) -> None:
        self._starts: list[int] = []
        self._items: list[T] = []
        self._longest = 0

    def near(self, start: int, end: int) -> Iterator[T]:
        """The items whose span may overlap [start, end): those starting less than the
        longest span's length before ``start``, and before ``end``."""
        lo = bisect.bisect_left(self._starts, start - self._longest)
        hi = bisect.bisect_left(self._starts, max(end, start + 1))
        return iter(self._items[lo:hi])

    def add(self, start: int, end: int, item: T) -> None:
        """Insert after the items with the same start, so ties keep insertion order."""
        at = bisect.bisect_right(self._starts, start)
        self._starts.insert(at, start)
        self._items.insert(at, item)
        self._longest = max(self._longest, end - start)

    def __iter__(self) -> Iterator[T]:
        return iter(self._items)
