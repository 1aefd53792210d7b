"""Answers ranked at build time: exact(name) and lookup(name) of every folded name key, for answers.bin.

The build (build.py) calls `write_answers` on the index it has just written; the ranking is the queries'
own (lookup.GazetteerIndex, rank.Ranker) over that index, so a stored answer is what ranking the query anew
gives. Dependencies run one way: build -> answers -> lookup.

Ranking every key costs about 30 s of CPU, so it is split over the machine's cores. The parts run as
separate interpreters (`python -m geomap.gazetteer.answers`), not multiprocessing workers: the build can
start from any user program on first use, and spawned workers re-run the user's main script while forked
ones inherit its threads and locks. A part that fails is ranked again in this process: slower, never wrong.
"""

from __future__ import annotations

import itertools
import os
import pickle
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from geomap.gazetteer.context import Context
from geomap.gazetteer.fold import fold
from geomap.gazetteer.keys import EXACT, FOLDED
from geomap.gazetteer.lookup import EXACT_LIMIT, LOOKUP_LIMIT, GazetteerIndex
from geomap.gazetteer.rank import KEEP_EXTRA, answer_entries
from geomap.gazetteer.store import Answer
from geomap.gazetteer.store import write_answers as write
from geomap.gazetteer.translit import skeleton

MAX_PARTS = 4  # more parts than this gain little: the parts share the memory bus and the page cache
PARALLEL_MIN_KEYS = 100_000  # below this, starting interpreters costs more than it saves (test indexes)
_NO_CONTEXT = Context()
KeyAnswers = tuple[int, list[Answer], list[Answer]]  # (key number, exact()'s answer, lookup()'s answer)


def write_answers(index_dir: Path) -> None:
    """Rank the answers to every folded name key of the newly built index in `index_dir` and store them."""
    gz = GazetteerIndex(index_dir)
    try:
        n_keys = len(gz.keys)
    finally:
        gz.close()
    parts = max(1, min(MAX_PARTS, os.cpu_count() or 1)) if n_keys >= PARALLEL_MIN_KEYS else 1
    found = _ranked_in_subprocesses(index_dir, parts) if parts > 1 else None
    if found is None:
        found = [rank_part(index_dir, 0, 1)]
    write((answer for part in found for answer in part), n_keys, index_dir)


def rank_part(index_dir: Path, part: int, parts: int) -> list[KeyAnswers]:
    """The answers of every `parts`-th folded key from the `part`-th (see `ranked_answers`)."""
    gz = GazetteerIndex(index_dir)
    try:
        return list(ranked_answers(gz, part, parts))
    finally:
        gz.close()


def ranked_answers(gz: GazetteerIndex, part: int = 0, parts: int = 1) -> Iterator[KeyAnswers]:
    """For every exact and folded name key (or every `parts`-th, from the `part`-th): (key number,
    exact(name), lookup(name) without context), ranked, as answer entries for the store.

    A name's answers depend on its exact key (`lower_key`), folded key, skeleton and script alone, and all
    but the first are the same for the name and its exact key (tests/test_gazetteer_answers.py): so the
    answers of the key are those of every name with that exact key (see GazetteerIndex._answer_key)."""
    fold_once, skeleton_once = fold.__wrapped__, skeleton.__wrapped__  # each key is seen once: no LRU cache
    ranker = gz.ranker
    keys = itertools.chain(gz.keys.iteritems(FOLDED), gz.keys.iteritems(EXACT))
    for key, kid in itertools.islice(keys, part, None, parts):
        low = key[1:]
        f, s = (low if key[0] == FOLDED else fold_once(low)), skeleton_once(low)
        hits = gz.key_hits(low, low, f, s, False, EXACT_LIMIT + KEEP_EXTRA)
        exact = answer_entries(ranker.plan(hits, _NO_CONTEXT, EXACT_LIMIT))
        hits = gz.key_hits(low, low, f, s, True, 0)
        yield kid, exact, answer_entries(ranker.plan(hits, _NO_CONTEXT, LOOKUP_LIMIT, query=low))


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
                preexec_fn=_die_with_parent,
            )
            for part, out in enumerate(outputs)
        ]
    except OSError:
        return None
    found = []
    try:
        for part, (proc, out) in enumerate(zip(procs, outputs, strict=True)):
            ok = proc.wait() == 0 and out.is_file()
            found.append(_load(out) if ok else rank_part(index_dir, part, parts))
            out.unlink(missing_ok=True)
    finally:  # interrupted (Ctrl-C, SIGTERM): no part keeps ranking for a build that is gone
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    return found


_PR_SET_PDEATHSIG = 1  # prctl(2) option: the signal a child gets when its parent dies


def _die_with_parent() -> None:
    """In the child, before exec: Linux kills it when the building process dies (even by SIGKILL), so a
    killed build leaves no ranking children running. Elsewhere a no-op."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass


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
