"""Find distance statements in text: how far, how hedged, in which direction, measured to what.

A statement is a quantity with a length unit ("some 1,000 kilometers (620 miles)", "15-20 km", "a dozen
kilometres", "в 30 километрах", "за 30 км") tied by a relation word ("from", "of", "behind", "away",
"от", "від", "севернее") to a reference: the front line, a border, or a named place. Measures that are
not claims about where something is are left out on purpose, each for a reason a reader would give:

- ordinals and attributive lengths ("the 1,000th day", "a 30-km convoy", "a 40 km-long queue"): sizes of
  things, not positions;
- speeds and areas ("100 km/h", "20 square kilometres");
- weapon ranges ("a 5,000-km range missile", "дальностью 300 км"): what a weapon could reach says
  nothing about where anything is, so it cannot be checked against a map;
- movement ("advanced 5 km", "flew 1,000 km"): distance travelled, not distance between two places.

Everything here is pure: text in, `Statement` records out. Resolving the ends and judging them is
done by geomap.claims.targets and geomap.claims.verdict.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from geomap.claims.numbers import (
    DIGITS,
    EN_WORDS,
    SLAVIC_WORDS,
    VAGUE,
    Number,
    parse_digits,
    parse_english_words,
    parse_slavic_words,
    vague,
)
from geomap.countries import BORDER_OWNER_PATTERNS as _OWNERS  # how "the Russian border" names its owner

_CONTEXT = 160  # characters of context read on each side of a figure
KM_PER_UNIT = {"km": 1.0, "mi": 1.609344, "nmi": 1.852, "m": 0.001}

_MULT = r"(?:[ \u00a0]?(?:thousand|тыс\.?|тис\.?|тысяч[аиу]?|тисяч[аіу]?)(?![\w]))"
_NUM = rf"(?:{DIGITS})(?:-(?:ти|х|и|ми|ть))?{_MULT}?"
_VAGUE = "|".join(sorted((re.escape(k) for k in VAGUE), key=len, reverse=True))
_AMOUNT = rf"(?:{_NUM}|(?<![\w'])(?:{_VAGUE})(?![\w'])|{EN_WORDS}|{SLAVIC_WORDS})"

_UNIT = (
    r"(?P<unit>nautical\s+miles?|nmi|kilomet(?:er|re)s?|kms?|miles?|mi\b|met(?:er|re)s?|m"
    r"|км|километр(?:ами|ах|ам|ов|ом|а|у|ы)?|кілометр(?:ами|ах|ам|ів|ом|а|у|и|і)?"
    r"|морск\w*\s+мил\w*|морськ\w*\s+мил\w*|мил(?:ями|ях|ь|и|я|ю|і)"
    r"|метр(?:ами|ах|ам|ов|ів|ом|а|у|и)?|м)(?![\w])"
)

# where a quantity may end: a unit word, or a one-letter unit right after a digit ("500 m", "5м")
_UNIT_HIT = re.compile(
    r"(?<![^\W\d_])(?:nautical\s+miles?|nmi|kilomet(?:er|re)s?|kms?|miles?|met(?:er|re)s?|км|километр\w*"
    r"|кілометр\w*|морск\w*\s+мил\w*|морськ\w*\s+мил\w*|мил\w*|метр\w*)(?![\w])"
    r"|\d[\s-]{0,2}(?:mi|m|м)(?![\w])",
    re.IGNORECASE,
)
QUANTITY = re.compile(
    rf"(?:(?P<between>between|между|між)\s+)?(?P<a>{_AMOUNT})"
    rf"(?:\s*(?P<sep>-|–|—|to|or|and|до|и|і|або|или)\s*(?P<b>{_AMOUNT}))?"
    rf"(?P<hyphen>\s*-\s*|\s+)?{_UNIT}",
    re.IGNORECASE,
)

_HEDGES = (
    ("about", r"some|about|around|roughly|approximately|approx\.?|circa|an estimated|estimated|"
     r"около|примерно|приблизительно|порядка|где-то|приблизно|близько|орієнтовно|десь"),
    ("almost", r"nearly|almost|close to|just under|почти|чуть меньше|майже|трохи менше"),
    ("more_than", r"more than|over|at least|upwards of|in excess of|just over|well over|"
     r"более чем|более|больше чем|больше|свыше|не менее чем|не менее|как минимум|по меньшей мере|"
     r"минимум|понад|більш ніж|більше ніж|більше|щонайменше|не менше ніж|не менше|принаймні|мінімум"),
    ("less_than", r"less than|under|fewer than|no more than|up to|at most|менее чем|менее|меньше чем|"
     r"меньше|не более чем|не более|не далее чем|не далее|до|менш ніж|менше ніж|менше|не більше ніж|"
     r"не більше|не далі ніж|не далі"),
    ("within", r"within|in a radius of|within a radius of|в пределах|в радиусе|в межах|в радіусі|"
     r"у межах|у радіусі"),
    ("exact", r"just|only|всего лишь|всего|лишь|только|лише|всього|усього|тільки|лиш"),  # emphasis, no hedge
)  # fmt: skip
_PREP = r"(?:(?:at\s+)?a\s+distance\s+of|на\s+расстоянии|на\s+відстані|в|во|у|за|at)"
_LEFT = re.compile(
    rf"(?:(?P<q1>{'|'.join(f'(?P<{n}1>{p})' for n, p in _HEDGES)})\s+)?"
    rf"(?:{_PREP}\s+)?(?:(?P<q2>{'|'.join(f'(?P<{n}2>{p})' for n, p in _HEDGES)})\s+)?"
    rf"(?:{_PREP}\s+)?(?:от|від|from)?\s*\Z",
    re.IGNORECASE,
)

_DIR_EN = r"(?:north|south|east|west)(?:[- ]?(?:north|south|east|west)){0,2}"
_DIR_RU = (
    r"(?:северо-|юго-)?(?:север|юг|восток|запад)[а-яё]*|(?:северо|юго)-(?:восточн|западн)[а-яё]*"
    r"|(?:північно|південно)-(?:східн|західн)[а-яіїє]*|(?:північ|південь|схід|захід)|"
    r"(?:північн|південн|східн|західн)[а-яіїє]*(?:\s+(?:схід|захід|сході|заході))?"
)
_RIGHT = re.compile(
    rf"^(?P<away>\s+away)?"
    rf"(?:\s+(?:to\s+the\s+)?(?P<dir_en>{_DIR_EN})(?:ern)?(?:\s+(?P<rel_of>of|from)\b))?"
    rf"(?:\s+(?:к|на|у|в)\s+(?P<dir_sl>{_DIR_RU})\s+(?P<rel_ot>от|від|од)(?![\w]))?"
    rf"(?:\s+(?P<dir_cmp>(?:северо-|юго-|північно-|південно-)?(?:севернее|южнее|восточнее|западнее|"
    rf"північніше|південніше|східніше|західніше))(?![\w]))?"
    rf"(?:\s+(?P<via>upriver|downriver|upstream|downstream|inland|offshore|as\s+the\s+crow\s+flies|"
    rf"across\s+the\s+(?:river|reservoir|bay|lake|estuary|strait|sea|water|border|front\s+line)|"
    rf"(?:вверх|вниз)\s+по\s+(?:течению|течії)|по\s+прямой|по\s+прямій|через\s+(?:реку|річку|водохранилище|водосховище)))?"
    rf"(?:\s+(?P<rel>from|away\s+from|off|of|behind|beyond|inside|into|outside|short\s+of|to|"
    rf"вглубь|вглиб|углиб|от|від|од|до|за|позади|в\s+тылу|в\s+тилу|в\s+глубине|в\s+глибині|"
    rf"на\s+территории|на\s+території)(?![\w]))?",
    re.IGNORECASE,
)

_CONVERSION = re.compile(
    rf"^\s*(?:\(\s*|,?\s*(?:or|или|або|чи)\s+)(?:about|some|around|roughly|nearly|almost|over|more than|"
    rf"около|примерно|приблизно|близько|почти|майже)?\s*(?P<a>{_NUM})(?:\s*[-–]\s*(?P<b>{_NUM}))?"
    rf"(?:\s*-\s*|\s+){_UNIT}\s*\)?,?",
    re.IGNORECASE,
)

# contexts that make a measure something other than a position claim
_NOT_AFTER = re.compile(
    r"^(?:\s*/\s*(?:h|hr|hour|ч|час|год)\b|\s+(?:per|an|a|в|на)\s+(?:hour|час|годину)\b|\s*²|2\b"
    r"|\s*-?\s*(?:long|wide|deep|high|tall|range|ranged|radius|length|width|stretch|strip|line)\b"
    r"|-(?:long|wide|deep|high|range)\b)",
    re.IGNORECASE,
)
_NOT_BEFORE = re.compile(
    r"(?:\b(?:range|ranges|ranged|square|sq\.?|speed|speeds|length|lengths|long|stretch(?:es|ed|ing)?|"
    r"extend(?:s|ed|ing)?|span(?:s|ned|ning)?|advanc(?:e|ed|es|ing)|push(?:ed|es|ing)?|mov(?:e|ed|es|ing)|"
    r"drove|driv(?:e|es|ing)|walk(?:ed|s|ing)?|travell?(?:ed|ing|s)?|flew|fl(?:y|ies|ying)|march(?:ed)?|"
    r"deep|depth|gained|retreat(?:ed|s)?|withdr(?:ew|awn))\b"
    r"|дальн\w*|дальніст\w*|радиус\w* действия|радіус\w* дії|кв\.|квадратн\w*|протяж\w*|длин\w*|довжин\w*|"
    r"скорост\w*|швидкіст\w*|продвину\w*|просуну\w*|прошл\w*|пройшл\w*|пролет\w*|пролеті\w*|глубин\w*|"
    r"глибин\w*)[^\w,;]+(?:\w+[^\w,;]+){0,4}$",
    re.IGNORECASE,
)
_MONEY_BEFORE = re.compile(r"[$€£₴₽]\s*$")

FRONTLINE_WORDS = re.compile(
    r"^(?:the\s+)?(?:(?:current|present|nearest|closest|active)\s+)?(?:front[\s-]?lines?|"
    r"front(?![\s-]+(?:of|door|doors|gate|page|yard|entrance|row|porch|desk|wheel|seat)\b)|"
    r"line\s+of\s+contact|contact\s+line|battle\s?lines?|fighting|battlefield|combat\s+zone|war\s+zone|"
    r"zone\s+of\s+fighting|frontier|(?:russian|ukrainian|enemy|russia's|ukraine's)\s+(?:front\s+)?"
    r"(?:lines|positions|trenches))\b"
    r"|^(?:ближайш\w+\s+|найближч\w+\s+)?(?:лини\w*\s+(?:боевого\s+)?(?:фронта|соприкосновения)|фронт[ау]?|"
    r"передов\w+|зон[аыу]\s+боевых\s+действий|ліні\w*\s+(?:бойового\s+)?(?:фронту|зіткнення)|"
    r"зон[аиу]\s+бойових\s+дій|бо[её]в|боїв|лини\w*\s+разграничения|ліні\w*\s+розмежування|"
    r"(?:российск\w+|украинск\w+|вражеск\w+|російськ\w+|українськ\w+|ворож\w+)\s+позиц\w+|"
    r"позиц\w+\s+(?:ВСУ|ЗСУ|врага|ворога|противника|противника|россиян|росіян|оккупантов|окупантів))\b",
    re.IGNORECASE,
)
BORDER_WORDS = re.compile(
    r"\b(?:borders?|frontier|границ[аыеу]|госграниц[аыеу]|кордон[уі]?|держкордон[уі]?)\b", re.IGNORECASE
)
BACKREF = re.compile(
    r"^(?:the\s+)?(?:city|town|village|settlement|capital|port|base|airfield|plant|site|facility|"
    r"город\w*|міст[оау]|посел\w+|селищ\w+|сел[аоу]|деревн\w+|столиц\w+)\b",
    re.IGNORECASE,
)
_TARGET_END = re.compile(
    r"[,.;:!?()\[\]—–\"«»“”]|\s(?:and|but|where|which|while|when|after|as|и|і|та|але|но|где|де)\s"
)


@dataclass(frozen=True, slots=True)
class Statement:
    """One distance statement as written, before its ends are resolved."""

    text: str  # the statement, from its qualifier to the end of its reference phrase
    start: int
    end: int
    value: float  # central figure in `unit`
    low: float  # accepted interval in `unit` before tolerance (equal to value for a single figure)
    high: float
    unit: str  # km | mi | nmi | m
    sig: int  # significant figures of the figure as written (0: a vague quantity)
    qualifier: str  # exact | about | almost | more_than | less_than | within | range | vague
    direction: str | None = None  # compass word, as written
    relation: str | None = None  # from | of | behind | away | to | inside | ...
    target_kind: str | None = None  # frontline | frontier | border | place | backref | None
    target_text: str = ""
    target_start: int = 0
    target_end: int = 0
    border_owner: str | None = None  # ISO code named with the border ("the Russian border")
    border_partner: str | None = None  # "the border with Russia"
    conversion: tuple[float, float, str] | None = None  # (low, high, unit) of "(620 miles)"
    conversion_sig: int = 0
    sentence_start: int = 0
    number_start: int = 0

    @property
    def low_km(self) -> float:
        return self.low * KM_PER_UNIT[self.unit]

    @property
    def high_km(self) -> float:
        return self.high * KM_PER_UNIT[self.unit]

    @property
    def km(self) -> float:
        return self.value * KM_PER_UNIT[self.unit]


def unit_of(word: str) -> str:
    """Normalise a unit word to km | mi | nmi | m."""
    w = " ".join(word.lower().split())
    if w.startswith(("nautical", "морск", "морськ")) or w == "nmi":
        return "nmi"
    if w.startswith(("km", "kilomet", "км", "километр", "кілометр")):
        return "km"
    if w.startswith(("mi", "мил")):
        return "mi"
    return "m"


def amount(text: str) -> Number | None:
    """A quantity as written: digits, words or a vague word."""
    t = " ".join(text.split())
    m = re.fullmatch(rf"(?P<d>{DIGITS})(?:-(?:ти|х|и|ми|ть))?(?:[ \u00a0]?(?P<mult>\w+\.?))?", t)
    if m:
        mult = m.group("mult")
        try:
            return parse_digits(m.group("d"), mult.lower().rstrip(".") if mult else None)
        except (KeyError, ValueError):
            return None
    v = vague(t)
    if v is not None:
        return v
    if re.fullmatch(r"an?", t, re.IGNORECASE):
        return Number(1.0, 1)
    return parse_english_words(t) or parse_slavic_words(t)


def find_statements(text: str, sentences: Sequence[tuple[int, int]] | None = None) -> list[Statement]:
    """Every distance statement in `text`, left to right."""
    if sentences is None:
        from geomap.text.sentences import split_sentences

        sentences = split_sentences(text)
    out: list[Statement] = []
    taken_until = 0
    for s_start, s_end in sentences:
        sentence = text[s_start:s_end]
        for m in _quantities(sentence):
            if s_start + m.start() < taken_until:
                continue
            st = _statement(sentence, m, s_start)
            if st is not None:
                out.append(st)
                taken_until = st.end
    return out


def _quantities(sentence: str) -> Iterator[re.Match]:
    """Quantity matches, found by looking back from each unit word (units are rare, numbers are not)."""
    last_end = -1
    for hit in _UNIT_HIT.finditer(sentence):
        starts = [w.start() for w in _AMOUNT_START.finditer(sentence, max(0, hit.start() - 100), hit.end())]
        for pos in starts[-12:]:  # the leftmost start that reaches this unit gives the longest quantity
            m = QUANTITY.match(sentence, pos, hit.end())
            if m and m.end() == hit.end() and m.end() > last_end:
                last_end = m.end()
                yield m
                break


_AMOUNT_START = re.compile(r"(?<![^\W_])\w|(?<=\D)\d|^\d")
_WORD_START = re.compile(r"(?:^|(?<=[\s(\"«“]))[^\s(\"«“]")


def _qualifier(left: str) -> tuple[str, int]:
    """The hedge or bound written before the figure, and where the statement starts in `left`.

    Tried only at the starts of the last few words (leftmost first, so the longest phrase wins):
    a regular-expression search anchored at the end would retry at every character.
    """
    starts = [ws.start() for ws in _WORD_START.finditer(left, max(0, len(left) - 64))][-8:]
    for pos in starts:  # a qualifier and its prepositions span at most eight words
        m = _LEFT.match(left, pos)
        if not m:
            continue
        for name, _ in _HEDGES:
            if m.group(f"{name}1") or m.group(f"{name}2"):
                return name, m.start("q1") if m.group("q1") else m.start("q2")
        return "exact", pos + len(m.group(0)) - len(m.group(0).lstrip())
    return "exact", len(left)


def _statement(sentence: str, m: re.Match, offset: int) -> Statement | None:
    """The statement around quantity `m` of `sentence` (at `offset` in the text), or None when the
    measure is not a claim about where something is."""
    # bounded contexts keep the scan linear even in a huge unpunctuated "sentence"
    before = sentence[max(0, m.start() - _CONTEXT) : m.start()]
    after = sentence[m.end() : m.end() + _CONTEXT]
    if not _may_locate(m, before, after):
        return None
    fig = _figure(m, before)
    if fig is None:
        return None
    unit = unit_of(m.group("unit"))
    end = m.end()
    conversion, conv_sig, conv_len = _conversion(after)
    end += conv_len
    direction, relation, rel_len = _relation(sentence[end : end + _CONTEXT])
    end += rel_len
    rel = (relation or "").lower()
    if not _positional(unit, rel, direction, fig.qualifier):
        return None
    target_kind, t_start, t_end, owner, partner = None, end, end, None, None
    if relation and rel != "away":
        target_kind, t_start, t_end, owner, partner = _target(sentence, end, rel)
        if target_kind is None:
            return None  # "30 metres from the building", "10 km from the nearest hospital": not on a map
        end = max(end, t_end)
    return Statement(
        text=sentence[fig.start : end].strip(),
        start=offset + fig.start,
        end=offset + end,
        value=fig.value,
        low=fig.low,
        high=fig.high,
        unit=unit,
        sig=fig.sig,
        qualifier=fig.qualifier,
        direction=direction,
        relation=rel or None,
        target_kind=target_kind,
        target_text=sentence[t_start:t_end],
        target_start=offset + t_start,
        target_end=offset + t_end,
        border_owner=owner,
        border_partner=partner,
        conversion=conversion,
        conversion_sig=conv_sig,
        sentence_start=offset,
        number_start=offset + m.start("a"),
    )


def _may_locate(m: re.Match, before: str, after: str) -> bool:
    """Not a speed, area, size, weapon range, movement, sum of money, ordinal or attributive length."""
    if _NOT_AFTER.match(after) or _NOT_BEFORE.search(before[-72:]) or _MONEY_BEFORE.search(before):
        return False
    if re.search(r"\d(?:th|st|nd|rd)\b|-(?:й|го|м|я)\b", m.group(0)):
        return False
    return "-" not in (m.group("hyphen") or "")  # "a 30-km convoy": the size of a thing


class _Figure(NamedTuple):
    """The figure as written: its value and accepted interval (in its unit), hedge, and where it starts."""

    value: float
    low: float
    high: float
    sig: int
    qualifier: str
    start: int  # in the sentence: the qualifier's (or "between"'s) start


def _figure(m: re.Match, before: str) -> _Figure | None:
    """The quantity's value, range or vague span, with the hedge written before it; None for none."""
    a_text, b_text = m.group("a"), m.group("b")
    a = amount(a_text)
    if a is None:
        return None
    sep = (m.group("sep") or "").lower()
    b = amount(b_text) if b_text else None
    if b_text and (b is None or (sep in ("and", "и", "і") and not m.group("between"))):
        return None
    qualifier, q_start = _qualifier(before)
    q_start += m.start() - len(before)
    if b is not None:
        if b.value < a.value:
            return None
        low, high, value, sig, qualifier = (
            a.value,
            b.value,
            (a.value + b.value) / 2,
            min(a.sig, b.sig),
            "range",
        )
        if m.group("between"):
            q_start = m.start("between")
    elif a.low is not None and a.high is not None:
        low, high, value, sig = a.low, a.high, a.value, 0
        qualifier = "vague" if qualifier == "exact" else qualifier
    else:
        low = high = value = a.value
        sig = a.sig
    if value <= 0:
        return None
    if m.group("between"):
        q_start = min(q_start, m.start("between"))
    return _Figure(value, low, high, sig, qualifier, q_start)


