"""Answers ranked at build time: exact(name) and lookup(name) of every folded name key, for answers.bin.

Why here and not in the build: ranking every key costs about 30 s of CPU, so it is split over the
machine's cores. The parts run as separate interpreters (`python -m geomap.gazetteer.answers`), not
multiprocessing workers: the build can start from any user program on first use, and spawned workers
re-run the user's main script while forked ones inherit its threads and locks. A part that fails is
ranked again in this process: slower, never wrong.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

MAX_PARTS = 4
PARALLEL_MIN_KEYS = 100_000  # below this, starting interpreters costs more than it saves (test indexes)


def write_answers(index_dir: Path) -> None:
    """Rank the answers to every folded name key of the newly built index in `index_dir` and store them."""
    from geomap.gazetteer.lookup import Gazetteer
    from geomap.gazetteer.store import write_answers as write

    gz = Gazetteer(index_dir)
    try:
        n_keys = len(gz._keys)
    finally:
        gz.close()
    parts = max(1, min(MAX_PARTS, os.cpu_count() or 1)) if n_keys >= PARALLEL_MIN_KEYS else 1
    found = _ranked_in_subprocesses(index_dir, parts) if parts > 1 else None
    if found is None:
        found = [rank_part(index_dir, 0, 1)]
    write((answer for part in found for answer in part), n_keys, index_dir)


def rank_part(index_dir: Path, part: int, parts: int) -> list[tuple[int, list[tuple], list[tuple]]]:
    """The answers of every `parts`-th folded key from the `part`-th (see Gazetteer.answers)."""
    from geomap.gazetteer.lookup import Gazetteer

    gz = Gazetteer(index_dir)
    try:
        return list(gz.answers(part, parts))
    finally:
        gz.close()


def _ranked_in_subprocesses(index_dir: Path, parts: int) -> list[list] | None:
    """Each part ranked by its own interpreter; a part whose process fails is ranked here. None when no
    process can be started at all."""
    package_root = str(Path(__file__).resolve().parents[2])  # the geomap this process runs, for the parts
    path = os.pathsep.join(filter(None, [package_root, os.environ.get("PYTHONPATH")]))
    env = dict(os.environ, PYTHONPATH=path)
    outputs = [index_dir / f".answers-{part}.pickle" for part in range(parts)]
    try:
        procs = [
            subprocess.Popen(
                [sys.executable, "-m", __name__, str(index_dir), str(part), str(parts), str(out)],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            for part, out in enumerate(outputs)
        ]
    except OSError:
        return None
    found = []
    for part, (proc, out) in enumerate(zip(procs, outputs, strict=True)):
        ok = proc.wait() == 0 and out.is_file()
        found.append(_load(out) if ok else rank_part(index_dir, part, parts))
        out.unlink(missing_ok=True)
    return found


def _load(path: Path) -> list:
    with open(path, "rb") as fh:
        return pickle.load(fh)


def _main(argv: list[str]) -> None:
    index_dir, part, parts, out = Path(argv[0]), int(argv[1]), int(argv[2]), Path(argv[3])
    ranked = rank_part(index_dir, part, parts)
    tmp = out.with_suffix(".tmp")
    with open(tmp, "wb") as fh:
        pickle.dump(ranked, fh, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, out)


if __name__ == "__main__":
    _main(sys.argv[1:])
