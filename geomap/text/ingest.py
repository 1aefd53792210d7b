"""Reading an article: file, text or standard input -> a cleaned `Document` with its parts marked.

The cleaned text keeps every paragraph (story and furniture alike) separated by blank lines, because
mention offsets point into it; `Document.sections` says which spans are title, caption, advert, teaser or
footer. Formats: plain text, Markdown (markup stripped) and HTML (article body by trafilatura, title and
date from the page's metadata). Everything here is linear in the input's size.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from geomap import limits
from geomap.errors import InputError
from geomap.fileio import read_capped, regular_file
from geomap.model import Document, Section
from geomap.text import boilerplate
from geomap.text.dates import find_dates, publication_date
from geomap.text.encoding import decode
from geomap.text.markdown import markdown_blocks
from geomap.text.sentences import split_sentences

MAX_BYTES = limits.ARTICLE_BYTES  # see geomap/limits.py for the reasons
MAX_HTML_CHARS = limits.HTML_CHARS
_MIN_HTML_WORDS = 8  # fewer words than a one-sentence brief: the page's navigation, not an article
_HTML_EXT = {".html", ".htm", ".xhtml", ".shtml"}
_MD_EXT = {".md", ".markdown", ".mdown", ".mkd"}
_HTML_SNIFF = re.compile(r"(?is)^\s*(?:<!--.{0,2000}?-->\s*)?(?:<!doctype\s+html|<html\b|<head\b|<body\b)")
_MD_SNIFF = re.compile(r"^\s*#{1,6} \S[^\n]{0,300}\n")  # text opening with a Markdown heading
_HTML_FRAGMENT = re.compile(r"(?i)^\s*<(?:p|div|article|section|main|h[1-6])\b[^>]{0,500}>")


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph before assembly, with what the markup said about it (None: let the text decide)."""

    text: str
    hint: str | None = None


def ingest(
    path_or_text: str | os.PathLike | bytes | BinaryIO,
    date: str | dt.date | None = None,
    *,
    source: str | None = None,
) -> Document:
    """Read an article from a Path, its text (str), its raw bytes or a binary stream such as stdin."""
    date = _check_date(date)  # before reading anything: a bad option fails fast
    raw, name, fmt = _read(path_or_text, source)
    if isinstance(raw, bytes):
        decoded = decode(raw, name=name)
        text, encoding = decoded.text, decoded.encoding
    else:
        text, encoding = raw, None
    if len(text) > MAX_BYTES:
        raise InputError(f"{name} is larger than the {MAX_BYTES // (1024 * 1024)} MB limit for one article")
    if not text.strip():
        raise InputError(f"{name} is empty")
    if fmt is None:
        head = text[:4096]
        if _HTML_SNIFF.match(head) or _HTML_FRAGMENT.match(head):
            fmt = "html"
        else:
            fmt = "markdown" if _MD_SNIFF.match(head) else "text"
    meta_title = meta_date = None
    if fmt == "html":
        if len(text) > MAX_HTML_CHARS:
            raise InputError(
                f"{name} is an HTML page of {len(text) / 1e6:.1f} million characters; "
                f"the limit is {MAX_HTML_CHARS // 1_000_000} million (save the article text instead)"
            )
        blocks, meta_title, meta_date = _html_blocks(text, name)
    elif fmt == "markdown":
        blocks = [Block(t, h) for t, h in markdown_blocks(_normalise(text))]
    else:
        blocks = text_blocks(_normalise(text))
    return assemble(
        blocks,
        source=source or name,
        date=date,
        meta_title=meta_title,
        meta_date=meta_date,
        encoding=encoding,
    )


