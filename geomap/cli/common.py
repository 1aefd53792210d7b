"""Small helpers shared by the command modules: JSON printing and output writing."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from geomap.fileio import atomic_write_text


def dumps(obj: object) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2)


def emit(text: str, output: Path | None = None) -> None:
    """Print to stdout, or write the whole text atomically to `output`."""
    if output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    else:
        atomic_write_text(output, text if text.endswith("\n") else text + "\n")
