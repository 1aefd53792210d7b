"""Run one benchmark on the previous release and on this checkout, alternately, and print them side by side.

    python benchmarks/side_by_side.py PREVIOUS bench_extract.py [ARGS...] [--rounds N]

PREVIOUS is a git revision (checked out into a temporary worktree) or a folder holding another checkout.
This machine's speed drifts within the hour, so a figure means something only next to the previous
release's figure measured minutes apart: the runs alternate (previous, current, previous, current...) and
every line whose words agree is printed once with both sets of numbers. The previous checkout runs with its
own `.venv` when it has one, else with this interpreter and the checkout first on PYTHONPATH.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
DEFAULT_ROUNDS = 2  # two alternations show the drift without doubling a session's benchmark time


def checkout(previous: str, scratch: Path) -> Path:
    folder = Path(previous)
    if folder.is_dir():
        return folder.resolve()
    target = scratch / "previous"
    proc = subprocess.run(
        ["git", "-C", str(REPO), "worktree", "add", "--detach", str(target), previous],
        capture_output=True, text=True,
    )  # fmt: skip
    if proc.returncode != 0:
        sys.exit(f"side_by_side: {previous!r} is neither a folder nor a revision: {proc.stderr.strip()}")
    return target


def run(root: Path, bench: str, args: list[str]) -> str:
    python = root / ".venv" / "bin" / "python"
    env = dict(os.environ)
    if not python.is_file():
        python = Path(sys.executable)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(root), env.get("PYTHONPATH")]))
    script = root / "benchmarks" / bench
    if not script.is_file():
        return f"(no {bench} in {root})\n"
    cmd = [str(python), str(script), *args]
    proc = subprocess.run(cmd, cwd=root, env=env, capture_output=True, text=True)
    failed = f"(exit {proc.returncode}: {proc.stderr.strip()[-300:]})\n" if proc.returncode else ""
    return proc.stdout + failed


def side_by_side(previous: list[str], current: list[str]) -> list[str]:
    """Lines that read the same but for their numbers, once, with `previous -> current` numbers."""
    out = []
    for i in range(max(len(previous), len(current))):
        old = previous[i] if i < len(previous) else ""
        new = current[i] if i < len(current) else ""
        if NUMBER.sub("#", old) == NUMBER.sub("#", new) and NUMBER.search(new):
            before, after = " | ".join(NUMBER.findall(old)), " | ".join(NUMBER.findall(new))
            out.append(f"{NUMBER.sub('#', new)}\n    previous {before}\n    current  {after}")
        elif old == new:
            out.append(new)
        else:
            out.append(f"previous: {old}\ncurrent:  {new}")
    return out


def main(argv: list[str]) -> int:
    rounds = DEFAULT_ROUNDS
    if "--rounds" in argv:
        at = argv.index("--rounds")
        rounds = int(argv[at + 1])
        del argv[at : at + 2]
    if len(argv) < 2:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    previous, bench, args = argv[0], argv[1], argv[2:]
    with tempfile.TemporaryDirectory() as scratch:
        prev_root = checkout(previous, Path(scratch))
        try:
            for n in range(1, rounds + 1):
                old = run(prev_root, bench, args).splitlines()
                new = run(REPO, bench, args).splitlines()
                print(f"== round {n} of {rounds}: previous ({previous}) then current ==")
                print("\n".join(side_by_side(old, new)), flush=True)
        finally:
            if prev_root.is_relative_to(scratch):
                subprocess.run(["git", "-C", str(REPO), "worktree", "remove", "--force", str(prev_root)])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
