"""Guesses at YAML errors made by a line not shaped as YAML wants.

Word's bullets instead of ``- ``, a field name without its ': ' (or without the space
after it), the text of a ``|`` value not indented under it, a line of text where a field
was expected, a line not lined up with the fields above it: each guesser yields the line
as it should be, and what to say.
"""

from __future__ import annotations

import re

from ruamel.yaml.error import MarkedYAMLError

from ..lines import BLOCK_INDICATOR, BULLET, Block, Line
from ..schema_paths import FIELD_NAMES
from .fixes import Fix, error_lines, error_mark


def pasted_bullets(lines: list[Line], inside: dict[int, Block], error: MarkedYAMLError):
    """``• item`` pasted from Word: every bullet line, at its own line."""
    found = []
    for index, line in enumerate(lines):
        match = BULLET.match(line.text)
        if index not in inside and match:
            found.append((index, match))
    if not found:
        return

    def fixes(align: bool) -> list[Fix]:
        made = []
        for index, match in found:
            indent = match.group(1)
            if align:  # lined up with the items written with "- " above it
                above = next((ln for ln in reversed(lines[:index]) if ln.dashes), None)
                indent = " " * above.dashes[0] if above else indent
            bullet = match.group(2)
            made.append(
                Fix(
                    index,
                    len(match.group(1)),
                    f"{indent}- {line_rest(index, match)}",
                    f"a '{bullet}' bullet: write '- ' instead"
                    + (", lined up with the '- ' above" if indent != match.group(1) else "")
                    + f": - {line_rest(index, match).strip()}",
                    len(indent) + 2,
                )
            )
        return made

    def line_rest(index: int, match: re.Match) -> str:
        return lines[index].text[match.end() :]

    yield fixes(align=False)
    yield fixes(align=True)


def missing_space_or_colon(lines: list[Line], inside: dict[int, Block], error: MarkedYAMLError):
    """``title:Outcome`` or ``title Outcome``, for a field make-brief knows."""
    last = error_mark(error)[0]
    for index in range(min(last, len(lines) - 1), max(last - 2, 0) - 1, -1):
        line = lines[index]
        if index in inside or line.blank:
            continue
        match = re.match(
            r"([A-Za-z_]+)(:(?=[^\s/])|[ \t]+(?=[^:\s]))(.*)$", line.text[line.start :]
        )
        if not match or match.group(1) not in FIELD_NAMES or ":" in match.group(3):
            continue
        key, rest = match.group(1), match.group(3).strip()
        fixed = line.text[: line.start] + f"{key}: {rest}"
        if match.group(2) == ":":
            message = f"put a space after the ':' of {key}: {key}: {rest}"
        else:
            message = f"a ':' is missing after {key}; write {key}: {rest}"
        yield [Fix(index, line.start + len(key), fixed, message, line.start)]


def not_a_field(lines: list[Line], inside: dict[int, Block], error: MarkedYAMLError):
    """A line of text where a field was expected: a note without its ``#``, or the next
    line of a value that is not indented under it."""
    first = [i for i, ln in enumerate(lines) if i not in inside and not ln.blank][:1]
    for index in dict.fromkeys([*first, *error_lines(lines, error)]):
        line = lines[index]
        if index in inside or line.blank or line.key is not None or line.dashes:
            continue
        above = next(
            (lines[i] for i in range(index - 1, -1, -1) if i not in inside and not lines[i].blank),
            None,
        )
        if above is not None and line.indent > (above.start if above.key else above.indent):
            continue  # indented: the next line of the value above
        message = (
            "this line is not a field (name: value); if it is a note, start it with '# ', and "
            "if it continues the value above, indent it under that value"
        )
        fixed = line.text[: line.indent] + "# " + line.text[line.indent :]
        yield [Fix(index, line.indent, fixed, message, line.indent)]


