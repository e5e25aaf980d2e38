"""Guesses at YAML errors made by a value YAML reads otherwise than it was typed.

A quote or bracket opened and never closed, Word's curly quotes, a value whose first
character means something to YAML (``*``, ``&``, ``[`` ...), a ': ' inside a value: each
guesser yields the line with the value in quotes (or closed), and what to say.
"""

from __future__ import annotations

from ruamel.yaml.error import MarkedYAMLError

from ..lines import (
    BLOCK_INDICATOR,
    CURLY_QUOTES,
    INDICATORS,
    Block,
    Line,
    in_quotes,
    indicator_message,
    rewritten,
    without_comment,
)
from ..places import Loc, noun_of, the_noun
from ..schema_paths import FIELD_NAMES, expected_kind
from .fixes import Fix, error_lines, error_mark


def _closes(value: str) -> int:
    """Where the quote ``value`` starts with is closed on this line, or -1."""
    quote, pos = value[0], 1
    while pos < len(value):
        if quote == '"' and value[pos] == "\\":
            pos += 2
            continue
        if value[pos] == quote:
            if quote == "'" and value[pos + 1 : pos + 2] == "'":
                pos += 2
                continue
            return pos
        pos += 1
    return -1


def unclosed(lines: list[Line], inside: dict[int, Block], error: MarkedYAMLError):
    """A quote, ``[`` or ``{`` never closed: YAML notices only where the file ends, or
    at a line far below; the mistake is where it was opened."""
    context = error.context or ""
    mark = error.context_mark
    if mark is not None and "quoted scalar" in context:
        yield from _unclosed_quote(lines, mark.line, mark.column)
    if mark is not None and "flow" in context and mark.line < len(lines):
        yield from _unclosed_bracket(lines, mark.line, mark.column)
    # A quote or bracket closed only on a later line, or never: the value ran on over
    # the fields below it, and YAML stumbled there.
    last = min(error_mark(error)[0], len(lines) - 1)
    for index in range(last, -1, -1):
        line = lines[index]
        value = line.text[line.value_col :]
        if index in inside:
            continue
        if value[:1] in ("'", '"') and _closes(value) < 0:
            yield from _unclosed_quote(lines, index, line.value_col)
            break
        if value[:1] in ("[", "{") and index != last:
            yield from _unclosed_bracket(lines, index, line.value_col)


def _unclosed_quote(lines: list[Line], index: int, col: int):
    line = lines[index]
    quote = line.text[col : col + 1]
    if quote not in ("'", '"') or _closes(line.text[col:]) >= 0:
        return
    value = line.text[col + 1 :].rstrip()
    closed = line.text[:col] + quote + value + quote

    def message(loc: Loc | None) -> str:
        where = loc or ()
        if quote == '"':
            return (
                f'the quote " opened here is never closed; end {the_noun(where)} with ": '
                + rewritten(line, col, f'"{value}"')
            )
        return (
            f"the quote ' opened here is never closed; end {the_noun(where)} with ', or if it is "
            f"an apostrophe put the whole {noun_of(where)} in double quotes: "
            + rewritten(line, col, in_quotes("'" + value))
        )

    yield [Fix(index, col, closed, message, col)]


def _unclosed_bracket(lines: list[Line], index: int, col: int):
    line = lines[index]
    opener = line.text[col : col + 1]
    if opener not in ("[", "{"):
        return
    depth, quote = 0, ""
    for ch in line.text[col:]:
        if quote:
            quote = "" if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        elif ch in "[{":
            depth += 1
        elif ch in "]}":
            depth -= 1
    if depth <= 0:
        return
    closer = "]" if opener == "[" else "}"
    value = without_comment(line.text[col:]).rstrip()
    closed = value + closer * depth

    def message(loc: Loc | None) -> str:
        where = loc or ()
        expected = expected_kind(where)
        if expected == "list" and opener == "[":
            return "the '[' opened here is never closed; end the list with ']': " + rewritten(
                line, col, closed
            )
        quoted = rewritten(line, col, in_quotes(value))
        if expected in ("text", "markdown"):
            return (
                f"the '{opener}' opened here is never closed; if it is part of the text, put "
                f"the whole {noun_of(where)} in quotes: {quoted}"
            )
        return (
            f"the '{opener}' opened here is never closed; close it with '{closer}', or if it "
            f"is part of the text put the whole {noun_of(where)} in quotes: {quoted}"
        )

    yield [Fix(index, col, line.text[:col] + closed, message, col)]


