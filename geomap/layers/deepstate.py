"""The statuses of a raw DeepState API answer: which of its features are occupied Ukraine.

A raw answer mixes every status in one FeatureCollection, the status written into `properties.name` as
"<Ukrainian> /// <English> /// geoJSON.<key>". Occupied areas are `status.occupied` and the
`territories.*` areas (ORDLO, Crimea, Tuzla, and joke polygons outside Ukraine, which the derivation
drops as outside); liberated areas (`status.dismissed*`) count only outside Ukraine, where they are
Ukrainian-held land in Russia; unknown status, directions of attack, units and airfields never count.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Literal

Status = Literal["occupied", "liberated", "ignored"]

_KEY = re.compile(r"geoJSON\.([A-Za-z_]+)(?:\.([A-Za-z0-9_\-]+))?")
_OCCUPIED = {("status", "occupied")}
_OCCUPIED_GROUPS = {"territories"}  # ORDLO, Crimea, Tuzla; jokes outside Ukraine fall to the clip
_LIBERATED = {("status", "dismissed"), ("status", "dismissed_at")}


def raw_status(properties: Mapping[str, Any]) -> Status | None:
    """The status a raw feature's name gives it, or None when the name carries no DeepState key."""
    name = properties.get("name")
    if not isinstance(name, str):
        return None
    m = _KEY.search(name)
    if m is None:
        return None
    group, sub = m.group(1), m.group(2) or ""
    if (group, sub) in _OCCUPIED or group in _OCCUPIED_GROUPS:
        return "occupied"
    if (group, sub) in _LIBERATED:
        return "liberated"
    return "ignored"


def is_raw(features: list[Any]) -> bool:
    """A raw API answer: most named features carry a DeepState status key."""
    named = [f for f in features if isinstance(f, dict) and isinstance(f.get("properties"), dict)]
    keyed = sum(1 for f in named if raw_status(f["properties"]) is not None)
    return bool(named) and keyed * 2 > len(named)
