"""Time and peak memory of geomap refusing hostile input (issue 15 item 3's Must-hold figures).

    python benchmarks/bench_bounds.py [--scratch DIR]

Prints one line per case, each run as a fresh `python -m geomap` process (peak memory is the child's
maximum resident set, from wait4):
  - `extract -` on an endless stream (/dev/zero): must stop with one line within 5 s and under 200 MB;
  - `distance --frontline` on a KMZ whose KML expands to 4 GiB: refused within 2 s and under 200 MB;
  - `gazetteer import` of a GeoNames zip holding one 3 GiB line: refused under 200 MB.
The two archives are made once in the scratch folder (default: the system's temp folder; about 30 s and
under 10 MB of disk each, being mostly zeros) and reused by later runs.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

GIB = 1024**3
CHUNK = 16 * 1024 * 1024


def _zip_of(path: Path, member: str, size: int, byte: bytes) -> Path:
    """A zip holding `member` of `size` repeated bytes, deflated (made once)."""
    if path.is_file():
        return path
    tmp = path.with_suffix(".part")
    block = byte * CHUNK
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        with z.open(member, "w", force_zip64=True) as fh:
            for _ in range(size // CHUNK):
                fh.write(block)
    tmp.rename(path)
    return path


def measure(
    args: list[str], stdin: int | None = None, env: dict | None = None
) -> tuple[float, float, int, str]:
    """(seconds, peak MB, exit status, last stderr line) of one geomap process."""
    started = time.perf_counter()
    command = [sys.executable, "-m", "geomap", *args]
    proc = subprocess.Popen(command, stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    return seconds, usage.ru_maxrss / 1024, proc.returncode, (err.strip().splitlines() or [""])[-1]


def main(argv: list[str]) -> None:
    scratch = Path(argv[argv.index("--scratch") + 1]) if "--scratch" in argv else Path(tempfile.gettempdir())
    scratch = scratch / "geomap-bench-bounds"
    scratch.mkdir(parents=True, exist_ok=True)
    kmz = _zip_of(scratch / "bomb-4GiB.kmz", "doc.kml", 4 * GIB, b"\0")
    dump = _zip_of(scratch / "UA-3GiB-line.zip", "UA.txt", 3 * GIB, b"a")
    cases = []
    with open("/dev/zero", "rb") as zero:
        cases.append(("extract - < /dev/zero", measure(["extract", "-"], stdin=zero.fileno())))
    cases.append(("KMZ expanding to 4 GiB", measure(["distance", "50.45,30.52", "--frontline", str(kmz)])))
    env = dict(os.environ, GEOMAP_CACHE=str(scratch / "cache"))
    cases.append(("GeoNames zip, one 3 GiB line", measure(["gazetteer", "import", str(dump)], env=env)))
    for label, (seconds, peak, status, line) in cases:
        print(f"{label:<30} {seconds:6.2f} s  peak {peak:6.0f} MB  exit {status}  {line}")


if __name__ == "__main__":
    main(sys.argv[1:])
