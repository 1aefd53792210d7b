"""Small helpers shared by the command modules: reading the articles named, JSON printing, output writing.

Output goes to `-o` whole or not at all (fileio), or to stdout flushed and checked: a full disk behind
`> file` is an error, not a truncated file and exit status 0.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, BinaryIO

import typer

from geomap.errors import InputError
from geomap.fileio import atomic_write_text, refuse_overwriting_inputs, regular_file

STDIN = "-"


def dumps(obj: object) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2)


def emit(text: str, output: Path | None = None) -> None:
    """Print to stdout (flushed, so a write error is seen here), or write the whole text to `output`."""
    text = text if text.endswith("\n") else text + "\n"
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        atomic_write_text(output, text)


def article_sources(files: Sequence[str]) -> list[Path | BinaryIO]:
    """Each article argument as what the pipeline reads: a regular file's Path, or stdin's byte stream for
    '-' (once). Checked before any is read, so a bad last argument costs no work on the first."""
    if list(files).count(STDIN) > 1:
        raise InputError("standard input ('-') can be read only once")
    return [sys.stdin.buffer if f == STDIN else regular_file(f) for f in files]


def source_name(item: Path | BinaryIO) -> str | None:
    return "<stdin>" if not isinstance(item, Path) else None


def refuse_overwriting(output: Path | None, *inputs: object) -> None:
    """No `-o` may name one of the command's inputs (articles, --input, --frontline)."""
    flat: list[object] = []
    for item in inputs:
        flat.extend(item if isinstance(item, list | tuple) else [item])
    refuse_overwriting_inputs(output, [i for i in flat if isinstance(i, str | Path)])


# The articles `extract` and `check` read: one declaration, so their help says the same.
ArticleArguments = Annotated[
    list[str],
    typer.Argument(metavar="ARTICLE", help="Article file(s): .txt, .md, .html; '-' reads stdin."),
]
