"""The command line: thin wrappers that parse arguments, call the library and print.

Each command lives in its own module in this package and registers itself on `app`;
heavy imports happen inside the command functions so that start-up stays fast.
"""

from __future__ import annotations

import errno
import importlib
import pkgutil
import sys
from types import SimpleNamespace

from geomap.cli.app import app

_NOT_COMMANDS = {"app", "boundary", "common"}


def _register_commands() -> None:
    for info in pkgutil.iter_modules(__path__):
        if info.name not in _NOT_COMMANDS and not info.name.startswith("_"):
            importlib.import_module(f"{__name__}.{info.name}")


def _click_exceptions() -> SimpleNamespace:
    """Typer >= 0.25 vendors click as `typer._click`; older releases use click itself."""
    try:
        import typer.exceptions as typer_exc
        from typer._click import exceptions
    except ImportError:  # pragma: no cover - older typer
        from click import exceptions

        typer_exc = exceptions
    return SimpleNamespace(
        NoArgsIsHelpError=getattr(exceptions, "NoArgsIsHelpError", ()),
        UsageError=exceptions.UsageError,
        ClickException=exceptions.ClickException,
        Abort=typer_exc.Abort,
        Exit=typer_exc.Exit,
    )


def main(argv: list[str] | None = None) -> int:
    """Run the CLI behind the one boundary (cli/boundary.py): every error a line on stderr and a status."""
    from geomap.cli.boundary import run

    return run(_dispatch, sys.argv[1:] if argv is None else list(argv))


def _dispatch(argv: list[str]) -> int:
    """The Typer app, with click's own outcomes (usage errors, help, exit) turned into statuses."""
    cx = _click_exceptions()
    _register_commands()
    try:
        result = app(args=argv, prog_name="geomap", standalone_mode=False)
    except cx.NoArgsIsHelpError as exc:
        if exc.ctx is not None:
            print(exc.ctx.get_help())
        return 0
    except cx.UsageError as exc:
        print(f"geomap: error: {exc.format_message()}", file=sys.stderr)
        return 2
    except cx.ClickException as exc:
        print(f"geomap: error: {exc.format_message()}", file=sys.stderr)
        return 1
    except cx.Abort as exc:
        raise KeyboardInterrupt from exc
    except cx.Exit as exc:
        return exc.exit_code
    except SystemExit as exc:  # click ends a closed pipe with exit(1); the boundary ends it quietly
        context = exc.__context__
        if isinstance(context, OSError) and context.errno == errno.EPIPE:
            raise BrokenPipeError(errno.EPIPE, "closed pipe") from exc
        raise
    return result if isinstance(result, int) else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
