"""Distance claims in text: find them, resolve their two ends, and judge them against reference layers.

    from geomap.claims import find_claims, Frontline
    from geomap.layers import border_atlas
    claims = find_claims(document, mentions, frontline=Frontline(layer), borders=border_atlas())

Reading an article and judging its claims in one call is `geomap.pipeline.check` (`geomap.check`): the
pipeline chooses the front line, reads the borders and hands both down; this room reads no file.

Modules: numbers (written numbers), parse (statements), targets (the two ends), verdict (tolerance),
engine (readings and explanations). May import: model, errors, geodesy, layers, text.sentences.
"""

from __future__ import annotations

from geomap.claims.engine import find_claims
from geomap.claims.parse import Statement, find_statements
from geomap.claims.targets import Borders, Frontline

__all__ = ["Borders", "Frontline", "Statement", "find_claims", "find_statements"]