def _read(
    obj: str | os.PathLike | bytes | BinaryIO, source: str | None
) -> tuple[str | bytes, str, str | None]:
    """(content, display name, format or None to sniff). The type says what the argument is: a Path is a
    file, a str is the article's text (never a file name, however much it looks like one), bytes are the
    raw article, a binary stream (`sys.stdin.buffer`) is read up to the article limit."""
    if isinstance(obj, bytes | bytearray):
        _check_size(len(obj), "input")
        return bytes(obj), "<bytes>", None
    if isinstance(obj, os.PathLike):
        path = Path(obj)
        return _read_file(path), str(path), _format_of(path)
    if isinstance(obj, str):
        return obj, "<text>", None
    if callable(getattr(obj, "read", None)):
        label = source or "<stream>"
        return read_capped(obj, MAX_BYTES, label), label, None
    raise InputError(f"cannot read an article from a {type(obj).__name__}: give a Path, str or bytes")


def _read_file(path: Path) -> bytes:
    regular_file(path, "an article")  # a FIFO would block for ever, a directory is no article
    with _reading(path):
        size = path.stat().st_size
    _check_size(size, str(path))
    with _reading(path), path.open("rb") as fh:
        data = read_capped(fh, MAX_BYTES, str(path))
    return data


@contextmanager
def _reading(path: Path) -> Iterator[None]:
    try:
        yield
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}") from exc


def _check_size(size: int, name: str) -> None:
    if size > MAX_BYTES:
        mb = size / (1024 * 1024)
        raise InputError(f"{name} is {mb:.1f} MB; one article may be at most {MAX_BYTES // (1024 * 1024)} MB")


def _format_of(path: Path) -> str | None:
    suffix = path.suffix.lower()
    if suffix in _HTML_EXT:
        return "html"
    if suffix in _MD_EXT:
        return "markdown"
    return None


def _check_date(date: str | dt.date | None) -> str | None:
    if date is None or date == "":
        return None
    if isinstance(date, dt.date):
        return date.isoformat()[:10]
    try:
        return dt.date.fromisoformat(str(date).strip()).isoformat()
    except ValueError as exc:
        raise InputError(f"date {date!r} is not a date of the form YYYY-MM-DD") from exc


_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_SPACES = re.compile("[\u00a0\u2007\u202f\u2009\u200a\u3000\t\v\f]")
_TRAILING = re.compile(r" +$", re.MULTILINE)


def _normalise(text: str) -> str:
    """NFC, Unix newlines, plain spaces, no invisible characters, no trailing blanks on lines."""
    text = (
        unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    )
    return _TRAILING.sub("", _SPACES.sub(" ", _INVISIBLE.sub("", text)))


def text_blocks(text: str) -> list[Block]:
    """Paragraphs of plain text: blank-line separated blocks, split further at lines that stand alone.

    A line joins the previous one only when it continues a hard-wrapped sentence (it starts in lowercase,
    or the previous line is long and stops mid-phrase); headlines, markers and captions stay separate.
    """
    blocks: list[Block] = []
    for chunk in text.split("\n\n"):
        lines = [re.sub(r" {2,}", " ", ln.strip()) for ln in chunk.split("\n") if ln.strip()]
        if _hard_wrapped(lines):
            blocks.append(Block(" ".join(lines)))
            continue
        current: list[str] = []
        for line in lines:
            if current and _continues(current[-1], line):
                current.append(line)
            else:
                if current:
                    blocks.append(Block(" ".join(current)))
                current = [line]
        if current:
            blocks.append(Block(" ".join(current)))
    return blocks


def _hard_wrapped(lines: list[str]) -> bool:
    """A block of three or more lines cut at a fixed width (e-mail, wire copy): one paragraph."""
    if len(lines) < 3 or max(map(len, lines)) > 100:
        return False
    body = lines[:-1]
    return sum(len(ln) >= 50 for ln in body) >= 0.8 * len(body) and not any(
        boilerplate.is_marker(ln) for ln in lines
    )


def _continues(prev: str, line: str) -> bool:
    if line[0].islower():
        return True
    if prev[-1] in ",;(-–—" and len(prev) >= 40:
        return True
    last = prev.rsplit(" ", 1)[-1]
    return len(prev) >= 60 and last[:1].islower() and last[-1].isalnum() and len(line) > 40


