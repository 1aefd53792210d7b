"""`geomap version`."""

from geomap.cli.app import app
from geomap.cli.helpfmt import GeomapCommand, examples


@app.command(cls=GeomapCommand, epilog=examples("geomap version", "geomap --version"))
def version() -> None:
    """Print geomap's version number.

    Bare, for scripts; `geomap --version` says "geomap X.Y.Z".
    """
    from geomap import __version__

    print(__version__)
