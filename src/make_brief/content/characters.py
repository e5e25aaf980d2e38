"""Which characters a content file may hold, and how to say why one may not.

Checked twice, on purpose. The raw file is checked first, so a character that changes
what a reader of the YAML sees (a bidi override, a control character) is reported at its
exact line and column. Then every value is checked again after YAML has unescaped it:
``"\\u202E"`` or ``"\\0"`` in a quoted value passes the first check as plain letters and
becomes the refused character only once parsed.
"""

from __future__ import annotations

import re
import unicodedata

#: Characters that change how text is displayed without being visible: a reader of the
#: YAML cannot see what the PDF will say (the "trojan source" trick).
BIDI_CONTROLS = frozenset(chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)))
#: Allowed inside a value although they are control characters.
_VALUE_WHITESPACE = frozenset("\n\t")


#: Every character :func:`refused_in_file` refuses (the Cc category is these 65 code
#: points for good: Unicode never changes it), and a carriage return that does not end a
#: line: a text without any is clean without asking character by character, which is
#: most of the time of a check.
FILE_SUSPECTS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff]|\r(?!\n)"
)
#: What :func:`refused_in_value` can refuse in an ASCII text: control characters but
#: the newline and the tab. A text with other characters is asked character by character.
_ASCII_REFUSED_IN_VALUE = re.compile("[\x00-\x08\x0b-\x1f\x7f]")


def value_may_be_refused(text: str) -> bool:
    """False when no character of ``text`` can be refused by :func:`refused_in_value`."""
    return not text.isascii() or _ASCII_REFUSED_IN_VALUE.search(text) is not None


def label(ch: str) -> str:
    """``U+202E RIGHT-TO-LEFT OVERRIDE``: the code point and, where it has one, its name."""
    return f"U+{ord(ch):04X} {unicodedata.name(ch, '')}".strip()


def refused_in_file(ch: str) -> str | None:
    """Why ``ch`` may not appear in a content file's text as typed, or None."""
    if ch != "\t" and (unicodedata.category(ch) == "Cc" or ch in BIDI_CONTROLS or ch == "\ufeff"):
        return f"invisible character {label(ch)} is not allowed; delete it"
    return None


def refused_in_value(ch: str) -> str | None:
    """Why ``ch`` may not appear in a value once YAML has read it, or None."""
    if ch in _VALUE_WHITESPACE:
        return None
    category = unicodedata.category(ch)
    code = ord(ch)
    escape = " (look for a \\ escape in the quoted value)"
    if category == "Cc":
        return f"control character {label(ch)} is not allowed; delete it{escape}"
    if ch in BIDI_CONTROLS or ch == "\ufeff":
        return f"invisible character {label(ch)} is not allowed; delete it{escape}"
    if category in ("Zl", "Zp"):
        return f"{label(ch)} is not allowed; start a new line instead{escape}"
    if category == "Cs":
        return (
            f"{label(ch)} is half of a character (a lone surrogate); write the character "
            "itself, or \\U followed by 8 hex digits for one beyond U+FFFF"
        )
    if 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE:
        return f"{label(ch)} is a noncharacter, not text; delete it{escape}"
    if category == "Co":
        return (
            f"private-use character {label(ch)} has no agreed meaning and no font prints it; "
            "write what it stands for in words"
        )
    if category == "Cn":
        return f"{label(ch)} is not a character Unicode has assigned; delete it"
    return None