def block_text(lines: list[Line], inside: dict[int, Block], error: MarkedYAMLError):
    """The text of a ``|`` value not indented, or less indented than its first line (YAML
    reads the first line less indented as the end of the text, and stumbles lines later)."""
    ends: dict[int, int] = {}  # the last line of each block, by its opener
    for index, block in inside.items():
        ends[block.opener] = max(index, ends.get(block.opener, index))
    after_blocks = [
        next((i for i in range(last + 1, len(lines)) if lines[i].text.strip()), last)
        for last in sorted(ends.values())
    ]
    for index in dict.fromkeys([*error_lines(lines, error), *after_blocks]):
        if index in inside or lines[index].blank:
            continue
        line = lines[index]
        above = next((i for i in range(index - 1, -1, -1) if lines[i].text.strip()), None)
        if above is None:
            continue
        opener = lines[above]
        if above in inside:
            block = inside[above]
            key = lines[block.opener]
            if block.threshold < line.indent < block.indent:
                message = (
                    f"line {index + 1} is indented {_spaces(line.indent)}, the text above it "
                    f"{block.indent}; indent every line of this text by at least "
                    f"{_spaces(block.indent)}, as its first line"
                )
                fixed = " " * block.indent + line.text.lstrip(" ")
                yield [
                    Fix(
                        index,
                        line.indent,
                        fixed,
                        message,
                        key.value_col,
                        field_line=block.opener,
                    )
                ]
            continue
        if not BLOCK_INDICATOR.fullmatch(opener.text[opener.value_col :].rstrip()):
            continue
        threshold = opener.start if opener.key is not None else opener.value_col - 2
        if line.indent > threshold:
            continue
        indent = " " * (threshold + 2)
        more = []
        for later in range(index + 1, len(lines)):
            ln = lines[later]
            if ln.indent <= threshold and (ln.key in FIELD_NAMES or ln.dashes):
                break
            more.append((later, indent + ln.text.lstrip(" ") if ln.text.strip() else ln.text))
        name = opener.key or "item"
        message = (
            f"the text of {name} must be indented below "
            f"'{opener.text[opener.indent :].rstrip()}': start each of its lines with "
            f"{_spaces(threshold + 2)}"
        )
        yield [
            Fix(
                index,
                line.indent,
                indent + line.text.lstrip(" "),
                message,
                opener.value_col,
                tuple(more),
                field_line=above,
            )
        ]


def indentation(lines: list[Line], inside: dict[int, Block], error: MarkedYAMLError):
    """A line not lined up with any field above it (YAML reports it as ``<block end>``
    expected, or as a ': ' in the value of the line above)."""
    first = next((i for i, ln in enumerate(lines) if i not in inside and not ln.blank), None)
    if first is not None and lines[first].indent:
        # Every field of the brief starts at the beginning of its line, the first too.
        line = lines[first]
        message = (
            f"the first field is indented {_spaces(line.indent)}; start the fields of the "
            "brief at the beginning of the line"
        )
        yield [Fix(first, 0, line.text.lstrip(" "), message, 0)]
    for index in error_lines(lines, error):
        if index in inside or lines[index].blank:
            continue
        line = lines[index]
        structure = [i for i in range(index - 1, -1, -1) if i not in inside and not lines[i].blank]
        if not structure:
            continue
        nearest = lines[structure[0]]
        if nearest.opens and line.indent > nearest.start:
            continue  # a new level under "key:": any deeper indentation is fine
        keys, items = _columns_above(lines, structure)
        allowed = keys | items if line.dashes else keys
        if line.indent in allowed or not allowed:
            continue
        if line.dashes:  # an item: compared with the items above it
            above = next((lines[i].dashes[0] for i in structure if lines[i].dashes), None)
            what = "the '- ' above it"
        else:
            above = next((lines[i].start for i in structure if lines[i].key is not None), None)
            what = "the field above it"
        if above is None:
            above = nearest.start
        for target in sorted(allowed, key=lambda c: (abs(c - line.indent), c != above))[:2]:
            message = (
                f"line {index + 1} is indented {_spaces(line.indent)}, the lines above {above}; "
                + (
                    f"line it up with {what}"
                    if target == above
                    else f"line it up with the field it belongs with ({_spaces(target)})"
                )
            )
            fixed = " " * target + line.text[line.indent :]
            yield [Fix(index, line.indent, fixed, message, target + line.start - line.indent)]


def _columns_above(lines: list[Line], structure: list[int]) -> tuple[set[int], set[int]]:
    """The columns a line may start at, given the lines above: those of the keys and the
    list items it could be the sibling of."""
    keys: set[int] = set()
    items: set[int] = set()
    limit = 1 << 30
    for index in structure:
        line = lines[index]
        if line.key is None and not line.dashes:
            continue  # the next line of a long value
        if line.key is not None and line.start < limit:
            keys.add(line.start)
        items |= {d for d in line.dashes if d < limit}
        limit = min(limit, line.indent)
        if limit == 0:
            break
    return keys, items


def _spaces(count: int) -> str:
    return f"{count} space{'s' if count != 1 else ''}"
