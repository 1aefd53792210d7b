"""Print the import cycles of the geomap package, from the code's own imports; exit 1 on a forbidden one.

    python -m scripts.import_cycles          # from the repository's top folder

A room is a top-level module (`geomap.model`) or subpackage (`geomap.gazetteer`). Forbidden: a cycle of
modules in different rooms, any cycle inside the gazetteer, and a cycle between rooms (room A imports room
B, which imports room A, through any modules). Function-level imports count (they run); imports under
`if TYPE_CHECKING:` do not. The graph comes from grimp, which reads the source without importing it.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping

import grimp

PACKAGE = "geomap"
STRICT_ROOMS = {"geomap.gazetteer"}  # rooms that may hold no cycle even among their own modules


def room_of(module: str) -> str:
    return ".".join(module.split(".")[:2])


def strongly_connected(graph: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """Tarjan's components with more than one node (or a node importing itself), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    part = []
                    while True:
                        top = stack.pop()
                        on_stack.discard(top)
                        part.append(top)
                        if top == node:
                            break
                    if len(part) > 1 or node in graph[node]:
                        found.append(sorted(part))
            elif child not in index:
                index[child] = low[child] = len(index)
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(sorted(graph.get(child, ())))))
            elif child in on_stack:
                low[node] = min(low[node], index[child])
    return found


def module_graph(package: str = PACKAGE) -> dict[str, set[str]]:
    g = grimp.build_graph(package, exclude_type_checking_imports=True)
    return {m: set(g.find_modules_directly_imported_by(m)) for m in g.modules}


def room_graph(modules: Mapping[str, set[str]]) -> dict[str, set[str]]:
    rooms: dict[str, set[str]] = {}
    for m, targets in modules.items():
        rooms.setdefault(room_of(m), set()).update(room_of(t) for t in targets if room_of(t) != room_of(m))
    return rooms


def forbidden_cycles(modules: Mapping[str, set[str]]) -> tuple[list[list[str]], list[list[str]]]:
    """(forbidden module cycles, room cycles), each a sorted list of names."""
    bad_modules = []
    for part in strongly_connected(modules):
        rooms = {room_of(m) for m in part}
        if len(rooms) > 1 or rooms & STRICT_ROOMS:
            bad_modules.append(part)
    return bad_modules, strongly_connected(room_graph(modules))


def main() -> int:
    modules = module_graph()
    bad_modules, bad_rooms = forbidden_cycles(modules)
    for part in strongly_connected(modules):
        mark = "FORBIDDEN" if part in bad_modules else "allowed (one room)"
        print(f"module cycle, {mark}: {' <-> '.join(part)}")
    for part in bad_rooms:
        print(f"room cycle, FORBIDDEN: {' <-> '.join(part)}")
    if not bad_modules and not bad_rooms:
        print(f"no forbidden import cycles among {len(modules)} modules")
    return 1 if bad_modules or bad_rooms else 0


if __name__ == "__main__":
    sys.exit(main())