def _conversion(after: str) -> tuple[tuple[float, float, str] | None, int, int]:
    """'(620 miles)' after the figure: (low, high, unit) or None, its significant figures, its length."""
    conv = _CONVERSION.match(after)
    if not conv:
        return None, 0, 0
    ca, cb = amount(conv.group("a")), amount(conv.group("b")) if conv.group("b") else None
    if ca is None:
        return None, 0, 0
    return (ca.value, (cb or ca).value, unit_of(conv.group("unit"))), ca.sig, conv.end()


def _relation(rest: str) -> tuple[str | None, str | None, int]:
    """The compass word and relation word after the figure ("north of", "away", "от"), and their length."""
    r = _RIGHT.match(rest)
    if not r:
        return None, None, 0
    direction = r.group("dir_en") or r.group("dir_sl") or r.group("dir_cmp")
    relation = r.group("rel") or r.group("rel_of") or r.group("rel_ot")
    if direction and not relation:
        relation = "of"
    if r.group("away") and not relation:
        relation = "away"
    return direction, relation, r.end()


def _positional(unit: str, rel: str, direction: str | None, qualifier: str) -> bool:
    """Whether the words around the figure make it a distance between places."""
    if unit == "m" and not rel:
        return False  # a bare "5 m" is as likely money or millions as metres
    if rel == "of" and not direction and qualifier not in ("within", "less_than"):
        return False  # "30 km of trenches"
    return bool(rel) or qualifier == "within"


