"""The Typer application every command module registers itself on."""

import typer

app = typer.Typer(
    name="geomap",
    help="Turn news reports into maps that can be trusted.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


@app.callback()
def _root() -> None:
    """Turn news reports into maps that can be trusted."""
