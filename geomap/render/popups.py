"""Popup and tooltip HTML for a located place: every article string escaped here, nowhere else.

The popup answers "why is this dot here?": the place and its other names, each sentence that names it
with the mention highlighted, the role, event type and claimant, the confidence and the alternatives
that were set aside, the coordinates, and which article (and date) it came from.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import PurePath

from geomap.model import Candidate, Mention, Place
from geomap.render.escape import html_text as esc

_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
MAX_SENTENCE = 320
MAX_MENTIONS = 6
MAX_NAMES = 5  # other names shown at once; the rest wait behind "more" (a city has dozens)
PRECISION_LABEL = {1: "exact place", 2: "approximate (nearby)", 3: "region only"}


def split_names(place: Place) -> tuple[list[str], list[str]]:
    """The place's other names, Latin and Cyrillic apart, without repeats of its main name (uncapped)."""
    seen = {place.name.casefold()}
    latin: list[str] = []
    cyrillic: list[str] = []
    for name in place.names:
        key = name.strip().casefold()
        if not key or key in seen:
            continue
        seen.add(key)
        (cyrillic if _CYRILLIC.search(name) else latin).append(name.strip())
    return latin, cyrillic


def names_html(place: Place) -> str:
    """At most MAX_NAMES other names, Cyrillic first for a place in Ukraine or Russia; the rest behind a
    'more' the reader opens."""
    latin, cyrillic = split_names(place)
    names = [*cyrillic, *latin] if place.country in ("UA", "RU", "BY") else [*latin, *cyrillic]
    if not names:
        return ""
    shown = esc(", ".join(names[:MAX_NAMES]))
    rest = names[MAX_NAMES:]
    more = (
        f" <details class='gm-more'><summary>{len(rest)} more</summary>{esc(', '.join(rest))}</details>"
        if rest
        else ""
    )
    return f"<div class='gm-names'>Also: {shown}{more}</div>"


def highlighted_sentence(text: str, mention: Mention) -> str:
    """The mention's sentence as HTML with the mention in <mark>, trimmed around it when long."""
    sentence = mention.sentence or ""
    lo = hi = -1
    if sentence:
        s0 = text.rfind(sentence, 0, mention.start + len(sentence)) if text else -1
        if s0 >= 0 and s0 <= mention.start and mention.end <= s0 + len(sentence):
            lo, hi = mention.start - s0, mention.end - s0
        else:
            idx = sentence.find(mention.text)
            if idx >= 0:
                lo, hi = idx, idx + len(mention.text)
    elif text and 0 <= mention.start < mention.end <= len(text):
        a, b = max(0, mention.start - 120), min(len(text), mention.end + 120)
        sentence, lo, hi = text[a:b], mention.start - a, mention.end - a
    if lo < 0:
        return esc(_trim(sentence, 0, 0)[0]) if sentence else esc(mention.text)
    body, lo, hi = _trim(sentence, lo, hi)
    return f"{esc(body[:lo])}<mark>{esc(body[lo:hi])}</mark>{esc(body[hi:])}"


def _trim(sentence: str, lo: int, hi: int) -> tuple[str, int, int]:
    if len(sentence) <= MAX_SENTENCE:
        return sentence, lo, hi
    half = (MAX_SENTENCE - (hi - lo)) // 2
    a = max(0, lo - half)
    b = min(len(sentence), a + MAX_SENTENCE)
    a = max(0, b - MAX_SENTENCE)
    pre = "… " if a > 0 else ""
    post = " …" if b < len(sentence) else ""
    return pre + sentence[a:b] + post, lo - a + len(pre), hi - a + len(pre)


def _candidate_line(c: Candidate) -> str:
    p = c.place
    return (
        f"<li>{esc(p.label)} <span class='gm-dim'>{p.lat:.4f}, {p.lon:.4f} · score {c.score:.2f}</span></li>"
    )


def _mention_block(text: str, m: Mention, date: str | None = None) -> str:
    """One mention: the facts first (role, type, claimant, date, confidence, precision), then the sentence
    with the name highlighted, then why it was placed so."""
    facts = [f"<b>{esc(m.role)}</b>"]
    if m.event_type:
        facts.append(f"event: <b>{esc(m.event_type)}</b>")
    if m.claimant:
        facts.append(f"claimed by {esc(m.claimant)}")
    if date:
        facts.append(esc(date))
    facts.append(f"confidence {m.confidence:.0%}")
    facts.append(esc(PRECISION_LABEL.get(m.precision, f"precision {m.precision}")))
    if m.section != "body":
        facts.append(f"in {esc(m.section)}")
    out = [
        f"<div class='gm-facts'>{' · '.join(facts)}</div>",
        f"<blockquote>{highlighted_sentence(text, m)}</blockquote>",
    ]
    if m.note:
        out.append(f"<div class='gm-note'>{esc(m.note)}</div>")
    if m.alternatives:
        items = "".join(_candidate_line(c) for c in m.alternatives[:5])
        out.append(
            f"<details><summary>{len(m.alternatives)} other candidate(s)</summary><ul>{items}</ul></details>"
        )
    return "".join(out)


def article_label(title: str | None, source: str, date: str | None) -> str:
    """'Headline — 2024-12-22 (file.txt)' as escaped HTML."""
    name = PurePath(source).name if source and not source.startswith("<") else source
    head = esc(title) if title else esc(name or "article")
    tail = f" — {esc(date)}" if date else ""
    src = f" <span class='gm-dim'>({esc(name)})</span>" if title and name else ""
    return f"{head}{tail}{src}"


def popup_html(
    place: Place, mentions: Sequence[Mention], text: str, article: str, date: str | None = None
) -> str:
    """The whole popup for one place; `article` is already-escaped HTML from `article_label`."""
    where = ", ".join(x for x in (place.admin2, place.admin1, place.country) if x)
    parts = [f"<div class='gm-popup'><h4>{esc(place.name)}</h4>"]
    if where:
        parts.append(f"<div class='gm-dim'>{esc(where)} · {esc(place.kind)}</div>")
    for m in mentions[:MAX_MENTIONS]:
        parts.append(_mention_block(text, m, date))
    if len(mentions) > MAX_MENTIONS:
        parts.append(f"<div class='gm-dim'>and {len(mentions) - MAX_MENTIONS} more mention(s)</div>")
    parts.append(names_html(place))
    parts.append(f"<div class='gm-coord'>{place.lat:.5f}, {place.lon:.5f}")
    if place.geonameid:
        parts.append(f" · GeoNames {int(place.geonameid)}")
    parts.append(f"</div><div class='gm-src'>{article}</div></div>")
    return "".join(parts)


def tooltip_html(place: Place, mentions: Sequence[Mention]) -> str:
    """Short hover text: the place's name and the forms the article used, if different."""
    forms = []
    for m in mentions:
        if m.text and m.text.casefold() != place.name.casefold() and m.text not in forms:
            forms.append(m.text)
    extra = f" <span class='gm-dim'>({esc(', '.join(forms[:3]))})</span>" if forms else ""
    return f"{esc(place.name)}{extra}"
