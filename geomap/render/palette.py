"""The map's one palette: every colour drawn means one thing, so a reader never has to ask which red.

Event types take saturated hues; the front line is near-black, occupied areas a neutral grey; distance
claims take their verdict's colour (green, magenta, grey), which no event type uses; places that are only
mentioned are drawn hollow in slate. A test holds every pair of meanings apart by a visible difference.
"""

from __future__ import annotations

UNTYPED_EVENT = "event (type not stated)"

EVENT_TYPE_COLOR = {
    "drone attack": "#e41a1c",  # red
    "missile strike": "#984ea3",  # purple
    "airstrike": "#4a1486",  # deep violet
    "air strike": "#4a1486",  # the same type, spelt apart
    "battle": "#1f78b4",  # blue
    "shelling": "#ff7f00",  # orange
    "capture claim": "#8c510a",  # brown
    "encirclement": "#f781bf",  # pink
    "advance": "#b8860b",  # dark gold
    "explosion": "#7f0000",  # maroon
    UNTYPED_EVENT: "#fb9a99",  # salmon: an event whose kind the article does not state
}
# Event types no table knows take these in name order (after which a stable hash picks one).
SPARE_TYPE_COLORS = ("#17becf", "#bcbd22", "#00441b", "#6baed6", "#dfc27d", "#66c2a5")

VERDICT_COLOR = {"consistent": "#1a9850", "inconsistent": "#c51b7d", "unverifiable": "#8c96c6"}
FRONTLINE_COLOR = "#1a1a1a"
OCCUPIED_FILL = "#6e6e6e"
ROLE_COLOR = {"mention": "#34495e", "metonym": "#7a7a52", "noise": "#b0b0b0"}


def meanings() -> dict[str, str]:
    """Every colour the map draws, by what it means (for the legend's tests and the palette's)."""
    out = {f"event type: {t}": c for t, c in EVENT_TYPE_COLOR.items() if t != "air strike"}
    out.update({f"spare type {i}": c for i, c in enumerate(SPARE_TYPE_COLORS)})
    out.update({f"claim: {v}": c for v, c in VERDICT_COLOR.items()})
    out["front line"] = FRONTLINE_COLOR
    out["occupied area"] = OCCUPIED_FILL
    out.update({f"role: {r}": c for r, c in ROLE_COLOR.items()})
    return out
