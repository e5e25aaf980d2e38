"""Tables: HTML tables, definition lists and boxes, as Word tables.

Each becomes a table with a named table style and fixed column widths: label columns
as wide as the CSS makes them, a data table's columns from their content or from the
``<colgroup>`` the template writes for ``widths:`` (widths.py). Rows never split across
pages and header rows repeat. As in the PDF, a table is held to what comes next only at
its ends (its header row and first row, its last two rows), so a short table moves
whole and a long one starts under its heading; a table whose kind keeps it together
(the label tables) is never broken. The cells are filled by the walk, through
``Filler``, so a cell holds whatever a block may hold.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from xml.etree import ElementTree as ET

from docx.enum.table import WD_TABLE_DIRECTION
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm

from . import widths
from .flow import Filler, Flow, Target
from .roles import TableKind
from .subset import child_elements, only, unsupported

#: How many rows at each end of a table stay with their neighbour (the CSS's
#: ``tbody tr:first-child`` and ``tr:nth-last-child(2)`` with ``break-after: avoid``).
HELD_ROWS = 1


def add_table(filler: Filler, el: ET.Element, kind: TableKind, flow: Flow) -> None:
    colgroups = [c for c in el if c.tag == "colgroup"]
    for group in colgroups:  # read here for its widths, never written as a block
        el.remove(group)
    rows = list(_rows(filler, el))
    if not rows:
        return
    cols = max(len(cells) for _, cells in rows)
    if cols == 0:  # e.g. <tr><p>..</p></tr>: the HTML parser moves the <p> out of the row
        raise unsupported(el, "has rows without cells; put the text in <td> or <th>")
    if kind.label_mm:
        column_widths = _label_widths(filler, flow, kind, rows, cols)
    else:
        column_widths = _data_widths(filler, flow, kind, rows, cols, colgroups)
    table = new_table(filler, flow, len(rows), cols, kind.style, kind.label_mm, column_widths)
    table._tbl.tblPr.find(qn("w:tblLook")).set(
        qn("w:firstRow"), "1" if any(h for h, _ in rows) else "0"
    )
    body = [i for i, (header, _) in enumerate(rows) if not header]
    held = set(body[:HELD_ROWS]) | set(body[-HELD_ROWS - 1 : -1])
    for index, (row, (header, cells), word_cells) in enumerate(
        zip(table.rows, rows, _cells_by_row(table), strict=True)
    ):
        _row_properties(row, header)
        for cell_el, cell in zip(cells, word_cells, strict=False):
            style = kind.head if cell_el.tag == "th" else kind.cell
            filler.blocks(cell_el, cell_flow(filler, cell, style))
        if header or index in held:
            for cell in word_cells:
                for paragraph in cell.paragraphs:
                    paragraph.paragraph_format.keep_with_next = True


def _data_widths(
    filler: Filler,
    flow: Flow,
    kind: TableKind,
    rows: list[tuple[bool, list[ET.Element]]],
    cols: int,
    colgroups: list[ET.Element],
) -> list[float]:
    """A data table's columns: the template's ``<colgroup>`` (the content file's
    ``widths:``), else widths from the text of each column, as the PDF lays it out."""
    total = flow.target.width_mm
    weights = widths.colgroup_weights(colgroups, cols)
    if weights is not None:
        return widths.from_weights(weights, total)
    texts = [(header, ["".join(c.itertext()) for c in cells]) for header, cells in rows]
    size, padding = _type_of(filler, kind)
    return widths.from_content(texts, cols, total, size, padding)


def _label_widths(
    filler: Filler,
    flow: Flow,
    kind: TableKind,
    rows: list[tuple[bool, list[ET.Element]]],
    cols: int,
) -> list[float] | None:
    """Label and value pairs, several to a row: the label columns as wide as the CSS
    makes them, the value columns shared by the length of their text (the PDF's
    automatic layout). None for a label and a value: the value takes the rest."""
    label = kind.label_mm or 0.0
    if cols < 4 or cols % 2:
        return None
    values = [(h, ["".join(c.itertext()) for c in cells[1::2]]) for h, cells in rows]
    size, padding = _type_of(filler, kind)
    room = flow.target.width_mm - label * cols / 2
    shared = widths.from_content(values, cols // 2, room, size, padding)
    return [label if i % 2 == 0 else shared[i // 2] for i in range(cols)]


def _type_of(filler: Filler, kind: TableKind) -> tuple[float, float]:
    """The cells' type size (pt) and the left and right padding of a cell (mm), as the
    styles say: the table style's cell margins and its text style's size."""
    size, padding = filler.styles.answer(("cell type", kind), lambda s: _cell_type(s, kind))
    return size or filler.theme.base_size, padding


def _cell_type(styles: Any, kind: TableKind) -> tuple[float | None, float]:
    size = None
    name: str | None = kind.cell
    while name and size is None:  # a style without a size takes its base style's
        style = styles[name] if name in styles else None  # noqa: SIM401 (no .get)
        size = style.font.size.pt if style is not None and style.font.size else None
        name = style.base_style.name if style is not None and style.base_style else None
    padding = 0.0
    if kind.style and kind.style in styles:
        margins = styles[kind.style].element.find(qn("w:tblPr") + "/" + qn("w:tblCellMar"))
        for side in margins if margins is not None else ():
            if side.tag in (qn("w:left"), qn("w:right")):
                padding += int(side.get(qn("w:w"), "0")) / 20 * 25.4 / 72
    return size, padding


def _cells_by_row(table: Any) -> list[list[Any]]:
    """Every cell, row by row, in one pass. python-docx's ``table.cell(r, c)`` lists all
    the table's cells on every call, so filling a 500 x 20 table cell by cell took over
    eight minutes; the tables make-brief writes have no merged cells, so each ``w:tc``
    of each row is one cell."""
    from docx.table import _Cell

    return [[_Cell(tc, table) for tc in tr.tc_lst] for tr in table._tbl.tr_lst]


def _rows(filler: Filler, el: ET.Element) -> Iterator[tuple[bool, list[ET.Element]]]:
    parts = {"thead", "tbody", "tfoot", "tr"}
    check = filler.role
    for part in only(child_elements(el), parts, "cannot be inside <table>", check):
        rows = [part] if part.tag == "tr" else list(child_elements(part))
        for tr in only(rows, {"tr"}, f"cannot be inside <{part.tag}>", check):
            cells = list(
                only(list(child_elements(tr)), {"th", "td"}, "cannot be inside <tr>", check)
            )
            yield part.tag == "thead", cells


def cell_flow(filler: Filler, cell: Any, style: str) -> Flow:
    """A cell's content starts in the paragraph every cell already has."""
    first = cell.paragraphs[0]
    if style != "Normal":
        filler.styles.paragraph(first, style)
    width = cell.width.mm if cell.width else filler.text_width_mm
    return Flow(Target(cell, width, reuse=first), style)


