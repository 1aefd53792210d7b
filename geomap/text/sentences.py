"""Sentence boundaries with character offsets, for English, Russian and Ukrainian news prose.

A single left-to-right scan (linear time): a sentence ends at . ! ? or … (with any closing quotes or
brackets after it) when whitespace and a plausible sentence start follow, unless the word before the
full stop is a known abbreviation or an initial ("V. Putin", "В. Зеленский"). Paragraph breaks always
end a sentence, so headlines, captions and "Advertisement" lines stand alone.
"""

from __future__ import annotations

import re

_CANDIDATE = re.compile(r"([.!?…]+)[\"'”’»)\]›]*|\n")
_OPENERS = "\"'“‘«([‹—–-"

# Lowercased, without the final period. Words that often end a sentence (e.g. "Co", "Inc") are still listed:
# a false join costs less than splitting "Gen. Syrskyi" apart.
ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof rev st gen lt col maj capt sgt cpl pvt adm cmdr gov sen rep pres amb sec dept
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thurs fri sat sun
    no nos vs etc e.g i.e a.m p.m u.s u.k u.n e.u approx est fig ft jr sr inc ltd corp co bros mt
    г гг т.е т.д т.п т.к т.н им ул пос пгт обл р-н св тыс млн млрд км др пр ген ст ср см рис
    м смт вул ін тис див напр с.-г пл пров просп корп с д п х
    """.split()
)


def split_sentences(text: str) -> tuple[tuple[int, int], ...]:
    """Return (start, end) offsets of the sentences of `text`; whitespace between them is left out."""
    spans: list[tuple[int, int]] = []
    n = len(text)
    start = _skip_space(text, 0)
    for m in _CANDIDATE.finditer(text):
        i = m.start()
        if i < start:
            continue
        if text[i] == "\n":
            if i + 1 < n and _paragraph_break(text, i):
                _push(spans, text, start, i)
                start = _skip_space(text, i)
            continue
        end = m.end()
        nxt = _skip_space(text, end)
        if end < n and nxt > end and (nxt >= n or _starts_sentence(text[nxt])):
            if text[i] != "." or m.end(1) - i > 1 or not _abbreviation_before(text, i):
                _push(spans, text, start, end)
                start = nxt
    _push(spans, text, start, n)
    return tuple(spans)


def _paragraph_break(text: str, i: int) -> bool:
    """A newline ends a sentence at a blank line, or when the next line does not continue in lowercase."""
    j = i + 1
    while j < len(text) and text[j] in " \t\r":
        j += 1
    if j < len(text) and text[j] == "\n":
        return True
    # A single newline: hard line wraps inside a sentence continue with lowercase; new lines start otherwise.
    return j < len(text) and not text[j].islower()


_SPACE_RUN = re.compile(r"\s*")


def _skip_space(text: str, i: int) -> int:
    return _SPACE_RUN.match(text, i).end()


def _starts_sentence(ch: str) -> bool:
    return ch.isupper() or ch.isdigit() or ch in _OPENERS


def _abbreviation_before(text: str, dot: int) -> bool:
    j = dot
    while j > 0 and not text[j - 1].isspace() and text[j - 1] not in _OPENERS:
        j -= 1
    word = text[j:dot]
    if not word:
        return False
    if len(word) == 1 and word.isalpha() and word.isupper():
        return True  # an initial: "V. Putin"
    return word.lower() in ABBREVIATIONS


def _push(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))
