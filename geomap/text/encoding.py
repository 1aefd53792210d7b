"""Bytes to text: BOMs, UTF-8, UTF-16, and the Cyrillic single-byte encodings news archives still use.

Generic detectors are unreliable between Windows-1251 and KOI8-R on short Russian or Ukrainian texts,
because both map the same byte range to Cyrillic letters. The two differ in one robust way: each one's
lowercase letters are the other's uppercase letters. Real prose is mostly lowercase, so the reading with
the higher share of lowercase Cyrillic letters is the right one. charset-normalizer handles the rest.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from geomap.errors import InputError

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_SAMPLE = 256 * 1024  # bytes examined when guessing; decoding then covers the whole input
_UKRAINIAN_ONLY = re.compile("[іїєґІЇЄҐ]")
_HIGH = bytes(range(0x80, 0x100))
_CYRILLIC = re.compile("[\u0400-\u04ff]+")
_CYRILLIC_LOWER = re.compile("[\u0430-\u045f\u0491]+")
_HIGH_RUN = re.compile(rb"[\x80-\xff]+")
_MIXED = re.compile(rb"[A-Za-z][\x80-\xff]|[\x80-\xff][A-Za-z]")


@dataclass(frozen=True, slots=True)
class Decoded:
    """Text and the encoding it was read with."""

    text: str
    encoding: str


def decode(data: bytes, *, name: str = "input") -> Decoded:
    """Decode bytes of unknown encoding, or raise InputError for empty or binary input."""
    result = _decode(data, name)
    if _control_share(result.text) > 0.05:
        raise InputError(f"{name} looks like a binary file, not an article")
    return result


def _decode(data: bytes, name: str) -> Decoded:
    if not data.strip():
        raise InputError(f"{name} is empty")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return Decoded(_strict(data[len(bom) :], enc, name), enc.replace("-sig", "") + " (BOM)")
    declared = _declared_charset(data)
    if declared:
        try:
            return Decoded(data.decode(declared), declared)
        except (UnicodeDecodeError, LookupError):
            pass  # the page lies about its encoding: guess instead
    utf16 = _utf16_without_bom(data)
    if utf16:
        return Decoded(_strict(data, utf16, name), utf16)
    if b"\x00" in data[:_SAMPLE]:
        raise InputError(f"{name} looks like a binary file (it contains NUL bytes), not an article")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    if bad <= max(3, len(data) // 2000) and len(text) - len(text.encode("ascii", "ignore")) - bad >= 10 * bad:
        # a cut-off or slightly damaged UTF-8 file: many valid multi-byte letters, a few broken ones
        return Decoded(text, "utf-8 (with invalid bytes replaced)")
    cyrillic = _cyrillic_single_byte(data)
    if cyrillic:
        return Decoded(data.decode(cyrillic, errors="replace"), _koi8_name(data, cyrillic))
    try:
        # Not UTF-8, not Cyrillic: for English, Russian and Ukrainian news that is Windows-1252 English.
        return Decoded(data.decode("cp1252"), "cp1252")
    except UnicodeDecodeError:
        return _fallback(data, name)


_META_CHARSET = re.compile(rb"(?i)<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([a-z0-9_-]{2,30})")


def _declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a <meta> tag, normalised to a Python codec name."""
    head = data[:4096]
    if b"<" not in head:
        return None
    m = _META_CHARSET.search(head)
    if not m:
        return None
    try:
        name = codecs.lookup(m.group(1).decode("ascii")).name
    except LookupError:
        return None
    # a <meta> read as ASCII cannot honestly declare these; UTF-7 is a known XSS vector (WHATWG ignores it)
    return None if name in _UNDECLARABLE else name


_UNDECLARABLE = {"utf-7", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"}


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(f"{name} is not valid {encoding} text (byte {exc.start})") from exc
    if not text.strip():
        raise InputError(f"{name} is empty")
    return text


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text of Latin or Cyrillic script has NUL or 0x04 in every other byte."""
    sample = data[: min(len(data), 4096) // 2 * 2]
    if len(sample) < 8:
        return None
    even, odd = sample[0::2], sample[1::2]
    for high, enc in ((odd, "utf-16-le"), (even, "utf-16-be")):
        share = (high.count(0) + high.count(4)) / len(high)
        if share > 0.9:
            return enc
    return None


def _cyrillic_single_byte(data: bytes) -> str | None:
    """Pick cp1251 or KOI8 when most non-ASCII bytes are letters in both; None when it is not Cyrillic."""
    sample = data[: _SAMPLE // 4]
    high = len(sample) - len(sample.translate(None, _HIGH))
    # Cyrillic words are runs of high bytes; accented Latin letters ("café") stand alone in ASCII words.
    runs = _HIGH_RUN.findall(sample)
    paired = sum(len(run) - 1 for run in runs)
    if high < 3 or paired < 0.5 * high:
        return None
    if len(_MIXED.findall(sample)) > 0.2 * len(runs):
        return None  # high bytes inside Latin words: Polish, Czech or German, not Cyrillic
    best, best_score = None, -1.0
    for enc in ("cp1251", "koi8-u"):
        text = sample.decode(enc, errors="replace")
        cyr = sum(map(len, _CYRILLIC.findall(text)))
        if cyr < 0.6 * high:
            continue  # this reading turns letters into punctuation or box drawing
        lower = sum(map(len, _CYRILLIC_LOWER.findall(text))) / cyr
        if lower > best_score:
            best, best_score = enc, lower
    return best if best_score >= 0.5 else None


def _koi8_name(data: bytes, enc: str) -> str:
    if enc != "koi8-u":
        return enc
    text = data[:_SAMPLE].decode("koi8-u", errors="replace")
    return "koi8-u" if _UKRAINIAN_ONLY.search(text) else "koi8-r"


def _fallback(data: bytes, name: str) -> Decoded:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:_SAMPLE]).best()
    if best is None:
        raise InputError(f"{name} is not text in any encoding geomap can read (binary file?)")
    enc = best.encoding
    try:
        text = data.decode(enc)
    except (UnicodeDecodeError, LookupError):
        text = data.decode(enc, errors="replace")
    return Decoded(text, enc)


_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f\ufffd]")


def _control_share(text: str) -> float:
    sample = text[:20000]
    if not sample:
        return 1.0
    return len(_CONTROL.findall(sample)) / len(sample)