def new_table(
    filler: Filler,
    flow: Flow,
    rows: int,
    cols: int,
    style: str | None,
    label_mm: float | None,
    column_widths: list[float] | None = None,
) -> Any:
    filler.marker_first(flow)
    table = flow.target.table(rows, cols)
    if style is not None:
        filler.styles.table(table, style)
    table.autofit = False
    width = flow.target.width_mm
    sizes = column_widths or [width / cols] * cols
    if label_mm and cols % 2 == 0 and not column_widths:  # a label column and a value
        value = (width - label_mm * cols / 2) / (cols / 2)
        sizes = [label_mm if i % 2 == 0 else value for i in range(cols)]
    for column, column_width in zip(table.columns, sizes, strict=True):
        column.width = Mm(column_width)
    for row in _cells_by_row(table):
        for cell, column_width in zip(row, sizes, strict=True):
            cell.width = Mm(column_width)
    if filler.rtl:
        table.table_direction = WD_TABLE_DIRECTION.RTL
    return table


def add_definitions(filler: Filler, el: ET.Element, kind: TableKind, flow: Flow) -> None:
    """A definition list is a borderless two-column table: term, then its meaning."""
    rows: list[tuple[ET.Element | None, list[ET.Element]]] = []
    for child in only(child_elements(el), {"dt", "dd"}, "cannot be inside <dl>", filler.role):
        if child.tag == "dt":
            rows.append((child, []))
        elif rows:
            rows[-1][1].append(child)
        else:
            rows.append((None, [child]))
    if not rows:
        return
    table = new_table(filler, flow, len(rows), 2, kind.style, kind.label_mm)
    for row, (term, meanings), (term_cell, meaning_cell) in zip(
        table.rows, rows, _cells_by_row(table), strict=True
    ):
        _row_properties(row, False)
        if term is not None:
            filler.blocks(term, cell_flow(filler, term_cell, kind.head))
        meaning_flow = cell_flow(filler, meaning_cell, kind.cell)
        for meaning in meanings:
            filler.blocks(meaning, meaning_flow)


def add_box(filler: Filler, el: ET.Element, style: str, flow: Flow) -> None:
    """A box (the briefing note's summary): one cell in a table style that shades it;
    its content keeps its usual styles."""
    table = new_table(filler, flow, 1, 1, style, None)
    filler.blocks(el, cell_flow(filler, table.cell(0, 0), "Normal"))


def _row_properties(row: Any, header: bool) -> None:
    """Rows never split across pages; header rows repeat on every page."""
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))
    if header:
        tr_pr.append(OxmlElement("w:tblHeader"))
