"""Errors a user can cause. The CLI prints them as one line and exits non-zero; never a traceback."""


class GeomapError(Exception):
    """A problem with the user's input or environment, explained in one line."""

    exit_code = 2


class InputError(GeomapError):
    """Bad input: unreadable, empty, malformed or out of range."""


class NotFoundError(GeomapError):
    """A name or file that does not exist."""

    exit_code = 3
