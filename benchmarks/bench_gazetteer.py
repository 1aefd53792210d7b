"""Print the gazetteer's figures: cold start, exact/fuzzy lookups per second, is_name cost, memory.

    python benchmarks/bench_gazetteer.py            # uses (and if needed builds) the cached default index
    python benchmarks/bench_gazetteer.py --build    # also times a full index build in a scratch cache

Names for the lookups are drawn at random (fixed seed) from the index itself, so most are unseen by any
cache; "misspelt" names get one random deletion, transposition or substitution.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from geomap.gazetteer.opening import Gazetteer

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from samples import index_names  # noqa: E402  (random names of the index)
from typos import misspell  # noqa: E402  (the same typos the fuzzy tests use)

# the console script next to this interpreter, so the benchmark runs without an activated venv
GEOMAP = os.path.join(os.path.dirname(sys.executable), "geomap")


def cold_start(runs: int) -> tuple[list[float], list[float]]:
    """Wall time and CPU time (user+sys) of whole `geomap geocode Kharkiv --json` processes."""
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        subprocess.run([GEOMAP, "geocode", "Kharkiv", "--json"], check=True, capture_output=True)
        walls.append(time.perf_counter() - t)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return walls, cpus


def sample_names(gz: Gazetteer, n: int, seed: int = 7) -> list[str]:
    return index_names(gz.dir, n, seed)


def rate(fn, items) -> tuple[float, float]:
    """Operations per CPU-second of this process (one core), and CPU microseconds per operation.

    CPU time, not wall time, so that other processes sharing the machine do not skew the figure."""
    t = time.process_time()
    for x in items:
        fn(x)
    dt = time.process_time() - t
    return len(items) / dt, dt / len(items) * 1e6


def rss_mb() -> float:
    code = (
        "from geomap.gazetteer.opening import Gazetteer\n"
        "gz = Gazetteer.default()\n"
        "for n in ['Kharkiv', 'Krasnoye', 'Артемовск', 'под Покровском', 'Kharkvi', 'Donetsk region']:\n"
        "    gz.lookup(n)\n"
        "print(next(l for l in open('/proc/self/status') if l.startswith('VmRSS')).split()[1])"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    return int(out.strip()) / 1024


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=20000, help="names per throughput test")
    ap.add_argument("--build", action="store_true", help="also time a full index build")
    args = ap.parse_args()

    gz = Gazetteer.default()  # builds once if needed
    print(f"index: {gz.dir} ({gz.meta['places']:,} places, {gz.meta['keys']:,} keys)")
    size = sum(p.stat().st_size for p in gz.dir.iterdir()) / 1e6
    print(f"index size on disk: {size:.0f} MB")

    cold_start(1)  # warm the page cache the way a second process finds it
    walls, cpus = cold_start(7)
    print(
        f"cold start `geomap geocode Kharkiv --json` (whole process, 7 runs): wall median "
        f"{statistics.median(walls):.3f} s (min {min(walls):.3f}), CPU median {statistics.median(cpus):.3f} s"
    )
    print(f"load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")

    names = sample_names(gz, args.n)
    seen = set(names)
    others = [n for n in sample_names(gz, args.n, seed=99) if n not in seen]
    seen.update(others)
    thirds = [n for n in sample_names(gz, args.n, seed=123) if n not in seen]
    seen.update(thirds)
    fourths = [n for n in sample_names(gz, args.n, seed=321) if n not in seen]
    rnd = random.Random(11)
    fresh = Gazetteer(gz.dir)  # empty caches, index pages not yet mapped into this process
    per_s, us = rate(fresh.exact, names)
    print(f"exact lookups, new process, distinct names: {per_s:,.0f}/s ({us:.1f} us each, n={len(names):,})")
    per_s, us = rate(fresh.exact, others)
    print(f"exact lookups, warm process, names not seen before: {per_s:,.0f}/s ({us:.1f} us each)")
    per_s, us = rate(lambda n: fresh.exact(n)[:1], thirds)
    print(f"exact lookups, names not seen before, best candidate built: {per_s:,.0f}/s ({us:.1f} us each)")
    per_s, us = rate(lambda n: list(fresh.exact(n)), fourths)
    print(f"exact lookups, names not seen before, every candidate built: {per_s:,.0f}/s ({us:.1f} us each)")
    per_s, us = rate(fresh.exact, fourths)
    print(f"exact lookups, repeated names (cached): {per_s:,.0f}/s ({us:.1f} us each)")
    per_s, us = rate(fresh.is_name, names)
    print(f"is_name hits: {per_s:,.0f}/s ({us:.2f} us each)")
    letters = "abcdefghijklmnoprstuvyz "
    misses = ["".join(rnd.choice(letters) for _ in range(rnd.randint(4, 18))) for _ in names]
    per_s, us = rate(fresh.is_name, misses)
    print(f"is_name misses (random strings): {per_s:,.0f}/s ({us:.2f} us each)")
    words = "the of in and said forces drone attack region near village city troops".split()
    grams = [" ".join(rnd.sample(words, rnd.randint(1, 3))) for _ in names]
    per_s, us = rate(fresh.is_name, grams)
    print(f"is_name on article-like n-grams: {per_s:,.0f}/s ({us:.2f} us each)")

    # Misspellings: each figure on its own typos and a fresh Gazetteer, so that no cache (the fuzzy index
    # keeps its recent answers, morphology its recent words) has seen them.
    typos = [misspell(n, rnd) for n in names[:8000]]
    stage, ranked, built = typos[:3000], typos[3000:5500], typos[5500:8000]

    def warmed() -> Gazetteer:
        g = Gazetteer(gz.dir)
        g.lookup("Kharkvi")  # load the fuzzy arrays once
        g.lookup("под Покровском")  # and the ru and uk morphology dictionaries (once per process)
        g.lookup("під Покровськом")
        return g

    g = warmed()
    per_s, us = rate(g._fuzzy_hits, stage)
    print(f"fuzzy stage alone (deletion index + OSA), misspelt names: {per_s:,.0f}/s ({us:.0f} us each)")
    g = warmed()
    per_s, us = rate(lambda q: g.lookup(q), ranked)
    print(f"full lookup() of misspelt names (all tiers, ranked answer): {per_s:,.0f}/s ({us:.0f} us each)")
    g = warmed()
    per_s, us = rate(lambda q: g.lookup(q)[:1], built)
    print(f"full lookup() of misspelt names, best candidate built: {per_s:,.0f}/s ({us:.0f} us each)")
    g = warmed()
    per_s, us = rate(lambda q: g.lookup(q), others[:5000])
    print(f"full lookup() of correct new names (ranked answer): {per_s:,.0f}/s ({us:.0f} us each)")
    per_s, us = rate(lambda q: g.lookup(q)[:1], thirds[:5000])
    print(f"full lookup() of correct new names, best candidate built: {per_s:,.0f}/s ({us:.0f} us each)")
    print(f"resident memory of a process holding the default index: {rss_mb():.0f} MB")

    if args.build:
        with tempfile.TemporaryDirectory() as tmp:
            env = dict(os.environ, GEOMAP_CACHE=tmp)
            t = time.perf_counter()
            subprocess.run([GEOMAP, "gazetteer", "info"], check=True, capture_output=True, env=env)
            print(f"full index build: {time.perf_counter() - t:.1f} s")


if __name__ == "__main__":
    main()
