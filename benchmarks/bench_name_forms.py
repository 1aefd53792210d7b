"""Print the top-1 rate of every romanisation scheme over the place list tests/data/name_forms_places.tsv.

    python benchmarks/bench_name_forms.py            # per-scheme rates
    python benchmarks/bench_name_forms.py --misses   # also every form whose top-1 is wrong

For each place, its Ukrainian and Russian Cyrillic names are romanised in every scheme (tests/name_schemes.py)
and looked up with `geocode(form)` and `geocode(form, context=<oblast>)`. Columns:
  top1   top-1 is the expected GeoNames id (or a namesake in the same region listed in the TSV), no context
  fair   top-1 right, or the Cyrillic name itself does not find the place top-1 (a name several places share:
         no romanisation can do better than the original spelling)
  ctx    top-1 right with the oblast/region as context
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from name_schemes import RUSSIAN_SCHEMES, UKRAINIAN_SCHEMES, forms, load_places  # noqa: E402

from geomap.gazetteer.opening import Gazetteer  # noqa: E402


def top_id(gz: Gazetteer, name: str, context: str | None = None) -> int | None:
    found = gz.lookup(name, context=context, limit=1)
    return found[0].place.geonameid if found else None


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--misses", action="store_true")
    args = ap.parse_args()
    gz = Gazetteer.default()
    places = load_places()
    stats: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    misses = []
    t = time.process_time()
    lookups = 0
    for p in places:
        native_ok = {
            "uk": bool(p.uk) and p.accepts(top_id(gz, p.uk)),
            "ru": bool(p.ru) and p.accepts(top_id(gz, p.ru)),
        }
        for scheme, form in forms(p):
            lang = scheme[:2]
            got = top_id(gz, form)
            got_ctx = top_id(gz, form, p.admin1)
            lookups += 2
            s = stats[scheme]
            s[0] += 1
            s[1] += p.accepts(got)
            s[2] += p.accepts(got) or not native_ok[lang]
            s[3] += p.accepts(got_ctx)
            if not p.accepts(got_ctx) or (not p.accepts(got) and native_ok[lang]):
                misses.append((scheme, form, p.name, p.geonameid, got, got_ctx))
    dt = time.process_time() - t
    print(f"{len(places)} places, {lookups} lookups in {dt:.1f} s CPU")
    print(f"{'scheme':36} {'forms':>5} {'top1':>7} {'fair':>7} {'ctx':>7}")
    for scheme in [*UKRAINIAN_SCHEMES, *RUSSIAN_SCHEMES]:
        n, a, b, c = stats[scheme]
        if n:
            print(f"{scheme:36} {n:5d} {100 * a / n:6.1f}% {100 * b / n:6.1f}% {100 * c / n:6.1f}%")
    if args.misses:
        for m in misses:
            print("MISS", *m, sep="\t")


if __name__ == "__main__":
    main()
