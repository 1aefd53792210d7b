"""The one boundary every command passes through: what reaches the user when a command ends.

Known errors (GeomapError) are their one-line message and exit status; a closed stdout pipe (`| head -1`)
ends quietly; a full device behind stdout is a one-line error; anything else is a bug in geomap, said in
one line with the exception's type, its traceback shown only with `--debug` or GEOMAP_DEBUG=1. This is the
last net, not the fix: each class of bad input raises its own GeomapError where it is first seen.
"""

from __future__ import annotations

import errno
import os
import signal
import sys
import traceback
from collections.abc import Callable

from geomap.errors import GeomapError, InputError

EXIT_BUG = 70  # EX_SOFTWARE (sysexits.h): an internal error, distinct from the user's 1-3
EXIT_OUTPUT = 74  # EX_IOERR: the output could not be written (a full disk behind stdout)
EXIT_INTERRUPTED = 130  # 128 + SIGINT, what shells report for Ctrl-C
DEBUG_FLAG = "--debug"
DEBUG_ENV = "GEOMAP_DEBUG"
_MESSAGE_CHARS = 300  # one line on any terminal, long enough for a path and a reason
_OUTPUT_ERRNOS = {errno.ENOSPC, errno.EFBIG, errno.EDQUOT, errno.EIO}


def split_debug(argv: list[str]) -> tuple[list[str], bool]:
    """The arguments without `--debug` (accepted anywhere before a `--`), and whether debugging is on."""
    debug = os.environ.get(DEBUG_ENV, "") not in ("", "0")
    out: list[str] = []
    for i, arg in enumerate(argv):
        if arg == "--":
            out.extend(argv[i:])
            break
        if arg == DEBUG_FLAG:
            debug = True
        else:
            out.append(arg)
    return out, debug


def check_arguments(argv: list[str]) -> None:
    """Every argument must be text: an invalid UTF-8 byte in a name or a path arrives as a lone surrogate,
    which would fail far away (printing, the index, a file name) with a traceback."""
    for position, arg in enumerate(argv, 1):
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            shown = (
                arg.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
                if _escapable(arg)
                else ascii(arg)
            )
            raise InputError(f"argument {position} ({shown}) is not valid UTF-8 text") from None


def _escapable(arg: str) -> bool:
    try:
        arg.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return False
    return True


def one_line(text: str) -> str:
    """A message as one printable line: control characters escaped, clipped."""
    flat = " ".join(str(text).split())
    flat = "".join(c if c.isprintable() else ascii(c)[1:-1] for c in flat)
    return flat if len(flat) <= _MESSAGE_CHARS else flat[: _MESSAGE_CHARS - 1] + "…"


def say(message: str) -> None:
    try:
        print(f"geomap: {one_line(message)}", file=sys.stderr, flush=True)
    except (OSError, ValueError):
        pass  # stderr itself is gone: nothing more can be said


def _silence_stdout() -> None:
    """After a closed pipe, point stdout at /dev/null so that the interpreter's final flush is quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _terminate(signum: int, frame: object) -> None:
    """SIGTERM (a `kill`, a CI timeout) unwinds like Ctrl-C, so `finally` blocks remove temporary files."""
    raise KeyboardInterrupt


def run(command: Callable[[list[str]], int], argv: list[str]) -> int:
    """Run `command(argv)` behind the boundary and return the exit status."""
    argv, debug = split_debug(argv)
    previous = signal.getsignal(signal.SIGTERM)
    signal.signal(signal.SIGTERM, _terminate)
    try:
        check_arguments(argv)
        status = command(argv)
        sys.stdout.flush()
        return status
    except GeomapError as exc:
        if debug:
            traceback.print_exc()
        say(f"error: {exc}")
        return exc.exit_code
    except BrokenPipeError:
        _silence_stdout()
        return 0
    except KeyboardInterrupt:
        say("interrupted")
        return EXIT_INTERRUPTED
    except OSError as exc:
        if exc.errno in _OUTPUT_ERRNOS:
            _silence_stdout()
            say(f"error: cannot write the output: {exc.strerror}")
            return EXIT_OUTPUT
        return _bug(exc, debug)
    except Exception as exc:
        return _bug(exc, debug)
    finally:
        signal.signal(signal.SIGTERM, previous)


def _bug(exc: BaseException, debug: bool) -> int:
    if debug:
        traceback.print_exc()
        say(f"bug in geomap: {type(exc).__name__}: {exc}")
    else:
        say(
            f"bug in geomap: {type(exc).__name__}: {exc} "
            f"(run with {DEBUG_FLAG} or {DEBUG_ENV}=1 for the traceback, and please report it)"
        )
    return EXIT_BUG
