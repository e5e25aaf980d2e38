"""What each element of a brief's HTML becomes in Word, by its tag and its class.

The writer has its own answer for the elements of the subset (``h2`` is Heading 1, a
``ul`` a bulleted list); the set's word-styles file adds its classes and may change the
answer for an element without a class. The values it reads from the CSS (a label
column's width, an image's height) are read once, when the set's styles are made.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from xml.etree import ElementTree as ET

from ...errors import RenderError
from . import values
from .subset import SUBSET, check_attributes
from .theme import PT_PER_MM, Theme
from .wordstyles import Entry, WordStyles, shown


@dataclass(frozen=True)
class ListKind:
    item: str  # style of an item's first paragraph (the one with the marker)
    rest: str  # style of an item's later paragraphs
    marker: str | None  # "bullet", "number", or None for a list drawn without markers
    by_depth: bool = False  # nested lists use "List Bullet 2", "List Bullet 3"
    marker_rule: str | None = None  # the CSS rule its numbers look like, if not the list style's


@dataclass(frozen=True)
class TableKind:
    style: str | None  # the table style; None for Word's plain table
    head: str  # paragraph style of a <th> (of a <dt> in a definition list)
    cell: str  # paragraph style of a <td> (of a <dd>)
    label_mm: float | None = None  # width of a two-column table's first column


@dataclass(frozen=True)
class Role:
    """What one element becomes; the fields that apply depend on the element."""

    paragraph: str | None = None  # p, h1-h3: its style; a container: its loose text's
    character: str | None = None  # inline: its character style
    break_before: bool = False  # inline: on a line of its own
    skip: bool = False
    box: str | None = None  # a container drawn as a one-cell table in this style
    list: ListKind | None = None
    table: TableKind | None = None  # table and dl
    height_mm: float | None = None  # img


#: The writer's answer for an element without a class; any other element is a
#: container, a paragraph in the style of its place, or inline content as it is.
WRITER_ROLES: dict[str, Role] = {
    "h1": Role(paragraph="Title"),
    "h2": Role(paragraph="Heading 1"),
    "h3": Role(paragraph="Heading 2"),
    "ul": Role(list=ListKind("List Bullet", "List Continue", "bullet", by_depth=True)),
    "ol": Role(list=ListKind("List Number", "List Continue", "number", by_depth=True)),
    "table": Role(table=TableKind(None, "Normal", "Normal")),
    "dl": Role(table=TableKind(None, "Normal", "Normal")),
}
_FIRST = {"bullet": "List Bullet", "number": "List Number", "none": "Normal"}


class Roles:
    """The role of every element a set's HTML may hold."""

    def __init__(self, book: WordStyles, theme: Theme) -> None:
        self._path = book.path
        roles = dict(WRITER_ROLES)
        # Elements first: a class declared with nothing more takes its element's role.
        for key in sorted(book.elements, key=lambda k: "." in k):
            entry = book.elements[key]
            tag = key.split(".", 1)[0]
            if entry.model_fields_set:
                roles[key] = _role(tag, entry, _Reader(book, theme, ("elements", key)))
            else:
                roles[key] = roles.get(tag, Role())
        self._roles: Mapping[str, Role] = roles
        self._page_starts = _page_starts(theme)

    def of(self, el: ET.Element) -> Role:
        """``el``'s role, once its classes and attributes are checked."""
        classes = (el.get("class") or "").split()
        for name in classes:
            if f"{el.tag}.{name}" not in self._roles:
                raise self._undeclared(el.tag, name)
        check_attributes(el)
        return self._roles.get(f"{el.tag}.{classes[0]}" if classes else el.tag, Role())

    def starts_page(self, el: ET.Element) -> bool:
        """Whether the stylesheet starts ``el`` on a new page (``#id { break-before:
        page }``): the back matter of a brief, in Word as in the PDF."""
        found = (el.get("id") or "").strip()
        return bool(found) and (found in self._page_starts)

    def _undeclared(self, tag: str, name: str) -> RenderError:
        element = f'<{tag} class="{name}">'
        if self._path is None:
            return RenderError(
                f"docx: {element} is not in {SUBSET}: the template set has no "
                f"word-styles.yaml declaring {tag}.{name}"
            )
        return RenderError(
            f"docx: {element} is not in {SUBSET}: declare {tag}.{name} under elements "
            f"in {shown(self._path)}"
        )


class _Reader:
    def __init__(self, book: WordStyles, theme: Theme, where: tuple[str, ...]) -> None:
        self.book, self.theme, self.where = book, theme, where

    def length(self, key: str, text: str) -> float:
        try:
            return values.length(values.parse(text, values.LENGTH), self.theme)
        except ValueError as exc:
            raise self.book.error((*self.where, key), str(exc)) from None


#: The values of ``break-before`` (and the older ``page-break-before``) that start a page.
_PAGE_BREAKS = frozenset({"page", "always", "left", "right", "recto", "verso"})


def _page_starts(theme: Theme) -> frozenset[str]:
    """The ids the stylesheet starts on a new page: rules ``#id`` or ``tag#id``."""
    ids = set()
    for selector, declared in theme.rules.items():
        head, _, name = selector.rpartition("#")
        if (
            not name
            or " " in selector
            or "." in name
            or ":" in name
            or (head and not head.isalpha())
        ):
            continue
        for prop in ("break-before", "page-break-before"):
            values = {getattr(t, "lower_value", None) for t in declared.get(prop, [])}
            if values & _PAGE_BREAKS:
                ids.add(name)
    return frozenset(ids)


def _role(tag: str, entry: Entry, read: _Reader) -> Role:
    label = None
    if entry.label_column:
        label = sum(read.length("label-column", part) for part in entry.label_column) / PT_PER_MM
    table = None
    if tag == "table":
        table = TableKind(entry.table, entry.head or "Normal", entry.cell or "Normal", label)
    elif tag == "dl":
        table = TableKind(entry.table, entry.term or "Normal", entry.definition or "Normal", label)
    listed = None
    if entry.list_kind is not None:
        item = entry.item or _FIRST[entry.list_kind]
        rest = entry.rest or (item if entry.list_kind == "none" else "List Continue")
        marker = None if entry.list_kind == "none" else entry.list_kind
        listed = ListKind(item, rest, marker, entry.by_depth, entry.marker)
    # Not "/ PT_PER_MM": that gives 13.999… mm for 14 mm, and Word's whole EMUs would
    # shrink the logo by one.
    height = read.length("height", entry.height) * 25.4 / 72 if entry.height else None
    return Role(
        paragraph=entry.paragraph,
        character=entry.character,
        break_before=entry.break_before,
        skip=entry.skip,
        box=entry.box,
        list=listed,
        table=table,
        height_mm=height,
    )
