"""Where geomap finds its data and keeps its caches. Overridable for tests and shared installs."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_DIR = PACKAGE_DIR.parent


def data_dir() -> Path:
    """The reviewable reference data (`data/` at the top of the repository)."""
    return Path(os.environ.get("GEOMAP_DATA", REPO_DIR / "data"))


def cache_dir() -> Path:
    """Built indexes live here; safe to delete, rebuilt on demand."""
    default = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "geomap"
    path = Path(os.environ.get("GEOMAP_CACHE", default))
    path.mkdir(parents=True, exist_ok=True)
    return path


def output_dir() -> Path:
    return REPO_DIR / "output"
