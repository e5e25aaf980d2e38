"""A template set's word-styles file: what its HTML becomes in Word.

The writer knows the HTML subset and Word's built-in styles; everything one brief type
adds lives in its own folder, in ``word-styles.yaml``:

- ``elements``: what each class of the template is (``p.subtitle`` a paragraph in style
  *Subtitle*, ``table.memo`` a table with a label column, ``div.summary`` a shaded box,
  ``p.marking`` skipped), and what an element without a class is when the writer's own
  answer does not fit (``table``: every table without a class);
- ``styles``: the Word styles the set adds (or defines again), each read from a CSS rule;
- ``page``: the styles of the page's header and footer.

A set that builds on another says so with ``extends: <set>`` at the top: the base set's
file (the project's, else the built-in one) is read first, and this file's elements,
styles and page keys are laid over it, a key given here replacing the base's. The
talking points and the meeting report extend the briefing note this way and declare only
the classes they add.

A class the file does not declare is an error that names it, as any HTML outside the
subset is. The format is documented in docs/template-authors.md. Mistakes are reported
with the file, the line and the key, when the brief is rendered.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
)
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from ...errors import RenderError
from ...locations import builtin_dir
from ..assets import resolve_asset
from . import values
from .builtin import WRITER_STYLES
from .look import CHARACTER, PARAGRAPH, TABLE
from .subset import CONTAINERS, ELEMENTS, HEADINGS, INLINE, LISTS

#: Word's base styles a style may be based on besides those the writer and the set define.
WORD_BASES = {"Normal Table": TABLE, "Default Paragraph Font": CHARACTER}

_KEY = re.compile(r"^(?P<tag>[a-z][a-z0-9]*)(?:\.(?P<cls>-?[_a-zA-Z][_a-zA-Z0-9-]*))?$")


def _as_text(value: Any) -> Any:
    # YAML reads `after: 0` and `line-height: 1.2` as numbers; they are values all the same.
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return value


def _checked(kind: str) -> AfterValidator:
    def check(text: str) -> str:
        values.parse(text, kind)
        return text

    return AfterValidator(check)


Length = Annotated[str, BeforeValidator(_as_text), _checked(values.LENGTH)]
Box = Annotated[str, BeforeValidator(_as_text), _checked(values.BOX)]
Number = Annotated[str, BeforeValidator(_as_text), _checked(values.NUMBER)]
Colour = Annotated[str, BeforeValidator(_as_text), _checked(values.COLOUR)]
LineValue = Annotated[str, BeforeValidator(_as_text), _checked(values.LINE)]
Name = Annotated[str, Field(min_length=1)]


class _Model(BaseModel):
    # Keys are written as in CSS (keep-with-next); a key the format lacks is an error.
    model_config = ConfigDict(
        extra="forbid", frozen=True, alias_generator=lambda name: name.replace("_", "-")
    )


class Entry(_Model):
    """What one element, or one element with a class, becomes in Word."""

    paragraph: Name | None = None  # p, h1-h3: its style; a container: its loose text's
    character: Name | None = None  # span, strong, em, a
    break_before: bool = False  # span, strong, em, a: on a line of its own (display: block)
    skip: bool = False  # not written in the body
    box: Name | None = None  # a container: a one-cell table in this table style
    list_kind: Literal["bullet", "number", "none"] | None = Field(None, alias="list")
    item: Name | None = None  # a list item's first paragraph
    rest: Name | None = None  # its later paragraphs
    marker: Name | None = None  # the CSS rule its numbers look like (li::marker)
    by_depth: bool = False  # nested lists take "List Bullet 2", "List Bullet 3"
    table: Name | None = None  # table, dl: the table style
    head: Name | None = None  # <th>
    cell: Name | None = None  # <td>
    term: Name | None = None  # <dt>
    definition: Name | None = None  # <dd>
    label_column: list[Length] | None = None  # the first column's width: these lengths summed
    height: Length | None = None  # img


#: The keys of an entry each element may take.
_ROLE_KEYS: dict[str, frozenset[str]] = {
    **{tag: frozenset({"paragraph", "skip"}) for tag in HEADINGS | {"p"}},
    **{tag: frozenset({"paragraph", "box", "skip"}) for tag in CONTAINERS},
    **{tag: frozenset({"list", "item", "rest", "marker", "by-depth"}) for tag in LISTS},
    "table": frozenset({"table", "head", "cell", "label-column"}),
    "dl": frozenset({"table", "term", "definition", "label-column"}),
    **{tag: frozenset({"character", "break-before"}) for tag in INLINE - {"br", "img"}},
    "img": frozenset({"height"}),
}


class TypeLook(_Model):
    """The type a style has where its CSS rule says nothing."""

    size: Length | None = None
    bold: bool | None = None
    italic: bool | None = None
    caps: bool | None = None
    colour: Colour | None = None
    tracking: Length | None = None
    underline: bool | None = None


class Border(_Model):
    line: LineValue
    gap: Length = "0"


class StyleDef(TypeLook):
    """One Word style the set defines."""

    type: Literal["paragraph", "character", "table"] = "paragraph"
    based_on: Name | None = None
    next: Name | None = None
    look: Name | None = None  # the CSS rule whose type the style takes
    default: TypeLook | None = None
    # paragraph styles
    before: Length | None = None
    after: Length | None = None
    line_height: Annotated[str, BeforeValidator(_as_text)] | None = None  # "single" or a number
    keep_with_next: bool | None = None
    align: Literal["left", "center", "right", "justify"] | None = None
    indent: Length | None = None
    hanging: Length | None = None
    outline_level: Annotated[int, Field(ge=1, le=9)] | None = None
    border_bottom: Border | None = None
    tabs: list[Annotated[str, Field(pattern=r"^(left|center|right)\s+\S+$")]] | None = None
    baseline_with: Length | None = None
    # table styles
    padding: Box | None = None
    row_gap: Length | None = None
    row_rule: LineValue | None = None
    header_rule: LineValue | None = None
    left_bar: LineValue | None = None
    fill: Colour | None = None


_TYPE_LOOK = frozenset({"size", "bold", "italic", "caps", "colour", "tracking", "underline"})
_STYLE_KEYS: dict[str, frozenset[str]] = {
    CHARACTER: _TYPE_LOOK | {"type", "based-on", "look", "default"},
    PARAGRAPH: _TYPE_LOOK
    | {"type", "based-on", "next", "look", "default", "before", "after", "line-height"}
    | {"keep-with-next", "align", "indent", "hanging", "outline-level", "border-bottom"}
    | {"tabs", "baseline-with"},
    TABLE: frozenset({"type", "based-on", "padding", "row-gap", "row-rule", "header-rule"})
    | {"left-bar", "fill", "size"},
}


class PageStyles(_Model):
    header: Name | None = None  # the marking at the top of every page (default: Header)
    footer: Name | None = None  # reference, marking, page x of y (default: Footer)
    marking: Name | None = None  # the marking within the footer: a character style


class _File(_Model):
    extends: Name | None = None  # the set whose file this one is laid over
    elements: dict[str, Entry] = {}
    styles: dict[str, StyleDef] = {}
    page: PageStyles = PageStyles()


@dataclass(frozen=True)
class WordStyles:
    """A set's word-styles file, checked; empty for a set without one."""

    path: Path | None = None
    elements: Mapping[str, Entry] = field(default_factory=dict)
    styles: Mapping[str, StyleDef] = field(default_factory=dict)  # in the file's order
    page: PageStyles = PageStyles()
    lines: Mapping[tuple[str, ...], int] = field(default_factory=dict)  # key -> line

    def error(self, where: tuple[str, ...], message: str) -> RenderError:
        """A mistake found at ``where`` (keys from the top of the file)."""
        return RenderError(_described(self.path, where, message, self.lines))

    def kind_of(self, style: str) -> str | None:
        if style in self.styles:
            return self.styles[style].type
        return WRITER_STYLES.get(style) or WORD_BASES.get(style)


