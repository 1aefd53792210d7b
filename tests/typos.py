"""One random typo in a name (a deletion, a swap of neighbours or a substitution), for the fuzzy tests and
benchmarks/bench_gazetteer.py, so both measure the same kind of misspelling."""

from __future__ import annotations

import random


def misspell(name: str, rnd: random.Random) -> str:
    i = rnd.randrange(1, max(2, len(name) - 1))
    op = rnd.choice("dts")
    if op == "d":
        return name[:i] + name[i + 1 :]
    if op == "t" and i + 1 < len(name):
        return name[:i] + name[i + 1] + name[i] + name[i + 2 :]
    return name[:i] + rnd.choice("aeioukrst") + name[i + 1 :]
