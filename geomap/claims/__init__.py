"""Distance claims in text: find them, resolve their two ends, and judge them against reference layers.

    from geomap.claims import find_claims, check
    report = check("article.txt")            # a model.Report whose .claims are judged
    claims = find_claims(document, mentions)  # for a Document (or Report) already read

Modules: numbers (written numbers), parse (statements), targets (the two ends), verdict (tolerance),
engine (readings and explanations).
"""

from __future__ import annotations

import dataclasses
import os
from typing import Any

from geomap.claims.engine import find_claims
from geomap.claims.parse import Statement, find_statements
from geomap.model import Report

__all__ = ["Statement", "check", "find_claims", "find_statements"]


def check(
    path_or_text: str | os.PathLike | bytes,
    date: str | None = None,
    frontline: str | os.PathLike | None = None,
    *,
    gazetteer: Any = None,
    source: str | None = None,
) -> Report:
    """Read an article and judge its distance claims; `date` overrides the article's date,
    `frontline` is a user's front-line file (GeoJSON, KML, KMZ)."""
    from geomap.layers import check_date
    from geomap.pipeline import extract_document
    from geomap.text.ingest import ingest

    date = check_date(date)
    if frontline is not None:
        from geomap.layers import frontline_for

        frontline_for(date, path=frontline)  # a bad file is the user's error: say so before reading
    doc = ingest(path_or_text, date, source=source)
    report = extract_document(doc, gazetteer)
    if frontline is None:  # the pipeline judged them already, with the document's (possibly given) date
        return report
    claims = find_claims(doc, report.mentions, date=date, frontline=frontline)
    return dataclasses.replace(report, claims=claims)