def load_word_styles(found: tuple[Path, str] | None) -> WordStyles:
    """The checked file from its path and text; RenderError naming file, line and key."""
    return WordStyles() if found is None else _load(*found)


#: How many sets deep ``extends`` may go; deeper is a loop.
_MAX_EXTENDS = 4


# Every brief of a batch reads the same file: parse it once per process (keyed by the
# text, so an edited file is read afresh).
@lru_cache(maxsize=16)
def _load(path: Path, text: str, _depth: int = 0) -> WordStyles:
    try:
        data = YAML(typ="rt", pure=True).load(text)
    except YAMLError as exc:
        raise RenderError(f"{shown(path)}: not valid YAML: {' '.join(str(exc).split())}") from None
    data = {} if data is None else data
    if not isinstance(data, Mapping):
        raise RenderError(f"{shown(path)}: must be a mapping of elements, styles and page")
    lines = _lines(data)
    try:
        parsed = _File.model_validate(_shorthands(data))
    except ValidationError as exc:
        problems = [
            _described(path, tuple(str(p) for p in err["loc"]), _message(err), lines)
            for err in exc.errors()
        ]
        raise RenderError("; ".join(problems)) from None
    book = WordStyles(path, parsed.elements, parsed.styles, parsed.page, lines)
    if parsed.extends is not None:
        book = _over(_base(path, parsed.extends, lines, _depth), book)
    problems = [str(book.error(where, message)) for where, message in _mistakes(book)]
    if problems:
        raise RenderError("; ".join(problems))
    return book


