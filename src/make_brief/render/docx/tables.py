"""Tables: HTML tables, definition lists and boxes, as Word tables.

Each becomes a table with a named table style and fixed column widths (a label column
as wide as the CSS makes it); rows never split across pages and header rows repeat.
The cells are filled by the walk, through ``Filler``, so a cell holds whatever a block
may hold.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from xml.etree import ElementTree as ET

from docx.enum.table import WD_TABLE_DIRECTION
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm

from .flow import Filler, Flow, Target
from .roles import TableKind
from .subset import child_elements, only, unsupported


def add_table(filler: Filler, el: ET.Element, kind: TableKind, flow: Flow) -> None:
    rows = list(_rows(filler, el))
    if not rows:
        return
    cols = max(len(cells) for _, cells in rows)
    if cols == 0:  # e.g. <tr><p>..</p></tr>: the HTML parser moves the <p> out of the row
        raise unsupported(el, "has rows without cells; put the text in <td> or <th>")
    table = new_table(filler, flow, len(rows), cols, kind.style, kind.label_mm)
    table._tbl.tblPr.find(qn("w:tblLook")).set(
        qn("w:firstRow"), "1" if any(h for h, _ in rows) else "0"
    )
    for row, (header, cells), word_cells in zip(
        table.rows, rows, _cells_by_row(table), strict=True
    ):
        _row_properties(row, header)
        for cell_el, cell in zip(cells, word_cells, strict=False):
            style = kind.head if cell_el.tag == "th" else kind.cell
            filler.blocks(cell_el, cell_flow(filler, cell, style))


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
    filler: Filler, flow: Flow, rows: int, cols: int, style: str | None, label_mm: float | None
) -> Any:
    filler.marker_first(flow)
    table = flow.target.table(rows, cols)
    if style is not None:
        filler.styles.table(table, style)
    table.autofit = False
    width = flow.target.width_mm
    widths = [width / cols] * cols
    if label_mm and cols == 2:
        widths = [label_mm, width - label_mm]
    for column, column_width in zip(table.columns, widths, strict=True):
        column.width = Mm(column_width)
    for row in _cells_by_row(table):
        for cell, column_width in zip(row, widths, strict=True):
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
