"""Markdown to paragraphs of plain text, with what the markup tells us (headings, image captions).

Line-based and linear: no Markdown renderer is needed to read prose, and regexes here have no nested
quantifiers. Code blocks, link targets, HTML tags and rules are dropped; image alt text becomes a caption.
"""

from __future__ import annotations

import re

_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_RULE = re.compile(r"^\s{0,3}(?:[-*_]\s*){3,}$")
_REFDEF = re.compile(r"^\s{0,3}\[[^\]\n]{1,200}\]:\s*\S+")
_IMAGE_LINE = re.compile(r"^\s*!\[([^\]\n]{0,500})\]\([^)\n]{0,1000}\)\s*(.*)$")
_IMAGE = re.compile(r"!\[([^\]\n]{0,500})\]\([^)\n]{0,1000}\)")
_LINK = re.compile(r"\[([^\]\n]{0,500})\](?:\([^)\n]{0,1000}\)|\[[^\]\n]{0,200}\])")
_AUTOLINK = re.compile(r"<(https?://[^>\s]{1,1000})>")
_TAG = re.compile(r"</?[A-Za-z][^<>\n]{0,500}>")
_EMPH = re.compile(r"(?<![\w*_~])[*_~]{1,3}(?=\S)|(?<=\S)[*_~]{1,3}(?![\w*_~])")
_CODE = re.compile(r"`{1,3}")
_QUOTE = re.compile(r"^\s{0,3}(?:>\s?)+")
_LIST = re.compile(r"^\s{0,6}(?:[-*+]|\d{1,3}[.)])\s+")


def inline(text: str) -> str:
    """Strip inline markup from one line, keeping the words."""
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _TAG.sub("", text)
    text = _CODE.sub("", text)
    text = _EMPH.sub("", text)
    return text.replace("\\", "").strip()


def markdown_blocks(text: str) -> list[tuple[str, str | None]]:
    """(paragraph, hint) pairs: hint 'title' for the first top heading, 'caption' for images, else None."""
    out: list[tuple[str, str | None]] = []
    para: list[str] = []
    in_code = False
    title_taken = False

    def flush() -> None:
        if para:
            out.append((" ".join(para), None))
            para.clear()

    for line in text.split("\n"):
        if _FENCE.match(line):
            flush()
            in_code = not in_code
            continue
        if in_code or _REFDEF.match(line):
            continue
        heading = _HEADING.match(line)
        if heading:
            flush()
            words = inline(heading.group(2))
            if words:
                hint = "title" if not title_taken and not out else None
                title_taken = title_taken or hint == "title"
                out.append((words, hint))
            continue
        if _SETEXT.match(line) and para:
            words = " ".join(para)
            para.clear()
            hint = "title" if not title_taken and not out and line.strip()[0] == "=" else None
            title_taken = title_taken or hint == "title"
            out.append((words, hint))
            continue
        if _RULE.match(line):
            flush()
            continue
        image = _IMAGE_LINE.match(line)
        if image:
            flush()
            caption = inline(image.group(1) + " " + image.group(2)).strip()
            if caption:
                out.append((caption, "caption"))
            continue
        stripped = _LIST.sub("", _QUOTE.sub("", line))
        if not stripped.strip():
            flush()
            continue
        if _LIST.match(_QUOTE.sub("", line)) and para:
            flush()  # each list item is its own paragraph
        words = inline(stripped)
        if words:
            para.append(words)
    flush()
    return out
