"""The Typer application every command module registers itself on, with `-h`/`--help` and `--version`."""

from typing import Annotated

import typer

from geomap.cli.helpfmt import CONTEXT, examples

app = typer.Typer(
    name="geomap",
    help="Turn news reports into maps that can be trusted.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings=CONTEXT,
    epilog=examples(
        "geomap extract article.html",
        "geomap map article.html              # writes output/article.html",
        "geomap geocode Artemovsk",
        "geomap CMD -h                        # help on one command",
    ),
)


def _print_version(value: bool) -> None:
    if value:
        from geomap import __version__

        print(f"geomap {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_print_version, is_eager=True, help="Print geomap's version and exit."
        ),
    ] = False,
) -> None:
    """Turn news reports into maps that can be trusted."""
