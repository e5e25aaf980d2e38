"""Which characters a content file may hold, and how to say why one may not.

Checked twice, on purpose. The raw file is checked first, so a character that changes
what a reader of the YAML sees (a bidi override, a control character) is reported at its
exact line and column. Then every value is checked again after YAML has unescaped it:
``"\\u202E"`` or ``"\\0"`` in a quoted value passes the first check as plain letters and
becomes the refused character only once parsed.
"""

from __future__ import annotations

import unicodedata

#: Characters that change how text is displayed without being visible: a reader of the
#: YAML cannot see what the PDF will say (the "trojan source" trick).
BIDI_CONTROLS = frozenset(chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)))
#: Allowed inside a value although they are control characters.
_VALUE_WHITESPACE = frozenset("\n\t")


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
