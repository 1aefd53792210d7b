"""Opening the gazetteer by its sources: the cached index of a SourceSet, built once across processes.

The index directory `<cache>/gazetteer-<fingerprint>/` is named by a hash of the sources and of the build
code (sourceset.py), so an unchanged index is opened as it is and a changed source means a new one. It is
built under a temporary name and renamed into place (atomic), under a file lock, so that concurrent
processes build it once. Each open checks the index's files against the sizes and sampled checksums its
build recorded in meta.json, and rebuilds a damaged one (saying so); other indexes stay by the eviction
policy below (other installs' indexes are kept).

This module sits above the build (collect.py, build.py) and the queries (lookup.py): the build ranks its
stored answers with the queries, and the queries never start a build.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path

from geomap.errors import InputError
from geomap.gazetteer.lookup import GazetteerIndex
from geomap.gazetteer.sourceset import SourceSet
from geomap.model import Candidate

_PREFIX = "gazetteer-"


class Gazetteer(GazetteerIndex):
    """The gazetteer: queries over the index of a SourceSet (see lookup.GazetteerIndex), opened with
    `default()` or `open(sources)`, which build the index when its sources changed. `Gazetteer(index_dir)`
    opens a built index directory as it is."""

    _default: Gazetteer | None = None
    _default_lock = threading.Lock()

    @classmethod
    def default(cls) -> Gazetteer:
        """The process-wide gazetteer over the default sources (built and cached on first use)."""
        with cls._default_lock:
            if cls._default is None:
                from geomap.paths import cache_dir, data_dir, data_is_shipped

                # GEOMAP_GAZETTEER_DEFAULTS=0: only curated TSVs and imported dumps (small, fast to build).
                defaults = os.environ.get("GEOMAP_GAZETTEER_DEFAULTS", "1") != "0"
                shipped = data_is_shipped()
                sources = SourceSet(data=data_dir(), cache=cache_dir(), defaults=defaults, complete=shipped)
                cls._default = cls.open(sources)
            return cls._default

    @classmethod
    def open(cls, sources: SourceSet) -> Gazetteer:
        return cls(ensure_index(sources))


def geocode(name: str, context: object = None, limit: int = 5) -> Sequence[Candidate]:
    """Ranked candidates for a place name from the default gazetteer (see GazetteerIndex.lookup)."""
    return Gazetteer.default().lookup(name, context=context, limit=limit)


def index_dir_for(sources: SourceSet) -> Path:
    return sources.cache / f"{_PREFIX}{sources.fingerprint()}"


def ensure_index(sources: SourceSet) -> Path:
    """The path of an up-to-date, whole index for `sources`, building it (once, across processes) when it
    is missing or its files are not the ones its build wrote (truncated, missing, replaced)."""
    final = index_dir_for(sources)
    if (final / "meta.json").is_file() and not damage(final):
        _mark_used(final)
        return final
    try:
        sources.cache.mkdir(parents=True, exist_ok=True)
        lock = open(sources.cache / LOCK_NAME, "a+")  # noqa: SIM115 - held for the whole build
    except OSError as exc:
        raise InputError(f"cannot use the cache {sources.cache} (GEOMAP_CACHE): {exc.strerror}") from exc
    with lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            _remove_crashed_builds(sources.cache)  # with the lock held, no build is running
            problems = damage(final) if (final / "meta.json").is_file() else ["no meta.json"]
            if not problems:  # another process built it while we waited
                return final
            if final.exists():
                print(
                    f"geomap: the index {final.name} is damaged ({problems[0]}); rebuilding it",
                    file=sys.stderr,
                )
            _build_into(final, sources)
            _evict(sources.cache, keep=final)
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    _mark_used(final)
    return final


def _build_into(final: Path, sources: SourceSet) -> None:
    """Build the index of `sources` under a temporary name beside `final` and rename it into place (a
    damaged index of the same name is moved aside first)."""
    from geomap.gazetteer.build import build_index  # imported when building: most starts only open
    from geomap.gazetteer.collect import collect

    try:  # before the minute of collecting: a read-only cache is said at once
        tmp = Path(tempfile.mkdtemp(prefix=BUILD_PREFIX, dir=sources.cache))
    except OSError as exc:
        raise InputError(f"cannot build the index in {sources.cache}: {exc.strerror}") from exc
    try:
        places, stats = collect(sources)
        build_index(places, stats, tmp / "index", final.name.removeprefix(_PREFIX))
        write_manifest(tmp / "index")
        if final.exists():
            os.rename(final, tmp / "damaged")
        os.rename(tmp / "index", final)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


# ------------------------------------------------------------------ verification

MANIFEST_KEY = "files"
SAMPLE_BYTES = 65536  # hashed at each end of every file: catches truncation and a replaced file in ~1 ms


def _sample_digest(path: Path, size: int) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        h.update(fh.read(SAMPLE_BYTES))
        if size > SAMPLE_BYTES:
            fh.seek(max(SAMPLE_BYTES, size - SAMPLE_BYTES))
            h.update(fh.read(SAMPLE_BYTES))
    return h.hexdigest()[:32]


def write_manifest(index: Path) -> None:
    """Record in meta.json the size and a sampled checksum of every file the build wrote."""
    meta_path = index / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    files = {}
    for path in sorted(index.iterdir()):
        if path.is_file() and path.name != "meta.json":
            size = path.stat().st_size
            files[path.name] = {"size": size, "sha256_ends": _sample_digest(path, size)}
    meta[MANIFEST_KEY] = files
    meta_path.write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")


def damage(index: Path) -> list[str]:
    """What is wrong with an index directory, by its manifest: missing, resized or altered files (none when
    whole). An index without a manifest (built before manifests, or half written) counts as damaged."""
    try:
        meta = json.loads((index / "meta.json").read_text(encoding="utf-8"))
        files = meta[MANIFEST_KEY]
        problems = []
        for name, want in files.items():
            path = index / name
            if not path.is_file():
                problems.append(f"{name} is missing")
                continue
            size = path.stat().st_size
            if size != want["size"]:
                problems.append(f"{name} is {size:,} bytes, its build wrote {want['size']:,}")
            elif _sample_digest(path, size) != want["sha256_ends"]:
                problems.append(f"{name} is not the file its build wrote")
        return problems
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        return [f"meta.json unreadable or without a file list ({type(exc).__name__})"]


# ------------------------------------------------------------------ what stays in the cache

LOCK_NAME = ".gazetteer-build.lock"
BUILD_PREFIX = ".build-"
USED_STAMP = "last-used"
# Eviction policy, applied after each build: every index used in the last KEEP_UNUSED_DAYS stays (another
# install or checkout on this machine may use it: its rebuild costs minutes), up to KEEP_INDEXES indexes
# besides the new one, the least recently used going first; none used within IN_USE_GRACE_S is touched
# (a running process may still be reading its files).
KEEP_UNUSED_DAYS = 30
KEEP_INDEXES = 4  # ~250 MB each: a cache of about 1.25 GB at most
IN_USE_GRACE_S = 1800


def _mark_used(index: Path) -> None:
    """Note that the index was opened now (its `last-used` stamp), for the eviction policy."""
    with contextlib.suppress(OSError):
        (index / USED_STAMP).touch()


def _last_used(index: Path) -> float:
    for path in (index / USED_STAMP, index / "meta.json", index):
        with contextlib.suppress(OSError):
            return path.stat().st_mtime
    return 0.0


def _remove_crashed_builds(cache: Path) -> None:
    """`.build-*` folders left by a build that was killed: with the build lock held, none is in use."""
    for old in cache.glob(f"{BUILD_PREFIX}*"):
        shutil.rmtree(old, ignore_errors=True)


def _evict(cache: Path, keep: Path, now: float | None = None) -> list[Path]:
    """Apply the eviction policy above; returns the index directories removed."""
    now = time.time() if now is None else now
    others = sorted(
        (d for d in cache.glob(f"{_PREFIX}*") if d.is_dir() and d != keep), key=_last_used, reverse=True
    )
    removed = []
    for rank, old in enumerate(others):
        age = now - _last_used(old)
        if age < IN_USE_GRACE_S:
            continue
        if rank >= KEEP_INDEXES or age > KEEP_UNUSED_DAYS * 86400:
            shutil.rmtree(old, ignore_errors=True)
            removed.append(old)
    return removed