def curly_quotes(lines: list[Line], inside: dict[int, Block], error: MarkedYAMLError):
    """“Word's quotes” around a value: YAML reads them as letters, so a ': ' inside breaks."""
    for index in error_lines(lines, error):
        line = lines[index]
        value = line.value
        if index in inside or value[:1] not in CURLY_QUOTES:
            continue
        inner = value[1:]
        if inner[-1:] and inner[-1] in CURLY_QUOTES[value[0]]:
            inner = inner[:-1]
        fixed = in_quotes(inner)
        pair = "“ and ”" if value[0] in "“”„" else "‘ and ’"
        message = (
            f"{pair} are Word's curly quotes, which YAML does not read as quotes; use "
            f"straight quotes: " + rewritten(line, line.value_col, fixed)
        )
        yield [
            Fix(index, line.value_col, line.text[: line.value_col] + fixed, message, line.value_col)
        ]


def starts_with_indicator(lines: list[Line], inside: dict[int, Block], error: MarkedYAMLError):
    """A value whose first character means something to YAML, with more text after it."""
    for index in error_lines(lines, error):
        line = lines[index]
        value = line.value
        if index in inside or not value:
            continue
        first = value[0]
        col = line.value_col
        if first in ("'", '"') and _closes(value) > 0:
            # 'Director's office': the apostrophe closes the quotes; "A" and B: the
            # quotes close before the end of the value.
            wrapped = len(value) > 2 and value[-1] == first
            fixed = in_quotes(value[1:-1] if wrapped else value)

            def message(loc: Loc | None, line=line, col=col, first=first, fixed=fixed) -> str:
                return (
                    f"the quoted text ends at the second {first}, before the end of "
                    f"{the_noun(loc or ())}; put the whole {noun_of(loc or ())} in "
                    + ("double quotes: " if fixed[0] == '"' else "single quotes: ")
                    + rewritten(line, col, fixed)
                )

        elif first in "|>" and not BLOCK_INDICATOR.fullmatch(value):
            text = value[1:].lstrip("-+0123456789").strip()
            fixed = in_quotes(text)

            def message(loc: Loc | None, line=line, first=first) -> str:
                return (
                    f"after '{first}' the text starts on the next line: write "
                    f"'{line.text[line.indent : line.value_col]}{first}' and the text on the "
                    "lines below, indented by two more spaces"
                )

        elif first in INDICATORS:
            fixed = in_quotes(value)

            def message(loc: Loc | None, line=line, col=col, first=first) -> str:
                return indicator_message(loc or (), line, col, first)

        else:
            continue
        yield [Fix(index, col, line.text[:col] + fixed, message, col)]


def colon_in_value(lines: list[Line], inside: dict[int, Block], error: MarkedYAMLError):
    """``title: Outcome: agreed``: YAML reads the second ': ' as the start of a field."""
    if error.problem != "mapping values are not allowed here" or error.problem_mark is None:
        return
    index, col = error.problem_mark.line, error.problem_mark.column
    if index >= len(lines) or index in inside:
        return
    line = lines[index]
    if line.key is None or col < line.value_col:
        return  # the key's own colon: a matter of indentation
    # On a list line whose first word is no field name, the whole item is the text.
    whole = line.dashes and line.key not in FIELD_NAMES
    start = line.start if whole else line.value_col
    fixed = in_quotes(without_comment(line.text[start:]).rstrip())

    def message(loc: Loc | None) -> str:
        where = (*loc[:-1], 0) if whole and loc and not isinstance(loc[-1], int) else loc or ()
        return (
            f"{the_noun(where)} contains ': ', which YAML reads as the start of a field; put the "
            f"whole {noun_of(where)} in quotes: " + rewritten(line, start, fixed)
        )

    yield [Fix(index, col, line.text[:start] + fixed, message, start)]
