"""Publication dates stated in articles: labelled lines ("Published ...") and datelines.

Dates inside the story ("on September 20, 2023") are event dates, not the publication date, so only a
labelled date anywhere or a dateline at the head of the article counts. All patterns are bounded
(no nested quantifiers), so a scan is linear in the text's length.
"""

from __future__ import annotations

import datetime as dt
import re

_EN = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_RU_FORMS = {
    "января": 1, "январь": 1, "февраля": 2, "февраль": 2, "марта": 3, "март": 3, "апреля": 4, "апрель": 4,
    "мая": 5, "май": 5, "июня": 6, "июнь": 6, "июля": 7, "июль": 7, "августа": 8, "август": 8,
    "сентября": 9, "сентябрь": 9, "октября": 10, "октябрь": 10, "ноября": 11, "ноябрь": 11,
    "декабря": 12, "декабрь": 12,
}  # fmt: skip
_UK_FORMS = {
    "січня": 1, "січень": 1, "лютого": 2, "лютий": 2, "березня": 3, "березень": 3, "квітня": 4, "квітень": 4,
    "травня": 5, "травень": 5, "червня": 6, "червень": 6, "липня": 7, "липень": 7, "серпня": 8, "серпень": 8,
    "вересня": 9, "вересень": 9, "жовтня": 10, "жовтень": 10, "листопада": 11, "листопад": 11,
    "грудня": 12, "грудень": 12,
}  # fmt: skip
MONTHS: dict[str, int] = {**_EN, **_RU_FORMS, **_UK_FORMS}

_MONTH = r"(?P<mon>[A-Za-zА-Яа-яІіЇїЄєҐґ]{3,10})\.?"
_DAY = r"(?P<day>[0-3]?\d)"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_PATTERNS = (
    re.compile(rf"\b{_YEAR}-(?P<mnum>[01]?\d)-{_DAY}\b"),
    re.compile(rf"\b{_DAY}\.(?P<mnum>[01]?\d)\.{_YEAR}\b"),
    re.compile(rf"\b{_MONTH} {_DAY}(?:st|nd|rd|th)?,? {_YEAR}\b"),
    re.compile(rf"\b{_DAY} {_MONTH},? {_YEAR}\b"),
)
_LABEL = re.compile(
    r"(?im)^[ \t]*(?:published|updated|posted|date|first published|опубликовано|обновлено|опубліковано|"
    r"оновлено|дата публікації|дата публикации|дата)\b[^\n]{0,40}"
)
_PLACE_WORDS = r"[^\s,]{2,30}(?:[ -][^\s,]{1,30}){0,3}"
_DATELINE_PLACE = re.compile(rf"^{_PLACE_WORDS}(?:,\s*{_PLACE_WORDS})?,\s*$")  # "KHARKIV, Ukraine, "


def find_dates(text: str) -> list[tuple[int, int, str]]:
    """Every full date (day, month, year) written in `text`: (start, end, ISO date), in order."""
    found: dict[int, tuple[int, int, str]] = {}
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            iso = _to_iso(m)
            if iso and m.start() not in found:
                found[m.start()] = (m.start(), m.end(), iso)
    return [found[k] for k in sorted(found)]


def _to_iso(m: re.Match) -> str | None:
    groups = m.groupdict()
    if groups.get("mnum"):
        month = int(groups["mnum"])
    else:
        month = MONTHS.get(groups["mon"].lower(), 0)
    try:
        return dt.date(int(groups["year"]), month, int(groups["day"])).isoformat()
    except ValueError:
        return None


def publication_date(
    text: str, paragraphs: list[tuple[int, int]], *, skip: set[int] = frozenset()
) -> str | None:
    """The stated publication date: a labelled date anywhere, else a dateline in the first paragraphs.

    `paragraphs` are (start, end) offsets; indexes in `skip` (captions, adverts) are not considered.
    """
    for m in _LABEL.finditer(text):
        line_end = text.find("\n", m.start())
        line = text[m.start() : line_end if line_end >= 0 else len(text)]
        dates = find_dates(line[:120])
        if dates:
            return dates[0][2]
    seen = 0
    for index, (start, end) in enumerate(paragraphs):
        if index in skip:
            continue
        seen += 1
        if seen > 3:
            break
        para = text[start:end]
        for d_start, d_end, iso in find_dates(para[:200]):
            if len(para) <= 120:
                return iso  # a line of its own: "22 December 2024, 14:05" or "By A. Writer | Dec. 22, 2024"
            before, after = para[:d_start], para[d_end:].lstrip()
            if (not before.strip() or _DATELINE_PLACE.match(before)) and after[:1] in (
                "—",
                "–",
                "-",
                "(",
                "|",
                ":",
            ):
                return iso  # "KHARKIV, Dec. 22, 2024 — ..."
    return None
