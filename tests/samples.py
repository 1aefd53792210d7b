"""Names drawn at random from a built index: the unseen names that benchmarks and equivalence tests use."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path


def index_names(index_dir: Path, n: int, seed: int, min_len: int = 3) -> list[str]:
    """One random name (of printable text, `min_len` to 40 characters) of each of `n` random places."""
    db = sqlite3.connect(f"file:{index_dir / 'places.sqlite'}?mode=ro", uri=True)
    try:
        total = db.execute("SELECT max(pid) FROM places").fetchone()[0]
        rnd = random.Random(seed)
        names = []
        for pid in rnd.sample(range(total), n):
            row = db.execute("SELECT names FROM places WHERE pid=?", (pid,)).fetchone()
            options = [x for x in row[0].split("\x1f") if min_len <= len(x) <= 40 and x.isprintable()]
            if options:
                names.append(rnd.choice(options))
        return names
    finally:
        db.close()
