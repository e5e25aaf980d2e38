"""Tables: HTML tables, the definition list and the summary box, as Word tables.

Each becomes a table with a named table style and fixed column widths (a label column
as wide as the CSS makes it); rows never split across pages and header rows repeat.
The cells are filled by the walk, so a cell holds whatever a block may hold.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from xml.etree import ElementTree as ET

from docx.enum.table import WD_TABLE_DIRECTION
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm

from .flow import Flow, Target
from .subset import child_elements, element_class, only, unsupported
from .theme import PT_PER_MM, Theme

if TYPE_CHECKING:  # the walk fills the cells and calls back here for nested tables
    from .walk import Builder


@dataclass(frozen=True)
class TableKind:
    style: str
    head: str  # paragraph style of a <th>
    cell: str  # paragraph style of a <td>
    label_mm: float | None = None  # width of a label column, from the CSS


def _label_mm(theme: Theme, selector: str, width_mm: float, padding_mm: float) -> float:
    """A label column as wide as its CSS ``width`` plus its right padding."""
    width = theme.pt(selector, "width", width_mm * PT_PER_MM)
    return (width + theme.pt(selector, "padding", padding_mm * PT_PER_MM, side=1)) / PT_PER_MM


def add_table(builder: Builder, el: ET.Element, kind: str | None, flow: Flow) -> None:
    t = builder.theme
    data = TableKind("Data Table", "Table Heading", "Table Text")
    kinds = {
        None: data,
        "data": data,
        "memo": TableKind(
            "Memo Table", "Memo Label", "Memo Value", _label_mm(t, "table.memo th", 24, 6)
        ),
        "facts": TableKind(
            "Facts Table", "Fact Label", "Fact Value", _label_mm(t, "table.facts th", 32, 3)
        ),
    }
    spec = kinds[kind]
    rows = list(_rows(el))
    if not rows:
        return
    cols = max(len(cells) for _, cells in rows)
    if cols == 0:  # e.g. <tr><p>..</p></tr>: the HTML parser moves the <p> out of the row
        raise unsupported(el, "has rows without cells; put the text in <td> or <th>")
    table = new_table(builder, flow, len(rows), cols, spec.style, spec.label_mm)
    table._tbl.tblPr.find(qn("w:tblLook")).set(
        qn("w:firstRow"), "1" if any(h for h, _ in rows) else "0"
    )
    for r, (header, cells) in enumerate(rows):
        _row_properties(table.rows[r], header)
        for c, cell_el in enumerate(cells):
            style = spec.head if cell_el.tag == "th" else spec.cell
            builder.blocks(cell_el, cell_flow(builder, table.cell(r, c), style))


def _rows(el: ET.Element) -> Iterator[tuple[bool, list[ET.Element]]]:
    parts = {"thead", "tbody", "tfoot", "tr"}
    for part in only(child_elements(el), parts, "cannot be inside <table>"):
        rows = [part] if part.tag == "tr" else list(child_elements(part))
        for tr in only(rows, {"tr"}, f"cannot be inside <{part.tag}>"):
            cells = list(only(list(child_elements(tr)), {"th", "td"}, "cannot be inside <tr>"))
            yield part.tag == "thead", cells


def cell_flow(builder: Builder, cell: Any, style: str) -> Flow:
    """A cell's content starts in the paragraph every cell already has."""
    first = cell.paragraphs[0]
    if style != "Normal":
        builder.styles.paragraph(first, style)
    width = cell.width.mm if cell.width else builder.theme.text_width_mm
    return Flow(Target(cell, width, reuse=first), style)


def new_table(
    builder: Builder, flow: Flow, rows: int, cols: int, style: str, label_mm: float | None
) -> Any:
    builder.marker_first(flow)
    table = flow.target.table(rows, cols)
    builder.styles.table(table, style)
    table.autofit = False
    width = flow.target.width_mm
    widths = [width / cols] * cols
    if label_mm and cols == 2:
        widths = [label_mm, width - label_mm]
    for column, column_width in zip(table.columns, widths, strict=True):
        column.width = Mm(column_width)
        for cell in column.cells:
            cell.width = Mm(column_width)
    if builder.page.rtl:
        table.table_direction = WD_TABLE_DIRECTION.RTL
    return table


def add_definitions(builder: Builder, el: ET.Element, flow: Flow) -> None:
    """A definition list is a borderless two-column table: term, then its meaning."""
    element_class(el)
    rows: list[tuple[ET.Element | None, list[ET.Element]]] = []
    for child in only(child_elements(el), {"dt", "dd"}, "cannot be inside <dl>"):
        if child.tag == "dt":
            rows.append((child, []))
        elif rows:
            rows[-1][1].append(child)
        else:
            rows.append((None, [child]))
    if not rows:
        return
    t, mm = builder.theme, PT_PER_MM
    column = t.pt("dl.acronyms", "grid-template-columns", 24 * mm)
    term_mm = (column + t.pt("dl.acronyms", "column-gap", 4 * mm)) / mm
    table = new_table(builder, flow, len(rows), 2, "Acronym Table", term_mm)
    for r, (term, meanings) in enumerate(rows):
        _row_properties(table.rows[r], False)
        if term is not None:
            builder.blocks(term, cell_flow(builder, table.cell(r, 0), "Acronym Term"))
        meaning_flow = cell_flow(builder, table.cell(r, 1), "Acronym Definition")
        for meaning in meanings:
            builder.blocks(meaning, meaning_flow)


def add_summary(builder: Builder, el: ET.Element, flow: Flow) -> None:
    """The summary box: one shaded cell with an accent bar, its content styled as usual."""
    table = new_table(builder, flow, 1, 1, "Summary Box", None)
    builder.blocks(el, cell_flow(builder, table.cell(0, 0), "Normal"))


def _row_properties(row: Any, header: bool) -> None:
    """Rows never split across pages; header rows repeat on every page."""
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))
    if header:
        tr_pr.append(OxmlElement("w:tblHeader"))
