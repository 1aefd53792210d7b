"""Word tokens with character offsets, for Latin and Cyrillic news prose.

One regular-expression scan (linear time). Words keep internal apostrophes and hyphens
("Kam'ianske", "Мар’їнка", "Rostov-on-Don"); an English possessive "'s" is split off and
remembered on the token, because "Moscow's army" and "Kyiv's centre" read differently.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_APOS = "'’ʼ`"
_TOKEN_RE = re.compile(
    r"(?P<w>[^\W\d_](?:[^\W\d_]|[" + _APOS + r"](?=[^\W\d_])|[-‐‑](?=[^\W\d_]))*)"
    r"|(?P<n>\d+(?:[.,]\d+)*)"
    r"|(?P<p>[^\w\s])"
)
_POSSESSIVES = frozenset(a + "s" for a in _APOS)


class Token(NamedTuple):
    """One word, number or punctuation mark. Immutable; a NamedTuple because articles have many tokens
    and a frozen dataclass costs three times as much to build. Flags are computed once."""

    text: str
    start: int
    end: int
    kind: str  # "w" word | "n" number | "p" punctuation
    possessive: bool = False  # an English "'s" followed the word (not included in text/end)
    lower: str = ""  # the text lowercased
    is_word: bool = False
    is_cap: bool = False  # a word starting with a capital (title case, all capitals, capitalised compound)

    @property
    def is_upper(self) -> bool:
        return self.is_word and len(self.text) > 1 and self.text.isupper()

    @property
    def is_cyrillic(self) -> bool:
        return "\u0400" <= self.text[0] <= "\u04ff"


def tokenize(text: str) -> list[Token]:
    """All tokens of `text`, in order."""
    out: list[Token] = []
    append = out.append
    new = tuple.__new__  # skips NamedTuple's argument checks: this loop runs for every token
    for m in _TOKEN_RE.finditer(text):
        word = m.group()
        s = m.start()
        first = word[0]
        if not first.isalpha():
            append(
                new(
                    Token,
                    (word, s, s + len(word), "n" if first.isdigit() else "p", False, word, False, False),
                )
            )
        elif word[-2:] in _POSSESSIVES and len(word) > 2 and first < "\u0400":
            stem = word[:-2]
            append(new(Token, (stem, s, s + len(stem), "w", True, stem.lower(), True, first.isupper())))
        else:
            append(new(Token, (word, s, s + len(word), "w", False, word.lower(), True, first.isupper())))
    return out


def only_space_between(text: str, a: Token, b: Token) -> bool:
    """True when nothing but spaces (no line break, no punctuation) separates two adjacent tokens."""
    gap = text[a.end + (2 if a.possessive else 0) : b.start]
    return 0 < len(gap) <= 3 and gap.strip(" \t\u00a0") == ""
