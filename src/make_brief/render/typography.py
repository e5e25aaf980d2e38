"""Typographic conventions of a language, applied to the rendered HTML's text.

French sets a narrow no-break space before ``: ; ! ?`` and inside « guillemets », so the
sign never starts a line. Only spaces the author already typed are replaced: inserting
spaces would also touch ``https://`` or ``12:30``. Applied to the HTML, the one
intermediate, so the PDF and the DOCX get the same text.
"""

from __future__ import annotations

import re

NARROW_NBSP = "\u202f"

# Our HTML escapes every "<" of content, so a "<" always starts one of our own tags.
_TAG = re.compile(r"(<[^>]*>)")
_BEFORE_SIGN = re.compile(r"[ \u00a0](?=[:;!?»])")
_AFTER_GUILLEMET = re.compile(r"(?<=«)[ \u00a0]")


def apply(html: str, language: str) -> str:
    """``html`` with the language's spacing rules applied to the text of its body."""
    if language.split("-")[0].lower() != "fr":
        return html
    pieces = _TAG.split(html)  # odd pieces are tags, even ones the text between them
    in_body = False
    for index, piece in enumerate(pieces):
        if index % 2:
            in_body = in_body or piece.startswith("<body")
        elif in_body:
            pieces[index] = _AFTER_GUILLEMET.sub(NARROW_NBSP, _BEFORE_SIGN.sub(NARROW_NBSP, piece))
    return "".join(pieces)
