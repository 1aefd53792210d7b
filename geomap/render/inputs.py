"""What the map is drawn from besides articles: saved `extract --json` reports (articles are read by the
pipeline, in the CLI; render only draws Reports). A saved file is the user's: it is checked against the
report's shape at this edge, and the first offending path is named (`[0].mentions[2].place.lat: ...`)."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any, get_args

from geomap import limits
from geomap.errors import InputError
from geomap.fileio import read_capped, regular_file
from geomap.jsonedge import join, load_json, type_name
from geomap.model import Report, Role, Verdict

_ROLES = set(get_args(Role))
_VERDICTS = set(get_args(Verdict))
_TEXT = (str, type(None))
_CLAIM_NUMBERS = (
    "stated_km",
    "stated_low_km",
    "stated_high_km",
    "stated_value",
    "computed_km",
    "conversion_value",
    "slack_km",
    "start",
    "end",
)


def load_reports(path: str | Path) -> list[Report]:
    """Saved report(s): a .json file of one report or an array of them."""
    p = regular_file(path, "a saved report")
    with p.open("rb") as fh:
        data = load_json(read_capped(fh, limits.JSON_FILE_BYTES, p.name), p.name)
    items = data if isinstance(data, list) else [data]
    for i, item in enumerate(items):
        check_report(item, p.name, f"[{i}]" if isinstance(data, list) else "")
    return [Report.from_dict(d, p.name) for d in items]


def _bad(label: str, path: str, problem: str) -> InputError:
    return InputError(f"{label}: {path or '(top)'}: {problem}")


def _number(d: dict, key: str, label: str, path: str, low: float = -math.inf, high: float = math.inf) -> None:
    value = d.get(key)
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise _bad(label, join(path, key), f"expected a number, not {type_name(value)}")
    if not low <= value <= high:
        raise _bad(label, join(path, key), f"{value} is outside {low:g} to {high:g}")


def _object(value: Any, label: str, path: str) -> dict:
    if not isinstance(value, dict):
        raise _bad(label, path, f"expected an object, not {type_name(value)}")
    return value


def _array(d: dict, key: str, label: str, path: str) -> list:
    value = d.get(key, [])
    if not isinstance(value, list):
        raise _bad(label, join(path, key), f"expected an array, not {type_name(value)}")
    return value


def _strings(d: dict, keys: tuple[str, ...], label: str, path: str) -> None:
    for key in keys:
        if not isinstance(d.get(key), _TEXT):
            raise _bad(label, join(path, key), f"expected a string, not {type_name(d.get(key))}")


def check_place(value: Any, label: str, path: str, required: bool = True) -> None:
    """A place (or a point): a name and finite WGS84 coordinates; lat 999 is not drawn."""
    d = _object(value, label, path)
    for key in ("lat", "lon"):
        if key not in d and required:
            raise _bad(label, join(path, key), "missing")
    _number(d, "lat", label, path, -90, 90)
    _number(d, "lon", label, path, -180, 180)
    _number(d, "population", label, path, 0)
    _number(d, "uncertainty_km", label, path, 0)
    _number(d, "score", label, path)
    _strings(d, ("name", "country", "kind", "admin1", "admin2", "match"), label, path)
    if "name" in d and not isinstance(d["name"], str):
        raise _bad(label, join(path, "name"), "expected a string")
    for key in ("names", "reasons"):
        if not all(isinstance(x, str) for x in _array(d, key, label, path)):
            raise _bad(label, join(path, key), "expected an array of strings")


def check_report(value: Any, label: str, path: str = "") -> None:
    """The shape Report.from_dict reads, checked before it reads it."""
    d = _object(value, label, path)
    if not isinstance(d.get("text", ""), str):
        raise _bad(label, join(path, "text"), "expected a string")
    _strings(d, ("source", "title", "date", "language"), label, path)
    for i, m in enumerate(_array(d, "mentions", label, path)):
        where = join(join(path, "mentions"), i)
        m = _object(m, label, where)
        if not isinstance(m.get("role", "mention"), str) or m.get("role", "mention") not in _ROLES:
            raise _bad(label, join(where, "role"), f"expected one of {', '.join(sorted(_ROLES))}")
        for key in ("start", "end", "precision", "confidence"):
            _number(m, key, label, where)
        _strings(m, ("text", "sentence", "event_type", "claimant", "section", "entity", "note"), label, where)
        if m.get("place") is not None:
            check_place(m["place"], label, join(where, "place"))
        for j, alt in enumerate(_array(m, "alternatives", label, where)):
            if alt:
                check_place(alt, label, join(join(where, "alternatives"), j))
    for i, c in enumerate(_array(d, "claims", label, path)):
        where = join(join(path, "claims"), i)
        c = _object(c, label, where)
        for key in _CLAIM_NUMBERS:
            _number(c, key, label, where)
        if (
            not isinstance(c.get("verdict", "unverifiable"), str)
            or c.get("verdict", "unverifiable") not in _VERDICTS
        ):
            raise _bad(label, join(where, "verdict"), f"expected one of {', '.join(sorted(_VERDICTS))}")
        for key in ("from_place", "to_place"):
            if c.get(key):
                check_place(c[key], label, join(where, key))
        for j, r in enumerate(_array(c, "readings", label, where)):
            at = join(join(where, "readings"), j)
            r = _object(r, label, at)
            _number(r, "km", label, at, 0)
            _number(r, "bearing_deg", label, at)
            if r.get("km") is not None:
                for key in ("from", "nearest"):
                    if r.get(key) is not None:
                        check_place(r[key], label, join(at, key))