def _html_blocks(html: str, name: str) -> tuple[list[Block], str | None, str | None]:
    import trafilatura
    from lxml.etree import LxmlError

    try:
        doc = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except (LxmlError, ValueError, TypeError, AttributeError, IndexError, KeyError, RecursionError) as exc:
        # what lxml and trafilatura raise on broken or hostile markup: the input's fault, said in one line
        raise InputError(f"{name}: cannot parse the HTML ({type(exc).__name__})") from exc
    body = (getattr(doc, "text", None) or "") if doc is not None else ""
    if len(body.split()) < _MIN_HTML_WORDS:
        raise InputError(f"{name}: no article body found in the HTML")
    blocks = [Block(line.strip()) for line in _normalise(body).split("\n") if line.strip()]
    title = (getattr(doc, "title", None) or "").strip() or None
    date = getattr(doc, "date", None) or None
    return blocks, title, (date[:10] if date else None)


def assemble(
    blocks: list[Block],
    *,
    source: str,
    date: str | None = None,
    meta_title: str | None = None,
    meta_date: str | None = None,
    encoding: str | None = None,
) -> Document:
    """Join paragraphs with blank lines, label them, and find title, date, language and sentences."""
    blocks = [b for b in blocks if b.text.strip()]
    if not blocks:
        raise InputError(f"{source} has no text")
    if meta_title and _fold(blocks[0].text) != _fold(meta_title):
        blocks.insert(0, Block(_normalise(meta_title).strip(), "title"))
    paragraphs = [b.text for b in blocks]
    kinds = boilerplate.classify(paragraphs, [b.hint for b in blocks])
    if (
        "title" not in kinds
        and kinds[0] == boilerplate.BODY
        and len(blocks) > 1
        and _title_like(paragraphs[0])
    ):
        kinds[0] = "title"
    spans: list[tuple[int, int]] = []
    pos = 0
    for par in paragraphs:
        spans.append((pos, pos + len(par)))
        pos += len(par) + 2
    text = "\n\n".join(paragraphs)
    sections = _merge_sections(spans, kinds)
    title = next((paragraphs[i] for i, k in enumerate(kinds) if k == "title"), None) or meta_title
    if date is None:
        skip = {i for i, k in enumerate(kinds) if k not in (boilerplate.BODY,)}
        date = meta_date or publication_date(text, spans, skip=skip)
    return Document(
        text=text,
        source=source,
        title=title,
        date=date,
        language=detect_language(text),
        sentences=split_sentences(text),
        sections=sections,
        encoding=encoding,
    )


def _title_like(par: str) -> bool:
    """A headline, not a date line ("9 January 2025, 12:40") or a byline."""
    if not boilerplate.is_headline(par) or par.lower().startswith(("by ", "автор", "від ")):
        return False
    return not (len(par) <= 60 and find_dates(par))


def _fold(s: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", s.lower()).split())


def _merge_sections(spans: list[tuple[int, int]], kinds: list[str]) -> tuple[Section, ...]:
    """Non-body paragraphs as sections; neighbours of one kind become one span."""
    out: list[Section] = []
    for (start, end), kind in zip(spans, kinds, strict=True):
        if kind == boilerplate.BODY:
            continue
        if out and out[-1].kind == kind and out[-1].end + 2 == start:
            out[-1] = Section(out[-1].start, end, kind)
        else:
            out.append(Section(start, end, kind))
    return tuple(out)


_UK_LETTERS = "іїєґІЇЄҐ"
_RU_LETTERS = "ыэъёЫЭЪЁ"
_LATIN_RUN = re.compile(r"[A-Za-z]+")
_CYRILLIC_RUN = re.compile("[\u0400-\u04ff]+")


def detect_language(text: str) -> str:
    """en, ru or uk by script, then by the letters only one of the two Cyrillic alphabets has."""
    sample = text[:50_000]
    latin = sum(map(len, _LATIN_RUN.findall(sample)))
    cyrillic = sum(map(len, _CYRILLIC_RUN.findall(sample)))
    if cyrillic <= latin:
        return "en"
    uk = sum(map(sample.count, _UK_LETTERS))
    ru = sum(map(sample.count, _RU_LETTERS))
    return "uk" if uk > ru else "ru"
