"""Opening the gazetteer by its sources: the cached index of a SourceSet, built once across processes.

The index directory `<cache>/gazetteer-<fingerprint>/` is named by a hash of the sources and of the build
code (sourceset.py), so an unchanged index is opened as it is and a changed source means a new one. It is
built under a temporary name and renamed into place (atomic), under a file lock, so that concurrent
processes build it once; older indexes are removed after a grace period.

This module sits above the build (collect.py, build.py) and the queries (lookup.py): the build ranks its
stored answers with the queries, and the queries never start a build.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path

from geomap.gazetteer.lookup import GazetteerIndex
from geomap.gazetteer.sourceset import SourceSet
from geomap.model import Candidate

STALE_GRACE_S = 1800  # an index replaced by a newer one is deleted after half an hour
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
            _build_into(final, sources)
            _remove_stale(sources.cache, keep=final)
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    return final


def _build_into(final: Path, sources: SourceSet) -> None:
    """Build the index of `sources` under a temporary name beside `final` and rename it into place."""
    from geomap.gazetteer.build import build_index  # imported when building: most starts only open
    from geomap.gazetteer.collect import collect

    places, stats = collect(sources)
    tmp = Path(tempfile.mkdtemp(prefix=".build-", dir=sources.cache))
    try:
        build_index(places, stats, tmp / "index", final.name.removeprefix(_PREFIX))
        try:
            os.rename(tmp / "index", final)
        except OSError:
            if not (final / "meta.json").is_file():
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _remove_stale(cache: Path, keep: Path, grace_s: float = STALE_GRACE_S) -> None:
    """Old index directories (and crashed builds) go once they are older than `grace_s`: processes that
    opened them keep their mapped files (POSIX), and one that loads its fuzzy arrays late still finds them."""
    now = time.time()
    for old in [*cache.glob(f"{_PREFIX}*"), *cache.glob(".build-*")]:
        if old == keep or not old.is_dir():
            continue
        with contextlib.suppress(OSError):
            if now - old.stat().st_mtime >= grace_s:
                shutil.rmtree(old)
