"""Numbers as reporters write them, in English, Russian and Ukrainian: digits and words.

Digits: "1,000", "1 000" (also with no-break or thin spaces), "1.5", "1,5" (a decimal comma when fewer than
three digits follow), "1.5 thousand", "1,5 тыс.". Words: "a dozen", "two hundred", "twenty-five",
"тысяча", "двісті п'ятдесят". Vague quantities ("dozens of", "hundreds of", "десятки") are ranges.
Each parsed number keeps its significant figures, because rounding tells how precise the writer was.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SPACE = "[ \u00a0\u202f\u2009]"
DIGITS = (
    rf"\d{{1,3}}(?:,\d{{3}}){{1,4}}(?:\.\d{{1,3}})?|\d{{1,3}}(?:{SPACE}\d{{3}}){{1,3}}(?:[.,]\d{{1,3}})?"
    rf"|\d{{1,7}}(?:[.,]\d{{1,3}})?"
)  # bounded repeats: a long run of digits and spaces is never rescanned from every position


@dataclass(frozen=True, slots=True)
class Number:
    """A parsed quantity: value, or an interval for vague words; sig = significant figures (0: vague)."""

    value: float
    sig: int
    low: float | None = None  # set for vague quantities ("dozens of")
    high: float | None = None


def _sig_figs(digits: str) -> int:
    """Significant figures of a digit string as written: "1000" -> 1, "1023" -> 4, "12.5" -> 3."""
    if "." in digits:
        return max(1, len(digits.replace(".", "").lstrip("0")))
    core = digits.lstrip("0").rstrip("0")
    return max(1, len(core))


def parse_digits(text: str, multiplier: str | None = None) -> Number:
    """A digit string (with grouping and decimal separators) and an optional word multiplier."""
    s = re.sub(SPACE, "", text.strip())
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", s):
        s = s.replace(",", "")
    else:
        s = s.replace(",", ".")
    value = float(s)
    sig = _sig_figs(s)
    if multiplier:
        factor = MULTIPLIERS[multiplier.lower().rstrip(".")]
        value *= factor
    return Number(value, sig)


_EN_UNITS = {
    "zero": 0, "one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "dozen": 12, "half": 0.5, "couple": 2,
}  # fmt: skip

_SLAVIC_EXACT = {
    "один": 1, "одна": 1, "одну": 1, "одного": 1, "одной": 1, "однієї": 1, "два": 2, "две": 2, "дві": 2,
    "двух": 2, "двох": 2, "три": 3, "трех": 3, "трёх": 3, "трьох": 3, "четыре": 4, "четырех": 4,
    "чотири": 4, "чотирьох": 4, "пять": 5, "пяти": 5, "п'ять": 5, "п'яти": 5, "пʼять": 5, "шесть": 6,
    "шести": 6, "шість": 6, "семь": 7, "семи": 7, "сім": 7, "восемь": 8, "восьми": 8,
    "вісім": 8, "девять": 9, "девяти": 9, "дев'ять": 9, "дев'яти": 9, "десять": 10,
    "десяти": 10, "одиннадцать": 11, "одинадцять": 11, "двенадцать": 12, "дванадцять": 12,
    "пятнадцать": 15, "п'ятнадцять": 15, "пятнадцати": 15, "п'ятнадцяти": 15, "двадцать": 20,
    "двадцати": 20, "двадцять": 20, "двадцяти": 20, "тридцать": 30, "тридцати": 30, "тридцять": 30,
    "тридцяти": 30, "сорок": 40, "сорока": 40, "пятьдесят": 50, "пятидесяти": 50, "п'ятдесят": 50,
    "п'ятдесяти": 50, "шестьдесят": 60, "шістдесят": 60, "семьдесят": 70, "сімдесят": 70,
    "восемьдесят": 80, "вісімдесят": 80, "девяносто": 90, "дев'яносто": 90, "сто": 100, "ста": 100,
    "двести": 200, "двухсот": 200, "двісті": 200, "двохсот": 200, "триста": 300, "трехсот": 300,
    "трьохсот": 300, "четыреста": 400, "чотириста": 400, "пятьсот": 500, "пятисот": 500,
    "п'ятсот": 500, "п'ятисот": 500, "шестьсот": 600, "шістсот": 600, "семьсот": 700, "сімсот": 700,
    "двухстах": 200, "двохстах": 200, "трехстах": 300, "трьохстах": 300, "пятистах": 500,
    "п'ятистах": 500, "восемьсот": 800,
    "вісімсот": 800, "девятьсот": 900, "дев'ятсот": 900, "полтора": 1.5,
    "полторы": 1.5, "полутора": 1.5, "півтора": 1.5, "півтори": 1.5, "дюжину": 12, "дюжина": 12,
    "десяток": 10,
    "десятка": 10, "сотню": 100, "сотня": 100, "сотні": 100, "сотни": 100,
}  # fmt: skip

MULTIPLIERS = {
    "hundred": 100, "thousand": 1000, "тыс": 1000, "тис": 1000, "тысяча": 1000, "тысячи": 1000,
    "тысяч": 1000, "тысячу": 1000, "тисяча": 1000, "тисячі": 1000, "тисяч": 1000, "тисячу": 1000,
    "сотен": 100, "сотень": 100, "сотни": 100, "сотні": 100, "тысяче": 1000, "тысячей": 1000,
    "тисячею": 1000, "тисячах": 1000, "тысячах": 1000,
}  # fmt: skip

# vague quantities: the interval a reader would accept for them
VAGUE = {
    "a few": (2, 5), "a couple of": (2, 3), "several": (3, 9), "tens of": (20, 99), "dozens of": (20, 99),
    "scores of": (40, 199), "hundreds of": (200, 999), "thousands of": (2000, 9999),
    "несколько": (2, 9), "кілька": (2, 9), "декілька": (2, 9), "десятки": (20, 99), "десятків": (20, 99),
    "десятков": (20, 99), "десятках": (20, 99), "сотни": (200, 999), "сотнях": (200, 999),
    "сотні": (200, 999), "сотень": (200, 999), "сотен": (200, 999), "тысячи": (2000, 9999),
    "тисячі": (2000, 9999), "тисяч": (2000, 9999), "тысяч": (2000, 9999),
}  # fmt: skip

_EN_WORD = (
    r"(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|"
    r"thousand|dozen|half|couple|and|an?)"
)
EN_WORDS = rf"\b{_EN_WORD}(?:[ \-]+(?:of[ ]+)?{_EN_WORD}){{0,6}}\b"

_SL_ALT = "|".join(
    sorted({re.escape(w) for w in list(_SLAVIC_EXACT) + list(MULTIPLIERS)}, key=len, reverse=True)
)
SLAVIC_WORDS = rf"(?<![\w'ʼ])(?:{_SL_ALT})(?:\s+(?:{_SL_ALT})){{0,4}}(?![\w'ʼ])"


def parse_english_words(text: str) -> Number | None:
    """ "two hundred" 200, "a dozen" 12, "twenty-five" 25, "a thousand" 1000, "half a" 0.5; None if none."""
    words = [w for w in re.split(r"[ \-]+", text.lower().strip()) if w and w not in ("and", "of")]
    if not words or all(w in ("a", "an") for w in words):
        return None
    total, current, seen = 0.0, 0.0, False
    for w in words:
        if w in ("a", "an"):
            current = current or 1
            continue
        if w == "hundred":
            current = (current or 1) * 100
        elif w == "thousand":
            total += (current or 1) * 1000
            current = 0
        elif w == "dozen":
            current = (current or 1) * 12
        elif w == "half":
            current = 0.5 if current in (0, 1) else current + 0.5
        elif w in _EN_UNITS:
            current += _EN_UNITS[w]
        else:
            return None
        seen = True
    return _word_number(total + current) if seen else None


def _word_number(value: float) -> Number:
    """A number written in words: whole numbers keep their significant figures, fractions count as two."""
    return Number(value, _sig_figs(str(int(value))) if value >= 1 and value == int(value) else 2)


def parse_slavic_words(text: str) -> Number | None:
    """Russian/Ukrainian number words: "двести", "тысячу", "двісті п'ятдесят", "полтори тисячі"."""
    words = text.lower().replace("ʼ", "'").split()
    total, current, seen = 0.0, 0.0, False
    for w in words:
        if w in MULTIPLIERS:
            factor = MULTIPLIERS[w]
            if factor >= 1000:
                total += (current or 1) * factor
                current = 0
            else:
                current = (current or 1) * factor
        elif w in _SLAVIC_EXACT:
            current += _SLAVIC_EXACT[w]
        else:
            return None
        seen = True
    return _word_number(total + current) if seen else None


def vague(text: str) -> Number | None:
    """A vague quantity ("dozens of", "десятки") as an interval."""
    key = " ".join(text.lower().split())
    if key not in VAGUE:
        return None
    low, high = VAGUE[key]
    return Number((low + high) / 2, 0, float(low), float(high))
