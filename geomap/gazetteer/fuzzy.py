"""Fuzzy matching of misspelt names: symmetric one-letter deletions over skeleton keys.

Each skeleton key of at least MIN_SKELETON letters is stored with all its one-letter deletions, hashed and
sorted in a memory-mapped array (written at build time by `write_fuzzy`, read by `FuzzyIndex`). A query's
deletions are looked up with one vectorised binary search, which finds every key within one insertion,
deletion, substitution or transposition (and many at distance two); rapidfuzz then measures the true edit
distance. No scan over the million keys, so >5,000 queries/s.
"""

from __future__ import annotations

import zlib
from functools import lru_cache
from pathlib import Path

MIN_SKELETON = 4  # shorter skeletons are left out: too many names lie one letter away from them
MAX_EDITS = 2  # a misspelling is at most this many typos away from the name...
SHORT_KEY, SHORT_MAX_EDITS = 5, 1  # ...one for a skeleton this short, which two typos make another name
CACHED_QUERIES = 16384  # a text misspells a name the same way each time it mentions it: its answer is kept
# Above this many candidate keys one rapidfuzz call over all of them beats a Python loop of calls.
_BATCH_SCORING = 24


def write_fuzzy(skeletons: set[str], target: Path) -> None:
    """Write fuzzy.marisa (the skeleton keys) and fuzzy_hash.npy/fuzzy_kid.npy (the hash of each one-letter
    deletion of each key, and the key's number), sorted by hash."""
    import marisa_trie
    import numpy as np

    skel_trie = marisa_trie.Trie(sorted(skeletons))
    skel_trie.save(str(target / "fuzzy.marisa"))
    hashes: list[int] = []
    kids: list[int] = []
    for key in sorted(skeletons):  # sorted: the same sources give the same arrays, whatever the hash seed
        kid = skel_trie[key]
        for d in _deletes(key):
            hashes.append(_hash(d))
            kids.append(kid)
    h = np.asarray(hashes, dtype=np.uint32)
    k = np.asarray(kids, dtype=np.uint32)
    order = np.argsort(h, kind="stable")
    np.save(target / "fuzzy_hash.npy", h[order])
    np.save(target / "fuzzy_kid.npy", k[order])


def _deletes(key: str) -> set[str]:
    return {key} | {key[:i] + key[i + 1 :] for i in range(len(key))}


def _hash(text: str) -> int:
    """The hash of a key or deletion (FuzzyIndex._candidates computes the same, inline)."""
    return zlib.crc32(text.encode("utf-8"))


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
        self._similar_cached = lru_cache(maxsize=CACHED_QUERIES)(self._similar)

    def similar(self, skel: str, limit: int = 40) -> list[tuple[str, float]]:
        """Skeleton keys within MAX_EDITS (SHORT_MAX_EDITS for short keys), with similarity in (0, 1), best
        first."""
        if len(skel) < MIN_SKELETON:
            return []
        return list(self._similar_cached(skel, limit))

    def _similar(self, skel: str, limit: int) -> tuple[tuple[str, float], ...]:
        n = len(skel)
        kids = self._candidates(skel)
        if not kids:
            return ()
        restore = self._keys.restore_key
        max_d = SHORT_MAX_EDITS if n <= SHORT_KEY else MAX_EDITS
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
