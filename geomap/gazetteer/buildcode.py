"""The code that shapes the index: the build's modules, found from their own imports, and a hash of them.

Why not a list: a hand-kept list of build modules goes stale (one left out context.py, whose distances the
build uses), and then an index built by older code passes for a new one. The build's entry modules are read,
not imported, for their `geomap.*` imports (at module level and inside functions), and so on transitively.
It runs at every start (the index directory is named by the hash), so it is a text scan, not `ast`: parsing
the twenty-odd modules costs tens of milliseconds, this scan under one. A mention of a module that is not an
import (in a docstring) at worst adds a file to the hash, which costs nothing but a rebuild when it changes.
"""

from __future__ import annotations

import hashlib
import os
import re
from functools import cache

# The modules that make an index: collect (sources -> places) and build (places -> index directory).
BUILD_ENTRIES = ("geomap.gazetteer.collect", "geomap.gazetteer.build")
_PACKAGE_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # the geomap package
_MODULE = re.compile(r"geomap(?:\.\w+)*")  # a plain literal first: the search runs at C speed
_NAMES = re.compile(r"[ \t]+import[ \t]+(\([^)]*\)|[^\n]*)")
_COMMENT = re.compile(r"#[^\n]*")


@cache
def _source(module: str) -> str | None:
    """The file of a geomap module (a package's __init__.py), or None when there is none."""
    base = os.path.join(_PACKAGE_ROOT, *module.split(".")[1:])
    for path in (base + ".py", os.path.join(base, "__init__.py")):
        if os.path.isfile(path):
            return path
    return None


@cache
def _is_package(module: str) -> bool:
    return os.path.isfile(os.path.join(_PACKAGE_ROOT, *module.split(".")[1:], "__init__.py"))


def _imports(text: str) -> set[str]:
    """The geomap modules a module's source imports: `import geomap.x` and `from geomap.x import y` give
    geomap.x; `from geomap.p import m` of a package p gives its module m (and p itself only when it also
    imports a name that is not a module of p)."""
    found: set[str] = set()
    for m in _MODULE.finditer(text):
        start = m.start()
        if (
            start
            and (text[start - 1].isalnum() or text[start - 1] in "._")
            or text[m.end() : m.end() + 1] == "_"
        ):
            continue  # part of a longer name
        head = text[text.rfind("\n", 0, start) + 1 : start].strip()
        if head not in ("import", "from"):
            continue
        module = m.group()
        names = _NAMES.match(text, m.end()) if head == "from" else None
        if names is None or not _is_package(module):
            found.add(module)
            continue
        for name in re.findall(r"\w+", _COMMENT.sub("", names.group(1))):
            sub = f"{module}.{name}"
            found.add(sub if _source(sub) is not None else module)
    return found


def build_modules(entries: tuple[str, ...] = BUILD_ENTRIES) -> list[str]:
    """Every geomap module the entries import, transitively (the entries included), sorted."""
    return sorted(_sources(entries))


@cache
def code_digest(entries: tuple[str, ...] = BUILD_ENTRIES) -> bytes:
    """A hash of the source of every module the build runs (see build_modules); once per process."""
    h = hashlib.sha1()
    for module, source in sorted(_sources(entries).items()):
        h.update(module.encode() + b"\0" + source + b"\0")
    return h.digest()


def _sources(entries: tuple[str, ...]) -> dict[str, bytes]:
    """The source of every module the entries import, transitively, by module name."""
    seen: dict[str, bytes] = {}
    todo = list(entries)
    while todo:
        module = todo.pop()
        if module in seen:
            continue
        path = _source(module)
        if path is None:  # not a module of this checkout
            continue
        with open(path, "rb") as fh:
            seen[module] = fh.read()
        todo.extend(_imports(seen[module].decode("utf-8")) - seen.keys())
    return seen
