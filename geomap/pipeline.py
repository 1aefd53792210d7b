"""From an article to a Report: ingest -> recognise -> relations -> resolve -> interpret -> claims.

The one orchestrator. Each stage is a pure function over the previous stage's records and the reference
data handed to it (the gazetteer, the front-line layer); only this module and `ingest` read files or
open indexes, so a stage can be run on prepared data alone.
"""

from __future__ import annotations

import gc
import os
from contextlib import contextmanager
from typing import TYPE_CHECKING, BinaryIO

from geomap.claims import Borders, Frontline, find_claims
from geomap.errors import GeomapError
from geomap.model import Document, Report

if TYPE_CHECKING:
    import datetime as dt

    from geomap.layers import Layer
    from geomap.text.recognise import NameIndex

__all__ = ["check", "default_gazetteer", "extract", "extract_document", "pick_frontline"]


def default_gazetteer() -> NameIndex:
    from geomap.gazetteer import Gazetteer

    return Gazetteer.default()


def pick_frontline(date: str | None, path: str | os.PathLike | None = None) -> Frontline:
    """The line of contact an article of `date` is read against: the user's file when given (its errors are
    the user's, so they are raised), else the shipped snapshot not after `date` (the newest when undated);
    when no snapshot is that old, none, and why (a claim measured to the front then says so)."""
    from geomap.layers import frontline_for

    if path is not None:
        return Frontline(frontline_for(date, path=path))
    try:
        return Frontline(frontline_for(date))
    except GeomapError as exc:
        return Frontline(None, str(exc))


def extract(
    text_or_path: str | os.PathLike | bytes | BinaryIO,
    date: str | dt.date | None = None,
    *,
    gazetteer: NameIndex | None = None,
    source: str | None = None,
) -> Report:
    """Read one article and return every place it names, interpreted. The argument's type says what it is:
    a `Path` is a file, a `str` is the article's text (never taken for a file name), `bytes` the raw
    article, a binary stream (`sys.stdin.buffer`) is read up to the article limit."""
    from geomap.text.ingest import ingest

    doc = ingest(text_or_path, date, source=source)
    return extract_document(doc, gazetteer)


def check(
    path_or_text: str | os.PathLike | bytes | BinaryIO,
    date: str | None = None,
    frontline: str | os.PathLike | Layer | None = None,
    *,
    gazetteer: NameIndex | None = None,
    source: str | None = None,
) -> Report:
    """Read an article (a Path, str text, bytes or a stream, as for `extract`) and judge its distance
    claims; `date` overrides the article's date, `frontline` is a user's front-line file (GeoJSON, KML,
    KMZ) or a front-line Layer already read (the map's)."""
    from geomap.layers import check_date
    from geomap.text.ingest import ingest

    date = check_date(date)
    path = frontline if isinstance(frontline, str | os.PathLike) else None
    given = _user_frontline(date, path) if path is not None else frontline  # a bad file: say so first
    doc = ingest(path_or_text, date, source=source)
    if path is not None and doc.date != date:
        given = _user_frontline(doc.date, path)  # the file's layer says whether it postdates the article
    return extract_document(doc, gazetteer, date=date, frontline=given)


def _user_frontline(date: str | None, path: str | os.PathLike) -> Layer:
    from geomap.layers import frontline_for

    return frontline_for(date, path=path)


def extract_document(
    doc: Document,
    gazetteer: NameIndex | None = None,
    *,
    claims: bool = True,
    date: str | None = None,
    frontline: Layer | None = None,
    borders: Borders | None = None,
) -> Report:
    """The middle of the pipeline, for an already ingested Document.

    `date` overrides the document's date for the front line; `frontline` is the line of contact to read
    the article against (default: the shipped snapshot for the date); `borders` the international borders
    (default: the shipped ones, read here once per process); claims=False skips distance checks.
    """
    from geomap.interpret import interpret
    from geomap.resolve import resolve
    from geomap.text.recognise import recognise
    from geomap.text.relations import relations_of

    gz = gazetteer if gazetteer is not None else default_gazetteer()
    when = date or doc.date
    if frontline is not None:
        line = Frontline(frontline)
    elif claims or doc.date:  # undated and unjudged: nothing asks for a front line
        line = pick_frontline(when)
    else:
        line = Frontline(None, "no front line was asked for")
    if claims and borders is None:
        from geomap.layers import border_atlas

        borders = border_atlas()
    with _no_gc():
        rec = recognise(doc, gz)
        rel = relations_of(rec, doc.text)
        mentions = interpret(doc, rec, rel, resolve(doc, rec, gz, rel, line.layer))
    return Report(
        source=doc.source,
        text=doc.text,
        title=doc.title,
        date=doc.date,
        language=doc.language,
        mentions=mentions,
        claims=find_claims(doc, mentions, date=when, frontline=line, borders=borders) if claims else (),
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
