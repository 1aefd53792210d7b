"""`geomap version`."""

from geomap.cli.app import app


@app.command()
def version() -> None:
    """Print geomap's version."""
    from geomap import __version__

    print(__version__)
