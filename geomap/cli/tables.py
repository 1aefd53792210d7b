"""Tables for the terminal: as wide as the terminal (or $COLUMNS), columns chosen with `--columns`.

The widest text column gives way first, down to its minimum, and a clipped cell ends with "…", so a
row never wraps onto a second line; rich measures cells, so that wide characters count as two. Output
that goes to a pipe or a file is not folded at an assumed width (as ripgrep and git do), unless $COLUMNS
says how wide to be.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from geomap.errors import InputError

GAP = 2  # spaces between columns
PIPE_WIDTH = 240  # piped, no $COLUMNS: wide enough that no real row is clipped, short enough to stay a table


@dataclass(frozen=True, slots=True)
class Column:
    """One column a table can show: its header, how to read a cell, and how it may shrink."""

    name: str  # what --columns calls it
    header: str
    cell: Callable[[object], str]
    justify: str = "left"
    min_width: int | None = None  # text columns shrink to this before anything else is clipped


def table_width(to_file: bool = False) -> int:
    """$COLUMNS when set, else the terminal's width, else (piped or written to a file) PIPE_WIDTH."""
    env = os.environ.get("COLUMNS", "")
    if env.isdigit() and int(env) > 0:
        return int(env)
    if not to_file and sys.stdout.isatty():
        return os.get_terminal_size(sys.stdout.fileno()).columns
    return PIPE_WIDTH


def choose(spec: str | None, available: Mapping[str, Column], default: Sequence[str]) -> list[Column]:
    """The columns `--columns` names (comma-separated, in that order), or the default ones."""
    names = default if spec is None else [n.strip().lower() for n in spec.split(",") if n.strip()]
    unknown = [n for n in names if n not in available]
    if unknown or not names:
        what = f"unknown column {unknown[0]!r}" if unknown else "--columns names no column"
        raise InputError(f"{what}; choose from {','.join(available)}")
    return [available[n] for n in names]


def fit_widths(natural: Sequence[int], minimum: Sequence[int | None], width: int) -> list[int]:
    """Column widths whose sum (with gaps) is at most `width`: the widest shrinkable column gives a cell
    at a time, never below its minimum; columns without a minimum (numbers, codes) never shrink."""
    widths = list(natural)
    excess = sum(widths) + GAP * (len(widths) - 1) - width
    while excess > 0:
        room = [(w - (m or w), i) for i, (w, m) in enumerate(zip(widths, minimum, strict=True)) if m]
        most, i = max(room, default=(0, -1))
        if most <= 0:
            break
        widths[i] -= 1
        excess -= 1
    return widths


def render(
    rows: Sequence[object], columns: Sequence[Column], width: int, *, optional: Sequence[str] = ()
) -> str:
    """The rows as a plain-text table no wider than `width`: a header, a rule, one line per row, cells
    cut with "…" (rich measures the cells, so wide characters count as two). Columns named in `optional`
    (a default set's extras, never ones the user chose) are left out, last first, when they do not fit
    whole."""
    from rich.cells import cell_len, set_cell_size

    columns = list(columns)
    while True:
        cells = [[c.cell(row) for c in columns] for row in rows]
        natural = [max([cell_len(c.header)] + [cell_len(r[i]) for r in cells]) for i, c in enumerate(columns)]
        extras = [i for i, c in enumerate(columns) if c.name in optional]
        if not extras or sum(natural) + GAP * (len(natural) - 1) <= width:
            break
        del columns[extras[-1]]
    widths = fit_widths(natural, [c.min_width for c in columns], width)

    def line(values: Sequence[str]) -> str:
        out = []
        for value, w, c in zip(values, widths, columns, strict=True):
            if cell_len(value) > w:
                value = set_cell_size(value, max(w - 1, 0)) + "…"
            pad = " " * (w - cell_len(value))
            out.append(pad + value if c.justify == "right" else value + pad)
        return set_cell_size(
            (" " * GAP).join(out).rstrip(), min(width, sum(widths) + GAP * (len(widths) - 1))
        )

    head = line([c.header for c in columns])
    rule = "-" * min(width, sum(widths) + GAP * (len(widths) - 1))
    return "\n".join([head.rstrip(), rule, *(line(r).rstrip() for r in cells)])


def clip(text: str, width: int) -> str:
    """One line of prose no wider than `width`, ending in "…" when cut."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"
