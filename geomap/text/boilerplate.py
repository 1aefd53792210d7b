"""Which paragraphs of a page are not the story: adverts, teasers for other stories, footers, captions.

News pages interleave the story with furniture. Places named there ("Vredepeel" in a stock-photo caption,
"US Capitol" in a teaser) must not be mapped as events, yet the text is kept so offsets stay valid; this
module only labels paragraphs. It uses two kinds of cue:

- patterns: marker lines ("Advertisement", "Read also", "Читайте також"), photo credits ("(Photo by ... /
  AFP)", "Фото:"), correction and subscription footers;
- layout: a teaser marker pulls in the headline-like lines next to it (a headline is short, has no final
  full stop); a headline repeated around a marker pulls in the summary paragraph under it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import ahocorasick

BODY = "body"

_ADVERTS = frozenset(
    """advertisement|advertising|ad|ads|sponsored|sponsored content|paid content|partner content|promoted
    |story continues below advertisement|article continues below advertisement|scroll to continue with content
    |continue reading below|continue reading the main story|реклама|рекламa|партнерский материал
    |партнерський матеріал|материал партнера|матеріал партнера|промо|на правах рекламы|на правах реклами
    |спецпроект|анонс|новости партнеров|новини партнерів|partner news|from our partners|promoted stories
    |sponsored stories""".replace("\n", "").split("|")
)
_ADVERTS = frozenset(a.strip() for a in _ADVERTS)

_TEASER_MARKERS = tuple(
    m.strip()
    for m in """other topics of interest|read also|also read|read more|more to read|related|related articles
    |related stories|related news|related coverage|related content|see also|more on this story
    |more on this topic|more from|you may also like|you might also like|recommended|recommended for you
    |most read|most popular
    |trending|must read|top stories|latest news|more news|читайте также|читайте також|читайте еще|читайте ще
    |смотрите также|дивіться також|по теме|по темі|на тему|еще по теме|ещё по теме|ще за темою|новости по теме
    |новини за темою|новини по темі|другие новости|інші новини|більше новин|рекомендуем|рекомендуємо
    |популярное|популярне|самое читаемое|найпопулярніше|последние новости|останні новини
    """.replace("\n", "").split("|")
)

_PUNCT = ".,:;!?—–-»«\"'|>→*"
_MARKERS_BY_FIRST_WORD: dict[str, list[str]] = {}
for _marker in _TEASER_MARKERS:
    _MARKERS_BY_FIRST_WORD.setdefault(_marker.split(" ", 1)[0], []).append(_marker)

_FOOTER_PHRASES = (
    "to suggest a correction", "ctrl + enter", "ctrl+enter", "ctrl + enter", "report a typo", "found a typo",
    "if you found an error", "if you spot an error", "если вы заметили ошибку", "если вы нашли ошибку",
    "нашли ошибку", "якщо ви помітили помилку", "якщо ви знайшли помилку", "помітили помилку",
    "all rights reserved", "все права защищены", "усі права захищені", "всі права захищені", "©",
    "subscribe to our", "sign up for our newsletter", "sign up to our", "follow us on", "join us on",
    "подписывайтесь на", "подпишитесь на", "підписуйтесь на", "підписуйтеся на", "приєднуйтесь до",
    "write to us", "contact us at", "contact the author",
    "reporting by", "editing by", "additional reporting",
    "share this article", "поделиться в", "поділитися в", "we want to hear from you", "have a news tip",
    "news tips:", "перепечатка материалов", "при використанні матеріалів", "при цитировании",
)  # fmt: skip

_AGENCY = (
    r"(?:afp|ap|reuters|getty images|epa|epa-efe|anadolu|ria novosti|tass|ukrinform|unian|shutterstock"
    r"|ассошиэйтед пресс|тасс|риа новости|укрінформ|уніан|униан|укринформ)"
)
# "(Photo by ... / AFP)", "(AP Photo/...)", "... / Reuters", or an agency credit closing the paragraph.
# An agency in parentheses then a dash opens a wire story ("KYIV (Reuters) -"): a dateline, not a credit.
_CREDIT = re.compile(
    r"(?i)\((?:[^()]{0,120}?\b)?(?:photo|photograph|image|picture|pic|video|фото|світлина|снимок)\b[^()]{0,120}\)"
    rf"|\b{_AGENCY}\s*(?:photo)?\s*\)\s*\.?$"
    r"|/\s*(?:afp|ap|reuters|getty images|epa|tass|тасс)\b"
    rf"|[.)]\s*(?:photo(?:graph)?:?\s*)?{_AGENCY}(?: via getty images)?\.?$"
)
_CAPTION_START = re.compile(
    r"(?i)^\s*(?:photo|photograph|photo credit|image|picture|illustrative (?:photo|image)|file photo"
    r"|pictured|in this photo|in this handout photo|in this image|on the photo|фото|фото ілюстративне"
    r"|фото иллюстративное|ілюстративне фото|иллюстративное фото|на фото|на снимке|на світлині"
    r"|світлина|иллюстрация|ілюстрація|скриншот|screenshot)\b\s*[:.—–-]?"
)
_CAPTION_END = re.compile(
    r"(?i)(?:photo|фото|світлина|image|credit)\s*:\s*[^\n]{1,80}$|\b(?:фото|photo)\s*[—–-]\s*[^\n]{1,60}$"
    r"|\b(?:фото|photo|світлина|image)\s*©\s*[^\n]{1,60}$"
)
_CAPTION_WORDS = re.compile(
    r"(?i)\b(?:is seen|are seen|pictured|poses for a photo|looks on|на фото|на снимке)\b"
)


def is_headline(par: str) -> bool:
    """A line that reads like a headline: short, several words, no final full stop or colon."""
    s = par.strip()
    if not s or "\n" in s or len(s) > 200:
        return False
    words = s.split()
    core = s.rstrip("\"'”’»)]")
    return 2 <= len(words) <= 30 and bool(core) and core[-1] not in ".:;,…"


def _norm(par: str) -> str:
    return re.sub(r"[\s\W_]+", " ", par.lower()).strip()


def _is_advert(par: str) -> bool:
    return len(par) <= 80 and _norm(par) in _ADVERTS


def _teaser_marker(par: str) -> str | None:
    """'whole' for a marker line of its own, 'inline' for 'Read also: <headline>', else None."""
    if len(par) > 300:
        return None
    low = par.strip().lower()
    first = low.split(" ", 1)[0].strip(_PUNCT)
    if first not in _MARKERS_BY_FIRST_WORD:
        return None
    norm = _norm(par)
    for marker in _MARKERS_BY_FIRST_WORD[first]:
        if norm == marker:
            return "whole"
        if low.startswith(marker):
            rest = low[len(marker) :].lstrip()
            if rest[:1] in (":", "—", "–", "-", "»", "|", ">", "→") or (
                low.startswith(marker + " ") and len(par) < 40
            ):
                return "inline"
    return None


def _automaton(words: Sequence[str]) -> ahocorasick.Automaton:
    """Substring search for many phrases in one pass (a regex alternation rescans at every position)."""
    automaton = ahocorasick.Automaton()
    for word in words:
        automaton.add_word(word, word)
    automaton.make_automaton()
    return automaton


def _contains_any(automaton: ahocorasick.Automaton, text: str) -> bool:
    return next(automaton.iter(text), None) is not None


_FOOTER = _automaton(_FOOTER_PHRASES)


def is_marker(par: str) -> bool:
    """An advert or teaser marker line ("Advertisement", "Read also: ...")."""
    return _is_advert(par) or _teaser_marker(par) is not None


# Short lines that open with a label and list sources or tags ("Tags: Kharkiv, drones" names places that
# are not events of the story).
_LABEL_LINE = re.compile(
    r"(?i)^\s*(?:source|sources|tags|topics|filed under|keywords|источник|источники|теги|тэги|темы|джерело"
    r"|джерела|теги|теми|ключові слова|ключевые слова)\s*:"
)


def _is_footer(par: str) -> bool:
    if len(par) <= 200 and _LABEL_LINE.match(par):
        return True
    return len(par) <= 400 and _contains_any(_FOOTER, par.lower())


# Words every caption pattern below needs one of: a cheap gate before the regexes.
_CAPTION_HINT = _automaton(
    (
        *"""photo фото image світлин снимок снимке picture video afp reuters getty tass тасс укрінформ уніан
        униан укринформ anadolu shutterstock ukrinform unian pictured seen looks credit illustr ілюстр
        иллюстр скриншот screenshot""".split(),
        *("ap)", "ap )", "/ap", "/ ap", "epa)", "epa )", "/epa", "/ epa", "риа новости"),
    )
)


def _is_caption(par: str) -> bool:
    if len(par) > 600 or not _contains_any(_CAPTION_HINT, par.lower()):
        return False
    if _CREDIT.search(par) or _CAPTION_START.match(par) or _CAPTION_END.search(par):
        return True
    return bool(_CAPTION_WORDS.search(par)) and len(par) < 300 and par.rstrip()[-1:] == ")"


def classify(paragraphs: Sequence[str], hints: Sequence[str | None] | None = None) -> list[str]:
    """Kind of each paragraph: body | caption | advert | teaser | footer (title is decided by the caller).

    `hints` carry what markup already said (an HTML figcaption, a Markdown image): they win.
    """
    n = len(paragraphs)
    kinds = [BODY] * n
    hints = list(hints) if hints is not None else [None] * n
    markers: list[int] = []
    for i, par in enumerate(paragraphs):
        if hints[i]:
            kinds[i] = hints[i]
        elif _is_advert(par):
            kinds[i] = "advert"
        elif (mark := _teaser_marker(par)) is not None:
            kinds[i] = "teaser"
            if mark == "whole":
                markers.append(i)
        elif _is_caption(par):
            kinds[i] = "caption"  # before footers: "Photo: ... © AFP" is a caption
        elif _is_footer(par):
            kinds[i] = "footer"
    for i in markers:
        _extend_teaser(paragraphs, kinds, i)
    return kinds


def _extend_teaser(paragraphs: Sequence[str], kinds: list[str], marker: int) -> None:
    """Pull the headlines around a teaser marker (and the summary under a repeated headline) into it."""
    before: set[str] = set()
    j = marker - 1
    while j > 0 and kinds[j] == BODY and is_headline(paragraphs[j]) and marker - j <= 2:
        kinds[j] = "teaser"
        before.add(_norm(paragraphs[j]))
        j -= 1
    k = marker + 1
    repeated = False
    while (
        k < len(paragraphs)
        and kinds[k] in (BODY, "teaser")
        and is_headline(paragraphs[k])
        and k - marker <= 6
    ):
        repeated = repeated or _norm(paragraphs[k]) in before
        kinds[k] = "teaser"
        k += 1
    if repeated and k < len(paragraphs) and kinds[k] == BODY and len(paragraphs[k]) <= 600:
        kinds[k] = "teaser"  # the summary printed under a repeated teaser headline
