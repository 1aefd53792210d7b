"""The command line: thin wrappers that parse arguments, call the library and print.

Each command lives in its own module in this package and registers itself on `app`;
heavy imports happen inside the command functions so that start-up stays fast.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from types import SimpleNamespace

from geomap.cli.app import app
from geomap.errors import GeomapError

_NOT_COMMANDS = {"app", "common"}


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
    """Run the CLI; user errors become one line on stderr and a non-zero exit status."""
    cx = _click_exceptions()
    _register_commands()
    try:
        result = app(args=argv, prog_name="geomap", standalone_mode=False)
    except GeomapError as exc:
        print(f"geomap: error: {exc}", file=sys.stderr)
        return exc.exit_code
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
    except (cx.Abort, KeyboardInterrupt):
        print("geomap: interrupted", file=sys.stderr)
        return 130
    except cx.Exit as exc:
        return exc.exit_code
    except BrokenPipeError:
        return 0
    return result if isinstance(result, int) else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
