"""One entity number per place: mentions of one place, and names the text states are aliases, share it."""

from __future__ import annotations

from geomap.model import Mention, with_fields
from geomap.text.recognise import Toponym


def entities(mentions: list[Mention], links: list[tuple[Toponym, Toponym]]) -> list[Mention]:
    """Same entity number for mentions of one place and for names the text states are aliases."""
    parent = list(range(len(mentions)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    by_start = {m.start: i for i, m in enumerate(mentions)}
    by_key: dict[str, int] = {}
    for i, m in enumerate(mentions):
        if m.place is None or m.place.match in ("region", "near"):
            key = "?" + m.text.lower()  # a fallback placement is not the region (or town) it is placed at
        else:
            key = m.place.place.place_id or m.place.place.name
        if key in by_key:
            parent[find(i)] = find(by_key[key])
        else:
            by_key[key] = i
    for a, b in links:
        ia, ib = by_start.get(a.start), by_start.get(b.start)
        if ia is not None and ib is not None:
            parent[find(ia)] = find(ib)
    numbers: dict[int, int] = {}
    out = []
    for i, m in enumerate(mentions):
        root = find(i)
        numbers.setdefault(root, len(numbers) + 1)
        out.append(with_fields(m, entity=numbers[root]))
    return out
