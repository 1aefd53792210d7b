"""Ranked candidates that become objects only when read.

Why: ranking needs only numbers (scores, positions, codes), which the store reads in place; a `Candidate`
needs its `Place` decoded, its reasons written and two objects built, about 4 us each. Most callers read the
best one or two of a name's candidates (a common name has 50), so each is built on first read and kept.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import overload

from geomap.model import Candidate


class RankedCandidates(Sequence[Candidate]):
    """An immutable sequence of candidates, best first, each built from its ranking row when first read.

    Compares equal to a list or tuple of the same candidates. Safe to share between threads: two threads
    reading one candidate at once build equal objects and one is kept."""

    __slots__ = ("_build", "_made", "_rows")

    def __init__(self, rows: Sequence[object], build: Callable[[int, object], Candidate]) -> None:
        self._rows = rows
        self._build = build  # (position, ranking row) -> Candidate
        self._made: list[Candidate | None] | None = None  # made on first read: most answers are never read

    def __len__(self) -> int:
        return len(self._rows)

    def _get(self, i: int) -> Candidate:
        made = self._made
        if made is None:
            made = self._made = [None] * len(self._rows)
        got = made[i]
        if got is None:
            got = made[i] = self._build(i, self._rows[i])
        return got

    @overload
    def __getitem__(self, i: int) -> Candidate: ...
    @overload
    def __getitem__(self, i: slice) -> list[Candidate]: ...
    def __getitem__(self, i: int | slice) -> Candidate | list[Candidate]:
        if isinstance(i, slice):
            return [self._get(j) for j in range(*i.indices(len(self._rows)))]
        if i < 0:
            i += len(self._rows)
        if not 0 <= i < len(self._rows):
            raise IndexError("candidate index out of range")
        return self._get(i)

    def __iter__(self) -> Iterator[Candidate]:
        for i in range(len(self._rows)):
            yield self._get(i)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, RankedCandidates | list | tuple):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # equal to lists, which are unhashable

    def __repr__(self) -> str:
        return f"RankedCandidates({list(self)!r})"
