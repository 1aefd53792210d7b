"""Files at the edges. Output never harms what is already there: a regular file is written whole or not at
all, a device, pipe or terminal (`-o /dev/stdout`, a FIFO) is written through, never replaced by a file, and
no output may be one of the command's inputs. Input is read within a cap, from regular files only."""

from __future__ import annotations

import glob
import os
import re
import stat
import tempfile
import time
from pathlib import Path
from typing import BinaryIO

from geomap.errors import InputError, NotFoundError


def _default_mode() -> int:
    """The mode an ordinary `open(path, "w")` would give: mkstemp's 0600 is too private for maps."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _write_through(target: Path, data: bytes) -> Path:
    """A character device, FIFO or socket takes the bytes as a stream: renaming a file over it would
    replace `/dev/null` for every program on the machine, or leave the reader of a FIFO waiting."""
    try:
        with open(target, "wb") as fh:
            fh.write(data)
    except OSError as exc:
        raise InputError(f"cannot write {target}: {exc.strerror}") from exc
    return target


_STANDARD_STREAMS = {"/dev/stdin": 0, "/dev/stdout": 1, "/dev/stderr": 2}
_FD_PATH = re.compile(r"/(?:dev/fd|proc/self/fd)/(\d+)")


def _open_descriptor(target: Path) -> int | None:
    """The descriptor `/dev/stdout`, `/dev/fd/N` or `/proc/self/fd/N` names: written as it is open, because
    reopening it would truncate a file the shell opened for appending (`-o /dev/stdout >> log`)."""
    text = os.path.abspath(target)
    if text in _STANDARD_STREAMS:
        return _STANDARD_STREAMS[text]
    m = _FD_PATH.fullmatch(text)
    return int(m.group(1)) if m else None


def _write_descriptor(fd: int, target: Path, data: bytes) -> Path:
    view = memoryview(data)
    try:
        while view:
            view = view[os.write(fd, view) :]
    except OSError as exc:
        raise InputError(f"cannot write {target}: {exc.strerror}") from exc
    return target


def _existing_kind(target: Path) -> int | None:
    """The file type bits of what the path names now (links followed), or None when nothing is there."""
    try:
        return stat.S_IFMT(os.stat(target).st_mode)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:
        raise InputError(f"cannot write {target}: {exc.strerror}") from exc


def atomic_write_bytes(path: str | os.PathLike, data: bytes) -> Path:
    """Write a regular file through a temporary file beside it, renamed into place (over the link's target
    when the path is a symbolic link, so the link stays); stream into anything that is not a regular file."""
    target = Path(path)
    fd = _open_descriptor(target)
    if fd is not None:
        return _write_descriptor(fd, target, data)
    kind = _existing_kind(target)
    if kind == stat.S_IFDIR:
        raise InputError(f"cannot write {target}: it is a directory")
    if kind is not None and kind != stat.S_IFREG:
        return _write_through(target, data)
    final = Path(os.path.realpath(target)) if target.is_symlink() else target
    parent = final.parent if str(final.parent) else Path(".")
    try:
        parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{final.name}.", suffix=".tmp", dir=parent)
    except OSError as exc:
        raise InputError(f"cannot write {target}: {exc.strerror}") from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, _default_mode())
        os.replace(tmp, final)
        remove_left_over_temporaries(final)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise InputError(f"cannot write {target}: {exc.strerror}") from exc
        raise
    return target


def atomic_replace(written: Path, target: Path) -> None:
    """Move a finished temporary file (beside `target`) into place with an ordinary file's mode."""
    try:
        os.chmod(written, _default_mode())
        os.replace(written, target)
    except OSError as exc:
        raise InputError(f"cannot write {target}: {exc.strerror}") from exc


STALE_TEMPORARY_S = 3600  # no write takes an hour: an older `.NAME.*.tmp` is a killed run's (SIGKILL)


def remove_left_over_temporaries(final: Path, now: float | None = None) -> list[Path]:
    """Remove the temporary files a killed run left beside `final` (an interrupted or SIGTERMed run removes
    its own): only ours by name, and only older than STALE_TEMPORARY_S, so a concurrent writer's stays."""
    now = time.time() if now is None else now
    removed = []
    for left in final.parent.glob(f".{glob.escape(final.name)}.*.tmp"):
        try:
            if now - left.stat().st_mtime > STALE_TEMPORARY_S:
                left.unlink()
                removed.append(left)
        except OSError:
            continue
    return removed


def writable_destination(path: str | os.PathLike) -> None:
    """Refuse before any work an output whose folder exists but cannot be written (`-o /ro/map.html`): a
    map with --png would otherwise write the PNG, then fail on the HTML."""
    folder = Path(os.path.abspath(path)).parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if not os.access(folder, os.W_OK | os.X_OK):
        raise InputError(f"cannot write {path}: the folder {folder} is not writable")


def atomic_write_text(path: str | os.PathLike, text: str) -> Path:
    return atomic_write_bytes(path, text.encode("utf-8"))


def refuse_overwriting_inputs(output: str | os.PathLike | None, inputs: list) -> None:
    """Stop before writing over a file the command reads (`-o article.txt`, `-o events.csv`): the atomic
    rename would replace the user's input with the output, and nothing could bring it back."""
    if output is None:
        return
    for source in inputs:
        if source is None or str(source) == "-":
            continue
        try:
            same = os.path.samefile(output, source)
        except (OSError, ValueError):
            continue  # one of them does not exist (yet): nothing to lose
        if same:
            raise InputError(f"-o {output} is one of the inputs: choose another output path")


def read_capped(stream: BinaryIO, limit: int, name: str) -> bytes:
    """At most `limit` bytes of a stream, or an InputError: never more than limit + 1 bytes are read, so an
    endless stream (`< /dev/zero`) costs one limit's worth of memory and stops there."""
    try:
        data = stream.read(limit + 1)
    except OSError as exc:
        raise InputError(f"cannot read {name}: {exc.strerror}") from exc
    if len(data) > limit:
        raise InputError(f"{name} is larger than the {limit / (1024 * 1024):g} MB limit")
    return data


def regular_file(path: str | os.PathLike, what: str = "a file") -> Path:
    """The path, when it names a regular file (links followed); else the one-line reason it cannot be read.
    A FIFO or a device would block or stream for ever where a file is expected."""
    p = Path(path)
    try:
        mode = os.stat(p).st_mode
    except (FileNotFoundError, NotADirectoryError) as exc:
        noun = what.split(" ", 1)[-1]
        raise NotFoundError(f"{p}: no such {noun if noun.endswith('file') else 'file'}") from exc
    except OSError as exc:
        raise InputError(f"cannot read {p}: {exc.strerror}") from exc
    if stat.S_ISREG(mode):
        return p
    kind = {stat.S_IFDIR: "a directory", stat.S_IFIFO: "a FIFO (named pipe)", stat.S_IFCHR: "a device"}
    name = kind.get(stat.S_IFMT(mode), "not a regular file")
    raise InputError(f"{p} is {name}, not {what}" + ("; pipe it to '-' instead" if "FIFO" in name else ""))
