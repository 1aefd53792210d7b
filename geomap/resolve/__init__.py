"""Resolution: choose a place for every recognised toponym, using the whole article as context.

Evidence, each adding to a candidate's score (the reasons are kept on the chosen Candidate):
the gazetteer's own prior (population, kind), the article's country focus, the region the text
puts the name in ("Lozova in the northeastern Kharkiv region") and the compass direction inside it,
feature words ("village" argues against a city of 50,000), stated aliases (both names must name one
place), nearness to the other places of the article (a village near Kurakhove beats a namesake
800 km away) and, where ground fighting is reported, to the dated line of contact. When the text's
region contradicts every candidate, or the gazetteer lacks the name, the mention is placed at that
region with precision 3 and the reason in `note`: an honest fallback rather than a namesake the text
rules out.

    from geomap.resolve import resolve
    mentions = resolve(document, recognition, gazetteer, relations, frontline_layer)

Modules: evidence (what the article says around each toponym, gathered into an Evidence record),
scores (the weights, and each candidate's points), choose (the two passes and the aliases), fallbacks
(from ranked candidates to a Mention, or an honest fallback), entities (one number per place).
May import: model, text (recognition, relations, word lists), gazetteer.katottg, geodesy; it reads no
files: the gazetteer and the front-line layer are handed to it.
"""

from __future__ import annotations

from geomap.resolve.choose import resolve

__all__ = ["resolve"]
