"""The values of a word-styles file: written out, or read from the set's stylesheet.

A value is a literal (``5mm``, ``8pt``, ``1.2``, ``accent``, ``0.5pt rule``) or a
declaration of the stylesheet to read, with the literal to use when the stylesheet does
not declare it::

    after: h1 { margin-bottom } or 1.5mm

Reading the CSS is what keeps one look for both outputs: change the stylesheet or the
theme, and the Word styles follow. A literal is checked when the file is loaded; a
declaration when the styles are made, since only then is the stylesheet at hand.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

import tinycss2

from .look import Line
from .theme import SHORTHAND, UNITS_PT, Theme, first_colour

_DECLARATION = re.compile(
    r"^(?P<selector>[^{}]*[^{}\s])\s*\{\s*(?P<property>[a-z][a-z-]*)\s*\}"
    r"(?:\s+or\s+(?P<default>[^{}]*\S))?\s*$"
)
_SIDED = re.compile(r"^(margin|padding)-(top|right|bottom|left)$")
_SIDES = ("top", "right", "bottom", "left")

LENGTH = "length"  # 5mm, 8pt, 0
BOX = "box"  # one to four lengths, as CSS's padding: 1.2mm 0
NUMBER = "number"  # 1.2
COLOUR = "colour"  # a theme colour's name, or a CSS colour
LINE = "line"  # a width and a colour: 0.5pt rule
_EXAMPLES = {
    LENGTH: "a length such as 5mm or 8pt",
    BOX: "one to four lengths such as 1.2mm 0",
    NUMBER: "a number such as 1.2",
    COLOUR: "a colour: a name of the theme such as accent, or #1d3f6e",
    LINE: "a width and a colour such as 0.5pt rule",
}


@dataclass(frozen=True)
class Value:
    """``selector { property } or literal``, or a literal alone."""

    text: str  # as written, for messages
    selector: str | None = None
    prop: str | None = None
    literal: str | None = None


def parse(text: str, kind: str) -> Value:
    """``text`` as a value of ``kind``; ValueError saying what was expected."""
    if "{" in text or "}" in text:
        match = _DECLARATION.match(text.strip())
        if match is None:
            raise ValueError(
                f"{text!r} is not a declaration to read; write it as "
                "`selector { property }` or `selector { property } or default`, "
                "e.g. `h1 { margin-bottom } or 1.5mm`"
            )
        value = Value(text, match["selector"], match["property"], match["default"])
    else:
        value = Value(text, literal=text.strip())
    if value.literal is not None:
        _literal(value.literal, kind, None)  # the syntax only: colour names need a theme
    return value


def length(value: Value, theme: Theme) -> float:
    """A length in points."""
    default = _literal(value.literal, LENGTH, theme) if value.literal is not None else math.nan
    if value.selector is None:
        return default
    assert value.prop is not None
    sided = _SIDED.match(value.prop)
    if sided:
        found = theme.pt(value.selector, sided[1], default, side=_SIDES.index(sided[2]))
    else:
        found = theme.pt(value.selector, value.prop, default)
    return _declared(found, value)


def box(value: Value, theme: Theme) -> tuple[float, float, float, float]:
    """Four lengths in points: top, right, bottom, left."""
    nan = (math.nan,) * 4
    default = _literal(value.literal, BOX, theme) if value.literal is not None else nan
    if value.selector is None:
        return default
    assert value.prop is not None
    found = theme.box(value.selector, value.prop, default)
    top, right, bottom, left = (_declared(side, value) for side in found)
    return top, right, bottom, left


def number(value: Value, theme: Theme) -> float:
    default = _literal(value.literal, NUMBER, theme) if value.literal is not None else math.nan
    if value.selector is None:
        return default
    assert value.prop is not None
    return _declared(theme.ratio(value.selector, value.prop, default), value)


def colour(value: Value, theme: Theme) -> str:
    """A colour as Word's ``RRGGBB``."""
    if value.selector is not None:
        assert value.prop is not None
        found = theme.colour_of(value.selector, value.prop)
        if found is not None:
            return found
    if value.literal is None:
        raise _undeclared(value)
    return _literal(value.literal, COLOUR, theme)


def line(value: Value, theme: Theme) -> Line:
    if value.selector is not None:
        assert value.prop is not None
        found = theme.line(value.selector, value.prop)
        if found is not None:
            return found
    if value.literal is None:
        raise _undeclared(value)
    return _literal(value.literal, LINE, theme)


def _declared(found: float, value: Value) -> float:
    if math.isnan(found):
        raise _undeclared(value)
    return found


def _undeclared(value: Value) -> ValueError:
    return ValueError(
        f"{value.text!r}: the stylesheet does not declare {value.prop} for "
        f"{value.selector}; declare it, or add a default (`… or 5mm`)"
    )


def _literal(text: str, kind: str, theme: Theme | None) -> Any:
    """A literal of ``kind``; with ``theme`` None only its syntax is checked."""
    tokens = [
        t
        for t in tinycss2.parse_component_value_list(text)
        if t.type not in ("whitespace", "comment")
    ]
    try:
        if kind == LENGTH and len(tokens) == 1:
            return _points(tokens[0])
        if kind == BOX and 1 <= len(tokens) <= 4:
            sides = [_points(t) for t in tokens]
            top, right, bottom, left = (sides[i] for i in SHORTHAND[len(sides)])
            return top, right, bottom, left
        if kind == NUMBER and len(tokens) == 1 and tokens[0].type == "number":
            return float(tokens[0].value)
        if kind == COLOUR and len(tokens) == 1:
            return _colour(tokens[0], theme)
        if kind == LINE and len(tokens) == 2:
            return Line(_points(tokens[0]), _colour(tokens[1], theme))
    except ValueError as exc:
        raise ValueError(f"{text!r}: {exc}") from None
    raise ValueError(f"{text!r} is not {_EXAMPLES[kind]}")


def _points(token: Any) -> float:
    if token.type == "number" and token.value == 0:
        return 0.0
    if token.type == "dimension" and token.lower_unit in UNITS_PT:
        return token.value * UNITS_PT[token.lower_unit]
    units = ", ".join(UNITS_PT)
    raise ValueError(f"{tinycss2.serialize([token])} is not a length in {units}")


def _colour(token: Any, theme: Theme | None) -> str:
    if token.type == "ident" and theme is not None:
        return theme.colour(token.value)  # a name of the theme, or a CSS colour keyword
    if token.type == "ident":
        return token.value
    found = first_colour([token])
    if found is None:
        raise ValueError(f"{tinycss2.serialize([token])} is not a colour")
    return found
