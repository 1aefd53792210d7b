"""Where geomap finds its data and keeps its caches. Overridable for tests and shared installs."""

from __future__ import annotations

import os
from pathlib import Path

from geomap.errors import InputError, NotFoundError

PACKAGE_DIR = Path(__file__).resolve().parent


def data_dir() -> Path:
    """The reviewable reference data: the repository's top-level `data/`, installed as the package
    `geomap.data` (an editable install maps it to the checkout, a wheel carries a copy)."""
    override = os.environ.get("GEOMAP_DATA")
    if override:
        return Path(override)
    import geomap.data

    return Path(geomap.data.__file__).resolve().parent


def data_is_shipped() -> bool:
    """Whether data_dir() is geomap's own data, which must be whole; GEOMAP_DATA may name a subset (a
    test's, a trimmed deployment's), whose missing tables are the user's choice."""
    return not os.environ.get("GEOMAP_DATA")


def data_file(*parts: str) -> Path:
    """A shipped data file that must exist: a missing one is a broken install, said loudly rather than
    answered with a smaller index or a missing layer."""
    path = data_dir().joinpath(*parts)
    if not path.is_file():
        raise NotFoundError(f"geomap's data file {path} is missing: reinstall geomap (or fix GEOMAP_DATA)")
    return path


def cache_dir() -> Path:
    """Built indexes live here; safe to delete, rebuilt on demand."""
    default = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "geomap"
    path = Path(os.environ.get("GEOMAP_CACHE", default))
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"cannot use the cache {path} (GEOMAP_CACHE): {exc.strerror or exc}") from exc
    if not path.is_dir():
        raise InputError(f"cannot use the cache {path} (GEOMAP_CACHE): not a directory")
    return path


def output_dir() -> Path:
    """Where a command writes when not told: `output/` under the current directory (as `git archive` or
    a compiler writes beside the user, not inside the installed package). Not created here: the command
    that writes creates it and says so."""
    return Path.cwd() / "output"
