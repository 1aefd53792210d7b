"""Fuzzy matching of misspelt names: symmetric one-letter deletions over skeleton keys.

Each skeleton key of length > 4 is stored with all its one-letter deletions, hashed and sorted in a
memory-mapped array. A query's deletions are looked up with one vectorised binary search, which finds
every key within one insertion, deletion, substitution or transposition (and many at distance two);
rapidfuzz then measures the true edit distance. No scan over the million keys, so >5,000 queries/s.
"""

from __future__ import annotations

import zlib
from functools import lru_cache
from pathlib import Path

# Above this many candidate keys one rapidfuzz call over all of them beats a Python loop of calls.
_BATCH_SCORING = 24


class FuzzyIndex:
    def __init__(self, index_dir: Path) -> None:
        import marisa_trie
        import numpy as np
        from rapidfuzz import process
        from rapidfuzz.distance import OSA  # a swapped pair of letters is one typo, not two

        self._np = np
        # Plain ndarray views of the maps: slicing an np.memmap costs a Python-level __array_finalize__.
        self._hash = np.load(index_dir / "fuzzy_hash.npy", mmap_mode="r").view(np.ndarray)
        self._kid = np.load(index_dir / "fuzzy_kid.npy", mmap_mode="r").view(np.ndarray)
        self._keys = marisa_trie.Trie().mmap(str(index_dir / "fuzzy.marisa"))
        self._osa = OSA.distance
        self._cdist = process.cdist
        # A text misspells a name the same way each time it mentions it: its answer is kept.
        self._similar_cached = lru_cache(maxsize=16384)(self._similar)

    def similar(self, skel: str, limit: int = 40) -> list[tuple[str, float]]:
        """Skeleton keys within edit distance 2 (1 for short keys), with similarity in (0, 1), best first."""
        if len(skel) < 4:
            return []
        return list(self._similar_cached(skel, limit))

    def _similar(self, skel: str, limit: int) -> tuple[tuple[str, float], ...]:
        n = len(skel)
        kids = self._candidates(skel)
        if not kids:
            return ()
        restore = self._keys.restore_key
        max_d = 1 if n <= 5 else 2
        keys = [restore(kid) for kid in kids]
        if len(keys) > _BATCH_SCORING:
            dists = self._cdist((skel,), keys, scorer=self._osa, score_cutoff=max_d, workers=1)[0].tolist()
        else:
            osa = self._osa
            dists = [osa(skel, key, score_cutoff=max_d) for key in keys]
        out = [
            (key, 1.0 - d / max(n, len(key)))
            for key, d in zip(keys, dists, strict=True)
            if d <= max_d and key != skel
        ]
        out.sort(key=_by_similarity)  # ties by key: the same answer in every process
        return tuple(out[:limit])

    def _candidates(self, skel: str) -> set[int]:
        """Numbers of the keys that share a one-letter deletion (or the whole key) with `skel`."""
        crc = zlib.crc32
        if skel.isascii():  # one encode; a deleted byte is a deleted letter
            b = skel.encode()
            hashes = [crc(b[:i] + b[i + 1 :]) for i in range(len(b))]
            hashes.append(crc(b))
        else:
            hashes = [crc((skel[:i] + skel[i + 1 :]).encode()) for i in range(len(skel))]
            hashes.append(crc(skel.encode()))
        np = self._np
        needles = np.array(hashes, dtype=np.uint32)
        table = self._hash
        lo = table.searchsorted(needles)
        hi = table.searchsorted(needles, "right")
        kid = self._kid
        kids: set[int] = set()
        for a, b in zip(lo.tolist(), hi.tolist(), strict=True):
            if b > a:
                kids.update(kid[a:b].tolist())
        return kids


def _by_similarity(item: tuple[str, float]) -> tuple[float, str]:
    return -item[1], item[0]
