"""CSV that a spreadsheet opens as data, never as formulas: every cell geomap writes passes through here.

Article text and a user's own cells are untrusted. Following OWASP's CSV-injection advice, a text cell that
a spreadsheet would evaluate - one starting with `=`, `+`, `-`, `@`, a tab, CR or LF (and their full-width
forms, which some spreadsheets fold to ASCII) - gets a leading apostrophe, which spreadsheets show as text.
Plain numbers ("-37.5", a western longitude) are left as they are: a number is not a formula, and quoting it
would break the column for every analyst. Every cell is also wrapped in double quotes (OWASP's other half),
which keeps a CR inside a cell from ending the row: the csv module's minimal quoting misses a lone CR.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence

FORMULA_STARTS = frozenset("=+-@\t\r\n\uff1d\uff0b\uff0d\uff20")
_PLAIN_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")


def safe_cell(value: object) -> object:
    """The cell as a spreadsheet will take it as data: numbers unchanged, formula-like text quoted."""
    if not isinstance(value, str) or not value or value[0] not in FORMULA_STARTS:
        return value
    if _PLAIN_NUMBER.fullmatch(value):
        return value
    return "'" + value


def write_csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A whole CSV text: the header and every row, each cell through `safe_cell`."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow([safe_cell(h) for h in header])
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])
    return buf.getvalue()
