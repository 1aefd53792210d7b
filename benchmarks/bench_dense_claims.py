"""Cost of `check` on long text dense with place names and distance claims (issue 15 item 4).

    python benchmarks/bench_dense_claims.py [KB ...]      (default: 256 1024)

Prints, per size, the seconds and the peak memory (MB) of one `geomap.pipeline.check` on generated text:
sentences each naming three or four Ukrainian towns and one distance claim between two of them, so every
claim has thousands of mentions before it. The Must-hold figure: 1 MB under 5 s and under 500 MB. Each
size runs in its own process (peak memory is per process); the gazetteer index is opened, not built.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time

TOWNS = (
    "Kharkiv",
    "Kupiansk",
    "Izium",
    "Lozova",
    "Balakliia",
    "Chuhuiv",
    "Kramatorsk",
    "Sloviansk",
    "Pokrovsk",
    "Bakhmut",
    "Zaporizhzhia",
    "Nikopol",
    "Kherson",
    "Mykolaiv",
    "Sumy",
    "Okhtyrka",
)
DIRECTIONS = ("north", "south", "east", "west", "north-east", "south-west")


def dense_text(size: int) -> str:
    """Generated text of about `size` bytes: plain sentences, every one naming places and a distance."""
    parts, total, i = [], 0, 0
    while total < size:
        a, b, c = TOWNS[i % len(TOWNS)], TOWNS[(i * 7 + 3) % len(TOWNS)], TOWNS[(i * 5 + 1) % len(TOWNS)]
        km = 10 + (i * 37) % 190
        s = f"Shelling hit {a} and {c}, which lies {km} km {DIRECTIONS[i % len(DIRECTIONS)]} of {b}. "
        if i % 6 == 5:
            s += "\n\n"
        parts.append(s)
        total += len(s.encode())
        i += 1
    return "".join(parts)


def one(size: int) -> dict:
    from geomap.pipeline import check, default_gazetteer

    default_gazetteer()  # opened before the clock starts: the index is not what is measured
    text = dense_text(size)
    started = time.perf_counter()
    report = check(text, "2025-01-15")
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"kb": size // 1024, "seconds": seconds, "peak_mb": peak_mb, "claims": len(report.claims),
            "mentions": len(report.mentions)}  # fmt: skip


def main(argv: list[str]) -> None:
    if argv[:1] == ["--one"]:
        print(json.dumps(one(int(argv[1]) * 1024)))
        return
    for kb in [int(a) for a in argv] or [256, 1024]:
        out = subprocess.run([sys.executable, __file__, "--one", str(kb)], capture_output=True, text=True)
        if out.returncode != 0:
            sys.exit(out.stderr.strip().splitlines()[-1])
        r = json.loads(out.stdout)
        print(f"{r['kb']:>6} KB  {r['seconds']:7.2f} s  peak {r['peak_mb']:6.0f} MB  "
              f"{r['mentions']:,} mentions  {r['claims']:,} claims")  # fmt: skip


if __name__ == "__main__":
    main(sys.argv[1:])
