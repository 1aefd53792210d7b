"""Ingest speed: articles per second at news-article size, and linearity up to several megabytes.

Run: python benchmarks/bench_ingest.py
"""

from __future__ import annotations

import time
from pathlib import Path

from geomap.text.ingest import ingest

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def per_call(fn, *, min_time: float = 1.0) -> float:
    """Seconds per call, averaged over at least `min_time` seconds."""
    fn()
    n, start = 0, time.perf_counter()
    while (elapsed := time.perf_counter() - start) < min_time:
        fn()
        n += 1
    return elapsed / n


def main() -> None:
    article = (EXAMPLES / "en-kupiansk-front.txt").read_text(encoding="utf-8")
    t = per_call(lambda: ingest(article))
    print(
        f"plain-text article ({len(article):,} chars): {t * 1000:.2f} ms, {1 / t:,.0f} articles/s on one core"
    )
    for name in ("ru-belgorod-krasnoye.koi8-r.txt", "en-izmail-danube.utf16.txt", "uk-sumy-kursk.md",
                 "en-zaporizhzhia-strike.html"):  # fmt: skip
        path = EXAMPLES / name
        t = per_call(lambda p=path: ingest(p), min_time=0.5)
        print(f"{name} ({path.stat().st_size:,} bytes, from disk): {t * 1000:.2f} ms")

    print("\nlinearity (text built from the example article, repeated):")
    ru = (EXAMPLES / "ru-pokrovsk-offensive.txt").read_text(encoding="utf-8")
    for size_kb in (10, 100, 1000, 5000):
        text = (article + "\n\n") * (size_kb * 1024 // (len(article) + 2) + 1)
        t = per_call(lambda x=text: ingest(x), min_time=0.5)
        cp = ((ru + "\n\n") * (size_kb * 1024 // (len(ru.encode("cp1251")) + 2) + 1)).encode("cp1251")
        tb = per_call(lambda b=cp: ingest(b), min_time=0.5)
        print(
            f"  {size_kb:>5} KB: English text {t * 1000:8.1f} ms ({t * 1e6 / size_kb:6.1f} us/KB); "
            f"Russian cp1251 bytes {tb * 1000:8.1f} ms ({tb * 1e6 / size_kb:6.1f} us/KB)"
        )

    for label, data in (
        ("( x 200k", "(" * 200_000),
        ("'.' x 300k", "." * 300_000),
        ("'*_' x 200k", "*_" * 200_000),
    ):
        t = per_call(lambda d=data: ingest(d), min_time=0.3)
        print(f"pathological input {label}: {t * 1000:.1f} ms")


if __name__ == "__main__":
    main()
