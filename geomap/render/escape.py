"""Escaping for the two places article text can reach: HTML markup and JavaScript source.

Every string that came from an article (names, sentences, headlines, claimants) passes through
`html_text` before it is put into markup, and every data object is embedded in a <script> block only
through `script_json`, which cannot close the block or start a comment, whatever the text holds.
"""

from __future__ import annotations

import html
import json
import re

_JS_UNSAFE = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "'": "\\u0027",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_JS_UNSAFE_RE = re.compile("[<>&'\u2028\u2029]")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def html_text(value: object) -> str:
    """Text for HTML element content or a quoted attribute value; control characters dropped."""
    if value is None:
        return ""
    return html.escape(_CONTROL_RE.sub("", str(value)), quote=True)


def script_json(obj: object) -> str:
    """JSON that is safe inside an inline <script> (no </script>, <!--, or line separators break out)."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return _JS_UNSAFE_RE.sub(lambda m: _JS_UNSAFE[m.group(0)], text)
