"""Old vs new fuzzy matcher and morphology, and the full lookup of misspelt names with each: CPU time.

    python benchmarks/bench_fuzzy_parts.py             # 7 rounds over the default index (built if needed)
    python benchmarks/bench_fuzzy_parts.py --rounds 11 --n 3000

The old versions are the frozen copies in tests/test_fuzzy_speed_equivalence.py. The machine's speed drifts
(up to ~35% within a minute), so the two sides run interleaved, A B B A in every round, on one pinned core,
timed in CPU seconds of this process; each figure is the median over rounds, and the ratio is the median of
the per-round ratios. Every round starts cold: a fresh Gazetteer and empty morphology caches, so each name is
new to the caches (as a misspelling is), only the memory-mapped index pages stay warm.
"""

from __future__ import annotations

import argparse
import functools
import os
import random
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from samples import index_names  # noqa: E402
from test_fuzzy_speed_equivalence import (  # noqa: E402  (frozen old versions and the test's generators)
    old_nominative_phrases,
    old_similar,
    old_word_nominatives,
    phrase_inputs,
)
from typos import misspell  # noqa: E402

from geomap.gazetteer import morph  # noqa: E402
from geomap.gazetteer.fold import has_cyrillic  # noqa: E402
from geomap.gazetteer.opening import Gazetteer  # noqa: E402
from geomap.gazetteer.translit import skeleton  # noqa: E402


def cyrillic_names(index_dir: Path, n: int, seed: int) -> list[str]:
    db = sqlite3.connect(f"file:{index_dir / 'places.sqlite'}?mode=ro", uri=True)
    rnd = random.Random(seed)
    names = [
        x
        for (row,) in db.execute("SELECT names FROM places WHERE pid % 11 = 0")
        for x in row.split("\x1f")
        if 3 <= len(x) <= 40 and has_cyrillic(x)
    ]
    return rnd.sample(names, min(n, len(names)))


def cpu(fn: Callable[[str], object], items: list[str], before: Callable[[], None]) -> float:
    """CPU microseconds per item of fn over items, after `before` has reset whatever caches it should."""
    before()
    t = time.process_time()
    for x in items:
        fn(x)
    return (time.process_time() - t) / len(items) * 1e6


def clear_morph_caches() -> None:
    morph._nominative_phrases.cache_clear()
    morph.word_nominatives.cache_clear()
    morph._parsed_nominatives.cache_clear()
    morph._NOMINATIVE_FORM.clear()
    old_word_nominatives.cache_clear()


def ab(label: str, old: Callable, new: Callable, rounds: int, unit: str = "us") -> None:
    """Interleaved A B B A rounds; prints the medians and the median per-round ratio."""
    old(), new()  # once each first: page faults, and the caches a warm measurement wants filled
    a_times, b_times, ratios = [], [], []
    for _ in range(rounds):
        a1, b1 = old(), new()
        b2, a2 = new(), old()
        a, b = (a1 + a2) / 2, (b1 + b2) / 2
        a_times.append(a)
        b_times.append(b)
        ratios.append(a / b)
    a, b = statistics.median(a_times), statistics.median(b_times)
    r = statistics.median(ratios)
    if unit == "/s":
        print(f"{label}: old {1e6 / a:,.0f}/s ({a:.0f} us), new {1e6 / b:,.0f}/s ({b:.0f} us), x{r:.2f}")
    else:
        print(
            f"{label}: old {a:.1f} us, new {b:.1f} us per call, x{r:.2f} (range of ratios {min(ratios):.2f}"
            f"-{max(ratios):.2f})"
        )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--n", type=int, default=2000, help="names per measurement")
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[-1]})  # one core

    gz = Gazetteer.default()
    print(
        f"index: {gz.dir} ({gz.meta['places']:,} places); {args.rounds} rounds, A B B A, one core, CPU time"
    )
    rnd = random.Random(11)
    typos = [misspell(name, rnd) for name in index_names(gz.dir, args.n, seed=7)]
    gz.lookup("Kharkvi")  # the fuzzy arrays,
    gz.lookup("под Покровском")  # the Russian
    gz.lookup("під Покровськом")  # and Ukrainian dictionaries, loaded once per process
    fz = gz._fuzzy
    skels = [s for s in (skeleton(q) for q in typos) if s]
    nothing = lambda: None  # noqa: E731
    ab(
        f"FuzzyIndex.similar(limit=12), {len(skels):,} skeletons of misspelt names",
        lambda: cpu(functools.partial(old_similar, fz, limit=12), skels, nothing),
        lambda: cpu(functools.partial(fz.similar, limit=12), skels, fz._similar_cached.cache_clear),
        args.rounds,
    )
    ab(
        "  the same with warm caches (every skeleton seen before)",
        lambda: cpu(functools.partial(old_similar, fz, limit=12), skels, nothing),
        lambda: cpu(functools.partial(fz.similar, limit=12), skels, nothing),
        args.rounds,
    )
    cyr = cyrillic_names(gz.dir, args.n, seed=5)
    phrases = [misspell(name, rnd) for name in cyr[: args.n // 2]] + phrase_inputs(3, args.n // 2)
    ab(
        f"nominative_phrases, {len(phrases):,} misspelt Cyrillic names and inflected phrases, caches empty",
        lambda: cpu(old_nominative_phrases, phrases, clear_morph_caches),
        lambda: cpu(morph.nominative_phrases, phrases, clear_morph_caches),
        args.rounds,
    )
    ab(
        "  the same with warm caches (every phrase seen before)",
        lambda: cpu(old_nominative_phrases, phrases, nothing),
        lambda: cpu(morph.nominative_phrases, phrases, nothing),
        args.rounds,
    )

    new_phrases = morph.nominative_phrases

    def lookups(old: bool) -> float:
        fresh = Gazetteer(gz.dir)
        fresh.lookup("Kharkvi")
        if old:
            fresh._fuzzy.similar = functools.partial(old_similar, fresh._fuzzy)
        # lookup() imports nominative_phrases when it calls it: the module's attribute is what it runs
        morph.nominative_phrases = old_nominative_phrases if old else new_phrases
        try:
            return cpu(lambda q: fresh.lookup(q, limit=5), typos, clear_morph_caches)
        finally:
            morph.nominative_phrases = new_phrases

    ab(
        f"full lookup() of {len(typos):,} misspelt names (bench_gazetteer's kind)",
        lambda: lookups(True),
        lambda: lookups(False),
        args.rounds,
        unit="/s",
    )


if __name__ == "__main__":
    main()