def _base(path: Path, name: str, lines: Mapping[tuple[str, ...], int], depth: int) -> WordStyles:
    """The word-styles of the set ``name`` that the file at ``path`` extends: the one in
    the same templates folder (the project's), else the built-in set's."""
    where = ("extends",)
    if depth >= _MAX_EXTENDS:
        raise RenderError(_described(path, where, "the sets extend each other in a loop", lines))
    roots = list(
        dict.fromkeys(p.resolve() for p in (path.parent.parent / name, builtin_dir() / name))
    )
    found = resolve_asset(roots[0] / path.name, roots, set())
    if found is None or found == path.resolve():
        message = f"no template set '{name}' with a {path.name} to extend"
        raise RenderError(_described(path, where, message, lines))
    try:
        text = found.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RenderError(f"{shown(found)}: cannot be read: {exc}") from None
    return _load(found, text, depth + 1)


def _over(base: WordStyles, own: WordStyles) -> WordStyles:
    """``own`` laid over ``base``: its entries and styles replace those of the same name;
    the base's styles keep their order, new ones follow (the order Word receives)."""
    page = base.page.model_copy(update=own.page.model_dump(exclude_unset=True))
    return WordStyles(
        own.path,
        {**base.elements, **own.elements},
        {**base.styles, **own.styles},
        page,
        own.lines,
    )


def _shorthands(data: Mapping[str, Any]) -> dict[str, Any]:
    """``p.subtitle: Subtitle`` for ``{paragraph: Subtitle}`` (``character`` for inline
    elements), and an empty entry for a class that is declared and nothing more."""
    out = dict(data)
    elements = data.get("elements")
    if isinstance(elements, Mapping):
        out["elements"] = {
            key: _entry(str(key), value) if not isinstance(value, Mapping) else value
            for key, value in elements.items()
        }
    return out


def _entry(key: str, value: Any) -> Any:
    if value is None:
        return {}
    tag = key.split(".", 1)[0]
    if isinstance(value, str) and tag in HEADINGS | {"p"}:
        return {"paragraph": value}
    if isinstance(value, str) and tag in INLINE:
        return {"character": value}
    return value  # pydantic reports what is wrong with it


