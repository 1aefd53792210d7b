"""Extraction throughput, linearity in article length, and whole-process wall time of `geomap extract`.

Prints:
  - articles per second per core for recognise+resolve+interpret (+claims when present) on a
    seed-sized article, with the gazetteer index already loaded (ingest excluded and reported apart);
  - seconds per MB at 10 KB, 100 KB and 1 MB of text made by repeating the article (linear => flat);
  - wall time of `geomap extract ARTICLE --json` as a fresh process with the index cached (best of 5).
Usage: python benchmarks/bench_extract.py [ARTICLE]   (default: the seed if ../shared exists, else an example)
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _article(argv: list[str]) -> Path:
    if len(argv) > 1:
        return Path(argv[1])
    seed = sorted((REPO.parent / "shared" / "seed").glob("*.txt"))
    if seed:
        return seed[0]
    examples = sorted((REPO / "examples").glob("*.txt"))
    if not examples:
        sys.exit("no article: pass a path")
    return examples[0]


def _best(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def _date(article: Path) -> str | None:
    gold = article.with_name(article.name.removesuffix(".txt") + ".gold.json")
    if gold.is_file():
        import json

        return json.loads(gold.read_text(encoding="utf-8")).get("date")
    return None


def main(argv: list[str]) -> None:
    from geomap.pipeline import default_gazetteer, extract_document
    from geomap.text.ingest import ingest

    article = _article(argv)
    date = _date(article)
    t0 = time.perf_counter()
    gz = default_gazetteer()
    gz.is_name("Kyiv")
    print(f"article: {article.name} ({article.stat().st_size:,} bytes)")
    print(f"gazetteer load (index cached): {time.perf_counter() - t0:.3f} s")

    def core(d):
        return extract_document(d, gz, claims=False)

    doc = ingest(article, date)
    extract_document(doc, gz)  # warm caches (morphology, exact lookups, front-line distances)
    n = 300
    for label, fn in (
        ("recognise+resolve+interpret", core),
        ("extract_document (+ distance claims)", lambda d: extract_document(d, gz)),
    ):
        t, c = time.perf_counter(), time.process_time()
        for _ in range(n):
            fn(doc)
        wall, cpu = (time.perf_counter() - t) / n, (time.process_time() - c) / n
        print(
            f"{label}, warm: {cpu * 1000:.2f} ms CPU/article = {1 / cpu:,.0f} articles/s/core"
            f" (wall {wall * 1000:.2f} ms)"
        )
    t = time.perf_counter()
    for _ in range(20):
        ingest(article)
    print(f"ingest alone: {(time.perf_counter() - t) / 20 * 1000:.2f} ms/article")

    body = doc.text
    print("length    recognise+resolve+interpret   with distance claims   (s/MB flat = linear)")
    for size in (10_000, 100_000, 1_000_000):
        text = (body + "\n\n") * (size // (len(body) + 2) + 1)
        text = text[:size]
        big = ingest(text, date)
        reps = 3 if size < 1_000_000 else 1
        secs = _best(lambda big=big: core(big), reps)
        full = _best(lambda big=big: extract_document(big, gz), reps)
        mb = size / 1e6
        print(
            f"{size / 1000:>6.0f} KB {secs:8.3f} s {secs / mb:6.2f} s/MB"
            f"     {full:8.3f} s {full / mb:6.2f} s/MB"
        )

    cmd = [sys.executable, "-m", "geomap", "extract", str(article), "--json"] + (
        ["--date", date] if date else []
    )
    subprocess.run(cmd, check=True, capture_output=True)  # builds the index cache if needed
    wall = _best(lambda: subprocess.run(cmd, check=True, capture_output=True), 5)
    print(
        f"`geomap extract {article.name} --json` whole process, index cached: {wall:.3f} s wall (best of 5)"
    )


if __name__ == "__main__":
    main(sys.argv)
