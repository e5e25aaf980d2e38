"""Every Word style a brief's document holds: the writer's own, then the set's.

A style the set's word-styles file defines replaces the writer's definition of the same
name. Each is made into a look by reading its CSS values from the theme. They are
written paragraph styles first, then character styles, then table styles, the writer's
before the set's: a fixed order, so the same set gives the same bytes.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ...errors import RenderError
from . import values
from .builtin import SINGLE_LINE_EM, writer_styles
from .look import CHARACTER, PARAGRAPH, TABLE, Look, StyleSpec, TableLook
from .theme import PT_PER_MM, Theme
from .wordstyles import StyleDef, TypeLook, WordStyles

_ORDER = (PARAGRAPH, CHARACTER, TABLE)
#: What a style is based on when its definition does not say.
_BASED_ON = {PARAGRAPH: "Normal", CHARACTER: None, TABLE: "Normal Table"}
#: Word's names for the alignments CSS names.
_ALIGN = {"left": "left", "center": "center", "right": "right", "justify": "both"}


def all_styles(theme: Theme, book: WordStyles) -> list[StyleSpec]:
    """The writer's styles and the set's, each once, in the order they are written."""
    own = {spec.name: spec for spec in writer_styles(theme)}
    defined = {name: _spec(name, style, theme, book) for name, style in book.styles.items()}
    ordered = [defined.get(name, spec) for name, spec in own.items()]
    ordered += [spec for name, spec in defined.items() if name not in own]
    return sorted(ordered, key=lambda spec: _ORDER.index(spec.kind))


def _spec(name: str, style: StyleDef, theme: Theme, book: WordStyles) -> StyleSpec:
    read = _Reader(theme, book, ("styles", name))
    look: Look | TableLook
    look = _table_look(style, read) if style.type == TABLE else _look(style, read)
    based_on = style.based_on if "based_on" in style.model_fields_set else _BASED_ON[style.type]
    return StyleSpec(name, style.type, look, based_on, style.next)


class _Reader:
    """Values of one style, read from the theme; a mistake names the file and the key."""

    def __init__(self, theme: Theme, book: WordStyles, where: tuple[str, ...]) -> None:
        self.theme, self.book, self.where = theme, book, where

    def __call__(self, key: str, text: str | None, kind: str) -> Any:
        if text is None:
            return None
        try:
            value = values.parse(text, kind)
            return {
                values.LENGTH: values.length,
                values.BOX: values.box,
                values.NUMBER: values.number,
                values.COLOUR: values.colour,
                values.LINE: values.line,
            }[kind](value, self.theme)
        except ValueError as exc:
            raise self.error(key, str(exc)) from None

    def error(self, key: str, message: str) -> RenderError:
        return self.book.error((*self.where, *key.split("/")), message)


def _type(source: TypeLook, read: _Reader, prefix: str = "") -> dict[str, Any]:
    """The type properties ``source`` sets, as a look's fields."""
    found = {
        "size": read(prefix + "size", source.size, values.LENGTH),
        "colour": read(prefix + "colour", source.colour, values.COLOUR),
        "tracking": read(prefix + "tracking", source.tracking, values.LENGTH),
        "bold": source.bold,
        "italic": source.italic,
        "caps": source.caps,
        "underline": source.underline,
    }
    return {key: value for key, value in found.items() if value is not None}


def _look(style: StyleDef, read: _Reader) -> Look:
    """A paragraph or character style: the CSS rule's type over ``default``, and the
    style's own values over both."""
    fallback = Look(**_type(style.default, read, "default/")) if style.default else None
    look = read.theme.look(style.look, fallback) if style.look else fallback or Look()
    fixed = _type(style, read)
    fixed |= {
        "before": read("before", style.before, values.LENGTH),
        "after": read("after", style.after, values.LENGTH),
        "indent": read("indent", style.indent, values.LENGTH),
        "hanging": read("hanging", style.hanging, values.LENGTH),
        "keep_next": style.keep_with_next,
        "align": _ALIGN[style.align] if style.align else None,
        "outline": style.outline_level - 1 if style.outline_level else None,
    }
    if style.line_height == "single":
        fixed["line"] = 1.0
    elif style.line_height is not None:
        fixed["line"] = read("line-height", style.line_height, values.NUMBER) / SINGLE_LINE_EM
    if style.border_bottom is not None:
        fixed["border_bottom"] = (
            read("border-bottom/line", style.border_bottom.line, values.LINE),
            read("border-bottom/gap", style.border_bottom.gap, values.LENGTH),
        )
    if style.tabs is not None:
        fixed["tabs"] = tuple(_tab(tab, read) for tab in style.tabs)
    look = replace(look, **{key: value for key, value in fixed.items() if value is not None})
    if style.baseline_with is not None:
        # Cells are top-aligned in Word: a little space lines smaller text up with the
        # baseline of the text beside it, as the CSS's vertical-align: baseline does.
        beside = read("baseline-with", style.baseline_with, values.LENGTH)
        look = replace(look, before=max(0.0, (beside - (look.size or beside)) * 0.75))
    return look


def _tab(text: str, read: _Reader) -> tuple[str, float]:
    """``center 50%`` (of the text width) or ``right 160mm``."""
    kind, position = text.split(None, 1)
    width = read.theme.text_width_mm * PT_PER_MM
    if position.endswith("%"):
        try:
            return kind, width * float(position[:-1]) / 100
        except ValueError:
            raise read.error("tabs", f"{position!r} is not a percentage") from None
    return kind, read("tabs", position, values.LENGTH)


def _table_look(style: StyleDef, read: _Reader) -> TableLook:
    padding = read("padding", style.padding, values.BOX) or (0.0, 0.0, 0.0, 0.0)
    gap = read("row-gap", style.row_gap, values.LENGTH)
    if gap is not None:  # the space between rows, half above and half below each cell
        top, right, bottom, left = padding
        padding = (top + gap / 2, right, bottom + gap / 2, left)
    return TableLook(
        padding=padding,
        row_rule=read("row-rule", style.row_rule, values.LINE),
        header_rule=read("header-rule", style.header_rule, values.LINE),
        left_bar=read("left-bar", style.left_bar, values.LINE),
        fill=read("fill", style.fill, values.COLOUR),
        size=read("size", style.size, values.LENGTH),
    )