def _mistakes(book: WordStyles) -> list[tuple[tuple[str, ...], str]]:
    """What the models cannot check alone: element names, which keys fit which element
    and style type, and that every style named is defined, of the kind its place needs."""
    found: list[tuple[tuple[str, ...], str]] = []

    def needs(where: tuple[str, ...], style: str | None, kind: str) -> None:
        if style is None:
            return
        has = book.kind_of(style)
        if has is None:
            found.append((where, f"style '{style}' is not defined; define it under styles"))
        elif has != kind:
            found.append((where, f"style '{style}' is a {has} style; a {kind} style is needed"))

    for key, entry in book.elements.items():
        where = ("elements", key)
        match = _KEY.match(key)
        if match is None or match["tag"] not in ELEMENTS:
            tag = match["tag"] if match else key
            found.append((where, f"<{tag}> is not in the HTML subset the DOCX writer supports"))
            continue
        tag = match["tag"]
        given = {_alias(name) for name in entry.model_fields_set}
        for extra in sorted(given - _ROLE_KEYS.get(tag, frozenset())):
            found.append(((*where, extra), f"does not apply to <{tag}>"))
        if entry.skip and given - {"skip"}:
            found.append((where, "a skipped element takes no other key"))
        if given & {"item", "rest", "marker", "by-depth"} and entry.list_kind is None:
            found.append((where, "say which list it is: list: bullet, number or none"))
        for name in ("paragraph", "item", "rest", "head", "cell", "term", "definition"):
            needs((*where, name), getattr(entry, name), PARAGRAPH)
        needs((*where, "character"), entry.character, CHARACTER)
        needs((*where, "box"), entry.box, TABLE)
        needs((*where, "table"), entry.table, TABLE)
    for name, style in book.styles.items():
        where = ("styles", name)
        given = {_alias(key) for key in style.model_fields_set}
        for extra in sorted(given - _STYLE_KEYS[style.type]):
            found.append(((*where, extra), f"does not apply to a {style.type} style"))
        needs((*where, "based-on"), style.based_on, style.type)
        needs((*where, "next"), style.next, PARAGRAPH)
        if style.line_height not in (None, "single"):
            try:
                values.parse(style.line_height, values.NUMBER)
            except ValueError as exc:
                found.append(((*where, "line-height"), f"{exc}, or single"))
    needs(("page", "header"), book.page.header, PARAGRAPH)
    needs(("page", "footer"), book.page.footer, PARAGRAPH)
    needs(("page", "marking"), book.page.marking, CHARACTER)
    return found


def _alias(name: str) -> str:
    return "list" if name == "list_kind" else name.replace("_", "-")


def _message(error: Mapping[str, Any]) -> str:
    if error["type"] == "extra_forbidden":
        return "unknown key (see docs/template-authors.md)"
    if error["type"] == "value_error":
        return str(error["ctx"]["error"])
    return str(error["msg"])


def shown(path: Path | None) -> str:
    """A path as the user would type it: relative to the working folder when inside it."""
    if path is None:
        return "word-styles.yaml"
    try:
        return str(path.relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _described(
    path: Path | None, where: tuple[str, ...], message: str, lines: Mapping[tuple[str, ...], int]
) -> str:
    line = next((lines[where[:n]] for n in range(len(where), 0, -1) if where[:n] in lines), 0)
    place = f"{shown(path)}:{line}" if line else shown(path)
    return f"{place}: {' > '.join(where)}: {message}" if where else f"{place}: {message}"


def _lines(data: Any, where: tuple[str, ...] = ()) -> dict[tuple[str, ...], int]:
    """The line (1-based) of every key of the file, for messages."""
    found: dict[tuple[str, ...], int] = {}
    if isinstance(data, Mapping) and hasattr(data, "lc"):
        for key, value in data.items():
            at = (*where, str(key))
            found[at] = data.lc.key(key)[0] + 1
            found |= _lines(value, at)
    return found
