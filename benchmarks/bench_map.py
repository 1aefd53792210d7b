"""Figures for the map (README quotes them).

1. The seed article as a whole process (`geomap map`), with the gazetteer index already cached.
   Without ../shared/seed or geomap.pipeline, the bundled sample report (JSON) is mapped instead.
2. 10,000 events (CSV): time to write the HTML, its size, and the time until Chromium shows clustered
   markers and a popup opens.

Usage: python benchmarks/bench_map.py [--events 10000]
"""

from __future__ import annotations

import argparse
import csv
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEED = REPO.parent / "shared" / "seed"
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

from map_samples import sample_report, synthetic_events  # noqa: E402  (the map tests' sample data)

from geomap.render import render_map  # noqa: E402


def _geomap(*args: str) -> float:
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "geomap", *args], capture_output=True, text=True)
    dt = time.perf_counter() - t
    if proc.returncode != 0:
        raise SystemExit(f"geomap {' '.join(args)} failed: {proc.stderr.strip()}")
    return dt


def bench_whole_process(tmp: Path) -> None:
    article = next(SEED.glob("*.txt"), None) if SEED.is_dir() else None
    try:
        import geomap.pipeline  # noqa: F401

        have_pipeline = True
    except ImportError:
        have_pipeline = False
    if article and have_pipeline:
        what, src = f"seed article {article.name}", article
    else:
        src = tmp / "sample-report.json"
        src.write_text(json.dumps(sample_report().to_dict()), encoding="utf-8")
        what = "sample report (JSON; pipeline or seed absent)"
    out = tmp / "seed.html"
    _geomap("map", str(src), "-o", str(out))  # warm: builds/caches the gazetteer index
    runs = [_geomap("map", str(src), "-o", str(out)) for _ in range(3)]
    print(
        f"whole process, {what}: median {statistics.median(runs):.2f} s "
        f"(runs {', '.join(f'{r:.2f}' for r in runs)}), {out.stat().st_size / 1e6:.2f} MB"
    )


def bench_events(tmp: Path, n: int) -> Path:
    rows = synthetic_events(n)
    src = tmp / "events.csv"
    with src.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    out = tmp / "events.html"
    t = time.perf_counter()
    render_map([], out, events=src)
    dt = time.perf_counter() - t
    print(f"{n:,} events: HTML written in {dt:.2f} s (in-process), {out.stat().st_size / 1e6:.2f} MB")
    dt_cli = _geomap("map", "--input", str(src), "-o", str(out))
    print(f"{n:,} events: `geomap map --input` whole process {dt_cli:.2f} s")
    return out


def bench_browser(page_file: Path) -> None:
    from playwright.sync_api import sync_playwright

    from geomap.render.export import CHROMIUM, CHROMIUM_ARGS

    if not Path(CHROMIUM).exists():
        print("browser: skipped (no /usr/bin/chromium)")
        return
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        times = []
        for _ in range(3):
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.route(
                "**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:")) else r.abort()
            )
            t = time.perf_counter()
            page.goto(page_file.as_uri())
            page.wait_for_selector(".marker-cluster", timeout=30000)
            # open one marker's popup the way a click on it would, after zooming to it out of its cluster
            page.evaluate(
                "() => { const g = Object.values(window.__geomapMaps)[0]; const it = g.items[0];"
                " g.map.eachLayer(l => { if (l.zoomToShowLayer && l.hasLayer(it.marker)) {"
                " l.zoomToShowLayer(it.marker, () => it.marker.openPopup()); } }); }"
            )
            page.locator(".leaflet-popup-content").wait_for(timeout=30000)
            times.append(time.perf_counter() - t)
            page.close()
        browser.close()
    print(
        f"browser: load to clusters shown and a popup open: median {statistics.median(times):.2f} s "
        f"(runs {', '.join(f'{x:.2f}' for x in times)})"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--events", type=int, default=10_000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="geomap-bench-") as d:
        tmp = Path(d)
        bench_whole_process(tmp)
        page = bench_events(tmp, args.events)
        bench_browser(page)


if __name__ == "__main__":
    main()
