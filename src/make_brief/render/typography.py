"""Typographic conventions of a language, applied to the rendered HTML's text.

French sets a narrow no-break space (U+202F) before ``: ; ! ?`` and inside « guillemets »,
so the sign never starts a line: "Courriel : ...", "Annexe 1 : ...", "Pourquoi ?". A
space the author typed there becomes a narrow no-break one, and where none was typed one
is inserted, in the template's own words and in the content alike. Applied to the HTML,
the one intermediate, so the PDF and the DOCX get the same text.

Inserting is where care is needed: a colon is not always punctuation. Nothing is inserted

- inside an address: ``https://...``, ``www...``, ``mailto:``, an e-mail address;
- in ``12:30``, ``ISO 9001:2015`` or ``a:b``: a sign followed by anything but a space, the
  end of the text or closing punctuation is not the punctuation mark the rule is about;
- inside a link's text (``<a>``: an address, or a title cited as its source wrote it), nor
  in code (``<code>``, ``<pre>``...), where the characters are the point;
- after an opening bracket or quote, or at the start of a line: "(?)" stays as it is.
"""

from __future__ import annotations

import re
from html import unescape

NARROW_NBSP = "\u202f"

# Our HTML escapes every "<" of content, so a "<" always starts one of our own tags.
_TAG = re.compile(r"(<[^>]*>)")
_TAG_NAME = re.compile(r"<\s*(/?)\s*([A-Za-z][A-Za-z0-9-]*)")
_BEFORE_SIGN = re.compile(r"[ \u00a0](?=[:;!?»])")
_AFTER_GUILLEMET = re.compile(r"(?<=«)[ \u00a0]")
#: A character reference: one character of the text, never a ";" of its own.
_ENTITY = re.compile(r"(&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);)")
#: Text that is an address: a URL with its scheme (or www.), or an e-mail address.
_ADDRESS = re.compile(
    r"(?:[A-Za-z][A-Za-z0-9+.-]*://|www\.|mailto:|tel:)\S*|[^\s@<>()]+@[^\s@<>()]+\.\w[^\s<>()]*"
)

#: Elements whose text is left exactly as written (code) ...
_LITERAL = frozenset({"code", "pre", "kbd", "samp", "var", "script", "style", "textarea"})
#: ... or gets no inserted space (a link's words), though a typed space is still replaced.
_LINK = frozenset({"a"})
#: Elements that start a new line: a sign at their start follows nothing.
_BREAKS = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "br", "caption", "dd", "div",
        "dl", "dt", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6",
        "header", "hr", "li", "main", "nav", "ol", "p", "section", "table", "tbody", "td",
        "tfoot", "th", "thead", "tr", "ul",
    }
)  # fmt: skip

_SIGNS = ":;!?"
#: What may come right before an inserted space: not a space, and not an opening sign.
_OPENING = "([{«“‘„‚\"'/"
#: What may follow a sign that is punctuation (besides a space and the end of the text).
_CLOSING = ".,)]}»”’\"'…" + _SIGNS
_STRAIGHT_QUOTES = "\"'"
#: Stands for a character reference that is not one character.
_OTHER = "\ue000"


def apply(html: str, language: str) -> str:
    """``html`` with the language's spacing rules applied to the text of its body."""
    if language.split("-")[0].lower() != "fr":
        return html
    pieces = _TAG.split(html)  # odd pieces are tags, even ones the text between them
    in_body = False
    literal = link = 0  # how many such elements are open
    before = ""  # the text's last character so far on this line ("" at a line's start)
    for index, piece in enumerate(pieces):
        if index % 2:
            in_body = in_body or piece.startswith("<body")
            closing, name = _tag(piece)
            step = -1 if closing else (0 if piece.endswith("/>") else 1)
            if name in _LITERAL:
                literal = max(0, literal + step)
            elif name in _LINK:
                link = max(0, link + step)
            if name in _BREAKS:
                before = ""
            continue
        if not in_body or not piece or literal:
            if piece and in_body:
                before = piece[-1]
            continue
        text = _AFTER_GUILLEMET.sub(NARROW_NBSP, _BEFORE_SIGN.sub(NARROW_NBSP, piece))
        if not link:
            text = _insert_spaces(text, before)
        pieces[index] = text
        before = unescape(text[-8:])[-1:] or before
    return "".join(pieces)


def _tag(tag: str) -> tuple[bool, str]:
    found = _TAG_NAME.match(tag)
    if found is None:  # a comment or a doctype
        return False, ""
    return bool(found.group(1)), found.group(2).lower()


def _insert_spaces(text: str, before: str) -> str:
    """``text`` with a narrow no-break space inserted where French wants one and the
    author typed none; ``before`` is the character that precedes ``text`` on its line."""
    # One unit per character of the text: a character reference counts as the character
    # it stands for, so the ";" that ends "&amp;" is never taken for a semicolon.
    units: list[str] = []
    letters: list[str] = []
    for number, part in enumerate(_ENTITY.split(text)):
        if number % 2:
            units.append(part)
            meaning = unescape(part)
            letters.append(meaning if len(meaning) == 1 else _OTHER)
        else:
            units += part
            letters += part
    plain = "".join(letters)
    addresses = [m.span() for m in _ADDRESS.finditer(plain)]

    def in_address(at: int) -> bool:
        return any(start <= at < end for start, end in addresses)

    out: list[str] = []
    for at, unit in enumerate(units):
        char = letters[at]
        previous = letters[at - 1] if at else before
        if previous in _STRAIGHT_QUOTES and at >= 1:
            # A straight quote closes when a word comes right before it: '"Texte":'.
            ahead = letters[at - 2] if at >= 2 else before
            previous = "x" if ahead and not ahead.isspace() and ahead not in _OPENING else previous
        following = letters[at + 1] if at + 1 < len(letters) else ""
        if char in _SIGNS and previous not in _SIGNS and not in_address(at):
            # The first sign of a run ("?!"): the space goes before the run, and only
            # when the run is punctuation, i.e. followed by a space, the end or a closer.
            end = at
            while end < len(letters) and letters[end] in _SIGNS:
                end += 1
            after = letters[end] if end < len(letters) else ""
            if _spaced_after(previous) and (not after or after.isspace() or after in _CLOSING):
                out.append(NARROW_NBSP)
        elif char == "»" and _spaced_after(previous) and not in_address(at):
            out.append(NARROW_NBSP)
        out.append(unit)
        if char == "«" and following and not following.isspace() and not in_address(at):
            out.append(NARROW_NBSP)
    return "".join(out)


def _spaced_after(previous: str) -> bool:
    """Whether a space belongs after ``previous`` before a sign: a word, a number or a
    closing mark did come before, not a space, an opening mark or the start of a line."""
    return bool(previous) and not previous.isspace() and previous not in _OPENING + "«"
