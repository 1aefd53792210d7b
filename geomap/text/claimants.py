"""Who claims a reported event: "the defense ministry said" -> "Russian defence ministry".

The source is found in the sentence (English, Russian, Ukrainian patterns). Its side comes from the
phrase itself ("Russia's defence ministry", "Генштаб ВСУ"), else from the nearest earlier statement in
the article that names a side as making claims ("Russia claimed fresh advances"), else from the
framing of a capture as "liberated", which is the Russian side's word.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_SIDE_RU = r"(?:russian|russia'?s|russia’s)"
_SIDE_UA = r"(?:ukrainian|ukraine'?s|ukraine’s)"

# (regex, canonical body, side forced by the phrase or None)
_SOURCES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p, re.I), body)
    for p, body in (
        (
            r"\b(?:defen[cs]e\s+ministry|ministry\s+of\s+defen[cs]e|defen[cs]e\s+ministries)\b",
            "defence ministry",
        ),
        (r"\bgeneral\s+staff\b", "General Staff"),
        (r"\bair\s+force\b", "air force"),
        (r"\b(?:armed\s+forces|military|army)\b", "military"),
        (r"\b(?:regional\s+)?governor\b", "regional governor"),
        (r"\b(?:officials|authorities)\b", "officials"),
        (r"\bkremlin\b", "Kremlin"),
        (r"(?:минобороны|министерств\w*\s+обороны|мо\s+рф)", "defence ministry"),
        (r"(?:міноборони|міністерств\w*\s+оборони)", "defence ministry"),
        (r"(?:генштаб\w*|генеральн\w+\s+штаб\w*)", "General Staff"),
        (r"(?:повітрян\w+\s+сил\w*|вкс\b|воздушно-космическ\w+\s+сил\w*)", "air force"),
        (r"(?:губернатор\w*|глава\s+области|голова\s+ова|начальник\s+ова)", "regional governor"),
    )
)
_ATTRIBUTION = re.compile(
    r"\b(?:said|says|claimed|claims|reported|reports|announced|stated|according\s+to|told|wrote)\b"
    r"|(?:заяв|сообщ|повідом|утвержда|стверджу|по\s+данным|за\s+даними|сказ)",
    re.I,
)
_SIDE_IN_PHRASE = (
    (re.compile(r"\b" + _SIDE_RU + r"\b|росси|рф\b|росії|кремл", re.I), "Russian"),
    (re.compile(r"\b" + _SIDE_UA + r"\b|украин|україн|всу\b|зсу\b", re.I), "Ukrainian"),
)
_SIDE_CLAIMS = re.compile(
    r"\b(Russia|Moscow|Ukraine|Kyiv|Kiev)\s+(?:has\s+|had\s+)?(?:claimed|claims|said|says|reported|announced)\b"
    r"|\b(Россия|Москва|Украина|Киев|Росія|Москва|Україна|Київ)\s+(?:заяв|сообщ|повідом)",
)
_SIDE_AFTER = re.compile(
    r"\s*(?:of\s+)?(?:russia|ukraine|росси\w*|рф|росії|украин\w*|україн\w*|всу|зсу)\b", re.I
)
_LIBERATED = re.compile(r"liberat|освобо", re.I)
_SIDE_OF = {
    "russia": "Russian",
    "moscow": "Russian",
    "россия": "Russian",
    "москва": "Russian",
    "росія": "Russian",
    "ukraine": "Ukrainian",
    "kyiv": "Ukrainian",
    "kiev": "Ukrainian",
    "украина": "Ukrainian",
    "киев": "Ukrainian",
    "україна": "Ukrainian",
    "київ": "Ukrainian",
}


def claimant(text: str, sentences: Sequence[tuple[int, int]], index: int) -> str | None:
    """The claimant of events reported in sentence `index`, when the text attributes them."""
    s, e = sentences[index]
    sent = text[s:e]
    if not _ATTRIBUTION.search(sent):
        return None
    for pattern, body in _SOURCES:
        m = pattern.search(sent)
        if m is None:
            continue
        side = _side_before(sent[max(0, m.start() - 30) : m.start()]) or _side_after(
            sent[m.end() : m.end() + 16]
        )
        if side is None:
            side = _side_from_context(text, sentences, index)
        if side is None and _LIBERATED.search(sent):
            side = "Russian"
        return f"{side} {body}" if side and body != "Kremlin" else body
    m = _SIDE_CLAIMS.search(sent)
    if m is not None:  # "Moscow said", "Ukraine claimed": the government speaking as a country
        side = _SIDE_OF.get((m.group(1) or m.group(2)).lower())
        return f"{side} government" if side else None
    return None


def _side_before(window: str) -> str | None:
    """The side named last before the source ("Ukraine's General Staff")."""
    best: tuple[int, str] | None = None
    for pattern, side in _SIDE_IN_PHRASE:
        for m in pattern.finditer(window):
            if best is None or m.start() > best[0]:
                best = (m.start(), side)
    return best[1] if best else None


def _side_after(window: str) -> str | None:
    """A side right after the source ("Минобороны России", "Генштаб ЗСУ", "ministry of Russia")."""
    m = _SIDE_AFTER.match(window)
    if m is None:
        return None
    return _side_before(m.group(0))


def _side_from_context(text: str, sentences: Sequence[tuple[int, int]], index: int) -> str | None:
    for k in range(index, max(-1, index - 3), -1):
        s, e = sentences[k]
        found = list(_SIDE_CLAIMS.finditer(text[s:e]))
        if found:
            name = (found[-1].group(1) or found[-1].group(2)).lower()
            return _SIDE_OF.get(name)
    return None
