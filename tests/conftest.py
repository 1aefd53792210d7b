"""Shared fixtures. Tests that need ../shared (the seed article) skip with a reason where it is absent."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEED_DIR = REPO.parent / "shared" / "seed"
EXAMPLES = REPO / "examples"


@pytest.fixture(scope="session")
def seed_dir() -> Path:
    if not SEED_DIR.is_dir():
        pytest.skip("../shared/seed is absent (only CI and developers have it)")
    return SEED_DIR


@pytest.fixture(scope="session")
def seed_article(seed_dir: Path) -> Path:
    return next(seed_dir.glob("*.txt"))


@pytest.fixture(scope="session")
def seed_gold(seed_dir: Path) -> dict:
    return json.loads(next(seed_dir.glob("*.gold.json")).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium driven by playwright, shared by the browser tests; skips when either is missing."""
    import shutil
    from pathlib import Path

    from geomap.render.export import CHROMIUM_ARGS

    chromium = "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else shutil.which("chromium")
    if not chromium:
        pytest.skip("chromium is not installed (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield b
        b.close()
