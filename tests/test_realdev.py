"""The development set of real published reports (../shared/realdev), scored as `geomap eval` scores it.

The issue's targets are F1 >= 0.90, role accuracy >= 0.85 and a calibrated confidence; these floors are
where the reading stands now, so that no change makes real text read worse unnoticed. Raise them as
the reading improves. Skips when ../shared is absent (the set is a test input, never copied here)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared" / "realdev"
F1_FLOOR = 0.83  # measured 0.84 (P 0.84, R 0.84) when this floor was set; 0.68 before this work
ROLE_FLOOR = 0.77  # measured 0.78; 0.61 before
CONFIDENT_RIGHT_FLOOR = 0.88  # mentions with confidence >= 0.8: measured 0.90 right; the target is 0.90
NOT_PLACES_CEILING = 2  # measured 2; 6 before


@pytest.fixture(scope="module")
def dev(tmp_path_factory) -> list[Path]:
    if not (SHARED / "to_gold.py").is_file():
        pytest.skip(f"no development set at {SHARED}")
    out = tmp_path_factory.mktemp("realdev")
    subprocess.run([sys.executable, str(SHARED / "to_gold.py"), str(out)], check=True, capture_output=True)
    return sorted(out.glob("*.gold.json"))


def test_the_development_set_reads_no_worse(dev) -> None:
    from geomap.evaluate import evaluate, load_gold, outcomes, total
    from geomap.pipeline import extract

    t = total(evaluate(dev))
    assert t.f1 >= F1_FLOOR and t.role_accuracy >= ROLE_FLOOR, (t.f1, t.role_accuracy)
    assert t.not_places_reported <= NOT_PLACES_CEILING
    judged = []
    for path in dev:
        gold, article = load_gold(path)
        judged += outcomes(gold, extract(article, date=gold.get("date")))
    confident = [o for o in judged if o.confidence >= 0.8]
    assert sum(o.correct for o in confident) / len(confident) >= CONFIDENT_RIGHT_FLOOR
