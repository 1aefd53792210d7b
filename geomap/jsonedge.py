"""Reading a user's JSON at the edge: parsed within the nesting limit, and errors that name the first
offending place (`features[3].geometry.coordinates: expected numbers`).

Well-formed JSON of the wrong shape (a string where an array belongs, 100,000 nested arrays) otherwise
fails deep inside with a TypeError or a RecursionError; here it is one line naming the path.
"""

from __future__ import annotations

import json
from typing import Any

from geomap import limits
from geomap.errors import InputError


def load_json(data: bytes | str, label: str, kind: str = "valid JSON") -> Any:
    """The parsed document; InputError for text that is not JSON or nests deeper than limits.JSON_DEPTH."""
    try:
        text = data.decode("utf-8-sig") if isinstance(data, bytes) else data
        doc = json.loads(text)
    except UnicodeDecodeError as exc:
        raise InputError(f"{label} is not UTF-8 text (byte {exc.start})") from exc
    except json.JSONDecodeError as exc:
        raise InputError(f"{label} is not {kind} (line {exc.lineno}: {exc.msg})") from exc
    except RecursionError:
        raise InputError(f"{label}: JSON nested deeper than {limits.JSON_DEPTH} levels") from None
    except ValueError as exc:  # a number of more than 4,300 digits
        raise InputError(f"{label} is not {kind} ({exc})") from exc
    where = too_deep(doc)
    if where is not None:
        raise InputError(f"{label}: {where}: JSON nested deeper than {limits.JSON_DEPTH} levels")
    return doc


def too_deep(doc: Any, limit: int | None = None) -> str | None:
    """The path of the first value nested deeper than `limit` (iteratively: no recursion to exhaust)."""
    limit = limits.JSON_DEPTH if limit is None else limit
    stack: list[tuple[Any, str, int]] = [(doc, "", 0)]
    while stack:
        value, path, depth = stack.pop()
        if depth > limit:
            return path or "(top)"
        if isinstance(value, dict):
            stack.extend((v, join(path, k), depth + 1) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend((v, join(path, i), depth + 1) for i, v in enumerate(value))
    return None


def join(path: str, key: str | int) -> str:
    """`features` + 3 -> `features[3]`; `features[3]` + `geometry` -> `features[3].geometry`."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else str(key)


def type_name(value: Any) -> str:
    """The JSON name of a value's type, for messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    return "an array" if isinstance(value, list) else "an object"
