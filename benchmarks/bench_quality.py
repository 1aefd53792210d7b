"""Reading quality, on the project's own examples and, separately, on the development set of real reports.

Prints, for each set: located-place precision, recall and F1, role accuracy, not-places reported, the
calibration table (mentions by confidence bin against the share whose place and role are right), and
with --errors the list of errors by article.

    python benchmarks/bench_quality.py [--errors] [--dev DIR]

The examples are examples/*.gold.json and ../shared/seed/*.gold.json. The development set is read from
DIR (default: a temporary folder written by ../shared/realdev/to_gold.py); it is a test input that is never
copied into the repository, so without ../shared only the examples are measured.
"""

from __future__ import annotations

import argparse
import glob
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
BINS = ((0.0, 0.5), (0.5, 0.8), (0.8, 1.01))  # the bins: under 0.5, between, 0.8 and over


def measure(label: str, paths: list[str], errors: bool) -> None:
    from geomap.evaluate import evaluate, format_table, load_gold, total
    from geomap.pipeline import extract

    scores = evaluate(paths)
    t = total(scores)
    print(f"{label}: {len(paths)} articles")
    counts = f"{t.tp}/{t.fp}/{t.fn} tp/fp/fn"
    print(f"  located places: P {t.precision:.2f}  R {t.recall:.2f}  F1 {t.f1:.2f}  ({counts})")
    print(f"  role accuracy: {t.role_accuracy:.2f} ({t.roles_right}/{t.roles_scored})")
    print(f"  not-places reported: {t.not_places_reported}")
    try:
        from geomap.evaluate import outcomes
    except ImportError:  # releases before the calibration table
        print("  calibration: not measured by this release")
    else:
        judged = []
        for path in paths:
            gold, article = load_gold(path)
            judged += outcomes(gold, extract(article, date=gold.get("date")))
        print("  calibration (confidence bin: mentions, share right):")
        for lo, hi in BINS:
            got = [o for o in judged if lo <= o.confidence < hi]
            share = sum(o.correct for o in got) / len(got) if got else float("nan")
            span = f"[{lo:.1f}, {min(hi, 1.0):.1f}{']' if hi > 1 else ')'}"
            print(f"    {span}: {len(got)} mentions, {share:.2f} right")
    if errors:
        print(format_table(scores, details=True))


def dev_set(folder: str | None) -> list[str]:
    if folder:
        return sorted(glob.glob(str(Path(folder) / "*.gold.json")))
    script = SHARED / "realdev" / "to_gold.py"
    if not script.is_file():
        return []
    out = tempfile.mkdtemp(prefix="geomap-realdev-")
    subprocess.run([sys.executable, str(script), out], check=True, capture_output=True)
    return sorted(glob.glob(f"{out}/*.gold.json"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--errors", action="store_true", help="list every error by article")
    ap.add_argument("--dev", help="a folder of the development set's gold files (to_gold.py's output)")
    args = ap.parse_args()
    examples = sorted(glob.glob(str(REPO / "examples" / "*.gold.json")))
    examples += sorted(glob.glob(str(SHARED / "seed" / "*.gold.json")))
    measure("examples (the project's own)", examples, args.errors)
    dev = dev_set(args.dev)
    if dev:
        measure("development set (real published reports)", dev, args.errors)
    else:
        print("development set: ../shared/realdev is absent, not measured")


if __name__ == "__main__":
    main()
