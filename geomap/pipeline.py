"""From an article to a Report: ingest -> recognise -> resolve -> interpret (-> claims).

Each stage is a pure function over the previous stage's records; only `ingest` reads files.
"""

from __future__ import annotations

import gc
import os
from contextlib import contextmanager
from typing import TYPE_CHECKING

from geomap.model import Claim, Document, Mention, Report

if TYPE_CHECKING:
    import datetime as dt

    from geomap.text.recognise import NameIndex


def default_gazetteer() -> NameIndex:
    from geomap.gazetteer import Gazetteer

    return Gazetteer.default()


def extract(
    text_or_path: str | os.PathLike | bytes,
    date: str | dt.date | None = None,
    *,
    gazetteer: NameIndex | None = None,
    source: str | None = None,
) -> Report:
    """Read one article (a path, its text or its bytes) and return every place it names, interpreted."""
    from geomap.text.ingest import ingest

    doc = ingest(text_or_path, date, source=source)
    return extract_document(doc, gazetteer)


def extract_document(doc: Document, gazetteer: NameIndex | None = None, *, claims: bool = True) -> Report:
    """The middle of the pipeline, for an already ingested Document (claims=False skips distance checks)."""
    from geomap.interpret import interpret
    from geomap.resolve import resolve
    from geomap.text.recognise import recognise

    gz = gazetteer if gazetteer is not None else default_gazetteer()
    with _no_gc():
        rec = recognise(doc, gz)
        mentions = interpret(doc, rec, resolve(doc, rec, gz))
    return Report(
        source=doc.source,
        text=doc.text,
        title=doc.title,
        date=doc.date,
        language=doc.language,
        mentions=mentions,
        claims=_claims(doc, mentions) if claims else (),
    )


@contextmanager
def _no_gc():
    """Pause the cyclic garbage collector while the stages build their (acyclic) records: on a long
    article the collector otherwise rescans hundreds of thousands of live tokens again and again."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _claims(doc: Document, mentions: tuple[Mention, ...]) -> tuple[Claim, ...]:
    """Distance statements, when the claims engine is part of this build."""
    try:
        from geomap.claims import find_claims
    except ImportError:
        return ()
    return tuple(find_claims(doc, mentions))
