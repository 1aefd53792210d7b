"""Wall time of `geomap check` as a whole process, and the claims engine's own cost in-process.

Prints:
  - wall time of `geomap check ARTICLE --date D` (table) and `--json` as fresh processes with the gazetteer
    index cached: best and median of 7 (the figure quoted: under 2 s on the seed);
  - in-process: statement parsing throughput (characters per second) on text made by repeating the
    article, and the time to judge the article's claims once its mentions are resolved.
Usage: python benchmarks/bench_check.py [ARTICLE] [--date YYYY-MM-DD]
    (default: the seed if ../shared exists, dated 2024-12-22, else an example article)
"""

from __future__ import annotations

import inspect
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _article(argv: list[str]) -> tuple[Path, str | None]:
    date = None
    if "--date" in argv:
        i = argv.index("--date")
        date = argv[i + 1]
        argv = argv[:i] + argv[i + 2 :]
    if len(argv) > 1:
        return Path(argv[1]), date
    seed = sorted((REPO.parent / "shared" / "seed").glob("*.txt"))
    if seed:
        return seed[0], date or "2024-12-22"
    examples = sorted((REPO / "examples").glob("en-*.txt"))
    if not examples:
        sys.exit("no article: pass a path")
    return examples[0], date


def _wall(cmd: list[str], repeat: int = 7) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - t)
    return min(times), statistics.median(times)


def main() -> None:
    path, date = _article(sys.argv)
    exe = [sys.executable, "-m", "geomap", "check", str(path)] + (["--date", date] if date else [])
    subprocess.run(exe, check=True, stdout=subprocess.DEVNULL)  # builds or loads the cached index
    print(f"article: {path.name} ({path.stat().st_size:,} bytes), date {date or 'from the article'}")
    for label, cmd in (("table", exe), ("--json", exe + ["--json"])):
        best, med = _wall(cmd)
        print(f"geomap check ({label}) whole process, index cached: best {best:.2f} s, median {med:.2f} s")

    from geomap.claims import find_claims
    from geomap.claims.parse import find_statements
    from geomap.pipeline import extract_document, pick_frontline
    from geomap.text.ingest import ingest

    doc = ingest(path, date)
    text = (doc.text + "\n\n") * max(1, 1_000_000 // max(1, len(doc.text)))
    t = time.perf_counter()
    found = find_statements(text)
    dt = time.perf_counter() - t
    rate, size = len(text) / dt / 1e6, len(text) / 1e6
    print(f"parse: {rate:.2f} M chars/s on {size:.1f} M chars ({len(found):,} statements)")
    report = extract_document(doc)
    refs = {"frontline": pick_frontline(doc.date)}
    if "borders" in inspect.signature(find_claims).parameters:  # older releases read the borders themselves
        from geomap.layers import border_atlas

        refs["borders"] = border_atlas()
    find_claims(doc, report.mentions, **refs)  # warm the layers
    t = time.perf_counter()
    for _ in range(20):
        claims = find_claims(doc, report.mentions, **refs)
    per = (time.perf_counter() - t) / 20
    print(f"judge: {per * 1000:.1f} ms for the article's {len(claims)} claim(s), mentions already resolved")


if __name__ == "__main__":
    main()