def _owner(text: str) -> str | None:
    for code, pattern in _OWNERS:
        if re.search(rf"(?<!\w)(?:{pattern})(?!\w)", text, re.IGNORECASE):
            return code
    return None


def _target(sentence: str, pos: int, rel: str) -> tuple[str | None, int, int, str | None, str | None]:
    """What the statement measures to: kind, span, and for borders whose border it is."""
    window = sentence[pos : pos + _CONTEXT]
    lead = len(window) - len(window.lstrip())
    start = pos + lead
    rest = sentence[start : start + _CONTEXT]
    stop = _TARGET_END.search(rest)
    phrase_end = start + (stop.start() if stop else len(rest))
    words = list(re.finditer(r"\S+", sentence[start:phrase_end]))[:8]
    if not words:
        return None, start, start, None, None
    end = start + words[-1].end()
    phrase = sentence[start:end]
    fl = FRONTLINE_WORDS.match(phrase)
    if fl:
        kind = "frontier" if fl.group(0).lower().rstrip().endswith("frontier") else "frontline"
        if kind == "frontier" and _owner(phrase[: fl.end()]):
            kind = "border"
        if kind == "frontline" and re.match(r"(?:the\s+)?fighting\b", phrase, re.IGNORECASE):
            end = start + fl.end()
        return kind, start, end, _owner(phrase[: fl.end()]) if kind == "border" else None, None
    bw = BORDER_WORDS.search(phrase)
    if bw and bw.start() <= 40:
        head, tail = phrase[: bw.start()], phrase[bw.end() :]
        partner_m = re.match(r"\s+(?:with|between|с|зі|із|з)\s+(.{0,60})", tail, re.IGNORECASE)
        partner = _owner(partner_m.group(1)) if partner_m else None
        owner = _owner(head)
        cut = start + bw.end() + (partner_m.end() if partner_m else 0)
        return "border", start, min(end, cut) if partner_m else start + bw.end(), owner, partner
    if rel in ("inside", "into", "вглубь", "вглиб", "углиб", "на территории", "на території", "в глубине",
               "в глибині"):  # fmt: skip
        owner = _owner(phrase)
        if owner:
            return "border", start, end, owner, None
    if BACKREF.match(phrase):
        of = re.match(r"^(?:the\s+)?\w+\s+of\s+", phrase, re.IGNORECASE)
        name = _NAME_RUN.match(phrase[of.end() :]) if of else None
        if of and name:
            return "place", start + of.end(), start + of.end() + name.end("name"), None, None
        return "backref", start, start + BACKREF.match(phrase).end(), None, None
    name = _NAME_RUN.match(phrase)
    if name and name.group("name"):
        return "place", start + name.start("name"), start + name.end("name"), None, None
    part = _PART_OF.match(phrase)  # "the outskirts of Pokrovsk", "побережья Крыма"
    name = _NAME_RUN.match(phrase[part.end() :]) if part else None
    if part and name:
        return (
            "place",
            start + part.end() + name.start("name"),
            start + part.end() + name.end("name"),
            None,
            None,
        )
    return None, start, end, None, None


_PART_OF = re.compile(r"^(?:the\s+)?(?:[a-z]+\s+){1,2}of\s+|^(?:[а-яёіїєґ'’ʼ]+\s+){1,2}(?=[А-ЯЁІЇЄҐ])")


_CAP = r"[«\"“']?[A-ZА-ЯЁІЇЄҐ][\w'’ʼ.-]*"
_NAME_RUN = re.compile(
    rf"^(?:the\s+)?(?P<name>{_CAP}(?:(?:\s+(?:on|upon|de|na|na-|на|над|под|під)\s+|\s+|-){_CAP})*)"
)
