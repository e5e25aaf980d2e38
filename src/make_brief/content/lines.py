"""The lines of a content file as typed, read without a YAML parser.

A file that YAML cannot parse has no tree to ask, yet its lines still say where a key, a
list dash or a value starts, and which lines are the text of a ``|`` value rather than
structure. The checks of the raw text, the diagnosis of YAML errors and the messages about
fields all read lines this way, and write the line as it should be with the same quotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .places import Loc, noun_of, the_noun

#: A key at the start of a line's content: plain text up to the first ':' that is followed
#: by a space or the line's end (``https://x`` is no key).
_KEY = re.compile(r"(?P<key>[^\s#'\"\[\]{},&*!|>%@`-][^#]*?|-[^\s#][^#]*?)[ \t]*:(?=[ \t]|$)")
#: A block scalar's indicator: ``|``, ``>``, ``|-``, ``>+2`` ... and perhaps a comment.
BLOCK_INDICATOR = re.compile(r"[|>][-+0-9]{0,2}[ \t]*(#.*)?")
#: A comment an author means as one: two spaces or more before the ``#``, a space after.
_COMMENT = re.compile(r"[ \t]{2,}#(?:[ \t].*)?$")
#: What Word puts at the start of a list item it pastes as text.
_BULLETS = "•◦▪▫‣⁃●○■□∙·–—➢►➤✓❖"
BULLET = re.compile(rf"( *)([{_BULLETS}])[ \t]*(?=\S)")
#: ``-item``: a list item without the space YAML needs after its dash.
DASH = re.compile(r"( *)(-)(?=[^\s-])")
#: Word's curly quotes, each with the quotes that may close it.
CURLY_QUOTES = {"“": "”“", "‘": "’‘", "„": "“”", "‚": "‘’", "”": "”", "’": "’"}


@dataclass(frozen=True)
class Line:
    """One line of the file as typed: where its key and its value are."""

    text: str
    indent: int  # leading spaces
    start: int  # where the content starts, after the spaces and any "- " markers
    dashes: tuple[int, ...]  # the columns of its "- " markers
    key: str | None  # the plain key it starts with, if any
    value_col: int  # where its value starts: after "key: ", else at ``start``

    @property
    def blank(self) -> bool:
        content = self.text.strip()
        return not content or content.startswith("#")

    @property
    def value(self) -> str:
        return without_comment(self.text[self.value_col :]).rstrip()

    @property
    def opens(self) -> bool:
        """Whether the lines below may be more indented: ``key:`` or ``-`` with no value."""
        return not self.value


def split_line(text: str) -> Line:
    text = text.removesuffix("\r")
    indent = len(text) - len(text.lstrip(" "))
    pos = indent
    dashes = []
    while text.startswith("-", pos) and (pos + 1 == len(text) or text[pos + 1] in " \t"):
        dashes.append(pos)
        pos += 1
        while pos < len(text) and text[pos] in " \t":
            pos += 1
    match = _KEY.match(text, pos)
    key, value_col = None, pos
    if match:
        key, value_col = match.group("key"), match.end()
        while value_col < len(text) and text[value_col] in " \t":
            value_col += 1
    return Line(text, indent, pos, tuple(dashes), key, value_col)


def without_comment(value: str) -> str:
    return _COMMENT.sub("", value)


@dataclass(frozen=True)
class Block:
    """The text lines of a ``|`` or ``>`` value."""

    opener: int  # the line of ``key: |``
    threshold: int  # its lines are indented more than this
    indent: int  # as much as its first line


def text_blocks(lines: list[Line]) -> dict[int, Block]:
    """The lines (0-based) that are the text of a block value, not YAML structure."""
    inside: dict[int, Block] = {}
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        if line.blank or not BLOCK_INDICATOR.fullmatch(line.text[line.value_col :].rstrip()):
            continue
        threshold = line.start if line.key is not None else line.value_col - 2
        first = next((ln for ln in lines[index:] if ln.text.strip()), None)
        if first is None or first.indent <= threshold:
            continue
        block = Block(index - 1, threshold, first.indent)
        while index < len(lines) and (
            not lines[index].text.strip() or lines[index].indent >= block.indent
        ):
            inside[index] = block
            index += 1
    return inside


def in_quotes(value: str) -> str:
    """``value`` in the quotes that keep it exactly as written."""
    if '"' not in value and "\\" not in value:
        return f'"{value}"'
    return "'" + value.replace("'", "''") + "'"


def rewritten(line: Line, col: int, value: str) -> str:
    """The line as it should be written, from its first non-space: its key or dash, then
    ``value`` in place of what starts at ``col``."""
    return line.text[line.indent : col] + value


#: What YAML makes of a value's first character, in words.
INDICATORS = {
    "*": "which YAML reads as a reference to another value",
    "&": "which YAML reads as a name for the value",
    "!": "which YAML reads as a type",
    "[": "which YAML reads as the start of a list",
    "{": "which YAML reads as the start of a group of fields",
    "@": "which YAML does not allow at the start of a value",
    "`": "which YAML does not allow at the start of a value",
    "%": "which YAML does not allow at the start of a value",
    ",": "which YAML does not allow at the start of a value",
    "-": "which YAML reads as the start of a list item",
    "?": "which YAML reads as the start of a complex field name",
}


def indicator_message(loc: Loc, line: Line, col: int, first: str) -> str:
    """What to say of the value at ``col`` of ``line``: it starts with ``first``, which
    means something to YAML, so the whole value goes in quotes."""
    value = without_comment(line.text[col:]).rstrip()
    return (
        f"{the_noun(loc)} starts with '{first}', {INDICATORS[first]}; put the whole "
        f"{noun_of(loc)} in quotes: " + rewritten(line, col, in_quotes(value))
    )
